"""The Markdown summary: ``--format markdown`` and the job summary in ``GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.options import Options
from newslint.reporters.markdown import (
    COMMAND_LIMIT,
    SIZE_LIMIT,
    SummaryCounts,
    code,
    escape,
    render_summary,
    rerun_command,
)
from newslint.results import FileResult
from newslint.runner import Linter
from tests.test_github_limits import write_posts

REPO = Path(__file__).resolve().parent.parent
SELECT = ["--select", "HT001,HT020,HT026"]

EXAMPLES_SUMMARY = [
    "## newslint: 6 errors, 1 warning in 3 of 4 files",
    "",
    "| Severity | Findings |",
    "| --- | ---: |",
    "| error | 6 |",
    "| warning | 1 |",
    "| info | 0 |",
    "",
    "2 fixable with `--fix`. 1 more with `--fix --unsafe-fixes`.",
    "",
    "### Findings by rule",
    "",
    "| Code | Rule | Findings | Fixable |",
    "| --- | --- | ---: | --- |",
    "| FM001 | missing-front-matter | 1 | no |",
    "| FM004 | duplicate-key | 1 | no |",
    "| FM010 | missing-required-field | 1 | no |",
    "| HT001 | stray-end-tag | 1 | 1 |",
    "| X001 | embed-title | 1 | no |",
    "| X002 | per-cent | 1 | 1 |",
    "| X003 | known-author | 1 | 1 unsafe |",
    "",
    "### Files with most findings",
    "",
    "| File | Findings |",
    "| --- | ---: |",
    "| `_posts/2024-06-13-weather-warning.md` | 5 |",
    "| `_posts/2024-06-11-central-asia-energy.md` | 1 |",
    "| `_posts/2024-06-14-no-front-matter.md` | 1 |",
    "",
]


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    shutil.copytree(REPO / "examples", site)
    monkeypatch.chdir(site)
    return site


@pytest.fixture
def posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_posts()
    return tmp_path


def test_format_markdown_on_the_example_site(
    examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([".", "--format", "markdown"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        *EXAMPLES_SUMMARY,
        "### Reproduce locally",
        "",
        "```sh",
        "newslint .",
        "```",
        "",
        "### Findings",
        "",
        "- `_posts/2024-06-11-central-asia-energy.md:24:97` HT001 closing tag \\</b\\> has "
        "nothing to close (stray end tag): kramdown prints it as text",
        '- `_posts/2024-06-13-weather-warning.md:1:1` FM010 required field "image" is missing '
        "from the front matter",
        '- `_posts/2024-06-13-weather-warning.md:3:1` FM004 duplicate key "title": YAML keeps '
        "only the last value; keep one of them",
        '- `_posts/2024-06-13-weather-warning.md:5:9` X003 author "jane-row" is not on the staff '
        'list (\\_data/authors.yml); did you mean "jane-roe"?',
        '- `_posts/2024-06-13-weather-warning.md:13:1` X001 embed from "https://www.youtube.com/'
        'embed/heatwave24" has no title: screen readers announce it only as "frame"; add a title '
        "that says what it shows",
        "- `_posts/2024-06-14-no-front-matter.md:1:1` FM001 no front matter: the file does not "
        'start with a "---" line, so Jekyll will not treat it as a post',
        '- `_posts/2024-06-13-weather-warning.md:10:73` X002 house style writes "percent", not '
        '"per cent"',
    ]


def test_the_job_summary_is_appended_whatever_the_format(
    examples: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = examples.parent / "summary.md"
    summary.write_text("# An earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["_posts", "--format", "json", "--ignore", "FM010"]) == 1
    assert capsys.readouterr().out.startswith("{")  # the report itself is unchanged
    assert main([".", "--format", "text"]) == 1
    text = summary.read_text(encoding="utf-8")
    first, second = text.split("## newslint: ")[1:]
    assert text.startswith("# An earlier step\n## newslint: 5 errors, 1 warning in 3 of 4 files\n")
    assert "| FM010 |" not in first
    assert first.endswith("```sh\nnewslint _posts --ignore FM010\n```\n")
    rerun = ["### Reproduce locally", "", "```sh", "newslint .", "```"]
    assert ("## newslint: " + second).splitlines() == [*EXAMPLES_SUMMARY, *rerun]
    assert "Not annotated" not in text  # only --format github leaves findings out


def test_a_silent_run_still_writes_the_job_summary(
    examples: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = examples.parent / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main([".", "-s"]) == 1
    assert capsys.readouterr().out == ""
    assert summary.read_text(encoding="utf-8").startswith(
        "## newslint: 6 errors, 1 warning in 3 of 4 files\n"
    )


def test_the_job_summary_says_what_github_did_not_annotate(
    posts: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = posts / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["a.md", "b.md", *SELECT, "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 22 and out[-1].startswith("6 more findings not annotated")
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "## newslint: 15 errors, 11 warnings, 1 info in 2 of 2 files"
    start = lines.index("### Findings by rule")
    assert lines[start + 4 : start + 7] == [
        "| HT001 | stray-end-tag | 15 | 15 |",
        "| HT020 | img-alt-missing | 11 | no |",
        "| HT026 | multiple-h1 | 1 | no |",
    ]
    assert lines[lines.index("### Files with most findings") + 4 :][:2] == [
        "| `a.md` | 14 |",
        "| `b.md` | 13 |",
    ]
    start = lines.index("### Not annotated")
    assert lines[start + 2] == out[-1]
    assert lines[start + 4 :] == [
        "### Reproduce locally",
        "",
        "```sh",
        "newslint a.md b.md --select HT001,HT020,HT026",
        "```",
    ]


def test_a_full_step_summary_gets_nothing_more(
    posts: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = posts / "summary.md"
    summary.write_text("x" * (SIZE_LIMIT - 100), encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["a.md", *SELECT]) == 1
    assert summary.stat().st_size == SIZE_LIMIT - 100
    assert "no job summary written" in capsys.readouterr().err


def _counts(paths: list[str]) -> SummaryCounts:
    counts = SummaryCounts()
    results: list[FileResult] = list(Linter(Options(select=("HT001", "HT020", "HT026"))).run(paths))
    for result in results:
        counts.add(result)
    return counts


def test_tables_are_cut_to_fit_with_a_line_saying_how_many_more(posts: Path) -> None:
    for n in range(12):
        Path(f"c{n:02}.md").write_text(f"<p>{n}</b></p>\n", encoding="utf-8")
    counts = _counts(["."])
    whole = render_summary(counts, ["."], [])
    files = whole[whole.index("### Files with most findings") :]
    assert files[4:6] == ["| `a.md` | 14 |", "| `b.md` | 13 |"]
    assert files[6:14] == [f"| `c{n:02}.md` | 1 |" for n in range(8)]
    assert files[14:17] == ["", "and 4 more files with findings", ""]
    size = sum(len(line.encode()) + 1 for line in whole)
    rerun = ["### Reproduce locally", "", "```sh", "newslint .", "```"]
    rules = ["### Findings by rule", "", "| Code | Rule | Findings | Fixable |"]
    rules += ["| --- | --- | ---: | --- |", "| HT001 | stray-end-tag | 27 | 27 |"]
    cut = render_summary(counts, ["."], [], size - 300)
    assert sum(len(line.encode()) + 1 for line in cut) <= size - 300
    assert cut[:10] == whole[:10]  # the totals are never cut
    assert cut[10:] == [*rules, "", "and 2 more rules", "", *rerun]
    cut = render_summary(counts, ["."], [], size - 100)
    assert sum(len(line.encode()) + 1 for line in cut) <= size - 100
    assert cut[15:17] == [
        "| HT020 | img-alt-missing | 11 | no |",
        "| HT026 | multiple-h1 | 1 | no |",
    ]
    assert cut[22:] == [
        *["| `a.md` | 14 |", "| `b.md` | 13 |", "| `c00.md` | 1 |", "| `c01.md` | 1 |"],
        *["", "and 10 more files with findings", "", *rerun],
    ]


def test_markdown_text_cannot_break_out_of_its_cell() -> None:
    assert escape("</b> *x* | $y$ [a](b) &amp;\nnext") == (
        "\\</b\\> \\*x\\* \\| \\$y\\$ \\[a\\](b) \\&amp; next"
    )
    assert code("posts/a|b.md") == "`posts/a\\|b.md`"
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"


def test_format_markdown_lists_the_first_100_findings_errors_first(
    posts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strays = "".join(f"<p>{n}</b></p>\n" for n in range(120))
    Path("c.md").write_text(f"---\ntitle: C\n---\n\n{strays}", encoding="utf-8")
    assert main(["a.md", "b.md", "c.md", *SELECT, "--format", "markdown"]) == 1
    lines = capsys.readouterr().out.splitlines()
    listed = lines[lines.index("### Findings") + 2 :]
    assert listed[0] == (
        "- `a.md:5:5` HT001 closing tag \\</b\\> has nothing to close (stray end tag): kramdown "
        "prints it as text"
    )
    # 3 in a.md, 12 in b.md, then c.md's from line 5: all 100 are errors.
    assert [item.split("`")[1] for item in listed[:100]][14:17] == [
        "b.md:16:6",
        "c.md:5:5",
        "c.md:6:5",
    ]
    assert listed[99].startswith("- `c.md:89:6` HT001 ")
    assert listed[100:] == ["", "and 47 more findings: see them all with the command above"]


def test_the_rerun_command_of_many_paths_is_shortened() -> None:
    paths = [f"_posts/2024-01-{n:04}-a-post.md" for n in range(500)]
    command = rerun_command([*paths, "--select", "HT001"])
    assert len(command) <= COMMAND_LIMIT
    shown = command.removesuffix(" [and 471 more arguments]").split(" ")
    assert shown == ["newslint", *paths[:31]]
    assert rerun_command(["my posts", "--changed-since", "main"]) == (
        "newslint 'my posts' --changed-since main"
    )
