"""The JSON report: a versioned contract for tools (and our own tests)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from newslint import __version__
from newslint.diagnostics import Diagnostic, Fix
from newslint.positions import Position
from newslint.reporters.summary import summarize

if TYPE_CHECKING:
    from newslint.reporters import ReportOptions
    from newslint.runner import FileResult

SCHEMA_VERSION = 1


def _position(pos: Position) -> dict[str, int]:
    return {"line": pos.line, "column": pos.column, "offset": pos.offset}


def _fix(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.message,
        "edits": [
            {"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits
        ],
    }


def diagnostic_to_json(diag: Diagnostic) -> dict[str, Any]:
    return {
        "path": diag.path,
        "code": diag.code,
        "rule": diag.rule,
        "severity": diag.severity.value,
        "message": diag.message,
        "start": _position(diag.start),
        "end": _position(diag.end),
        "fix": _fix(diag.fix),
        "related": [{"message": r.message, **_position(r.position)} for r in diag.related],
    }


def report(results: list[FileResult], out: TextIO, options: ReportOptions) -> None:
    summary = summarize(results)
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "fixable": summary.fixable,
            "unreadable": summary.unreadable,
            "fixed": summary.fixed,
            "baselined": summary.baselined,
        },
        "diagnostics": [diagnostic_to_json(d) for r in results for d in r.diagnostics],
        "errors": [{"path": r.path, "message": r.error} for r in results if r.error],
        "warnings": [{"path": r.path, "message": r.warning} for r in results if r.warning],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
