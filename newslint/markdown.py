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

A post's body is read once, for both its mask and its Markdown text (``markdown_text``).
``.html`` posts are all HTML: only Liquid is masked.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple, cast

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
SPAN_ELEMENTS = _SPAN_ELEMENTS
"""kramdown's span-level elements (HTML_SPAN_ELEMENTS), for the rules that model kramdown."""


def _total(pattern: re.Pattern[str]) -> Callable[[str, int], re.Match[str]]:
    """``pattern.match`` for a pattern that matches (maybe empty) at every position."""
    return cast("Callable[[str, int], re.Match[str]]", pattern.match)


# Liquid: the three block tags whose content is not HTML, then any output or tag.
_LIQUID = re.compile(r"\{%-?\s*(raw|highlight|comment)\b.*?-?%\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
_LIQUID_END = {
    name: re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}")
    for name in ("raw", "highlight", "comment")
}

# The line scanner's patterns. Only ASCII white space is blank, and a line is indented (four
# columns or more) when it starts with four spaces, or with up to three and a tab. The loops
# over lines are possessive where Python has that (3.11): they never give a line back, and
# keep no state to do so; a plain loop matches the same, only slower.
_ONCE = "+" if sys.version_info >= (3, 11) else ""
_PLAIN = r"[^\s`~<#]"  # a first character that opens no block
_INDENTED = r"(?: {4}| {0,3}\t)[ \t]*\S[^\n]*\n?"
_OPENS_TEXT = rf"(?:{_PLAIN}| {{1,3}}{_PLAIN})[^\n]*\n?"  # a line that starts a paragraph
_CONTINUES_TEXT = rf"(?:(?:{_PLAIN}| {{1,3}}{_PLAIN})[^\n]*\n?|{_INDENTED})"
_SPAN_FIRST = "".join(sorted({name[0] for name in _SPAN_NAMES}))
_SPAN = rf"(?=[{_SPAN_FIRST}])(?:{'|'.join(_SPAN_NAMES)})"  # first letter apart: a quick no for <p>
_BREAK = (  # a blank line or a one-line HTML block (<p …>…</p>), the bulk of pasted HTML posts
    r"(?:\n|[ \t\r\f\v]+\n"
    rf"| {{0,3}}<(?!{_SPAN}[\s/>])(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])"
    r"[^\n]*</(?P=tag)>[ \t\r]*\n)"
)
# A paragraph (its lines) or a heading, after any breaks: Markdown text, read in C.
_RUNS = re.compile(
    rf"{_BREAK}*{_ONCE}(?P<run>{_OPENS_TEXT}{_CONTINUES_TEXT}*{_ONCE}| {{0,3}}#[^\n]*\n?)",
    re.I | re.A,
)
_run_span = operator.methodcaller("span", "run")
_heading = re.compile(" {0,3}#").match  # the start of a run that is a heading
# Where the paragraphs stop: breaks, then a line that may open a block (its white space and
# first character apart), or the end.
_next_line = _total(
    re.compile(
        rf"{_BREAK}*{_ONCE}(?P<line>(?=.)(?P<lead>[ \t]*)(?P<first>\S?)[^\n]*\n?)?", re.I | re.A
    )
)
# The rest of an indented code block: indented lines, each maybe after lines with no text.
_indented_code = _total(re.compile(rf"(?:(?:[ \t]*(?:[\r\f\v][^\n]*)?\n)*{_INDENTED})*", re.A))
_line_start = _total(re.compile(r"([ \t]*)(\S?)", re.A))
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_QUOTE_LINE = re.compile(r"^ {0,3}> ?(?P<inner>[^\n]*)", re.M)
_LIST_ITEM = re.compile(r"( {0,3})(?:[*+-]|\d{1,9}[.)])([ \t]+|$)")
_HTML_START = re.compile(r"<(?:(!--)|(\?)|(/)?([A-Za-z][A-Za-z0-9:_.-]*))")
_LIST_LOOKBACK = 200

_CODE_SPAN = re.compile(  # a backtick run (not escaped) up to the next run exactly as long
    r"(`(?<![\\`]`)`*)(?!`)[^`]*(?:(?!\1(?!`))`+(?!`)[^`]*)*\1(?!`)"
)
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
    runs, code = _blocks(text)
    if "\n>" in text or text.lstrip(" ").startswith(">"):
        code += _quoted_code(text)
    return _Reading(body, text, liquid, runs, code)


def _quoted_code(text: str) -> list[tuple[int, int]]:
    """Indented code blocks inside a blockquote (``>`` then four more columns), as kramdown
    reads them: the lines of one after a blank quoted line or the quote's first line."""
    code: list[tuple[int, int]] = []
    previous_end = -2
    open_code = blank = False
    for line in _QUOTE_LINE.finditer(text):
        if line.start() != previous_end + 1:  # a new blockquote
            open_code, blank = False, True
        previous_end = line.end()
        inner = line.group("inner")
        if not inner.strip():
            blank = True
            continue
        indented = _indent_width(inner[: len(inner) - len(inner.lstrip(" \t"))]) >= 4
        open_code = indented and (blank or open_code)
        blank = False
        if open_code:
            code.append((line.start("inner"), line.end()))
    return code


def _mask_markdown(reading: _Reading) -> Mask:
    """The mask of a Markdown body: Liquid, code blocks, code spans and autolinks."""
    code = reading.code + _inline_ranges(reading.text, reading.runs)
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


