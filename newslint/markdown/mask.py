"""The mask of a post body (Liquid, then Markdown code and autolinks) and its Markdown text."""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

from newslint.document import Document
from newslint.markdown.blocks import quoted_code, read_blocks
from newslint.markdown.inline import inline_ranges

__all__ = ["Mask", "markdown_text", "mask_body", "mask_document"]

# Liquid: the three block tags whose content is not HTML, then any output or tag.
_LIQUID = re.compile(r"\{%-?\s*(raw|highlight|comment)\b.*?-?%\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
_LIQUID_END = {
    name: re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}")
    for name in ("raw", "highlight", "comment")
}

_NOT_EOL = re.compile(r"[^\r\n]+")


@dataclass(frozen=True, slots=True)
class Mask:
    """A masked body: ``text`` has the original's length and line breaks; ``ranges`` are masked."""

    text: str
    ranges: tuple[tuple[int, int], ...]

    def covers(self, start: int, end: int) -> bool:
        """Whether any masked range overlaps ``[start, end)`` (offsets in the masked text).

        The ranges are sorted and apart, so the first that ends after ``start`` decides.
        """
        at = bisect.bisect_right(self.ranges, start, key=operator.itemgetter(1))
        return at < len(self.ranges) and self.ranges[at][0] < end


class _Reading(NamedTuple):
    """A Markdown body as kramdown reads it: Liquid masked, then split into blocks."""

    body: str
    text: str  # ``body`` with Liquid masked
    liquid: list[tuple[int, int]]  # the Liquid spans, merged
    runs: list[int]  # start, end, start, end, … of the runs of Markdown text between blocks
    code: list[tuple[int, int]]  # fenced and indented code blocks


def mask_document(doc: Document) -> Mask:
    """The mask of ``doc``'s body (offsets relative to ``doc.body_start``), computed once."""

    def compute() -> Mask:
        if doc.is_html_file:
            return mask_body(doc.body, html_file=True)
        return _mask_markdown(_reading(doc))

    return doc.memo("mask", compute)


def mask_body(body: str, *, html_file: bool = False) -> Mask:
    """Mask Liquid and, unless ``html_file``, Markdown code spans, code blocks and autolinks."""
    if not html_file:
        return _mask_markdown(_read(body))
    liquid = _liquid_ranges(body)
    return Mask(_apply(body, liquid), tuple(liquid)) if liquid else Mask(body, ())


def markdown_text(doc: Document) -> tuple[tuple[int, int], ...]:
    """The spans of ``doc.text`` that kramdown reads as Markdown text, computed once.

    Paragraphs, headings and list items, where kramdown writes a bare ``&`` or ``<`` as
    ``&amp;`` or ``&lt;`` itself; not raw HTML blocks (which run, as in kramdown, to the end tag
    that closes them), code blocks or blank lines. Empty for an ``.html`` post.
    """

    def compute() -> tuple[tuple[int, int], ...]:
        if doc.is_html_file:
            return ()
        runs, shift = _reading(doc).runs, doc.body_start.__add__
        return tuple(zip(map(shift, runs[::2]), map(shift, runs[1::2]), strict=True))

    return doc.memo("markdown-text", compute)


def _reading(doc: Document) -> _Reading:
    """``doc``'s Markdown body, read once for both its mask and its Markdown text."""
    return doc.memo("markdown-reading", lambda: _read(doc.body))


def _read(body: str) -> _Reading:
    """Mask Liquid in ``body``, then find its Markdown text and code blocks."""
    liquid = _liquid_ranges(body)
    text = _apply(body, liquid) if liquid else body
    runs, code = read_blocks(text)
    if "\n>" in text or text.lstrip(" ").startswith(">"):
        code += quoted_code(text)
    return _Reading(body, text, liquid, runs, code)


def _mask_markdown(reading: _Reading) -> Mask:
    """The mask of a Markdown body: Liquid, code blocks, code spans and autolinks."""
    code = reading.code + inline_ranges(reading.text, reading.runs)
    if not code:
        return Mask(reading.text, tuple(reading.liquid))
    merged = _merge(reading.liquid + code)
    return Mask(_apply(reading.body, merged), tuple(merged))


def _liquid_ranges(body: str) -> list[tuple[int, int]]:
    """The spans of Liquid blocks and tags, in the order Liquid reads them, merged."""
    if "{" not in body:
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    search = _LIQUID.search
    while (m := search(body, pos)) is not None:
        end = m.end()
        block = m.group(1)
        if block is not None:
            closing = _LIQUID_END[block].search(body, end)
            if closing is not None:
                end = closing.end()
        out.append((m.start(), end))
        pos = end
    return _merge(out) if out else out


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort and merge overlapping or touching ranges (at least one)."""
    ranges.sort()
    merged: list[tuple[int, int]] = []
    start, end = ranges[0]
    for next_start, next_end in ranges:
        if next_start > end:
            merged.append((start, end))
            start = next_start
        if next_end > end:
            end = next_end
    merged.append((start, end))
    return merged


def _apply(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with every character in ``ranges`` (sorted, disjoint) but line breaks a space."""
    parts: list[str] = []
    pos = 0
    for start, end in ranges:
        parts.append(text[pos:start])
        piece = text[start:end]
        if "\r" in piece:
            parts.append(_NOT_EOL.sub(_blank, piece))
        elif "\n" in piece:
            parts.append("\n".join([" " * len(line) for line in piece.split("\n")]))
        else:
            parts.append(" " * len(piece))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())
