"""``--format github`` prints only what GitHub shows (10 of each level), most important first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newslint.cli import main

SELECT = ["--select", "HT001,HT020,HT026", "--no-cache"]
HT001 = "title=HT001 stray-end-tag::closing tag </{tag}> has nothing to close (stray end tag)"


def write_posts() -> None:
    """a.md: 3 stray </b> (errors) then 11 images without alt (warnings); b.md: 12 stray </i>
    then three <h1> (one notice)."""
    stray_b = "".join(f"<p>{i}</b></p>\n" for i in range(3))
    images = "".join(f'<p><img src="x{i}.png"></p>\n' for i in range(11))
    Path("a.md").write_text(f"---\ntitle: A\n---\n\n{stray_b}{images}", encoding="utf-8")
    stray_i = "".join(f"<p>{i}</i></p>\n" for i in range(12))
    headings = "<h1>One</h1>\n<h1>Two</h1>\n<h1>Three</h1>\n"
    Path("b.md").write_text(f"---\ntitle: B\n---\n\n{stray_i}{headings}", encoding="utf-8")


@pytest.fixture
def posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_posts()
    return tmp_path


def _where(line: str) -> tuple[str, str, int]:
    match = re.match(r"::(\w+) file=([^,]+),line=(\d+),", line)
    assert match is not None, line
    return match[1], match[2], int(match[3])


def _github(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = main([*argv, *SELECT, "--format", "github"])
    return status, capsys.readouterr().out.splitlines()


def test_ten_of_each_level_errors_first_then_a_plain_line(
    posts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = _github(["b.md", "a.md"], capsys)  # b.md is linted first
    assert status == 1
    assert [_where(line) for line in lines[:-1]] == [
        *[("error", "a.md", line) for line in (5, 6, 7)],
        *[("error", "b.md", line) for line in range(5, 12)],
        *[("warning", "a.md", line) for line in range(8, 18)],
        ("notice", "b.md", 18),
    ]
    assert lines[0].startswith("::error file=a.md,line=5,col=5,endLine=5,endColumn=9,")
    assert HT001.format(tag="b") in lines[0]
    assert lines[3].startswith("::error file=b.md,line=5,col=5,endLine=5,endColumn=9,")
    assert HT001.format(tag="i") in lines[3]
    assert lines[-1] == (
        "6 more findings not annotated (5 errors, 1 warning): GitHub shows 10 of each level per "
        "step. See them all with `newslint b.md a.md --select HT001,HT020,HT026 --format text`, "
        "or upload `--format sarif` to code scanning."
    )
    # The text report has every finding the annotations left out.
    main(["a.md", "b.md", *SELECT])
    text = capsys.readouterr().out
    located = re.findall(r"^[ab]\.md:\d+:\d+: ", text, flags=re.MULTILINE)
    assert len(located) == len(lines) - 1 + 6
    assert "b.md:16:6: HT001 closing tag </i> has nothing to close" in text


def test_a_file_that_could_not_be_linted_leads_the_errors(
    posts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = _github(["a.md", "b.md", "missing.md"], capsys)
    assert status == 2
    assert lines[0].startswith("::error file=missing.md,title=newslint::")
    assert [_where(line)[1:] for line in lines[1:4]] == [("a.md", 5), ("a.md", 6), ("a.md", 7)]
    assert lines[-1].startswith("7 more findings not annotated (6 errors, 1 warning): ")


def test_no_closing_line_when_everything_is_shown(
    posts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = _github(["a.md", "--ignore", "HT020"], capsys)
    assert status == 1
    assert [_where(line) for line in lines] == [("error", "a.md", line) for line in (5, 6, 7)]
