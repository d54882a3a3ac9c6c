"""The line scanner: a Markdown body's code blocks, raw HTML blocks and runs of Markdown text."""

from __future__ import annotations

import functools
import operator
import re
import sys
from collections.abc import Callable, Iterator
from itertools import chain
from typing import cast

from newslint.markdown.elements import SPAN_ELEMENTS, SPAN_NAMES, VOID_ELEMENTS
from newslint.markdown.inline import AUTOLINK


def _total(pattern: re.Pattern[str]) -> Callable[[str, int], re.Match[str]]:
    """``pattern.match`` for a pattern that matches (maybe empty) at every position."""
    return cast("Callable[[str, int], re.Match[str]]", pattern.match)


# The line scanner's patterns. Only ASCII white space is blank, and a line is indented (four
# columns or more) when it starts with four spaces, or with up to three and a tab. The loops
# over lines are possessive where Python has that (3.11): they never give a line back, and
# keep no state to do so; a plain loop matches the same, only slower.
_ONCE = "+" if sys.version_info >= (3, 11) else ""
_PLAIN = r"[^\s`~<#]"  # a first character that opens no block
_INDENTED = r"(?: {4}| {0,3}\t)[ \t]*\S[^\n]*\n?"
_OPENS_TEXT = rf"(?:{_PLAIN}| {{1,3}}{_PLAIN})[^\n]*\n?"  # a line that starts a paragraph
_CONTINUES_TEXT = rf"(?:(?:{_PLAIN}| {{1,3}}{_PLAIN})[^\n]*\n?|{_INDENTED})"
_SPAN_FIRST = "".join(sorted({name[0] for name in SPAN_NAMES}))
_SPAN = rf"(?=[{_SPAN_FIRST}])(?:{'|'.join(SPAN_NAMES)})"  # first letter apart: a quick no for <p>
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


def read_blocks(text: str) -> tuple[list[int], list[tuple[int, int]]]:
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
    if start is None or AUTOLINK.match(text, lt):  # kramdown: an autolink starts a paragraph
        return -1
    if start.group(1) is not None:  # a comment runs to its closing "-->"
        close = text.find("-->", lt + 4)
        return len(text) if close == -1 else _line_end(text, close + 3)
    if start.group(2) is not None or start.group(3) is not None:
        return line_end  # a processing instruction or a lone end tag: one line of HTML
    name = start.group(4).lower()
    if name in SPAN_ELEMENTS:
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


def quoted_code(text: str) -> list[tuple[int, int]]:
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
