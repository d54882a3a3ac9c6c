"""GitHub Actions workflow commands: one annotation per finding, escaped against injection."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from newslint.diagnostics import Severity

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF (so it cannot end the command early)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,`` which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}\n"


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    for result in results:
        for diag in result.diagnostics:
            properties: dict[str, object] = {
                "file": diag.path,
                "line": diag.start.line,
                "col": diag.start.column,
                "endLine": diag.end.line,
                "endColumn": diag.end.column,
                "title": f"{diag.code} {diag.rule}",
            }
            out.write(_command(_COMMAND[diag.severity], properties, diag.message))
        if result.error is not None:
            out.write(_command("error", {"file": result.path, "title": "newslint"}, result.error))
        if result.warning is not None:
            props: dict[str, object] = {"file": result.path, "title": "newslint"}
            out.write(_command("warning", props, result.warning))
