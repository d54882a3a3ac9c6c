"""The text report: ``path:line:col: CODE message``, the source line, carets, a fix hint."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

import click

from newslint.diagnostics import Applicability, Diagnostic, Severity
from newslint.i18n import Translator, translator
from newslint.positions import LineIndex, cell_widths
from newslint.reporters.summary import Summary, Tally, counted, levels_found

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

WINDOW = 96
"""Display cells of source shown around a finding on a long line, when the report does not go
to a terminal (and ``COLUMNS`` is not set)."""
MIN_WINDOW = 40
"""The fewest display cells shown around a finding, however narrow the terminal."""

_SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _drawn(line_text: str) -> list[tuple[str, int]]:
    """How each source character is drawn in the terminal, and its width in cells."""
    drawn = []
    for ch, width in zip(line_text, cell_widths(line_text), strict=True):
        if ch == "\t":
            drawn.append(("    ", 4))
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            drawn.append(("\ufffd", 1))
        else:
            drawn.append((ch, width))
    return drawn


ELLIPSIS = "..."
"""Marks a line cut short. ASCII, not U+2026: terminals that draw East Asian ambiguous-width
characters wide would draw "…" in two cells and push the carets off their span."""

MEASURED = 4 * WINDOW
"""Characters on each side of a finding that are measured on a very long line (a 10 MB line
is not turned into display cells to show 96 of them); four times the window in general."""


def terminal_columns(out: TextIO) -> int | None:
    """The width of the terminal the report is written to (``COLUMNS`` when set), or ``None``
    when it goes to a file or a pipe and ``COLUMNS`` is not set."""
    written = os.environ.get("COLUMNS", "").strip()
    if written.isdigit() and int(written) > 0:
        return int(written)
    if not out.isatty():
        return None
    try:  # the terminal of ``out`` itself: the report may go to stderr while stdout is piped
        return os.get_terminal_size(out.fileno()).columns
    except (OSError, ValueError):
        return None


def snippet_window(columns: int | None, line: int) -> int:
    """Display cells of source shown on a long line so that ``LINE | ...source...`` fits in
    ``columns`` cells (``WINDOW`` when there is no terminal; never fewer than ``MIN_WINDOW``)."""
    if columns is None:
        return WINDOW
    gutter = len(f"{line} | ")
    return max(MIN_WINDOW, columns - gutter - 2 * len(ELLIPSIS))


def render_excerpt(
    line_text: str, start_col: int, end_col: int, window: int = WINDOW
) -> tuple[str, str]:
    """The source line (cut to ``window`` cells when long) and a caret line aligned by display
    width."""
    start = start_col - 1
    measured = 4 * window
    if len(line_text) <= start + max(end_col - start_col, 0) + 2 * measured:
        return _excerpt(line_text, start_col, end_col, window)
    low = max(start - measured, 0)
    high = max(end_col - 1, start_col) + measured
    source, carets = _excerpt(line_text[low:high], start_col - low, end_col - low, window)
    if low > 0 and not source.startswith(ELLIPSIS):
        source, carets = ELLIPSIS + source, " " * len(ELLIPSIS) + carets
    if not source.endswith(ELLIPSIS):
        source += ELLIPSIS
    return source, carets


def _excerpt(line_text: str, start_col: int, end_col: int, window: int = WINDOW) -> tuple[str, str]:
    """``render_excerpt`` of a line measured whole."""
    drawn = _drawn(line_text)
    widths = [w for _, w in drawn]
    lead = sum(widths[: start_col - 1])
    span = max(sum(widths[start_col - 1 : max(end_col - 1, start_col)]), 1)
    first, last = 0, len(drawn)
    if sum(widths) > window:
        # Keep the finding in view: start a little before it and stop after ``window`` cells.
        first = start_col - 1
        budget = window // 3
        while first > 0 and budget - widths[first - 1] >= 0:
            first -= 1
            budget -= widths[first]
        shown = 0
        last = first
        while last < len(drawn) and shown + widths[last] <= window:
            shown += widths[last]
            last += 1
        # Near the end of the line, spend what is left of the window on text before it.
        while first > 0 and shown + widths[first - 1] <= window:
            first -= 1
            shown += widths[first]
        lead -= sum(widths[:first])
    prefix = ELLIPSIS if first > 0 else ""
    suffix = ELLIPSIS if last < len(drawn) else ""
    source = prefix + "".join(text for text, _ in drawn[first:last]) + suffix
    span = min(span, max(sum(widths[first:last]) - lead, 1))
    return source, " " * (lead + len(prefix)) + "^" * span


def _style(text: str, color: bool, **kwargs: object) -> str:
    return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]


def _format_diagnostic(
    diag: Diagnostic, index: LineIndex | None, options: ReportOptions, columns: int | None
) -> str:
    color = options.color
    tr = options.translator
    where = _style(f"{diag.path}:{diag.start.line}:{diag.start.column}:", color, bold=True)
    code = _style(diag.code, color, fg=_SEVERITY_COLOR[diag.severity], bold=True)
    lines = [f"{where} {code} {diag.message}"]
    if options.show_source and index is not None and diag.start.line <= index.line_count:
        end_col = diag.end.column if diag.end.line == diag.start.line else 10**9
        text = index.line_text(diag.start.line)
        end_col = min(end_col, len(text) + 1)
        window = snippet_window(columns, diag.start.line)
        source, carets = render_excerpt(text, diag.start.column, end_col, window)
        gutter = " " * len(str(diag.start.line))
        lines.append(f"{gutter} |")
        lines.append(f"{diag.start.line} | {source}")
        lines.append(f"{gutter} | {_style(carets, color, fg=_SEVERITY_COLOR[diag.severity])}")
        for related in diag.related:
            note = tr.gettext("note: {message} ({line}:{column})").format(
                message=related.message,
                line=related.position.line,
                column=related.position.column,
            )
            lines.append(f"{gutter} = {note}")
        if diag.fix is not None:
            unsafe = diag.fix.applicability is Applicability.UNSAFE
            hint = tr.gettext("help: {fix} (unsafe fix)") if unsafe else tr.gettext("help: {fix}")
            lines.append(f"{gutter} = {hint.format(fix=diag.fix.message)}")
    return "\n".join(lines)


def summary_line(summary: Summary, tr: Translator | None = None) -> str:
    """The report's last lines: what was found where, what --fix would do, what was not seen."""
    tr = tr or translator("en")
    notes = []
    linted = summary.files - summary.unreadable
    if summary.fixed:
        notes.append(counted(tr, summary.fixed, "Applied {count} fix.", "Applied {count} fixes."))
    if summary.baselined:
        notes.append(
            counted(
                tr,
                summary.baselined,
                "{count} finding in the baseline not shown.",
                "{count} findings in the baseline not shown.",
            )
        )
    if summary.unreadable:
        notes.append(
            counted(
                tr,
                summary.unreadable,
                "{count} file could not be linted (see above).",
                "{count} files could not be linted (see above).",
            )
        )
    unread = "".join(f"\n{note}" for note in notes)
    if not (summary.errors or summary.warnings or summary.infos):
        if summary.unreadable:  # not all checked: never "passed"
            none = counted(
                tr,
                linted,
                "No findings in {count} file linted.",
                "No findings in {count} files linted.",
            )
            return none + unread
        passed = counted(
            tr, linted, "All checks passed ({count} file).", "All checks passed ({count} files)."
        )
        return passed + unread
    where = counted(tr, linted, "{count} file", "{count} files")
    if summary.flagged != linted:
        where = tr.gettext("{flagged} of {files}").format(flagged=summary.flagged, files=where)
    levels = tr.gettext(", ").join(levels_found(summary, tr))
    line = tr.gettext("Found {levels} in {where}.").format(levels=levels, where=where)
    if summary.fixable:
        line += "\n" + tr.gettext("{count} fixable with --fix.").format(count=summary.fixable)
    if summary.unsafe_fixable:
        more = tr.gettext("{count} more fixable with --fix --unsafe-fixes.")
        line += "\n" + more.format(count=summary.unsafe_fixable)
    return line + unread


def report(
    results: Iterable[FileResult],
    out: TextIO,
    options: ReportOptions,
) -> None:
    """Write every diagnostic with its source excerpt, then file errors and a summary."""
    tally = Tally()
    columns = terminal_columns(out)
    for result in tally.counted(results):
        index = LineIndex(result.source) if result.source is not None else None
        for diag in result.diagnostics:
            out.write(_format_diagnostic(diag, index, options, columns) + "\n\n")
        write_file_problems(result, out, options)
    if not options.quiet:
        out.write(summary_line(tally.summary(), options.translator) + "\n")


def write_file_problems(result: FileResult, out: TextIO, options: ReportOptions) -> None:
    """Why a file could not be linted, or what to know about how it was read."""
    if result.error is not None:
        label = _style(options.translator.gettext("error:"), options.color, fg="red", bold=True)
        out.write(f"{result.path}: {label} {result.error}\n")
    if result.warning is not None:
        label = _style(
            options.translator.gettext("warning:"), options.color, fg="yellow", bold=True
        )
        out.write(f"{result.path}: {label} {result.warning}\n")
