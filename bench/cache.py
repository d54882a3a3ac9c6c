"""Measure the result cache: a warm corpus, one file beside a big cache, two runs sharing one.

Run from the repository root, with newslint's dependencies in the active environment:

    python bench/cache.py                                  # this checkout
    python bench/cache.py --tree /tmp/base --tree .        # one column per checkout
    python bench/cache.py --rss                            # peak memory, spill and journal

Each checkout runs as ``python -m newslint`` with ``PYTHONPATH`` set to it, on
``../shared/corpus`` (every site directory named on the command line, default rules, the JSON
report thrown away). It prints one Markdown table, no verdict:

- *warm corpus*: the whole corpus again with the cache a first (cold) run left;
- *one file*: one post of a small site, with an empty cache, with a cache holding only its own
  result, and with one also holding the results of a 20,000-post site;
- *two runs at once*: the two halves of the corpus linted together into one empty cache dir,
  then how many results the store holds and how many files a third run (one process, the
  whole corpus) has to lint again.

With ``--rss``: the peak resident set of the main process and of the largest worker in a
whole-corpus run (cold; warm; warm with the site findings forgotten, so the site rules run on
entries from the cache; cold with the text report, which keeps the text of files with
findings), with results and index entries parked on disk as they are (``disk``), with the
result spill's budget unbounded (``spill``), and with temporary files in memory too
(``memory``: the index journal).
Wall times are medians of ``--runs`` runs, the checkouts taking turns, with the spread (min-max).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
BIG = 20_000

COUNT_LINTED = """
import sys, newslint.engine as engine
real, linted = engine.lint_document, []
def counted(*args, **kwargs):
    linted.append(1)
    return real(*args, **kwargs)
engine.lint_document = counted
from newslint.cli import main
main(sys.argv[1:])
print(len(linted), file=sys.stderr)
"""
"""Run newslint in this process and write how many files it linted (cache misses) to stderr."""

PEAK_RSS = """
import io, resource, sys, tempfile
if sys.argv[1] != "disk":
    from newslint.spill import ResultSpill
    ResultSpill.__init__.__defaults__ = (10**15,)
if sys.argv[1] == "memory":
    tempfile.TemporaryFile = lambda *args, **kwargs: io.BytesIO()
from newslint.cli import main
main(sys.argv[2:])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(own, workers, file=sys.stderr)
"""
"""Run newslint here, the result spill and the index journal as they are (``disk``), the spill's
budget unbounded (``spill``), or that and every temporary file in memory (``memory``); write the
peak resident sets (kB) of this process and of its largest worker to stderr."""

POST = """---
title: "Post {n}: notes on the {n}th release"
date: 2020-01-01 10:00:00
categories: [news]
tags: [release, notes]
---
<p>The {n}th release brings <b>fixes</b> and a few <i>features</i>.</p>
{extra}
Read the [changelog](/changelog/) for more.
"""


def newslint(
    tree: Path, args: Sequence[str], cwd: Path, *, code: str | None = None
) -> tuple[float, str]:
    """Run the newslint of ``tree`` (or ``code`` with it on the path); wall time and stderr."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("NEWSLINT_CACHE_DIR", None)
    command = [sys.executable, *(["-c", code] if code else ["-m", "newslint"]), *args]
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"newslint in {tree} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    return elapsed, done.stderr.decode()


Rows = dict[str, dict[Path, str]]
"""Cells by row label, then by checkout."""


def interleaved(runs: int, variants: dict[str, dict[Path, Callable[[], float]]]) -> Rows:
    """Each variant in each checkout ``runs`` times, taking turns (so a change of the machine's
    load touches all alike): the median wall time and the spread, as cells."""
    times: dict[str, dict[Path, list[float]]] = {
        label: {tree: [] for tree in runners} for label, runners in variants.items()
    }
    for _ in range(runs):
        for label, runners in variants.items():
            for tree, run in runners.items():
                times[label][tree].append(run())
    return {
        label: {
            tree: f"{statistics.median(t):.3f} s ({min(t):.3f}-{max(t):.3f})"
            for tree, t in by_tree.items()
        }
        for label, by_tree in times.items()
    }


