"""The JSON report: a versioned contract for tools (and our own tests), written as it streams."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from newslint.diagnostics import Diagnostic, Fix
from newslint.positions import Position
from newslint.reporters.jsonstream import Later, Streamed, write
from newslint.reporters.localized import translations
from newslint.reporters.summary import Summary, Tally
from newslint.version import __version__

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

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


def _summary(summary: Summary) -> dict[str, int]:
    return {
        "files": summary.files,
        "errors": summary.errors,
        "warnings": summary.warnings,
        "infos": summary.infos,
        "fixable": summary.fixable,
        "unreadable": summary.unreadable,
        "fixed": summary.fixed,
        "baselined": summary.baselined,
    }


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    """Write the report as the results arrive; the summary, which counts them, comes last."""
    tally = Tally()
    errors: list[dict[str, str]] = []
    warnings: list[dict[str, str]] = []

    def diagnostics() -> Iterator[dict[str, Any]]:
        for result in tally.counted(results):
            if result.error:
                errors.append({"path": result.path, "message": result.error})
            if result.warning:
                warnings.append({"path": result.path, "message": result.warning})
            for diag in result.diagnostics:
                item = diagnostic_to_json(diag)
                translated = translations(diag.message, options.translator)
                if translated is not None:
                    item["translations"] = translated
                yield item

    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "diagnostics": Streamed(diagnostics()),
        "errors": Later(lambda: errors),
        "warnings": Later(lambda: warnings),
        "summary": Later(lambda: _summary(tally.summary())),
    }
    write(out, document)
    out.write("\n")
