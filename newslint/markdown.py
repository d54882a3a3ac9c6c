"""Masks for what is not HTML in a post body: Markdown code, autolinks and Liquid.

A mask replaces every masked character by a space and keeps every ``\\n`` and ``\\r``, so the
masked text has the same length, lines and offsets as the original and HTML checks can parse
it without ever reporting inside a code sample or a template tag.

Jekyll renders a post in two steps, and the masker follows them: Liquid first (``{% raw %}``,
``{% highlight %}`` and ``{% comment %}`` blocks, ``{{ … }}`` and ``{% … %}`` tags), then
kramdown (GFM input, Jekyll's default) on what Liquid left. The Markdown side is a line
scanner that models the kramdown rules that decide what is code:

* fenced code (three or more backticks or tildes, closed by a fence of the same character at
  least as long; kramdown needs the closing fence, so an unclosed fence is not code);
* indented code (four spaces or a tab) where a block may start: not as a lazy continuation
  of a paragraph, not as the content of a list item, and never inside a raw HTML block;
* raw HTML blocks: a line that opens with a block-level or unknown element (``<table>``,
  ``<section>``, ``<custom>``), a comment, ``<?`` or an end tag runs, as in kramdown, to the
  end tag that closes it, with no Markdown inside; so a blank line and an indented ``<td>``
  inside a ``<table>`` stay HTML (CommonMark would end the block at the blank line and make
  the indented lines code);
* code spans (backtick runs of equal length), autolinks (``<https://…>``, ``<mailto:…>``,
  ``<name@host>``) and escaped ``\\<`` in the lines kramdown parses as Markdown text.

``.html`` posts are all HTML: only Liquid is masked.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from newslint.document import Document

__all__ = ["Mask", "markdown_text", "mask_body", "mask_document"]

# kramdown's span-level elements: a line starting with one of them is a paragraph, not an HTML
# block. Elements without a body end their block on the line that opens it.
_SPAN_NAMES = [
    "a",
    "abbr",
    "acronym",
    "b",
    "big",
    "bdo",
    "br",
    "button",
    "cite",
    "code",
    "del",
    "dfn",
    "em",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "mark",
    "option",
    "q",
    "rb",
    "rbc",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "samp",
    "select",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "tt",
    "u",
    "var",
]
_SPAN_ELEMENTS = frozenset(_SPAN_NAMES)

# Liquid: the three block tags whose content is not HTML, then any output or tag.
_LIQUID = re.compile(r"\{%-?\s*(raw|highlight|comment)\b.*?-?%\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
_LIQUID_END = {
    name: re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}")
    for name in ("raw", "highlight", "comment")
}

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENT = re.compile(r"(?: {4}|\t| {0,3}\t)")
_LIST_ITEM = re.compile(r"( {0,3})(?:[*+-]|\d{1,9}[.)])([ \t]+|$)")
_HTML_START = re.compile(r"<(?:(!--)|(\?)|(/)?([A-Za-z][A-Za-z0-9:_.-]*))")
_PLAIN_LINES = re.compile(r"(?:[ \t]*[^\s`~<#][^\n]*\n)*", re.ASCII)
_LIST_LOOKBACK = 200
_SIMPLE_BLOCKS = re.compile(
    r"(?:[ \t\r\f\v]*\n"
    r"| {0,3}<(?!(?:" + "|".join(sorted(_SPAN_NAMES)) + r")[\s/>])([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])"
    r"[^\n]*</\1>[ \t\r]*\n)*",
    re.I | re.ASCII,
)
_LINE_START = re.compile(r"([ \t]*)(\S?)", re.ASCII)


def _total(pattern: re.Pattern[str]) -> Callable[[str, int], re.Match[str]]:
    """``pattern.match`` for a pattern that matches (maybe empty) at every position."""
    return cast("Callable[[str, int], re.Match[str]]", pattern.match)


_line_start = _total(_LINE_START)
_simple_blocks = _total(_SIMPLE_BLOCKS)
_plain_lines = _total(_PLAIN_LINES)
_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(
    r"<(?:(?:https?|ftps?|mailto|file|irc|news|tel|ssh|git|svn|sftp|data):[^\s<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>"
)
_NOT_EOL = re.compile(r"[^\r\n]+")

VOID_ELEMENTS = frozenset(  # elements that never have content or an end tag
    [
        "area",
        "base",
        "br",
        "col",
        "command",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


@dataclass(frozen=True, slots=True)
class Mask:
    """A masked body: ``text`` has the original's length and line breaks; ``ranges`` are masked."""

    text: str
    ranges: tuple[tuple[int, int], ...]

    def covers(self, start: int, end: int) -> bool:
        """Whether any masked range overlaps ``[start, end)`` (offsets in the masked text)."""
        return any(s < end and start < e for s, e in self.ranges)


