"""Benchmark newslint beside the cost of parsing the same files and beside the peers.

Run from the repository root, with newslint installed in the active environment:

    python bench/run.py                 # shared corpus, x2 corpus, one post, peers
    python bench/run.py --skip-peers    # newslint and the parse floor only

It prints one Markdown table (files, MB, wall time, CPU time, files/s, MB/s, peak RSS, ratio of
wall times to the parse floor). Peers are installed on first use into bench/.peers from the npm
registry. Each measurement runs in its own process; CPU time includes its children, and peak
RSS is the largest sum of the resident sets of the process and all its descendants (for
``--jobs 2``, the main process and its workers together), sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PEERS = REPO / "bench" / ".peers"
NPM_PEERS = ("markdownlint-cli2", "htmlhint", "html-validate", "vnu-jar")
CONTENT = (".md", ".markdown", ".html", ".htm")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

FLOOR = """
import sys, yaml, html5lib
from pathlib import Path
from newslint.document import decode, split_front_matter
for name in sys.stdin.read().splitlines():
    text = decode(Path(name).read_bytes())
    if not isinstance(text, str):
        continue
    block = split_front_matter(text)
    if block is not None:
        try:
            yaml.load(text[block.content_start:block.content_end], Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    html5lib.parseFragment(text[block.end if block else 0:])
"""


@dataclass(frozen=True)
class Row:
    """One measured command."""

    name: str
    group: str
    """The corpus measured; ratios are to the parse floor of the same group."""
    files: int
    megabytes: float
    cost: Measured
    note: str = ""

    @property
    def seconds(self) -> float:
        return self.cost.seconds

    def cells(self, floor: float | None) -> list[str]:
        ratio = f"{self.seconds / floor:.2f}x" if floor else "—"
        rate = self.files / self.seconds if self.seconds else 0.0
        mbps = self.megabytes / self.seconds if self.seconds else 0.0
        return [
            self.name,
            str(self.files),
            f"{self.megabytes:.1f}",
            f"{self.seconds:.2f}",
            f"{self.cost.cpu:.2f}",
            f"{rate:,.0f}",
            f"{mbps:.2f}",
            f"{self.cost.rss_mb:.0f}",
            ratio,
            self.note,
        ]


def content_files(root: Path) -> list[Path]:
    """The files newslint lints under ``root`` (posts of Jekyll sites), in a stable order."""
    from newslint.discovery import Target, discover

    found = [t.path for t in discover([str(root)]) if isinstance(t, Target) and t.path]
    return sorted(found)


@dataclass(frozen=True)
class Measured:
    """What one command cost."""

    seconds: float
    """Wall time."""
    cpu: float
    """User + system CPU seconds of the process and every descendant it waited for."""
    rss_mb: float
    """Peak of the summed resident sets of the process and its descendants (sampled)."""


SAMPLE_SECONDS = 0.05


def measure(
    argv: Sequence[str],
    stdin: str | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run one command in a fresh process; its wall time, CPU time and peak tree RSS.

    The resident sets of the process and all its descendants (``--jobs`` workers, the JVM of a
    peer) are summed every 50 ms; the largest single process (from ``wait4``) is a floor for
    runs too short to sample.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
    )
    feeder = threading.Thread(target=_feed, args=(proc, (stdin or "").encode()))
    feeder.start()
    sampler = _Sampler(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)  # returns the moment it ends: the wall time
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.done.set()
    sampler.join()
    feeder.join()
    peak_kb = max(sampler.peak_kb, usage.ru_maxrss)
    return Measured(elapsed, usage.ru_utime + usage.ru_stime, peak_kb / 1024)


class _Sampler(threading.Thread):
    """Samples the summed RSS of a process tree every ``SAMPLE_SECONDS`` until told to stop."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.root))


def _feed(proc: subprocess.Popen[bytes], data: bytes) -> None:
    """Write ``data`` to the process's standard input and close it (in a thread: it may block)."""
    assert proc.stdin is not None
    try:
        proc.stdin.write(data)
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the command does not read its input


def _tree_rss_kb(root: int) -> int:
    """The summed resident set, in kB, of ``root`` and its descendants now (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # the process has gone
        fields = stat[stat.rindex(")") + 2 :].split()
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * PAGE_KB
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def replicate(source: Path, copies: int, into: Path) -> Path:
    """``copies`` copies of ``source`` side by side under ``into`` (a bigger corpus)."""
    for n in range(copies):
        shutil.copytree(source, into / f"copy{n}", symlinks=True)
    return into


def install_peers() -> dict[str, Path]:
    """npm-install the peer tools into bench/.peers (once) and return their entry points."""
    bin_dir = PEERS / "node_modules" / ".bin"
    missing = [p for p in NPM_PEERS if not (PEERS / "node_modules" / p).is_dir()]
    if missing:
        PEERS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(PEERS), *missing],
            check=True,
            capture_output=True,
        )
    tools = {name: bin_dir / name for name in ("markdownlint-cli2", "htmlhint", "html-validate")}
    tools["vnu"] = PEERS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    return {name: path for name, path in tools.items() if path.exists()}


def html_bodies(files: list[Path], into: Path) -> list[Path]:
    """Each post's body wrapped in a minimal HTML document (for the HTML-only peers)."""
    from newslint.document import decode, split_front_matter

    out = []
    for n, path in enumerate(files):
        text = decode(path.read_bytes())
        if not isinstance(text, str):
            continue
        block = split_front_matter(text)
        body = text[block.end if block else 0 :]
        target = into / f"{n:05}.html"
        target.write_text(
            f"<!DOCTYPE html>\n<html lang=en><head><title>post</title></head><body>\n{body}\n"
            "</body></html>\n",
            encoding="utf-8",
        )
        out.append(target)
    return out


NEWSLINT = [sys.executable, "-m", "newslint", "--format", "json", "--quiet"]
WARM = "--jobs 2, warm cache"
HOUSE = "--jobs 1, no cache, ten selector rules"
VARIANTS = {
    "--jobs 1, no cache": ["--jobs", "1", "--no-cache"],
    "--jobs 2, no cache": ["--jobs", "2", "--no-cache"],
    "--jobs 2, cold cache": ["--jobs", "2"],
    WARM: ["--jobs", "2"],
    HOUSE: [
        "--jobs",
        "1",
        "--no-cache",
        "--config",
        str(REPO / "bench" / "house" / "newslint.toml"),
    ],
}
RUNS = 3
MEDIAN_GROUPS = ("corpus", "corpus x2")
"""The corpora whose parse floor and runs without a cache, from which the goals' ratios are
worked out, are the median of ``RUNS`` runs (a single run moved by up to 15% on a shared VM)."""
MEDIAN_VARIANTS = ("--jobs 1, no cache", "--jobs 2, no cache", HOUSE)
"""The variants measured ``RUNS`` times on those corpora; the warm run always is (it is short)."""


def corpus_rows(label: str, root: Path, tmp: Path, variants: list[str]) -> list[Row]:
    """The parse floor and the chosen newslint variants on one corpus."""
    files = content_files(root)
    mb = sum(p.stat().st_size for p in files) / 1e6
    listing = "\n".join(map(str, files))
    env = bytecode_env(tmp)
    steady = label in MEDIAN_GROUPS
    floor, note = sampled([sys.executable, "-c", FLOOR], RUNS if steady else 1, env, listing)
    rows = [Row("parse floor", label, len(files), mb, floor, note)]
    cache = tmp / f"cache-{len(files)}"
    cache.mkdir()
    for name in variants:
        extra = [*VARIANTS[name]]
        if "--no-cache" not in extra:
            extra += ["--cache-dir", str(cache)]
        runs = RUNS if name == WARM or (steady and name in MEDIAN_VARIANTS) else 1
        cost, note = sampled([*NEWSLINT, *extra, str(root)], runs, env)
        rows.append(Row(f"newslint {name}", label, len(files), mb, cost, note))
    return rows


def sampled(
    argv: list[str], runs: int, env: dict[str, str], stdin: str | None = None
) -> tuple[Measured, str]:
    """The run of median wall time among ``runs`` runs of ``argv``, and a note saying so."""
    costs = [measure(argv, stdin=stdin, env=env) for _ in range(runs)]
    return median(costs), f"median of {runs} runs" if runs > 1 else ""


def median(costs: list[Measured]) -> Measured:
    """The run of median wall time."""
    return sorted(costs, key=lambda m: m.seconds)[len(costs) // 2]


def bytecode_env(tmp: Path) -> dict[str, str]:
    """The environment for newslint's processes, with Python's bytecode cache kept (in ``tmp``)
    as it is for an installed package, even where the environment sets
    ``PYTHONDONTWRITEBYTECODE``: compiling newslint's sources anew on every run would add
    ~60 ms that no user pays."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def run(args: argparse.Namespace) -> list[Row]:
    corpus = Path(args.corpus)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as scratch:
        tmp = Path(scratch)
        rows += corpus_rows("corpus", corpus, tmp, list(VARIANTS))
        if not args.quick:
            for copies in (2, 4):
                bigger = replicate(corpus, copies, tmp / f"x{copies}")
                chosen = (
                    [v for v in VARIANTS if v != HOUSE] if copies == 2 else ["--jobs 2, no cache"]
                )
                rows += corpus_rows(f"corpus x{copies}", bigger, tmp, chosen)
                shutil.rmtree(bigger)
        rows.append(one_post_row(content_files(corpus)[0], tmp))
        if not args.skip_peers:
            rows += peer_rows(corpus, tmp)
    return rows


ONE_POST_RUNS = 7


def one_post_row(post: Path, tmp: Path) -> Row:
    """newslint on one post as a pre-commit hook runs it: the median of several whole processes
    (bytecode cached, see ``bytecode_env``)."""
    env = bytecode_env(tmp)
    argv = [*NEWSLINT, "--no-cache", str(post)]
    measure(argv, env=env)  # writes the bytecode cache
    cost, note = sampled(argv, ONE_POST_RUNS, env)
    note += ", bytecode cached"
    return Row(
        "newslint, one post, whole process",
        "one post",
        1,
        post.stat().st_size / 1e6,
        cost,
        note,
    )


def peer_rows(corpus: Path, tmp: Path) -> list[Row]:
    tools = install_peers()
    files = content_files(corpus)
    mb = sum(p.stat().st_size for p in files) / 1e6
    bodies_dir = tmp / "bodies"
    bodies_dir.mkdir()
    bodies = html_bodies(files, bodies_dir)
    rows: list[Row] = []
    as_html = f"{len(bodies)} bodies wrapped as HTML documents"
    commands: dict[str, tuple[list[str], str]] = {
        "markdownlint-cli2": (
            [str(tools.get("markdownlint-cli2")), f"{corpus}/**/*.md"],
            ".md only",
        ),
        "htmlhint": ([str(tools.get("htmlhint")), str(bodies_dir)], as_html),
        "html-validate": ([str(tools.get("html-validate")), str(bodies_dir)], as_html),
        "vnu": (
            ["java", "-jar", str(tools.get("vnu")), "--errors-only", str(bodies_dir)],
            as_html,
        ),
    }
    for name, (argv, note) in commands.items():
        if name not in tools:
            rows.append(Row(name, "peers", 0, 0, Measured(0, 0, 0), "not installed"))
            continue
        rows.append(Row(name, "peers", len(files), mb, measure(argv, cwd=tmp), note))
    return rows


def render(rows: list[Row]) -> str:
    floors = {row.group: row.seconds for row in rows if row.name == "parse floor"}
    floors["peers"] = floors.get("corpus", 0.0)
    head = [
        "what",
        "corpus",
        "files",
        "MB",
        "wall s",
        "CPU s",
        "files/s",
        "MB/s",
        "peak RSS MB",
        "x floor",
        "note",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = row.cells(floors.get(row.group))
        lines.append("| " + " | ".join([cells[0], row.group, *cells[1:]]) + " |")
    cpu = platform.processor() or platform.machine()
    lines.append("")
    lines.append(f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}.")
    return "\n".join(lines)


Goal = tuple[str, float | None, str, float, bool]
"""A goal's name, the measured value, the target as shown, its bound, and whether the bound is
an upper one."""


def goals(rows: list[Row]) -> str:
    """The performance goals, each with what this run measured and whether it is met."""
    found = {(row.group, row.name): row for row in rows}

    def seconds(group: str, name: str) -> float | None:
        row = found.get((group, name))
        return row.seconds if row is not None and row.seconds else None

    def rate(group: str, name: str) -> float | None:
        row = found.get((group, name))
        return row.files / row.seconds if row is not None and row.seconds else None

    def ratio(top: float | None, bottom: float | None) -> float | None:
        return top / bottom if top is not None and bottom else None

    j1, j2 = "newslint --jobs 1, no cache", "newslint --jobs 2, no cache"
    cold, warm = "newslint --jobs 2, cold cache", f"newslint {WARM}"
    big = found.get(("corpus x2", j2))
    checks: list[Goal] = [
        *(
            (
                f"--jobs 1 / parse floor ({g})",
                ratio(seconds(g, j1), seconds(g, "parse floor")),
                "<= 1.3x",
                1.3,
                True,
            )
            for g in ("corpus", "corpus x2")
        ),
        (
            "ten selector house rules / none, --jobs 1 (corpus)",
            ratio(seconds("corpus", f"newslint {HOUSE}"), seconds("corpus", j1)),
            "<= 1.2x",
            1.2,
            True,
        ),
        (
            "--jobs 1 / --jobs 2 (corpus x2)",
            ratio(seconds("corpus x2", j1), seconds("corpus x2", j2)),
            ">= 1.7x",
            1.7,
            False,
        ),
        *(
            (
                f"warm / cold cache ({g})",
                ratio(seconds(g, warm), seconds(g, cold)),
                "<= 5%",
                0.05,
                True,
            )
            for g in ("corpus", "corpus x2")
        ),
        (
            "one post, whole process (s)",
            seconds("one post", "newslint, one post, whole process"),
            "<= 0.25 s",
            0.25,
            True,
        ),
        (
            "peak RSS, --jobs 2 (corpus x2, MB)",
            big.cost.rss_mb if big is not None else None,
            "<= 200 MB",
            200,
            True,
        ),
        (
            "files/s x1 / x4, --jobs 2",
            ratio(rate("corpus", j2), rate("corpus x4", j2)),
            "linear: <= 1.15x",
            1.15,
            True,
        ),
        *(
            (
                f"files/s, --jobs 2 / {peer}",
                ratio(rate("corpus", j2), rate("peers", peer)),
                "> 1x",
                1.0,
                False,
            )
            for peer in ("html-validate", "vnu")
        ),
    ]
    lines = ["| goal | measured | target | met |", "|---|---|---|---|"]
    for name, value, target, bound, upper in checks:
        if value is None:
            lines.append(f"| {name} | — | {target} | — |")
            continue
        shown = _shown(value, target.split()[-1])
        met = value <= bound if upper else value >= bound
        lines.append(f"| {name} | {shown} | {target} | {'yes' if met else 'no'} |")
    return "\n".join(lines)


def _shown(value: float, unit: str) -> str:
    """``value`` as its target is written: ``5%``, ``1.3x``, or a number and a unit."""
    if unit.endswith("%"):
        return f"{value:.1%}"
    if unit.endswith("x"):
        return f"{value:.2f}x"
    return f"{value:.2f} {unit}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", default=str(SHARED / "corpus"), help="posts to measure on")
    parser.add_argument("--skip-peers", action="store_true", help="do not run the peer tools")
    parser.add_argument("--quick", action="store_true", help="skip the replicated corpus")
    args = parser.parse_args(argv)
    if not Path(args.corpus).is_dir():
        print(f"bench: {args.corpus} does not exist; put ../shared beside the repository")
        return 2
    started = time.perf_counter()
    rows = run(args)
    print(render(rows))
    print()
    print(goals(rows))
    print(
        f"\n(benchmark took {time.perf_counter() - started:.0f} s; "
        f"max RSS of this script {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
