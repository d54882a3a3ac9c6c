"""One finding of the HTML report: its heading, rule summary, source lines and fix as a diff."""

from __future__ import annotations

import difflib
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


def _shared(old: str, new: str) -> int:
    """How many characters ``old`` and ``new`` share at their start."""
    count = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        count += 1
    return count


def _trimmed(old: str, new: str) -> tuple[int, int]:
    """How many characters ``old`` and ``new`` share at their start and (after that) end."""
    head = _shared(old, new)
    return head, _shared(old[head:][::-1], new[head:][::-1])


def _shortened(piece: str) -> str:
    """Unchanged text with the middle of each long line left out (its ends border changes)."""
    parts = piece.split("\n")
    return "\n".join(
        part if len(part) <= LONG_LINE else part[:CONTEXT] + ELLIPSIS + part[-CONTEXT:]
        for part in parts
    )


def _sides(fix: Fix, text: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """The whole lines a fix touches, before and after it, as (text, changed) pieces; what an
    edit leaves as it was at its start and end is not marked changed."""
    edits = sorted(fix.edits, key=lambda edit: (edit.start, edit.end))
    first = text.rfind("\n", 0, edits[0].start) + 1
    last = text.find("\n", max(edit.end for edit in edits))
    pos = first
    before: list[tuple[str, bool]] = []
    after: list[tuple[str, bool]] = []
    for edit in edits:
        kept = text[pos : edit.start]
        old = text[edit.start : edit.end]
        head, tail = _trimmed(old, edit.replacement)
        before += [(kept + old[:head], False), (old[head : len(old) - tail], True)]
        after += [
            (kept + old[:head], False),
            (edit.replacement[head : len(edit.replacement) - tail], True),
        ]
        before.append((old[len(old) - tail :], False))
        after.append((old[len(old) - tail :], False))
        pos = max(edit.end, pos)
    rest = text[pos : len(text) if last < 0 else last]
    return [*before, (rest, False)], [*after, (rest, False)]


def _rows(pieces: list[tuple[str, bool]], tag: str) -> list[tuple[str, str]]:
    """One side of a diff as lines of (plain text, markup), changed pieces in ``tag``."""
    rows = [("", "")]
    budget = DIFF_LIMIT
    for piece, changed in pieces:
        piece = piece if changed else _shortened(piece)
        cut = piece[: max(budget, 0)]
        budget -= len(piece)
        for n, part in enumerate(cut.split("\n")):
            if n:
                rows.append(("", ""))
            if part:
                shown = f"<{tag}>{clean(part)}</{tag}>" if changed else clean(part)
                rows[-1] = (rows[-1][0] + part, rows[-1][1] + shown)
        if budget < 0:
            rows[-1] = (rows[-1][0] + ELLIPSIS, rows[-1][1] + ELLIPSIS)
            break
    return rows


def _diff(fix: Fix, text: str) -> list[str]:
    """The fix as a diff of the lines it touches: unchanged lines once, the others as - and +."""
    before, after = _sides(fix, text)
    old, new = _rows(before, "del"), _rows(after, "ins")
    matcher = difflib.SequenceMatcher(None, [p for p, _ in old], [p for p, _ in new], False)
    lines = []
    for op, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if op == "equal":
            lines += [f'<span class="same">  {row}</span>' for _, row in old[old_from:old_to]]
            continue
        lines += [f'<span class="old">- {row}</span>' for _, row in old[old_from:old_to]]
        lines += [f'<span class="new">+ {row}</span>' for _, row in new[new_from:new_to]]
    return lines


def _fix(fix: Fix, text: str | None) -> str:
    unsafe = fix.applicability is Applicability.UNSAFE
    how = (
        "unsafe fix, applied with --fix --unsafe-fixes"
        if unsafe
        else "safe fix, applied with --fix"
    )
    parts = [f'<p class="note">Fix ({how}): {clean(fix.message)}</p>']
    if text is not None and fix.edits and max(edit.end for edit in fix.edits) <= len(text):
        parts.append('<pre class="diff">' + "\n".join(_diff(fix, text)) + "</pre>")
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