def stored_results(cache: Path) -> int:
    """How many results the cache in ``cache`` holds, whatever its format."""
    directory = cache / ".newslint_cache"
    database = directory / "cache-v4.sqlite"
    if database.exists():
        with sqlite3.connect(database) as connection:
            (count,) = connection.execute("SELECT count(*) FROM results").fetchone()
            return int(count)
    lines = directory / "results-v3.jsonl"
    if lines.exists():
        with lines.open("rb") as handle:
            return sum(1 for _ in handle) - 1  # the header names the code fingerprint
    return 0


def sites() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def halves() -> tuple[list[str], list[str]]:
    """The corpus's sites in two groups of about as many files each (largest first)."""
    sizes = {name: sum(1 for p in (CORPUS / name).rglob("*") if p.is_file()) for name in sites()}
    groups: tuple[list[str], list[str]] = ([], [])
    totals = [0, 0]
    for name in sorted(sizes, key=lambda n: -sizes[n]):
        smaller = 0 if totals[0] <= totals[1] else 1
        groups[smaller].append(name)
        totals[smaller] += sizes[name]
    return groups


def lint_args(cache: Path, *paths: str) -> list[str]:
    return ["--cache-dir", str(cache), "--format", "json", *paths]


def warm_corpus(trees: dict[Path, Path], runs: int) -> Rows:
    """The corpus linted cold, then again with the cache it left (``trees``: each checkout and
    its scratch directory)."""
    rows: Rows = {"warm corpus: the first, cold run": {}}
    for tree, scratch in trees.items():
        cold, _ = newslint(tree, lint_args(scratch / "warm", *sites()), CORPUS)
        rows["warm corpus: the first, cold run"][tree] = f"{cold:.3f} s"

    def again(tree: Path) -> Callable[[], float]:
        return lambda: newslint(tree, lint_args(trees[tree] / "warm", *sites()), CORPUS)[0]

    return rows | interleaved(runs, {"warm corpus: again": {tree: again(tree) for tree in trees}})


def write_site(root: Path, posts: int) -> None:
    """A Jekyll site of ``posts`` generated posts, one in seven with a stray end tag."""
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: generated\n", encoding="utf-8")
    for n in range(posts):
        extra = "<p>a stray</span> end tag</p>\n" if n % 7 == 0 else ""
        day = f"{2000 + n // 336:04d}-{n // 28 % 12 + 1:02d}-{n % 28 + 1:02d}"
        text = POST.format(n=n, extra=extra)
        (root / "_posts" / f"{day}-post-{n}.md").write_text(text, encoding="utf-8")


def one_file(trees: dict[Path, Path], work: Path, runs: int) -> Rows:
    """One post of a small site: with an empty cache, a cache of its own result only, and one
    holding ``BIG`` more results (of posts in ``work``, shared by the checkouts)."""
    write_site(work / "small", 3)
    post = "small/_posts/2000-01-02-post-1.md"
    write_site(work / "big", BIG)
    time.sleep(2.1)  # a file state recorded within 2 s of a change is not trusted
    rows: Rows = {"one file: results in the big cache": {}}
    for tree, scratch in trees.items():
        newslint(tree, lint_args(scratch / "warm-1", post), work)
        newslint(tree, lint_args(scratch / "warm-big", "big"), work)
        newslint(tree, lint_args(scratch / "warm-big", post), work)
        rows["one file: results in the big cache"][tree] = (
            f"{stored_results(scratch / 'warm-big'):,}"
        )

    def run(tree: Path, cache: str) -> Callable[[], float]:
        def once() -> float:
            if cache == "empty":
                shutil.rmtree(trees[tree] / cache, ignore_errors=True)
            return newslint(tree, lint_args(trees[tree] / cache, post), work)[0]

        return once

    variants = {
        "one file: empty cache": "empty",
        "one file: cache of itself": "warm-1",
        f"one file: cache of {BIG:,} more results": "warm-big",
    }
    return rows | interleaved(
        runs,
        {label: {tree: run(tree, cache) for tree in trees} for label, cache in variants.items()},
    )


