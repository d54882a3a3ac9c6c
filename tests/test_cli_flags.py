"""The lint command's flags that ruff and markdownlint-cli2 users already know."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import click
import pytest

from newslint.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
WARNING_POST = (
    "---\ntitle: 경고\n---\n"
    '<p class="a" class="b">Tom &amp Jerry</p>\n'  # HT004 (no fix), HT009 (safe fix)
)
"""Two warnings, no error: by default this post passes."""
STRAY_POST = "---\ntitle: 속보\n---\n<p>한국어 문장</b> 끝</p>\n"
"""One error (HT001) with a safe fix."""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the examples site as the working directory (fixes may write to it)."""
    root = tmp_path / "site"
    shutil.copytree(EXAMPLES, root)
    monkeypatch.chdir(root)
    return root


def _post(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, list[str], str]:
    """The exit status, the stdout lines and stderr of ``newslint argv`` (cache off)."""
    code = main([*argv, "--no-cache", "--jobs", "1"])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_output_format_and_its_alias_format(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["_posts", "--output-format", "json"])
    report = json.loads("\n".join(out))
    assert code == 1
    codes = ["HT001", "FM010", "FM004", "X003", "X002", "X001", "FM001"]
    assert [d["code"] for d in report["diagnostics"]] == codes
    assert _run(capsys, ["_posts", "--format", "json"]) == (code, out, "")
    assert _run(capsys, ["_posts", "-o", "report.json", "--output-format", "json"])[1] == []
    assert json.loads((site / "report.json").read_text(encoding="utf-8")) == report


def test_max_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = _post(tmp_path, "warn.md", WARNING_POST)
    code, out, err = _run(capsys, [str(post)])
    assert (code, out[-2:], err) == (
        0,
        ["Found 2 warnings in 1 file.", "1 fixable with --fix."],
        "",
    )
    assert _run(capsys, [str(post), "--max-warnings", "2"])[0] == 0
    code, out, err = _run(capsys, [str(post), "--max-warnings", "1"])
    assert (code, err) == (1, "")
    assert out[-3:] == [
        "Found 2 warnings in 1 file.",
        "1 fixable with --fix.",
        "Failed: 2 warnings, more than --max-warnings 1 allows.",
    ]
    code, out, err = _run(capsys, [str(post), "--max-warnings", "0", "--output-format", "json"])
    assert (code, err) == (1, "Failed: 2 warnings, more than --max-warnings 0 allows.\n")
    assert json.loads("\n".join(out))["summary"]["warnings"] == 2
    assert _run(capsys, [str(post), "--max-warnings", "0", "--exit-zero"])[0] == 0
    clean = _post(tmp_path, "clean.md", "---\ntitle: Clean\n---\n<p>Fine.</p>\n")
    assert _run(capsys, [str(clean), "--max-warnings", "0"]) == (
        0,
        ["All checks passed (1 file)."],
        "",
    )


def test_exit_non_zero_on_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = _post(tmp_path, "stray.md", STRAY_POST)
    code, out, err = _run(capsys, [str(post), "--fix", "--exit-non-zero-on-fix"])
    assert post.read_text(encoding="utf-8") == "---\ntitle: 속보\n---\n<p>한국어 문장 끝</p>\n"
    assert (code, err) == (1, "")
    assert out == [
        "All checks passed (1 file).",
        "Applied 1 fix.",
        "Failed: --exit-non-zero-on-fix, and 1 fix applied.",
    ]
    # Nothing left to fix: the second run passes.
    code, out, _ = _run(capsys, [str(post), "--fix", "--exit-non-zero-on-fix"])
    assert (code, out) == (0, ["All checks passed (1 file)."])
    # Without the flag a fixed file passes, as before.
    again = _post(tmp_path, "again.md", STRAY_POST)
    assert _run(capsys, [str(again), "--fix"])[0] == 0


