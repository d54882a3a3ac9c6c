"""The fix engine on its own: edits applied exactly, overlaps deferred, writes atomic."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.config import FileSettings
from newslint.diagnostics import Applicability, Edit, Fix
from newslint.fixer import Fixer, apply_fixes, unified_diff
from newslint.writer import ChangedOnDisk, write_atomically


def _fix(*edits: tuple[int, int, str]) -> Fix:
    return Fix("test", tuple(Edit(s, e, r) for s, e, r in edits), Applicability.SAFE)


def test_edits_apply_by_offset_and_keep_everything_else() -> None:
    text = "\ufeffa</b>\r\nb &c\r\n"
    fixed, applied = apply_fixes(text, [_fix((2, 6, "")), _fix((10, 11, "&amp;"))])
    assert fixed == "\ufeffa\r\nb &amp;c\r\n"
    assert len(applied) == 2


def test_overlapping_fix_is_deferred_whole() -> None:
    text = "0123456789"
    first = _fix((2, 5, "X"))
    second = _fix((4, 6, "Y"), (8, 9, "Z"))  # overlaps the first: none of its edits go in
    fixed, applied = apply_fixes(text, [second, first])
    assert fixed == "01X56789"
    assert applied == [first]


def test_insertions_at_the_same_point_are_not_both_applied() -> None:
    fixed, applied = apply_fixes("ab", [_fix((1, 1, "X")), _fix((1, 1, "Y"))])
    assert fixed == "aXb"
    assert len(applied) == 1


def test_a_fix_that_leaves_its_own_finding_is_withdrawn() -> None:
    # HT002's end tag lands in the unterminated "<b" and closes nothing: applied, it would be
    # applied again by every run (found by test_properties).
    text = "---\ntitle: t\n---\n<span><b\n"
    fixer = Fixer(FileSettings(), frozenset({"HT002", "HT006"}), unsafe=True)
    before = fixer.lint("_posts/2024-01-01-x.md", text)
    assert [(d.code, d.fix is not None) for d in before] == [("HT002", True), ("HT006", False)]
    outcome = fixer.fix("_posts/2024-01-01-x.md", text, before)
    assert outcome.text == text
    assert [d.code for d in outcome.rolled_back] == ["HT002"]


def test_unified_diff_marks_a_missing_final_newline() -> None:
    diff = unified_diff("p.md", "one\ntwo", "one\n2")
    assert diff.splitlines() == [
        "--- a/p.md",
        "+++ b/p.md",
        "@@ -1,2 +1,2 @@",
        " one",
        "-two",
        "\\ No newline at end of file",
        "+2",
        "\\ No newline at end of file",
    ]


def test_write_keeps_mode_and_follows_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomically(link, b"new", original=b"old")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_bytes(b"edited by someone else")
    with pytest.raises(ChangedOnDisk):
        write_atomically(post, b"fixed", original=b"what newslint read")
    assert post.read_bytes() == b"edited by someone else"


def test_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "p.md"
    post.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomically(post, b"new", original=b"old")
    assert post.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]


_WRITER = """
import sys
from pathlib import Path
from newslint.writer import write_atomically
path = Path(sys.argv[1])
old, new = b"A" * 4_000_000, b"B" * 4_000_000
print("ready", flush=True)
while True:
    write_atomically(path, new, original=old)
    write_atomically(path, old, original=new)
"""


@pytest.mark.slow
def test_kill_at_any_moment_leaves_old_or_new_never_a_mix(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_bytes(b"A" * 4_000_000)
    for delay in (0.01, 0.03, 0.05, 0.08, 0.13, 0.21):
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(post)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = post.read_bytes()
        assert data in (b"A" * 4_000_000, b"B" * 4_000_000)
        if data.startswith(b"B"):
            post.write_bytes(b"A" * 4_000_000)
