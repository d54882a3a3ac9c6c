"""Worker processes change nothing but speed: same report, same order, same exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.cli import main


def test_jobs_two_gives_the_same_report_as_jobs_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = tmp_path / "_posts"
    posts.mkdir()
    for n in range(40):
        body = "<p>stray</i> here</p>" if n % 3 else "<p>fine</p>"
        front = "---\ntitle: x\n---\n" if n % 7 else "---\ntitle: a\ntitle: b\n---\n"
        (posts / f"2024-01-{n % 28 + 1:02}-post-{n}.md").write_text(front + body + "\n")
    (posts / "broken.md").write_bytes(b"---\ntitle: \xff\n---\n")
    reports = []
    for jobs in ("1", "2"):
        code = main([str(posts), "--format", "json", "--jobs", jobs])
        reports.append((code, capsys.readouterr().out))
    assert reports[0] == reports[1]
    assert reports[0][0] == 1
    assert reports[0][1].count('"code": "HT001"') == 26
