"""JUnit XML for CI test-report views: one testsuite, one testcase per linted file.

A file with error-level findings is a failed testcase whose single ``<failure>`` lists every
finding (Jenkins and GitLab read only the first ``<failure>`` of a testcase); a file with only
warnings or notes passes and lists them in ``<system-out>``; a file that could not be read is
an ``<error>``. So the test report fails exactly when the exit status does.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from newslint.diagnostics import Diagnostic, Severity
from newslint.reporters.summary import plural

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry even escaped (most C0 controls, lone surrogates)."""


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(diag: Diagnostic) -> str:
    where = f"{diag.path}:{diag.start.line}:{diag.start.column}"
    return f"{where}: {diag.severity.value} {diag.code} {diag.message}"


def _testcase(result: FileResult) -> tuple[ET.Element, str | None]:
    """The testcase of one file and its outcome: ``"failure"``, ``"error"`` or ``None``."""
    case = ET.Element(
        "testcase",
        {"classname": "newslint", "name": _xml_text(result.path), "file": _xml_text(result.path)},
    )
    case.set("time", "0")
    if result.error is not None:
        error = ET.SubElement(case, "error", {"message": _xml_text(result.error)})
        error.text = _xml_text(f"{result.path}: {result.error}")
        return case, "error"
    listing = "".join(_line(d) + "\n" for d in result.diagnostics)
    failing = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if failing:
        others = len(result.diagnostics) - len(failing)
        summary = plural(len(failing), "error") + (f", {plural(others, 'other')}" if others else "")
        codes = ",".join(sorted({d.code for d in failing}))
        failure = ET.SubElement(case, "failure", {"message": summary, "type": codes})
        failure.text = _xml_text(listing)
        return case, "failure"
    if listing:
        ET.SubElement(case, "system-out").text = _xml_text(listing)
    return case, None


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    """Write the report; the testcases wait in a temporary file until the counts are known."""
    tests = failures = errors = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as cases:
        for result in results:
            case, outcome = _testcase(result)
            tests += 1
            failures += outcome == "failure"
            errors += outcome == "error"
            ET.indent(case, level=2)
            case.tail = None
            cases.write("    " + ET.tostring(case, encoding="unicode") + "\n")
        counts = f'tests="{tests}" failures="{failures}" errors="{errors}"'
        suite = f'<testsuite name="newslint" {counts} skipped="0" time="0"'
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(f'<testsuites name="newslint" {counts}>\n')
        if not tests:
            out.write(f"  {suite} />\n</testsuites>\n")
            return
        out.write(f"  {suite}>\n")
        cases.seek(0)
        shutil.copyfileobj(cases, out)
        out.write("  </testsuite>\n</testsuites>\n")