def _blocks(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The runs of Markdown text in ``text`` (Liquid already masked), as a flat list of their
    starts and ends, and its code blocks.

    Paragraphs and headings are read in C, up to a line that may open a block: an indented
    line after a break, a fence, or ``<`` (not a one-line HTML block). Such a line is looked at
    here; when it opens none, it is Markdown text, and it continues the paragraph just before.
    """
    size = len(text)
    runs: list[int] = []
    code: list[tuple[int, int]] = []
    pos = 0
    while True:
        count = len(runs)
        runs += chain.from_iterable(map(_run_span, _matches(_RUNS, text, pos)))
        if len(runs) > count:
            if count and runs[count] == runs[count - 1] and not _heading(text, runs[count]):
                del runs[count - 1 : count + 1]  # a paragraph goes on after a line of text
            pos = runs[-1]
        step = _next_line(text, pos)
        line, line_end = step.span("line")
        if line < 0:  # the end of the text
            break
        # Right after Markdown text (not a heading), an indented line continues it lazily.
        in_paragraph = bool(runs) and runs[-1] == line and not _heading(text, runs[-2])
        if not step.group("first"):  # white space, then a CR, FF or VT: the scan stops here
            if in_paragraph:
                runs[-1] = size
            break
        pos = _block_end(text, step, in_paragraph, code)
        if pos < 0:  # Markdown text after all
            if in_paragraph:
                runs[-1] = line_end
            else:
                runs += line, line_end
            pos = line_end
    return runs, code


def _matches(pattern: re.Pattern[str], text: str, pos: int) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` from ``pos`` on, each where the one before ended, while it matches.

    ``Pattern.scanner`` (in CPython's ``re`` for ever, undocumented) takes them all in C.
    """
    return iter(pattern.scanner(text, pos).match, None)  # type: ignore[attr-defined]


def _block_end(
    text: str, step: re.Match[str], in_paragraph: bool, code: list[tuple[int, int]]
) -> int:
    """End of the code or HTML block that the line of ``step`` (a ``_next_line`` match) opens,
    or -1 if it opens none. Code blocks are appended to ``code``."""
    pos, line_end, first = step.start("line"), step.end(), step.group("first")
    indent = _indent_width(step.group("lead"))
    end = -1
    if indent >= 4:
        if not in_paragraph and indent >= _list_content_column(text, pos) + 4:
            end = _indented_code(text, line_end).end()
            code.append((pos, end))
    elif first in "`~":
        fence = _FENCE.match(text, pos)
        if fence is not None and not (first == "`" and text.find("`", fence.end(), line_end) >= 0):
            end = _fence_end(text, line_end, fence.group(1))
            if end >= 0:
                code.append((pos, end))
    elif first == "<":
        end = _html_block_end(text, step.end("lead"), line_end)
    return end


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
    if "\t" not in spaces:
        return len(spaces)
    width = 0
    for ch in spaces:
        width += 4 - width % 4 if ch == "\t" else 1
    return width


def _fence_end(text: str, pos: int, opener: str) -> int:
    """End of the line closing a fence opened by ``opener`` on the line that ends at ``pos``,
    or -1 when it is never closed."""
    m = _closing_fence(opener).search(text, pos - 1)
    return -1 if m is None else _line_end(text, m.end())


@functools.cache
def _closing_fence(opener: str) -> re.Pattern[str]:
    """A line that closes a fence opened by ``opener``: the same character, at least as many,
    after the line break before it."""
    fence = re.escape(opener[0]) + "{" + str(len(opener)) + ",}"
    return re.compile(r"\n {0,3}" + fence + r"[ \t]*\r?(?=\n|\Z)")


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
    depth = 0
    for m in _tags(name).finditer(text, lt):
        if m.group(1):
            depth -= 1
        elif not m.group(2).endswith("/"):
            depth += 1
        if depth <= 0:
            return _line_end(text, m.end())
    return len(text)  # kramdown closes an unclosed element at the end of the document


@functools.cache
def _tags(name: str) -> re.Pattern[str]:
    """Start and end tags of the element ``name``; group 1 is the ``/`` of an end tag."""
    return re.compile(r"<(/?)" + re.escape(name) + r"(?=[\s/>]|$)([^>]*)", re.I)


def _line_end(text: str, pos: int) -> int:
    """Offset just past the line that contains ``pos``."""
    eol = text.find("\n", pos)
    return len(text) if eol == -1 else eol + 1


def _inline_ranges(text: str, runs: list[int]) -> list[tuple[int, int]]:
    """Code spans, escaped ``\\<`` and autolinks in the Markdown text ``runs`` of ``text``."""
    spans = _code_spans(text, runs) if "`" in text else []
    out = list(spans)
    if "\\" in text:  # kramdown's backslash escape: "\<" is a literal "<", not markup
        pos = text.find("\\<")
        while pos != -1:
            if _in_run(runs, pos):
                out.append((pos, pos + 2))
            pos = text.find("\\<", pos + 2)
    if "<" in text:
        for m in _AUTOLINK.finditer(text):
            start, end = m.span()
            before = bisect.bisect_left(spans, (end,))  # the code spans that start before it
            if _in_run(runs, start) and not (before and spans[before - 1][1] > start):
                out.append((start, end))
    return out


def _code_spans(text: str, runs: list[int]) -> list[tuple[int, int]]:
    """The code spans in ``runs``, each run of Markdown text searched on its own."""
    out: list[tuple[int, int]] = []
    tick = text.find("`")
    while tick != -1:
        index = bisect.bisect_right(runs, tick)
        if index == len(runs):
            break
        end = runs[index]  # the end of the run ``tick`` is in, or the start of the next one
        if index % 2:
            out += [m.span() for m in _CODE_SPAN.finditer(text, tick, end)]
        tick = text.find("`", end)
    return out


def _in_run(runs: list[int], offset: int) -> bool:
    """Whether ``offset`` is in one of ``runs`` (starts and ends in turn, in order)."""
    return bisect.bisect_right(runs, offset) % 2 == 1


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
