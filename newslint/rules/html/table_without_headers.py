"""HT021 table-without-headers: a data table's header row (or column) is made of ``<th>`` cells.

Screen readers read each cell of a data table with its headers, but only ``<th>`` cells are
headers: written as ordinary ``<td>`` cells, the labels are lost and a table of figures becomes
a run of unlabelled values. The header row is the first row, said to be one when it is set apart
(bold or shaded while rows below are not, or in ``<thead>``); in a table whose rows all look
alike, when it reads as one: it holds no value (a cell mostly of digits, as in ``backspace | 8``
or a date) and the table is not a picture grid (images in half its rows or more). A bold first
column is row labels. Layout tables are skipped: ``role="presentation"``/``"none"``, fewer than
two rows or columns, a table holding another table, or one with no text below its first row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from xml.etree.ElementTree import Element

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import Text, t

_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
_BOLD = frozenset({"b", "strong"})
_PERIOD = re.compile(
    r"(?:FY|Q[1-4])?(?:19|20)\d\d(?:년도?|年度?)?(?:[1-4]분기|[상하]반기|Q[1-4]|H[12])?", re.I
)
_MEDIA = frozenset({"img", "picture", "video", "iframe", "svg", "object", "embed"})
_BLANK = " \t\n\r\f\u00a0"
_BOLD_STYLE = re.compile(r"(?:^|;)\s*font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.I)
_SHADE_STYLE = re.compile(
    r"(?:^|;)\s*background(?:-color)?\s*:\s*(?!\s*(?:none|transparent)\b)", re.I
)

Row = tuple[Element, list[Element]]
"""A table row and its cells."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on the start tag of each table whose visible headers are ``<td>``."""
    for element, tag in parse_html(ctx.doc).authored_named("table"):
        if element.get("role", "").strip().lower() in ("presentation", "none"):
            continue
        rows = _rows(element)
        if _layout(element, rows):
            continue
        message = _headers_shown(element, rows)
        if message is not None:
            yield Finding(tag.start, tag.end, message)


def _rows(table: Element) -> list[Row]:
    """The table's own rows (directly or in its row groups), not those of nested tables."""
    rows: list[Element] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _SECTIONS:
            rows.extend(row for row in child if row.tag == "tr")
    return [(row, [cell for cell in row if cell.tag in _CELLS]) for row in rows]


def _layout(table: Element, rows: list[Row]) -> bool:
    """Whether the table only arranges things: too small, with header cells already, nested."""
    if len(rows) < 2 or max(len(cells) for _, cells in rows) < 2:
        return True
    if any(cell.tag == "th" for _, cells in rows for cell in cells):
        return True
    return any(node.tag == "table" for node in table.iter() if node is not table)


def _headers_shown(table: Element, rows: list[Row]) -> Text | None:
    """What sets the first row (or column) apart as headers, as the finding's message."""
    first, *body = rows
    if not _has_text([cell for _, cells in body for cell in cells]):
        return None  # pictures under a caption row, or an empty grid
    head = next((child for child in table if child.tag == "thead"), None)
    if head is not None and any(row is first[0] for row in head):
        return t(
            "this table's header row in <thead> is ordinary cells (<td>):"
            " make them header cells (<th>) so screen readers read each value with its label"
        )
    bold = t(
        "this table's bold first row is its header, in ordinary cells (<td>):"
        " make them header cells (<th>) so screen readers read each value with its label"
    )
    shaded = t(
        "this table's shaded first row is its header, in ordinary cells (<td>):"
        " make them header cells (<th>) so screen readers read each value with its label"
    )
    for message, marked in ((bold, _bold), (shaded, _shaded)):
        if _all(first, marked) and not all(_all(row, marked) for row in body):
            return message
    if _labels_bold(rows):
        return t(
            "this table's bold first column is row labels in ordinary cells (<td>):"
            " make them header cells (<th>) so screen readers read each value with its label"
        )
    if any(_value(cell) for cell in first[1]) or _pictures(rows):
        return None  # a list of values with no header, or photos with captions
    return t(
        "this table's first row reads as its header, in ordinary cells (<td>):"
        " make them header cells (<th>) so screen readers read each value with its label"
    )


def _labels_bold(rows: list[Row]) -> bool:
    """Whether the first cell of every row (a blank top-left corner aside) is bold, and some
    other cell is not."""
    if rows[0][1] and not _has_text(rows[0][1][:1]):
        rows = rows[1:]
    labels = [(row, cells[:1]) for row, cells in rows]
    values = [(row, cells[1:]) for row, cells in rows if cells[1:]]
    return (
        len(labels) > 1
        and all(_all(label, _bold) for label in labels)
        and not all(_all(value, _bold) for value in values)
    )


def _value(cell: Element) -> bool:
    """Whether the cell holds a value, not a label: at least half its characters are digits,
    and it is not a year or quarter (``2023``, ``2023년도``, ``2023년 4분기``), which names a
    column as often as not."""
    chars = "".join("".join(cell.itertext()).split())
    digits = sum(c.isdigit() for c in chars)
    return bool(chars) and 2 * digits >= len(chars) and not _PERIOD.fullmatch(chars)


def _pictures(rows: list[Row]) -> bool:
    """Whether images (or other media) are in half the rows or more: a picture grid."""
    media = sum(1 for row, _ in rows if any(node.tag in _MEDIA for node in row.iter()))
    return 2 * media >= len(rows)


def _all(row: Row, marked: Callable[[Element, Element], bool]) -> bool:
    """Whether the row has cells and all of them are ``marked``."""
    element, cells = row
    return bool(cells) and all(marked(element, cell) for cell in cells)


def _bold(row: Element, cell: Element) -> bool:
    """Whether the cell's text is bold: styled so, or all of it inside ``<b>``/``<strong>``."""
    if any(_BOLD_STYLE.search(node.get("style", "")) for node in (row, cell)):
        return True
    inside = outside = False
    stack: list[tuple[Element, bool]] = [(cell, False)]
    while stack:  # no recursion: a pasted cell may nest deeply
        node, bold = stack.pop()
        bold = bold or node.tag in _BOLD
        if (node.text or "").strip(_BLANK):
            inside, outside = inside or bold, outside or not bold
        for child in node:
            if (child.tail or "").strip(_BLANK):
                inside, outside = inside or bold, outside or not bold
            stack.append((child, bold))
    return inside and not outside


def _shaded(row: Element, cell: Element) -> bool:
    """Whether the cell has a background colour of its own or from its row."""
    return any(
        node.get("bgcolor", "").strip() or _SHADE_STYLE.search(node.get("style", ""))
        for node in (row, cell)
    )


def _has_text(cells: list[Element]) -> bool:
    """Whether any of ``cells`` holds text (not only images, line breaks or blanks)."""
    return any("".join(cell.itertext()).strip(_BLANK) for cell in cells)