def test_quiet_prints_the_findings_only(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, full, _ = _run(capsys, ["_posts"])
    assert (code, full[-3:]) == (
        1,
        [
            "Found 6 errors, 1 warning in 3 of 4 files.",
            "2 fixable with --fix.",
            "1 more fixable with --fix --unsafe-fixes.",
        ],
    )
    for flag in ("-q", "--quiet"):
        code, out, err = _run(capsys, ["_posts", flag])
        assert (code, err) == (1, "")
        assert out == full[:-3]  # the findings with their source, no summary
        assert out[:2] == [
            "_posts/2024-06-11-central-asia-energy.md:24:97: HT001 closing tag </b> has nothing "
            "to close (stray end tag): kramdown prints it as text",
            "   |",
        ]
    # Nothing to report: nothing printed.
    assert _run(capsys, ["_posts/2024-06-12-city-council-budget.md", "-q"]) == (0, [], "")


def test_silent_prints_nothing(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, full, _ = _run(capsys, ["_posts"])
    for flag in ("-s", "--silent"):
        assert _run(capsys, ["_posts", flag]) == (1, [], "")
    assert _run(capsys, ["_posts/2024-06-12-city-council-budget.md", "-s"]) == (0, [], "")
    # Not even the warnings about options without effect, nor the --max-warnings note.
    assert _run(capsys, ["_posts", "-s", "--unsafe-fixes", "--max-warnings", "0"]) == (1, [], "")
    # A report file asked for with -o is still written.
    assert _run(capsys, ["_posts", "-s", "-o", "report.txt"]) == (1, [], "")
    assert (site / "report.txt").read_text(encoding="utf-8").splitlines() == full


def test_statistics_prints_a_table_per_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for day in range(1, 11):
        _post(tmp_path, f"_posts/2024-01-{day:02}-stray.md", STRAY_POST)
    _post(tmp_path, "_posts/2024-02-01-warn.md", WARNING_POST)
    _post(tmp_path, "_posts/2024-02-02-warn.md", WARNING_POST.replace("&amp ", ""))
    code, out, err = _run(capsys, [str(tmp_path), "--statistics", "--select", "HT"])
    assert (code, err) == (1, "")
    assert out == [
        "10  HT001  [*] stray-end-tag",
        " 2  HT004  [ ] duplicate-attribute",
        " 1  HT009  [*] character-reference",
        "Found 10 errors, 3 warnings in 12 files.",
        "11 fixable with --fix.",
    ]
    # With -q, the table alone; with no fixable rule, no fixable column.
    code, out, _ = _run(capsys, [str(tmp_path), "--statistics", "-q", "--select", "HT004"])
    assert (code, out) == (0, ["2  HT004  duplicate-attribute"])
    code, out, err = _run(capsys, [str(tmp_path), "--statistics", "--output-format", "json"])
    assert (code, out) == (2, [])
    assert err == (
        "newslint: error: --statistics applies to the text report, not to --output-format json: "
        "leave out one of them\n"
    )


def test_show_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stray = _post(tmp_path, "_posts/2024-01-01-stray.md", STRAY_POST.replace("</p>", "</i></p>"))
    warn = _post(tmp_path, "_posts/2024-01-02-warn.md", WARNING_POST + "<p>&Amp;</p>\n")
    listed = [
        f"- {stray}:",
        "    2 x HT001 (stray-end-tag)",
        f"- {warn}:",
        "    1 x HT008 (unescaped-ampersand, unsafe: add --unsafe-fixes)",
        "    1 x HT009 (character-reference)",
    ]
    code, out, err = _run(capsys, [str(tmp_path), "--show-fixes"])
    assert (code, err) == (1, "")
    assert out[-7:] == ["", "Fixes for 4 findings (use --fix):", *listed]
    assert out[-9:-7] == ["3 fixable with --fix.", "1 more fixable with --fix --unsafe-fixes."]
    # With --fix, those applied (the unsafe one is not).
    code, out, err = _run(capsys, [str(tmp_path), "--show-fixes", "--fix", "-q"])
    assert (code, err) == (0, "")
    assert out[-6:] == ["", "Fixed 3 findings:", listed[0], listed[1], listed[2], listed[4]]
    assert "</" not in stray.read_text(encoding="utf-8").split("---")[-1].replace("</p>", "")
    # Nothing fixed: nothing listed; another format: the list goes to stderr.
    assert _run(capsys, [str(tmp_path), "--show-fixes", "--fix"])[1][-1] == (
        "1 more fixable with --fix --unsafe-fixes."
    )
    code, out, err = _run(capsys, [str(tmp_path), "--show-fixes", "--output-format", "json"])
    assert err.splitlines() == ["", "Fixes for 1 finding (use --fix):", listed[2], listed[3]]


def test_fix_flags_without_their_fix_are_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _post(tmp_path, "stray.md", STRAY_POST)
    code, _, err = _run(capsys, [str(post), "--exit-non-zero-on-fix"])
    assert (code, err) == (
        1,
        "newslint: warning: --exit-non-zero-on-fix has no effect without --fix\n",
    )
    code, out, err = _run(capsys, [str(post), "--show-fixes", "--diff"])
    assert err.splitlines()[0] == (
        "newslint: warning: --show-fixes has no effect with --diff, which shows the fixes"
    )
    assert (code, out[0]) == (1, f"--- a/{post}")


def _codes_found(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[str]:
    code, out, err = _run(capsys, [*argv, "--statistics", "-q"])
    assert (code, err) == (1, "")
    return [line.split()[1] for line in out]


def test_exclude_and_extend_exclude(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    house = ["X001", "X002", "X003"]  # the example site's house rules, on the weather post
    assert _codes_found(capsys, ["."]) == ["FM001", "FM004", "FM010", "HT001", *house]
    assert _codes_found(capsys, [".", "--extend-exclude", "2024-06-14-*"]) == [
        "FM004",
        "FM010",
        "HT001",
        *house,
    ]
    assert _codes_found(capsys, [".", "--exclude", "*-weather-*,*-energy.md"]) == ["FM001"]
    config = site / "newslint.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + 'exclude = ["_posts/2024-06-14-*"]\n', encoding="utf-8"
    )
    assert _codes_found(capsys, ["."]) == ["FM004", "FM010", "HT001", *house]
    # --exclude replaces the configuration's list; --extend-exclude adds to it.
    assert _codes_found(capsys, [".", "--exclude", "*-weather-*"]) == ["FM001", "HT001"]
    assert _codes_found(capsys, [".", "--extend-exclude", "*-weather-*"]) == ["HT001"]


def test_glob_arguments(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, ["_posts/**/*.md"]) == _run(capsys, ["_posts"])
    code, out, _ = _run(capsys, ["_posts/*-w*.md", "_posts/**/*-energy.md", "-q"])
    assert (code, [line for line in out if line.startswith("_posts")]) == (
        1,
        [
            '_posts/2024-06-13-weather-warning.md:1:1: FM010 required field "image" is missing '
            "from the front matter",
            '_posts/2024-06-13-weather-warning.md:3:1: FM004 duplicate key "title": YAML keeps '
            "only the last value; keep one of them",
            '_posts/2024-06-13-weather-warning.md:5:9: X003 author "jane-row" is not on the '
            'staff list (_data/authors.yml); did you mean "jane-roe"?',
            '_posts/2024-06-13-weather-warning.md:10:73: X002 house style writes "percent", '
            'not "per cent"',
            '_posts/2024-06-13-weather-warning.md:13:1: X001 embed from "https://www.youtube.com'
            '/embed/heatwave24" has no title: screen readers announce it only as "frame"; add a '
            "title that says what it shows",
            "_posts/2024-06-11-central-asia-energy.md:24:97: HT001 closing tag </b> has nothing "
            "to close (stray end tag): kramdown prints it as text",
        ],
    )
    assert _run(capsys, ["_posts/**/*.txt"]) == (
        2,
        [],
        "newslint: error: no posts found matching _posts/**/*.txt: no file or directory "
        "matches the pattern\n",
    )


@pytest.mark.parametrize(
    ("environment", "choice", "colored"),
    [
        ({}, "auto", False),  # not a terminal
        ({"FORCE_COLOR": "1"}, "auto", True),
        ({"FORCE_COLOR": "true"}, "auto", True),
        ({"FORCE_COLOR": "0"}, "auto", False),
        ({"FORCE_COLOR": ""}, "auto", False),
        ({"FORCE_COLOR": "1"}, "never", False),
        ({"NO_COLOR": "1"}, "auto", False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "auto", False),
        ({"NO_COLOR": ""}, "always", True),
        ({"NO_COLOR": "1"}, "always", True),
    ],
)
def test_force_color_and_no_color(
    site: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    choice: str,
    colored: bool,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    _, plain, _ = _run(capsys, ["_posts", "--color", "never"])
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    code, out, _ = _run(capsys, ["_posts", "--color", choice])
    assert code == 1
    assert [click.unstyle(line) for line in out] == plain
    assert (out != plain) is colored
    location = "_posts/2024-06-11-central-asia-energy.md:24:97:"
    assert out[0].startswith(f"\x1b[1m{location}\x1b[0m" if colored else location)


def test_silent_still_prints_the_fixed_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(STRAY_POST.encode())))
    assert _run(capsys, ["-", "--fix", "-s"]) == (
        0,
        ["---", "title: 속보", "---", "<p>한국어 문장 끝</p>"],
        "",
    )
