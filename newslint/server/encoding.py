"""Positions as the client counts them: LSP columns are code units of the encoding agreed at
``initialize`` (UTF-16 unless the client offers UTF-8 or UTF-32); newslint counts code points."""

from __future__ import annotations

from lsprotocol import types

from newslint.positions import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class PositionMap:
    """Code-point offsets of one text to LSP positions and back, in the client's encoding."""

    def __init__(self, text: str, encoding: str = UTF16, index: LineIndex | None = None) -> None:
        self.text = text
        self.encoding = str(encoding)
        self.index = index if index is not None and index.text is text else LineIndex(text)

    def position(self, offset: int) -> types.Position:
        """The LSP position of code-point ``offset`` (clamped to the text)."""
        at = self.index.position(offset)
        start = self.index.line_start(at.line)
        column = at.offset - start
        if self.encoding != UTF32:
            column = _units(self.text[start : at.offset], self.encoding)
        return types.Position(line=at.line - 1, character=column)

    def range(self, start: int, end: int) -> types.Range:
        """The LSP range of code points ``[start, end)``."""
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of an LSP position; a column past the line's end is its end."""
        if position.line >= self.index.line_count:
            return len(self.text)
        line = position.line + 1
        start = self.index.line_start(line)
        text = self.index.line_text(line)
        if self.encoding == UTF32:
            return start + min(position.character, len(text))
        units = 0
        for count, ch in enumerate(text):
            if units >= position.character:
                return start + count
            units += _units(ch, self.encoding)
        return start + len(text)