def mask_document(doc: Document) -> Mask:
    """The mask of ``doc``'s body (offsets relative to ``doc.body_start``), computed once."""
    return doc.memo("mask", lambda: mask_body(doc.body, html_file=doc.is_html_file))


def mask_body(body: str, *, html_file: bool = False) -> Mask:
    """Mask Liquid and, unless ``html_file``, Markdown code spans, code blocks and autolinks."""
    ranges: list[tuple[int, int]] = []
    if "{" in body:
        _liquid_ranges(body, ranges)
    if not html_file and _may_have_markdown_code(body):
        text = _apply(body, ranges) if ranges else body
        _markdown_ranges(text, ranges)
    if not ranges:
        return Mask(body, ())
    merged = _merge(ranges)
    return Mask(_apply(body, merged), tuple(merged))


def markdown_text(doc: Document) -> tuple[tuple[int, int], ...]:
    """The spans of ``doc.text`` that kramdown reads as Markdown text, computed once.

    Paragraphs, headings and list items, where kramdown writes a bare ``&`` or ``<`` as
    ``&amp;`` or ``&lt;`` itself; not raw HTML blocks (which run, as in kramdown, to the end tag
    that closes them), code blocks or blank lines. Empty for an ``.html`` post.
    """

    def compute() -> tuple[tuple[int, int], ...]:
        if doc.is_html_file:
            return ()
        body = doc.body
        liquid: list[tuple[int, int]] = []
        if "{" in body:
            _liquid_ranges(body, liquid)
        text = _apply(body, _merge(liquid)) if liquid else body
        base = doc.body_start
        return tuple((start + base, end + base) for start, end in _markdown_ranges(text, []))

    return doc.memo("markdown-text", compute)


def _may_have_markdown_code(body: str) -> bool:
    """Cheap test: no backtick, tilde fence, indented line or autolink means nothing to scan."""
    return (
        "`" in body
        or "~~~" in body
        or "\\<" in body
        or "\n    " in body
        or "\n\t" in body
        or body.startswith(("    ", "\t"))
        or ("<" in body and _AUTOLINK.search(body) is not None)
    )


def _liquid_ranges(body: str, out: list[tuple[int, int]]) -> None:
    """Append the spans of Liquid blocks and tags, in the order Liquid reads them."""
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


