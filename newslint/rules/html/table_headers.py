"""HT021 table-without-headers: a data table has header cells (``<th>``) or a ``<caption>``.

Screen readers announce a cell with its row and column headers; without ``<th>`` a table of
figures is a run of unlabelled numbers. Layout tables are not data tables and are skipped: a
table with ``role="presentation"`` or ``role="none"``, with fewer than two rows or two columns,
holding another table, or whose cells hold no text (only images, line breaks, blanks).
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import parse_html

_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
_CELLS = frozenset({"td", "th"})
_BLANK = " \t\n\r\f\u00a0"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on the start tag of each data table without ``<th>`` or ``<caption>``."""
    for element, tag in parse_html(ctx.doc).authored_named("table"):
        if element.get("role", "").strip().lower() in (
            "presentation",
            "none",
        ):
            continue
        if any(child.tag == "caption" for child in element):
            continue
        rows = _rows(element)
        cells = [cell for row in rows for cell in row if cell.tag in _CELLS]
        if any(cell.tag == "th" for cell in cells) or _layout(element, rows, cells):
            continue
        message = "data table has no header cells (<th>) or <caption>"
        if _bold_row(rows[0]):
            message += "; its bold first row looks like a header row"
        yield Finding(tag.start, tag.end, message)


def _rows(table: Element) -> list[Element]:
    """The table's own rows (directly or in its row groups), not those of nested tables."""
    rows: list[Element] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _SECTIONS:
            rows.extend(row for row in child if row.tag == "tr")
    return rows


def _layout(table: Element, rows: list[Element], cells: list[Element]) -> bool:
    """Whether the table only arranges things: too small, nested tables, or no text at all."""
    if len(rows) < 2 or max(sum(1 for c in row if c.tag in _CELLS) for row in rows) < 2:
        return True
    if any(node.tag == "table" for node in table.iter() if node is not table):
        return True
    return not any("".join(cell.itertext()).strip(_BLANK) for cell in cells)


def _bold_row(row: Element) -> bool:
    """Whether every cell of ``row`` holds text and all of it is inside ``<b>``/``<strong>``."""
    cells = [cell for cell in row if cell.tag in _CELLS]
    for cell in cells:
        if (cell.text or "").strip(_BLANK) or not "".join(cell.itertext()).strip(_BLANK):
            return False
        for child in cell:
            if child.tag not in ("b", "strong") or (child.tail or "").strip(_BLANK):
                return False
    return bool(cells)
