"""Reporters write as results arrive, so a run never needs every result in memory at once."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from newslint.diagnostics import Diagnostic, Severity
from newslint.positions import Position
from newslint.reporters import FORMATS, get_reporter
from newslint.reporters.report_options import ReportOptions
from newslint.results import FileResult

SOURCE = "<p>a</b></p>\n"


def _result(n: int) -> FileResult:
    path = f"_posts/post-{n}.md"
    at, end = Position(1, 5, 4), Position(1, 9, 8)
    diag = Diagnostic(path, "HT001", "stray-end-tag", Severity.ERROR, f"finding {n}", at, end)
    return FileResult(path, [diag], source=SOURCE)


HELD = {"junit", "github", "markdown"}
"""Formats that hold a bounded part back: JUnit's counts lead its document; GitHub's
annotations are ranked, 10 of each level kept; Markdown's summary leads its first 100 findings."""


@pytest.mark.parametrize("name", [f for f in FORMATS if f not in HELD])
def test_the_first_findings_are_written_before_the_last_result_exists(name: str) -> None:
    out = io.StringIO()

    def results() -> Iterator[FileResult]:
        yield _result(1)
        yield _result(2)
        assert "finding 1" in out.getvalue(), "the first result is still held back"
        yield _result(3)

    get_reporter(name)(results(), out, ReportOptions())
    whole = io.StringIO()
    get_reporter(name)([_result(n) for n in (1, 2, 3)], whole, ReportOptions())
    assert out.getvalue() == whole.getvalue()


@pytest.mark.parametrize("name", ["json", "sarif", "gitlab"])
def test_streamed_documents_are_json_with_nothing_or_many_results(name: str) -> None:
    for count in (0, 1, 3):
        out = io.StringIO()
        get_reporter(name)(iter([_result(n) for n in range(count)]), out, ReportOptions())
        json.loads(out.getvalue())


def test_the_json_summary_counts_what_streamed_before_it() -> None:
    out = io.StringIO()
    results = [_result(1), FileResult("_posts/x.md", error="cannot read file: gone")]
    get_reporter("json")(iter(results), out, ReportOptions())
    report = json.loads(out.getvalue())
    assert report["summary"]["files"] == 2
    assert report["summary"]["errors"] == 1 and report["summary"]["unreadable"] == 1
    assert report["errors"] == [{"path": "_posts/x.md", "message": "cannot read file: gone"}]
    assert list(report) == ["version", "tool", "diagnostics", "errors", "warnings", "summary"]
