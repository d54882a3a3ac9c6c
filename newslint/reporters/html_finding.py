"""One finding of the HTML report: its heading, rule summary, source lines and fix as a diff."""

from __future__ import annotations

import re
from html import escape

from newslint.diagnostics import Applicability, Diagnostic, Fix
from newslint.positions import LineIndex

LONG_LINE = 400
"""Characters of a source line shown whole; a longer line is cut to a window around the span."""
CONTEXT = 150
"""Characters kept on each side of the span on a long line."""
SPAN_LINES = 6
"""Lines of a long span shown (the rest are counted)."""
DIFF_LIMIT = 1500
"""Characters of each side of a fix's diff shown."""
ELLIPSIS = "\u2026"

_UNDRAWABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` escaped for HTML, with characters a page cannot hold drawn as U+FFFD."""
    return escape(_UNDRAWABLE.sub("\ufffd", text.replace("\r", "")), quote=True)


def _marked(text: str, start: int, end: int, mark: bool = True) -> str:
    """``text`` with ``[start, end)`` in ``<mark>`` (when ``mark``); a long line is windowed
    around that span."""
    low, high = 0, len(text)
    if high > LONG_LINE:
        low = max(start - CONTEXT, 0)
        high = min(max(end, start) + CONTEXT, high, low + LONG_LINE)
    start, end = min(max(start, low), high), min(max(end, start), high)
    return (
        (ELLIPSIS if low > 0 else "")
        + clean(text[low:start])
        + (f"<mark>{clean(text[start:end])}</mark>" if mark else clean(text[start:end]))
        + clean(text[end:high])
        + (ELLIPSIS if high < len(text) else "")
    )


def _source(diag: Diagnostic, index: LineIndex) -> str:
    """The lines around the finding, the span highlighted, each with its number."""
    first_line, last_line = diag.start.line, diag.end.line
    end_column = diag.end.column
    if last_line > first_line and end_column == 1:  # the span ends with a line break
        last_line -= 1
        end_column = len(index.line_text(last_line)) + 1
    last_line = min(last_line, index.line_count)
    shown_to = min(last_line, first_line + SPAN_LINES - 1)
    rows = []
    lines = index.line_count - index.text.endswith("\n")  # not the empty "line" after the end
    for number in range(max(first_line - 1, 1), max(min(shown_to + 1, lines), shown_to) + 1):
        text = index.line_text(number)
        if first_line <= number <= shown_to:
            start = diag.start.column - 1 if number == first_line else 0
            end = end_column - 1 if number == last_line else len(text)
            body = _marked(text, start, end)
        else:
            body = _marked(text, 0, 0, mark=False)
        rows.append(f'<span class="ln">{number}</span>{body}')
        if number == shown_to and shown_to < last_line:
            rows.append(f'<span class="ln"></span>{ELLIPSIS} {last_line - shown_to} more lines')
    return '<pre class="source">' + "\n".join(rows) + "</pre>"


def _sides(fix: Fix, text: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """The whole lines a fix touches, before and after it, as (text, changed) pieces."""
    edits = sorted(fix.edits, key=lambda edit: (edit.start, edit.end))
    first = text.rfind("\n", 0, edits[0].start) + 1
    last = text.find("\n", max(edit.end for edit in edits))
    pos = first
    before: list[tuple[str, bool]] = []
    after: list[tuple[str, bool]] = []
    for edit in edits:
        kept = text[pos : edit.start]
        before += [(kept, False), (text[edit.start : edit.end], True)]
        after += [(kept, False), (edit.replacement, True)]
        pos = max(edit.end, pos)
    rest = text[pos : len(text) if last < 0 else last]
    return [*before, (rest, False)], [*after, (rest, False)]


def _diff_lines(pieces: list[tuple[str, bool]], sign: str, tag: str) -> list[str]:
    """One side of a diff, a row per line, changed pieces in ``<del>`` or ``<ins>``."""
    rows = [""]
    budget = DIFF_LIMIT
    for piece, changed in pieces:
        cut = piece[: max(budget, 0)]
        budget -= len(piece)
        for n, part in enumerate(cut.split("\n")):
            if n:
                rows.append("")
            if part:
                rows[-1] += f"<{tag}>{clean(part)}</{tag}>" if changed else clean(part)
        if budget < 0:
            rows[-1] += ELLIPSIS
            break
    css = "old" if sign == "-" else "new"
    return [f'<span class="{css}">{sign} {row}</span>' for row in rows]


def _fix(fix: Fix, text: str | None) -> str:
    unsafe = fix.applicability is Applicability.UNSAFE
    how = (
        "unsafe fix, applied with --fix --unsafe-fixes"
        if unsafe
        else "safe fix, applied with --fix"
    )
    parts = [f'<p class="note">Fix ({how}): {clean(fix.message)}</p>']
    if text is not None and fix.edits and max(edit.end for edit in fix.edits) <= len(text):
        before, after = _sides(fix, text)
        rows = _diff_lines(before, "-", "del") + _diff_lines(after, "+", "ins")
        parts.append('<pre class="diff">' + "\n".join(rows) + "</pre>")
    return "".join(parts)


def finding(diag: Diagnostic, anchor: str, name: str, summary: str, index: LineIndex | None) -> str:
    """An ``<article>`` for ``diag``, with the ``id`` ``anchor`` and the filters' data."""
    where = f"{diag.path}:{diag.start.line}:{diag.start.column}"
    severity = diag.severity.value
    parts = [
        f'<article class="finding" id="{clean(anchor)}" data-rule="{clean(diag.code)}"'
        f' data-name="{clean(name)}" data-severity="{severity}" data-path="{clean(diag.path)}">',
        f'<h3><a href="#{clean(anchor)}">{clean(where)}</a> '
        f'<span class="sev sev-{severity}">{severity}</span> '
        f"<code>{clean(diag.code)}</code> {clean(diag.message)}</h3>",
    ]
    if summary:
        parts.append(f'<p class="doc">{clean(diag.code)} {clean(name)}: {clean(summary)}</p>')
    if index is not None and diag.start.line <= index.line_count:
        parts.append(_source(diag, index))
    for related in diag.related:
        parts.append(
            f'<p class="note">Note: {clean(related.message)} (line {related.position.line},'
            f" column {related.position.column})</p>"
        )
    if diag.fix is not None:
        parts.append(_fix(diag.fix, index.text if index is not None else None))
    parts.append("</article>")
    return "\n".join(parts)
