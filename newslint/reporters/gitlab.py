"""GitLab Code Quality JSON (a subset of the Code Climate spec) for merge-request widgets.

Each finding is ``{description, check_name, fingerprint, severity, location: {path, lines}}``.
The fingerprint is the line-independent one of ``fingerprint.py``, so GitLab matches a finding
across the source and target branches even when lines moved. Paths are relative to the working
directory, which in GitLab CI is the repository root.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newslint.diagnostics import Severity
from newslint.fingerprint import fingerprints
from newslint.reporters.jsonstream import Streamed, write

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _relative(path: str) -> str:
    candidate, cwd = Path(path), Path.cwd()
    if candidate.is_absolute() and candidate.is_relative_to(cwd):
        candidate = candidate.relative_to(cwd)
    return candidate.as_posix()


def _issues(result: FileResult) -> list[dict[str, Any]]:
    path = _relative(result.path)
    issues: list[dict[str, Any]] = []
    if result.error is not None:
        digest = hashlib.sha256(f"newslint\0{path}\0{result.error}".encode()).hexdigest()[:32]
        issues.append(
            {
                "description": f"file could not be linted: {result.error}",
                "check_name": "newslint",
                "fingerprint": digest,
                "severity": "blocker",
                "location": {"path": path, "lines": {"begin": 1}},
            }
        )
    prints = fingerprints(result.diagnostics, result.source)
    for diag, print_ in zip(result.diagnostics, prints, strict=True):
        issues.append(
            {
                "description": f"{diag.code} {diag.message}",
                "check_name": diag.code,
                "fingerprint": print_,
                "severity": _SEVERITY[diag.severity],
                "location": {
                    "path": path,
                    "lines": {"begin": diag.start.line, "end": diag.end.line},
                },
            }
        )
    return issues


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    write(out, Streamed(issue for result in results for issue in _issues(result)))
    out.write("\n")
