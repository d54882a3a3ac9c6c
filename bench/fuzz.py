"""Coverage-guided fuzzing of ``lint_text`` and the fixer.

    python bench/fuzz.py --seconds 60            # atheris (libFuzzer) when installed
    python bench/fuzz.py --seconds 60 --engine hypothesis
    python bench/fuzz.py --seconds 600 --corpus .fuzz/corpus --crashes .fuzz/crashes
    python bench/fuzz.py --replay .fuzz/crashes/crash-1f64ed016fda63fa   # rerun saved inputs

Each input is either raw bytes (decoded strictly, as a file would be) or, chosen by its first
byte, the rest of the bytes drawn through the post grammar of ``tests/test_properties_strategies``
(hypothesis' ``fuzz_one_input``), so libFuzzer's mutations steer structured posts too. For every
input the target checks the properties of ``tests/test_properties.py``: no exception and no
``NL900``, positions that agree with the text, fixes (safe, or unsafe on odd inputs) that add no
finding and reach a fixpoint. A failure is printed once per distinct cause, its input saved
under ``--crashes``, and fuzzing goes on (``--stop-on-crash`` stops at the first). Install the
engine with ``pip install -e '.[fuzz]'``; without atheris, ``--engine hypothesis`` feeds random
bytes through the same target (not coverage-guided). ``--replay FILE...`` runs the target once on
saved inputs, prints the post each one makes (``repr``) and its failure, if any.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

Target = Callable[[bytes], None]
WARM_UP = "---\ntitle: Warm up\nimage: /x.png\n---\n<p><b>x</b> <a href=x target=_blank>y</a>\n"
"""A post that makes every lazily imported module (rules, parsers, fixer) load."""


class Stats:
    """Executions, distinct failures and the time of the last status line."""

    def __init__(self, crashes: Path, stop: bool) -> None:
        self.start = time.monotonic()
        self.last = self.start
        self.runs = 0
        self.seen: set[str] = set()
        self.crashes = crashes
        self.stop = stop
        self.post: str | bytes = b""
        """The post (or, when it is not UTF-8, the bytes) of the latest input."""

    def tick(self) -> None:
        self.runs += 1
        now = time.monotonic()
        if now - self.last >= 10:
            self.last = now
            self.status("status")

    def status(self, label: str) -> None:
        elapsed = time.monotonic() - self.start
        rate = self.runs / elapsed if elapsed else 0.0
        print(
            f"[fuzz] {label}: {self.runs} executions in {elapsed:.0f} s "
            f"({rate:.1f}/s), {len(self.seen)} distinct failure(s)",
            file=sys.stderr,
            flush=True,
        )

    def failure(self, data: bytes, exc: BaseException) -> None:
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        head = str(exc).split("\n", 1)[0][:120]
        cause = f"{type(exc).__name__} at {where}: {head}"
        if cause not in self.seen:
            self.seen.add(cause)
            self.crashes.mkdir(parents=True, exist_ok=True)
            name = self.crashes / f"crash-{hashlib.sha1(data).hexdigest()[:16]}"
            name.write_bytes(data)
            print(f"[fuzz] FAILURE {cause}\n  input saved to {name}", file=sys.stderr)
            traceback.print_exception(exc, limit=-6, file=sys.stderr)
            sys.stderr.flush()
        if self.stop:
            raise exc


def make_target(stats: Stats) -> Target:
    """The function called with every input (imports happen here, under instrumentation)."""
    from hypothesis import HealthCheck, given, settings

    from newslint.config import FileSettings
    from newslint.engine import lint_bytes
    from tests.test_properties import ALL, PATH, assert_positions, check_fix
    from tests.test_properties_strategies import posts

    check_fix(WARM_UP, unsafe=True)  # rules are imported on first use: import them now

    @settings(
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(posts())
    def structured(text: str) -> None:
        stats.post = text
        diagnostics = lint_bytes(PATH, text.encode("utf-8"), FileSettings(), ALL).diagnostics
        assert_positions(text, diagnostics)
        check_fix(text, unsafe=len(text) % 2 == 1)

    fuzz_structured: Callable[[bytes], Any] = cast(Any, structured).hypothesis.fuzz_one_input

    def raw(data: bytes) -> None:
        stats.post = data
        linted = lint_bytes(PATH, data, FileSettings(), ALL)
        if linted.text is not None:
            assert_positions(linted.text, linted.diagnostics)
            check_fix(linted.text, unsafe=len(data) % 2 == 1)

    def target(data: bytes) -> None:
        stats.tick()
        try:
            if data[:1] and data[0] & 1:
                fuzz_structured(data[1:])
            else:
                raw(data[1:])
        except Exception as exc:  # noqa: BLE001 - every failure is a finding of the fuzzer
            stats.failure(data, exc)

    return target


def run_atheris(seconds: int, corpus: Path, stats: Stats, max_len: int) -> None:
    atheris: Any = importlib.import_module("atheris")
    with atheris.instrument_imports(include=["newslint", "html5lib", "yaml"]):
        target = make_target(stats)
    corpus.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        f"-max_len={max_len}",
        "-print_final_stats=1",
        "-timeout=30",
        "-rss_limit_mb=4096",
        str(corpus),
    ]
    atheris.Setup(argv, target)
    atheris.Fuzz()


def run_hypothesis(seconds: int, stats: Stats, max_len: int) -> None:
    import random

    target = make_target(stats)
    rng = random.Random(int(os.environ.get("NEWSLINT_FUZZ_SEED", "0")))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        target(rng.randbytes(rng.randint(1, max_len)))


def replay(files: list[Path], stats: Stats) -> None:
    """Run the target once on each saved input and print the post it makes."""
    target = make_target(stats)
    for file in files:
        failures = len(stats.seen)
        target(file.read_bytes())
        verdict = "fails" if len(stats.seen) > failures else "passes"
        print(f"[fuzz] {file} {verdict}: {stats.post!r}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--corpus", type=Path, default=REPO / ".fuzz" / "corpus")
    parser.add_argument("--crashes", type=Path, default=REPO / ".fuzz" / "crashes")
    parser.add_argument("--max-len", type=int, default=4096, help="largest input in bytes")
    parser.add_argument("--stop-on-crash", action="store_true")
    parser.add_argument("--replay", type=Path, nargs="+", metavar="FILE", help="rerun saved inputs")
    args = parser.parse_args(argv)
    if args.replay:
        stats = Stats(args.crashes, stop=False)
        replay(args.replay, stats)
        return 1 if stats.seen else 0
    engine = args.engine
    if engine == "auto":
        try:
            importlib.import_module("atheris")
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    stats = Stats(args.crashes, args.stop_on_crash)
    print(f"[fuzz] engine {engine}, {args.seconds} s", file=sys.stderr, flush=True)
    try:
        if engine == "atheris":
            import atexit

            atexit.register(stats.status, "done")  # libFuzzer exits the process itself
            run_atheris(args.seconds, args.corpus, stats, args.max_len)
        else:
            run_hypothesis(args.seconds, stats, args.max_len)
    finally:
        if engine != "atheris":
            stats.status("done")
    return 1 if stats.seen else 0


if __name__ == "__main__":
    sys.exit(main())