def _markdown_ranges(text: str, out: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Append the spans kramdown treats as code or autolinks in ``text`` (Liquid already masked);
    return the runs of Markdown text between the blocks, in order."""
    size = len(text)
    find = text.find
    runs: list[tuple[int, int]] = []  # Markdown text between blocks: where code spans can be
    run_start = -1
    in_paragraph = False  # whether an indented line would continue the previous line lazily
    pos = 0
    while pos < size:
        lead = _line_start(text, pos)
        first = lead.group(2)
        if not first or first == "<":
            # Blank lines and one-line HTML blocks (<p …>…</p>), the bulk of pasted HTML posts.
            skip = _simple_blocks(text, pos).end()
            if skip > pos:
                if run_start >= 0:
                    runs.append((run_start, pos))
                    run_start = -1
                in_paragraph = False
                pos = skip
                continue
            if not first:  # a blank last line without a line break
                break
        eol = find("\n", pos)
        nxt = size if eol == -1 else eol + 1
        spaces = lead.group(1)
        indent = len(spaces) if "\t" not in spaces else _indent_width(spaces)
        block_end = -1
        if indent >= 4:
            if not in_paragraph and indent >= _list_content_column(text, pos) + 4:
                block_end = _indented_block_end(text, nxt)
                out.append((pos, block_end))
            # otherwise a lazy paragraph continuation or list item content: Markdown text
        elif first in "`~":
            fence = _FENCE.match(text, pos)
            if fence is not None and not (first == "`" and find("`", fence.end(), nxt) != -1):
                block_end = _fence_end(text, nxt, fence.group(1))
                if block_end >= 0:
                    out.append((pos, block_end))
        elif first == "<":
            block_end = _html_block_end(text, lead.end() - 1, nxt)
        elif first == "#":  # a heading: Markdown text on its own line
            if run_start >= 0:
                runs.append((run_start, pos))
                run_start = -1
            runs.append((pos, nxt))
            in_paragraph = False
            pos = nxt
            continue
        if block_end >= 0:
            if run_start >= 0:
                runs.append((run_start, pos))
                run_start = -1
            in_paragraph = False
            pos = block_end
            continue
        if run_start < 0:
            run_start = pos
        in_paragraph = True
        # Plain lines after it continue the paragraph: skip them in one step.
        pos = _plain_lines(text, nxt).end()
    if run_start >= 0:
        runs.append((run_start, size))
    if runs:
        _inline_ranges(text, runs, out)
    return runs


def _list_content_column(text: str, pos: int) -> int:
    """Content column of the list item that the line at ``pos`` may continue, or -4 if none.

    Looks back over blank lines, indented lines and lazy paragraph lines for a list item
    line (``*``, ``-``, ``+``, ``1.``); a paragraph that starts at column 0 after a blank line,
    or the start of the text, means the line is not in a list.
    """
    end = pos
    blank_below = False
    for _ in range(_LIST_LOOKBACK):
        if end <= 0:
            return -4
        start = text.rfind("\n", 0, end - 1) + 1
        lead = _line_start(text, start)
        if not lead.group(2):
            blank_below = True
        elif len(lead.group(1)) < 4:
            item = _LIST_ITEM.match(text, start)
            if item is not None:
                return item.end() - start if item.group(2) else item.end(1) - start + 2
            if not lead.group(1) and blank_below and _blank_above(text, start):
                return -4
            blank_below = False
        end = start
    return -4


def _blank_above(text: str, start: int) -> bool:
    """Whether the line before the one starting at ``start`` is blank (or there is none)."""
    if start == 0:
        return True
    prev = text.rfind("\n", 0, start - 1) + 1
    return not _line_start(text, prev).group(2)


def _indent_width(spaces: str) -> int:
    """Columns of the white space ``spaces``, with tabs to the next multiple of four."""
    width = 0
    for ch in spaces:
        width += 4 - width % 4 if ch == "\t" else 1
    return width


def _indented_block_end(text: str, pos: int) -> int:
    """End of an indented code block whose first line ends at ``pos``; trailing blanks excluded."""
    size = len(text)
    end = pos
    while pos < size:
        eol = text.find("\n", pos)
        nxt = size if eol == -1 else eol + 1
        lead = _line_start(text, pos)
        if lead.group(2):
            spaces = lead.group(1)
            if (len(spaces) if "\t" not in spaces else _indent_width(spaces)) < 4:
                break
            end = nxt
        pos = nxt
    return end


def _fence_end(text: str, pos: int, opener: str) -> int:
    """End of the line closing a fence opened by ``opener``, or -1 when it is never closed."""
    closing = re.compile(
        r"^ {0,3}" + re.escape(opener[0]) + "{" + str(len(opener)) + r",}[ \t]*\r?$", re.M
    )
    m = closing.search(text, pos)
    if m is None:
        return -1
    eol = text.find("\n", m.end())
    return len(text) if eol == -1 else eol + 1


def _html_block_end(text: str, lt: int, line_end: int) -> int:
    """End of a kramdown raw HTML block whose line starts with ``<`` at ``lt``, or -1 if none."""
    start = _HTML_START.match(text, lt)
    if start is None or _AUTOLINK.match(text, lt):  # kramdown: an autolink starts a paragraph
        return -1
    if start.group(1) is not None:  # a comment runs to its closing "-->"
        close = text.find("-->", lt + 4)
        return len(text) if close == -1 else _line_end(text, close + 3)
    if start.group(2) is not None or start.group(3) is not None:
        return line_end  # a processing instruction or a lone end tag: one line of HTML
    name = start.group(4).lower()
    if name in _SPAN_ELEMENTS:
        return -1
    if name in VOID_ELEMENTS:
        return line_end
    # Most blocks are one line (<p …>…</p>): look for the end tag as typed before the regex.
    typed = start.group(4)
    close = text.find("</" + typed, lt, line_end)
    after = close + 2 + len(typed)
    if (
        close != -1
        and text.find("<" + typed, lt + 1, close) == -1
        and (after == len(text) or text[after] in " \t\r\n/>")
    ):
        return line_end
    tags = re.compile(r"<(/?)" + re.escape(name) + r"(?=[\s/>]|$)([^>]*)", re.I)
    depth = 0
    for m in tags.finditer(text, lt):
        if m.group(1):
            depth -= 1
        elif not m.group(2).endswith("/"):
            depth += 1
        if depth <= 0:
            return _line_end(text, m.end())
    return len(text)  # kramdown closes an unclosed element at the end of the document


def _line_end(text: str, pos: int) -> int:
    """Offset just past the line that contains ``pos``."""
    eol = text.find("\n", pos)
    return len(text) if eol == -1 else eol + 1


def _inline_ranges(text: str, runs: list[tuple[int, int]], out: list[tuple[int, int]]) -> None:
    """Append code spans and autolinks found in the Markdown text ``runs`` of ``text``."""
    starts = [start for start, _ in runs]

    def run_of(offset: int) -> int:
        index = bisect.bisect_right(starts, offset) - 1
        return index if index >= 0 and offset < runs[index][1] else -1

    code: list[tuple[int, int]] = []
    if "`" in text:
        grouped: dict[int, list[tuple[int, int]]] = {}
        for m in _BACKTICKS.finditer(text):
            index = run_of(m.start())
            if index >= 0:
                grouped.setdefault(index, []).append(m.span())
        for index, ticks in grouped.items():
            _pair_backticks(text, runs[index][0], ticks, code)
        out.extend(code)
    if "\\<" in text:  # kramdown's backslash escape: "\<" is a literal "<", not markup
        pos = text.find("\\<")
        while pos != -1:
            if run_of(pos) >= 0:
                out.append((pos, pos + 2))
            pos = text.find("\\<", pos + 2)
    if "<" in text:
        for m in _AUTOLINK.finditer(text):
            if run_of(m.start()) >= 0 and not any(s < m.end() and m.start() < e for s, e in code):
                out.append(m.span())


def _pair_backticks(
    text: str, run_start: int, ticks: list[tuple[int, int]], out: list[tuple[int, int]]
) -> None:
    """Pair backtick runs of equal length into code spans, left to right, as CommonMark does."""
    i = 0
    while i < len(ticks):
        start, end = ticks[i]
        if start > run_start and text[start - 1] == "\\":
            i += 1
            continue
        width = end - start
        for j in range(i + 1, len(ticks)):
            if ticks[j][1] - ticks[j][0] == width:
                out.append((start, ticks[j][1]))
                i = j
                break
        i += 1


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort and merge overlapping or touching ranges."""
    ranges.sort()
    merged = [ranges[0]]
    for s, e in ranges[1:]:
        last_s, last_e = merged[-1]
        if s <= last_e:
            if e > last_e:
                merged[-1] = (last_s, e)
        else:
            merged.append((s, e))
    return merged


def _apply(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with every character in ``ranges`` except line breaks replaced by a space."""
    if not ranges:
        return text
    parts: list[str] = []
    pos = 0
    for s, e in sorted(ranges):
        if e <= pos:
            continue
        s = max(s, pos)
        parts.append(text[pos:s])
        piece = text[s:e]
        if "\r" in piece:
            parts.append(_NOT_EOL.sub(_blank, piece))
        elif "\n" in piece:
            parts.append("\n".join([" " * len(line) for line in piece.split("\n")]))
        else:
            parts.append(" " * len(piece))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())
