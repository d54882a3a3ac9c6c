"""--fix over a copy of the whole shared corpus: safe, complete, idempotent, byte-exact."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, require_shared


def _newslint(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslint", *argv, "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
    )


def _report(root: Path) -> Any:
    done = _newslint(str(root), "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def _writable_copy(source: Path, target: Path) -> Path:
    """Copy ``source`` (shared/ may have no write bits) so that --fix may write the copies."""
    shutil.copytree(source, target, symlinks=True)
    for path in [target, *target.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return target


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies within an edit, give or take the edit's own length.

    A diff may place a deletion anywhere along a run of repeated text (removing one of two
    ``</p>`` in ``</p></p>``), so a change may slide by up to the edit's length.
    """
    return any(s - (e - s) - 8 <= start and end <= e + (e - s) + 8 for s, e in spans)


@pytest.mark.slow
def test_fix_whole_corpus(tmp_path: Path) -> None:
    corpus = _writable_copy(require_shared(CORPUS), tmp_path / "corpus")
    before_files = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    before = _report(corpus)
    edits: dict[str, list[tuple[int, int]]] = {}
    for diag in before["diagnostics"]:
        fix = diag["fix"]
        if fix is not None and fix["applicability"] == "safe":
            edits.setdefault(diag["path"], []).extend(
                (e["start"], e["end"] + len(e["replacement"])) for e in fix["edits"]
            )

    done = _newslint(str(corpus), "--fix")
    assert done.returncode in (0, 1), done.stderr
    changed = [p for p, data in before_files.items() if p.read_bytes() != data]
    assert changed, "the corpus has safe fixes to apply"
    for path in changed:
        assert str(path) in edits, f"{path} changed without a reported fix"
        old = before_files[path].decode("utf-8")
        new = path.read_bytes().decode("utf-8")
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag != "equal":
                assert _inside(i1, i2, edits[str(path)]), (
                    f"{path}: change at {i1}-{i2} not in a fix"
                )

    after = _report(corpus)
    old_counts = Counter((d["path"], d["code"], d["message"]) for d in before["diagnostics"])
    new_counts = Counter((d["path"], d["code"], d["message"]) for d in after["diagnostics"])
    assert not new_counts - old_counts, "fixing created findings"
    assert not any(
        d["fix"] and d["fix"]["applicability"] == "safe" for d in after["diagnostics"]
    ), "safe fixes remain after --fix"
    assert after["errors"] == []

    snapshot = {p: p.read_bytes() for p in changed}
    again = _newslint(str(corpus), "--fix")
    assert again.returncode in (0, 1), again.stderr
    assert all(p.read_bytes() == data for p, data in snapshot.items()), "--fix is not idempotent"


@pytest.mark.slow
def test_kill_during_a_large_fix_run_leaves_each_file_old_or_new(tmp_path: Path) -> None:
    source = require_shared(CORPUS) / "rails__weblog"
    reference = _writable_copy(source, tmp_path / "reference")
    done = _newslint(str(reference), "--fix", "--jobs", "2")
    assert done.returncode in (0, 1), done.stderr
    fixed = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*") if p.is_file()}
    original = {p.relative_to(source): p.read_bytes() for p in source.rglob("*") if p.is_file()}
    assert fixed != original, "the sample must have something to fix"
    for delay in (0.4, 0.9, 1.5):
        victim = _writable_copy(source, tmp_path / f"victim-{delay}")
        proc = subprocess.Popen(
            [sys.executable, "-m", "newslint", str(victim), "--fix", "--no-cache", "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for path in victim.rglob("*"):
            if path.is_file() and not path.name.endswith(".newslint"):
                rel = path.relative_to(victim)
                assert path.read_bytes() in (original[rel], fixed[rel]), f"{rel} is half written"
