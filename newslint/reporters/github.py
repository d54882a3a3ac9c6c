"""GitHub Actions workflow commands: the findings GitHub will show, escaped against injection.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, and 50 per job
(the "Limitations" of actions/toolkit's docs/problem-matchers.md; later ones are dropped
silently, in the order printed). One step of newslint prints at most 30, so the job's 50 leave
room for other steps. The report prints the most important first (errors, then warnings, then
notices; within a level, files that could not be linted, then by path and position) and ends
with a plain line saying how many were left out and how to see them all. Under
``--changed-since`` only changed files are linted, so every annotation is already on one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TextIO

from newslint.diagnostics import Severity
from newslint.reporters.markdown import rerun_command
from newslint.reporters.ranking import keep_first

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

PER_STEP = 10
"""Annotations of each level GitHub shows for one step."""

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)

_Ranked = tuple[tuple[int, str, int, int, str], str]
"""An annotation's rank (file problems first, then path and position) and its command."""


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF (so it cannot end the command early)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,`` which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, properties: Mapping[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}\n"


def _annotations(result: FileResult) -> Iterable[tuple[Severity, _Ranked]]:
    """Each annotation of one file with its level and rank."""
    problem = {"file": result.path, "title": "newslint"}
    if result.error is not None:
        yield Severity.ERROR, ((0, result.path, 0, 0, ""), _command("error", problem, result.error))
    if result.warning is not None:
        command = _command("warning", problem, result.warning)
        yield Severity.WARNING, ((0, result.path, 0, 0, ""), command)
    for diag in result.diagnostics:
        properties: dict[str, object] = {
            "file": diag.path,
            "line": diag.start.line,
            "col": diag.start.column,
            "endLine": diag.end.line,
            "endColumn": diag.end.column,
            "title": f"{diag.code} {diag.rule}",
        }
        command = _command(_COMMAND[diag.severity], properties, diag.message)
        yield diag.severity, ((1, *diag.sort_key), command)


def unannotated(counts: Counter[Severity]) -> Counter[Severity]:
    """How many annotations of each level GitHub would not show, given how many there are."""
    return Counter(
        {level: counts[level] - PER_STEP for level in _LEVELS if counts[level] > PER_STEP}
    )


def left_out_line(left: Counter[Severity], arguments: Iterable[str]) -> str:
    """The plain line that ends a report whose annotations GitHub would not all show."""
    total = sum(left.values())
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    parts = ", ".join(
        f"{left[level]} {words[level]}{'' if left[level] == 1 else 's'}"
        for level in _LEVELS
        if left[level]
    )
    rerun = rerun_command(arguments)
    return (
        f"{total} more finding{'' if total == 1 else 's'} not annotated ({parts}): GitHub shows "
        f"{PER_STEP} of each level per step. See them all with `{rerun} --format text`, "
        "or upload `--format sarif` to code scanning."
    )


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    """Print the annotations GitHub will show, most important first, then what was left out."""
    shown: dict[Severity, list[_Ranked]] = {level: [] for level in _LEVELS}
    counts: Counter[Severity] = Counter()
    for result in results:
        for level, ranked in _annotations(result):
            counts[level] += 1
            keep_first(shown[level], ranked, PER_STEP)
    for level in _LEVELS:
        out.writelines(command for _, command in shown[level])
    left = unannotated(counts)
    if left:
        out.write(left_out_line(left, options.arguments) + "\n")