def two_at_once(tree: Path, scratch: Path) -> dict[str, str]:
    """The two halves of the corpus linted at once into one cache, then counted."""
    cache = scratch / "shared"
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("NEWSLINT_CACHE_DIR", None)
    procs = []
    start = time.perf_counter()
    for n, half in enumerate(halves()):
        report = scratch / f"half-{n}.json"
        command = [sys.executable, "-m", "newslint", *lint_args(cache, *half), "-o", str(report)]
        procs.append((subprocess.Popen(command, cwd=CORPUS, env=env), report))
    for proc, _ in procs:
        proc.wait()
    elapsed = time.perf_counter() - start
    files = sum(json.loads(report.read_bytes())["summary"]["files"] for _, report in procs)
    stored = stored_results(cache)
    _, err = newslint(tree, [*lint_args(cache, *sites()), "--jobs", "1"], CORPUS, code=COUNT_LINTED)
    again = int(err.split()[-1])
    return {
        "two runs at once: wall time of both": f"{elapsed:.3f} s",
        "two runs at once: results stored / files": f"{stored:,} / {files:,}",
        "two runs at once: files a third run lints again": f"{again:,}",
    }


def forget_site_findings(cache: Path) -> None:
    """Make the next run check the site again, whatever the cache's format."""
    directory = cache / ".newslint_cache"
    (directory / "site-v1.json").unlink(missing_ok=True)
    if (directory / "cache-v4.sqlite").exists():
        with sqlite3.connect(directory / "cache-v4.sqlite") as connection:
            connection.execute("DELETE FROM site_memo")


def peak_rss(tree: Path, scratch: Path) -> dict[str, str]:
    """Peak memory of whole-corpus runs, the site pass's parking on disk or in memory."""
    rows = {}
    runs = {  # the text report keeps the text of every file with findings, to show its lines
        "cold": ("json", "warm"),
        "warm": ("json", "warm"),
        "warm, site checked again": ("json", "warm"),
        "cold, text report": ("text", "text"),
    }
    for parked in ("disk", "spill", "memory"):
        for kind, (report, name) in runs.items():
            cache = scratch / f"rss-{parked}-{name}"
            if kind == "warm, site checked again":
                forget_site_findings(cache)
            args = [parked, "--cache-dir", str(cache), "--format", report, *sites()]
            _, err = newslint(tree, args, CORPUS, code=PEAK_RSS)
            own, workers = (int(kb) // 1024 for kb in err.split()[-2:])
            rows[f"peak RSS, {kind}, parked {parked}"] = f"{own} MB (worker {workers} MB)"
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", type=Path, help="a checkout (repeatable)")
    parser.add_argument("--runs", type=int, default=9, help="runs per wall time (median)")
    parser.add_argument("--rss", action="store_true", help="measure peak memory instead")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    trees = [t.resolve() for t in args.tree or [REPO]]
    with tempfile.TemporaryDirectory(prefix="newslint-cache-bench-") as name:
        scratch = Path(name)
        work = {tree: scratch / f"tree-{n}" for n, tree in enumerate(trees)}
        rows: Rows = {}
        if args.rss:
            each = [(tree, peak_rss(tree, work[tree])) for tree in trees]
        else:
            rows |= warm_corpus(work, args.runs)
            rows |= one_file(work, scratch / "sites", args.runs)
            each = [(tree, two_at_once(tree, work[tree])) for tree in trees]
        for tree, found in each:
            for label, cell in found.items():
                rows.setdefault(label, {})[tree] = cell
    print("| scenario | " + " | ".join(str(t) for t in trees) + " |")
    print("| --- |" + " --- |" * len(trees))
    for label, cells in rows.items():
        print(f"| {label} | " + " | ".join(cells.get(t, "—") for t in trees) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
