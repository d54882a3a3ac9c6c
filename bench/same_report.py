"""Show that a change of code leaves the whole-corpus report byte for byte as it was.

Run from the repository root, with newslint's dependencies in the active environment:

    python bench/same_report.py --base 8547a98      # compare this checkout with a commit

The commit is checked out into a temporary git worktree; both trees then lint every site of
``../shared/corpus`` (the site directories named on the command line, no cache) and write the
JSON report, once with the default rules and once with ``--select ALL``, then once more with a
cache left by a first run, so answering from the cache is compared too. The exit status is 0
when every report is identical, 1 otherwise (the first differing line is shown).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SELECTIONS = {"default": [], "all": ["--select", "ALL"]}


def report(tree: Path, sites: list[str], extra: list[str], cache: Path | None) -> bytes:
    """The JSON report of the newslint in ``tree`` on ``sites`` (a cold or a warm cache)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    caching = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    command = [sys.executable, "-m", "newslint", *caching, "--format", "json", *extra, *sites]
    done = subprocess.run(command, cwd=CORPUS, env=env, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"newslint in {tree} exited {done.returncode}: {done.stderr.decode().strip()}")
    return done.stdout


def first_difference(old: bytes, new: bytes) -> str:
    """The first line where two reports differ, as ``line N: old | new``."""
    for number, (a, b) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False), 1):
        if a != b:
            return f"line {number}:\n  base: {a[:300]!r}\n  this: {b[:300]!r}"
    return f"one report is a prefix of the other ({len(old)} and {len(new)} bytes)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare with")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    sites = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    same = True
    with tempfile.TemporaryDirectory(prefix="newslint-same-") as scratch:
        base = Path(scratch) / "base"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(base), args.base],
            check=True,
        )
        try:
            for name, extra in SELECTIONS.items():
                runs = {}
                for label, tree in (("base", base), ("this", REPO)):
                    cold = report(tree, sites, extra, None)
                    cache = Path(scratch) / f"cache-{label}-{name}"
                    report(tree, sites, extra, cache)
                    warm = report(tree, sites, extra, cache)
                    runs[label] = (cold, warm)
                for kind, old, new in (
                    ("cold", runs["base"][0], runs["this"][0]),
                    ("warm", runs["base"][1], runs["this"][1]),
                ):
                    digest = hashlib.sha256(new).hexdigest()[:16]
                    verdict = "identical" if old == new else "DIFFERENT"
                    print(f"{name:8} {kind}: {len(new):>10,} bytes sha256 {digest}  {verdict}")
                    if old != new:
                        same = False
                        print(first_difference(old, new))
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)], check=False
            )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
