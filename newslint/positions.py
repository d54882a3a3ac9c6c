"""The one place that turns character offsets into lines and columns.

Offsets are 0-based code points into the decoded text (a BOM stays as U+FEFF, CRLF
stays as two characters). Lines and columns are 1-based; columns count code points.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Position:
    """A point in a file: 1-based line and column (code points) and 0-based offset."""

    line: int
    column: int
    offset: int


class LineIndex:
    """Line starts of one text, built once and shared by everything that needs positions."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def offset_of(self, line: int, column: int) -> int:
        """Offset of a 1-based line and code-point column, clamped to the text."""
        line = min(max(line, 1), len(self._starts))
        return min(self._starts[line - 1] + max(column, 1) - 1, len(self.text))

    def position(self, offset: int) -> Position:
        """Line and column of ``offset`` (clamped to ``[0, len(text)]``)."""
        offset = min(max(offset, 0), len(self.text))
        index = bisect.bisect_right(self._starts, offset) - 1
        return Position(index + 1, offset - self._starts[index] + 1, offset)

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line ending."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def utf16_column(self, offset: int) -> int:
        """1-based column of ``offset`` in UTF-16 code units (SARIF's default column kind)."""
        pos = self.position(offset)
        prefix = self.text[self._starts[pos.line - 1] : pos.offset]
        return pos.column + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


_ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_ZWJ = "\u200d"
_EMOJI_PRESENTATION = "\ufe0f"


def _char_width(ch: str) -> int:
    """Terminal cells taken by one character alone: 2 for wide East Asian and emoji, 0 for marks."""
    if ch in _ZERO_WIDTH or unicodedata.category(ch) in ("Mn", "Me"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def cell_widths(text: str) -> list[int]:
    """Terminal cells of each character of ``text``, reading emoji sequences as one glyph.

    A skin-tone modifier, or an emoji joined to the one before by U+200D, is drawn inside the
    glyph before it (0 cells); U+FE0F asks for emoji presentation, which is 2 cells wide.
    """
    widths: list[int] = []
    glyph = 0
    """Cells of the glyph being drawn, which the characters after it may join or widen."""
    after_joiner = False
    for ch in text:
        width = _char_width(ch)
        if width == 0:
            if ch == _EMOJI_PRESENTATION and glyph == 1:
                width, glyph = 1, 2
            after_joiner = ch == _ZWJ and glyph == 2
        elif after_joiner or (glyph == 2 and 0x1F3FB <= ord(ch) <= 0x1F3FF):
            width, after_joiner = 0, False
        else:
            glyph = width
        widths.append(width)
    return widths


def display_width(text: str) -> int:
    """Terminal cells taken by ``text`` (tabs count as one cell; callers expand them first)."""
    return sum(cell_widths(text))
