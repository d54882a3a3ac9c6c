"""What kramdown, Jekyll's Markdown renderer, does with the tags of a Markdown post.

Browsers repair broken markup by the HTML standard's rules; in a Markdown post kramdown reads it
first (kramdown 2.4, GFM input, ``parse_block_html`` off, as Jekyll sets it), and what readers
see is often worse:

* an end tag that does not close the innermost element kramdown has open is printed on the page
  as text (``&lt;/b&gt;``), in an HTML block and in Markdown text alike;
* an element left open in an HTML block (a line starting with ``<p>``, ``<h3>``, ``<div>``…) runs
  to the end of the post: everything after it stays inside it, as raw HTML;
* an element left open in Markdown text ends with its paragraph;
* a block tag (``<p>``, ``<div>``, ``<td>``) inside Markdown text, and a tag kramdown cannot read
  as one (``<a href=http://x/>``: an unquoted value of more than letters and digits; a ``<``
  with no ``>``), are printed as text.

The model walks the tags html5lib found (so nothing in code, comments or Liquid) with kramdown's
rules for each. It is checked against the real kramdown in ``tests/test_kramdown_effects.py``.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from newslint.document import Document
from newslint.html import HtmlParse, Tag, parse_html
from newslint.markdown import SPAN_ELEMENTS, VOID_ELEMENTS, markdown_text

MARKDOWN_SUFFIXES = frozenset({"md", "markdown", "mkdown", "mkdn", "mkd"})
"""File extensions Jekyll renders with kramdown (its default ``markdown_ext``)."""

_BLOCK_NAMES = """
address article aside applet body blockquote caption col colgroup dd div dl dt fieldset
figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main
map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul
"""
BLOCK_ELEMENTS = frozenset(_BLOCK_NAMES.split())
"""kramdown's HTML_BLOCK_ELEMENTS: printed as text when they appear inside Markdown text."""

_SPACE = r"[ \t\n\r\f\v]"
_NCNAME = r"[^\W\d][\w.\-]*"
_NAME = rf"(?:{_NCNAME}:)?{_NCNAME}"
# kramdown's HTML_TAG_RE and HTML_TAG_CLOSE_RE; its atomic groups written as (?=(?P<g>…))(?P=g).
_START_TAG = re.compile(
    rf"<(?=(?P<name>{_NAME}))(?P=name){_SPACE}*"
    rf"(?:(?=(?P<attr>{_SPACE}+{_NAME}(?:{_SPACE}*={_SPACE}*(?:\w+|\"[^\"]*\"|'[^']*'))?))(?P=attr))*"
    rf"{_SPACE}*(?P<slash>/)?>"
)
_END_TAG = re.compile(rf"</(?P<name>{_NAME}){_SPACE}*>")
_BLOCK_LEAD = re.compile(r"(?:[ ]{0,3}(?:>|[*+-]|\d{1,9}[.)])[ \t]+)*[ ]{0,3}")
"""What may come before a block on its line: indentation, blockquote and list markers."""
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")


class Reading(NamedTuple):
    """kramdown's reading of a Markdown post's tags, by the start offset of each tag."""

    printed: frozenset[int]
    """Tags kramdown prints on the page as text."""
    runs_on: frozenset[int]
    """Start tags left open in an HTML block: the rest of the post stays inside them."""
    paragraph: dict[int, int]
    """Start tags left open in Markdown text → where kramdown ends them: with their paragraph."""
    in_code: frozenset[int]
    """The printed tags inside a ``<pre>`` or ``<code>``: code shown as the author meant it."""


def renders_markdown(doc: Document) -> bool:
    """Whether Jekyll renders ``doc`` with kramdown (a ``.md``, ``.markdown``… file)."""
    path = doc.path
    return "." in path and path.rsplit(".", 1)[-1].lower() in MARKDOWN_SUFFIXES


def kramdown_reading(doc: Document) -> Reading | None:
    """kramdown's reading of ``doc``'s tags, computed once; ``None`` if it is not Markdown."""
    if not renders_markdown(doc):
        return None
    return doc.memo("kramdown-reading", lambda: _read(doc, parse_html(doc)))


class _Open(NamedTuple):
    name: str
    start: int
    until: int
    """Where the paragraph of an element opened in Markdown text ends (0 in an HTML block)."""


class _Stack(list[_Open]):
    """Open elements, counting those that hold code (``<pre>``, ``<code>``…) as they come and go."""

    code = 0

    def push(self, element: _Open) -> None:
        self.code += element.name in _CODE
        self.append(element)

    def take(self) -> _Open:
        element = self.pop()
        self.code -= element.name in _CODE
        return element

    def empty(self) -> None:
        self.clear()
        self.code = 0


_CODE = frozenset({"pre", "code", "kbd", "samp", "var"})


