"""JUnit XML and GitLab Code Quality reports: exact documents for known results."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.diagnostics import Diagnostic, Severity
from newslint.positions import Position
from newslint.reporters import get_reporter
from newslint.reporters.report_options import ReportOptions
from newslint.results import FileResult

SOURCE = "---\ntitle: t\n---\n<p>a</b> & b</p>\n"


def _diag(
    path: str, code: str, severity: Severity, message: str, line: int, col: int
) -> Diagnostic:
    offset = SOURCE.index("</b>") if code == "HT001" else 0
    start = Position(line, col, offset)
    end = Position(line, col + 4, offset + 4)
    return Diagnostic(path, code, "rule-name", severity, message, start, end)


RESULTS = [
    FileResult(
        "_posts/a.md",
        [
            _diag(
                "_posts/a.md", "HT001", Severity.ERROR, "stray end tag </b>: no <b> is open", 4, 5
            ),
            _diag("_posts/a.md", "NL101", Severity.WARNING, 'bad \x01 "byte" & more', 1, 1),
        ],
        source=SOURCE,
    ),
    FileResult(
        "_posts/b.md",
        [_diag("_posts/b.md", "NL101", Severity.WARNING, "unused suppression", 1, 1)],
        source=SOURCE,
    ),
    FileResult("_posts/c.md"),
    FileResult("_posts/d.md", error="cannot read file: Permission denied"),
]


def _render(name: str) -> str:
    out = io.StringIO()
    get_reporter(name)(RESULTS, out, ReportOptions())
    return out.getvalue()


def test_junit_report() -> None:
    xml = _render("junit")
    assert xml == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="newslint" tests="4" failures="1" errors="1">\n'
        '  <testsuite name="newslint" tests="4" failures="1" errors="1" skipped="0" time="0">\n'
        '    <testcase classname="newslint" name="_posts/a.md" file="_posts/a.md" time="0">\n'
        '      <failure message="1 error, 1 other" type="HT001">'
        "_posts/a.md:4:5: error HT001 stray end tag &lt;/b&gt;: no &lt;b&gt; is open\n"
        '_posts/a.md:1:1: warning NL101 bad \ufffd "byte" &amp; more\n'
        "</failure>\n"
        "    </testcase>\n"
        '    <testcase classname="newslint" name="_posts/b.md" file="_posts/b.md" time="0">\n'
        "      <system-out>_posts/b.md:1:1: warning NL101 unused suppression\n"
        "</system-out>\n"
        "    </testcase>\n"
        '    <testcase classname="newslint" name="_posts/c.md" file="_posts/c.md" time="0" />\n'
        '    <testcase classname="newslint" name="_posts/d.md" file="_posts/d.md" time="0">\n'
        '      <error message="cannot read file: Permission denied">'
        "_posts/d.md: cannot read file: Permission denied</error>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )
    root = ET.fromstring(xml.split("\n", 1)[1])
    failure = root.find("./testsuite/testcase/failure")
    assert failure is not None and failure.text is not None
    assert failure.text.splitlines()[0].endswith("stray end tag </b>: no <b> is open")


def test_gitlab_code_quality_report() -> None:
    issues = json.loads(_render("gitlab"))
    prints = [issue.pop("fingerprint") for issue in issues]
    assert len(set(prints)) == len(prints) == 4
    assert all(len(p) == 32 for p in prints)
    assert issues == [
        {
            "description": "HT001 stray end tag </b>: no <b> is open",
            "check_name": "HT001",
            "severity": "major",
            "location": {"path": "_posts/a.md", "lines": {"begin": 4, "end": 4}},
        },
        {
            "description": 'NL101 bad \x01 "byte" & more',
            "check_name": "NL101",
            "severity": "minor",
            "location": {"path": "_posts/a.md", "lines": {"begin": 1, "end": 1}},
        },
        {
            "description": "NL101 unused suppression",
            "check_name": "NL101",
            "severity": "minor",
            "location": {"path": "_posts/b.md", "lines": {"begin": 1, "end": 1}},
        },
        {
            "description": "file could not be linted: cannot read file: Permission denied",
            "check_name": "newslint",
            "severity": "blocker",
            "location": {"path": "_posts/d.md", "lines": {"begin": 1}},
        },
    ]


def test_gitlab_paths_are_relative_to_the_working_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    post = tmp_path / "_posts" / "2024-01-01-x.md"
    post.parent.mkdir()
    post.write_text(SOURCE, encoding="utf-8")
    assert main([str(post), "--format", "gitlab", "--select", "HT001"]) == 1
    (issue,) = json.loads(capsys.readouterr().out)
    assert issue["location"] == {"path": "_posts/2024-01-01-x.md", "lines": {"begin": 4, "end": 4}}