def _read(doc: Document, parse: HtmlParse) -> Reading:
    text = doc.text
    runs = markdown_text(doc)
    printed: set[int] = set()
    in_code: set[int] = set()
    paragraph: dict[int, int] = {}
    block = _Stack()  # the open elements of the HTML block kramdown is in
    spans = _Stack()  # the open elements of the current paragraph
    after_block = -1  # where the last HTML block ended: kramdown reads on as at a line start

    def print_tag(tag: Tag, name: str | None = None) -> None:
        """Note that kramdown prints ``tag`` (an end tag named ``name``): in code, unless it
        names an element open around it, whose end tag it is (markup, not the code's text)."""
        printed.add(tag.start)
        if (block.code or spans.code) and not (
            name and any(o.name == name for o in (*block, *spans))
        ):
            in_code.add(tag.start)

    for tag in parse.tags:
        name, closes = _as_kramdown_reads(text, parse, tag)
        if name is None:
            print_tag(tag)
            continue
        if block:
            if tag.kind == "start":
                if not closes:
                    block.push(_Open(name, tag.start, 0))
            elif block[-1].name == name:
                block.take()
                after_block = tag.end
            else:
                print_tag(tag, name)
            continue
        opens_block = name not in SPAN_ELEMENTS and (
            _starts_line(doc, tag.start) or _only_space(text, after_block, tag.start)
        )
        if opens_block and tag.kind == "start":
            paragraph.update((o.start, min(o.until, tag.start)) for o in spans)
            spans.empty()
            if closes:
                after_block = tag.end
            else:
                block.push(_Open(name, tag.start, 0))
            continue
        while spans and spans[-1].until <= tag.start:
            ended = spans.take()
            paragraph[ended.start] = ended.until
        if opens_block:  # an end tag on a line of its own starts a paragraph: it closes nothing
            paragraph.update((o.start, min(o.until, tag.start)) for o in spans)
            spans.empty()
            print_tag(tag)
        elif tag.kind == "end":
            if spans and spans[-1].name == name:
                spans.take()
            else:
                print_tag(tag, name)
        elif name in BLOCK_ELEMENTS:
            print_tag(tag)
        elif not closes:
            spans.push(_Open(name, tag.start, _paragraph_end(text, runs, tag.start)))
    paragraph.update((o.start, o.until) for o in spans)
    runs_on = frozenset(o.start for o in block)
    return Reading(frozenset(printed), runs_on, paragraph, frozenset(in_code))


def _as_kramdown_reads(text: str, parse: HtmlParse, tag: Tag) -> tuple[str | None, bool]:
    """The tag's name as kramdown compares it (``None`` if kramdown reads no tag there) and
    whether it has no content (a void element, or ``/>``)."""
    pattern = _START_TAG if tag.kind == "start" else _END_TAG
    found = pattern.match(text, tag.start, tag.end)
    if found is None:
        if not parse.masked(tag.start, tag.end):
            return None, False
        # Liquid in the tag: kramdown reads what Liquid renders, which is unknown here.
        return tag.name, tag.self_closing or tag.name in VOID_ELEMENTS
    name = found.group("name").lower()
    closes = tag.kind == "start" and (found.group("slash") is not None or name in VOID_ELEMENTS)
    return name, closes


def _starts_line(doc: Document, offset: int) -> bool:
    """Whether only indentation (or blockquote and list markers) comes before ``offset`` on its
    line: where kramdown looks for an HTML block."""
    line = doc.index.line_start(doc.index.position(offset).line)
    lead = _BLOCK_LEAD.match(doc.text, line, offset)
    return lead is not None and lead.end() == offset


def _only_space(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is empty or white space (``start`` -1: never)."""
    return start >= 0 and (start == end or text[start:end].isspace())


def _paragraph_end(text: str, runs: tuple[tuple[int, int], ...], offset: int) -> int:
    """The end of the Markdown paragraph ``offset`` is in (the masker's run, else the next
    blank line)."""
    index = bisect.bisect_right(runs, (offset, len(text))) - 1
    if index >= 0 and offset < runs[index][1]:
        return runs[index][1]
    blank = _BLANK_LINE.search(text, offset)
    return len(text) if blank is None else blank.start()


_EFFECTS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underlined",
    "s": "struck through",
    "strike": "struck through",
    "del": "struck through",
    "a": "part of the link",
    **{f"h{n}": "part of the heading" for n in range(1, 7)},
}


def runs_on(reading: Reading, start: Tag, written: str) -> str | None:
    """What an open element does to what follows in kramdown's reading: ``the rest of the post
    is bold`` (open in an HTML block), ``… of the paragraph …`` (in Markdown text), else None."""
    if start.start in reading.runs_on:
        rest = "the rest of the post"
    elif start.start in reading.paragraph:
        rest = "the rest of the paragraph"
    else:
        return None
    effect = _EFFECTS.get(start.name)
    return f"{rest} is {effect}" if effect else f"{rest} stays inside <{written}>"
