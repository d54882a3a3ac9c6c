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
from newslint.html.parse import parse_html
from newslint.html.query import HtmlParse, Tag
from newslint.markdown.elements import SPAN_ELEMENTS, VOID_ELEMENTS
from newslint.markdown.mask import markdown_text
from newslint.messages import N_, Text, t

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
    stray: frozenset[int]
    """Printed end tags with no element of their name open: they close nothing for kramdown."""
    in_text: dict[int, int]
    """Block start tags printed in Markdown text (``text <p>more``) → where their paragraph
    ends."""
    companions: dict[int, int]
    """Printed end tags of such a printed block start tag → that start tag."""
    blocked: dict[int, int]
    """Printed end tags whose element is open but not innermost → the innermost element's
    start tag, which kramdown would have to close first (``<ul><p></ul>``: the ``<p>``)."""


def html_pairs(doc: Document) -> dict[int, int]:
    """The start and end tags that make one element for browsers, each mapped to the other
    (by start offset), computed once: whether kramdown printed the other half of a tag it
    printed tells whose cascade it is."""

    def compute() -> dict[int, int]:
        pairs: dict[int, int] = {}
        for spans in parse_html(doc).elements.values():
            if spans.start_tag is not None and spans.end_tag is not None:
                pairs[spans.start_tag.start] = spans.end_tag.start
                pairs[spans.end_tag.start] = spans.start_tag.start
        return pairs

    return doc.memo("html-pairs", compute)


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
    reader = _Reader(doc, parse)
    for tag in parse.tags:
        if not reader.raw(tag.start):
            reader.read(tag)
    return reader.reading()


_RAW = re.compile(r"\{::(nomarkdown|comment)\}.*?\{:/(?:\1)?\}", re.S)
"""kramdown's extensions whose content it passes on as written or leaves out."""


class _Reader:
    """kramdown's reading of the tags of one post, one tag at a time."""

    def __init__(self, doc: Document, parse: HtmlParse) -> None:
        self.doc, self.parse, self.text = doc, parse, doc.text
        self.runs = markdown_text(doc)
        self.printed: set[int] = set()
        self.in_code: set[int] = set()
        self.stray: set[int] = set()
        self.paragraph: dict[int, int] = {}
        self.in_text: dict[int, int] = {}
        self.companions: dict[int, int] = {}
        self.unpaired: dict[str, list[int]] = {}  # printed block start tags, by name
        self.blocked: dict[int, int] = {}
        self.block = _Stack()  # the open elements of the HTML block kramdown is in
        self.spans = _Stack()  # the open elements of the current paragraph
        self.after_block = -1  # where the last HTML block ended: read on as at a line start
        self.raw_spans = [m.span() for m in _RAW.finditer(self.text)] if "{::" in self.text else []

    def raw(self, offset: int) -> bool:
        """Whether ``offset`` is inside ``{::nomarkdown}…{:/}``, which kramdown passes on."""
        return any(start <= offset < end for start, end in self.raw_spans)

    def read(self, tag: Tag) -> None:
        """Take the next tag as kramdown does."""
        name, closes = _as_kramdown_reads(self.text, self.parse, tag)
        block = self.block
        if name is None:
            self.print_tag(tag)
        elif block:
            if tag.kind == "start":
                if not closes:
                    block.push(_Open(name, tag.start, 0))
            elif block[-1].name == name:
                block.take()
                self.after_block = tag.end
            else:
                self.print_tag(tag, name)
        elif name not in SPAN_ELEMENTS and (
            _starts_line(self.doc, tag.start) or _only_space(self.text, self.after_block, tag.start)
        ):
            self.end_paragraph(tag.start)
            if tag.kind == "end":  # on a line of its own it starts a paragraph: closes nothing
                self.print_tag(tag, name)
            elif closes:
                self.after_block = tag.end
            else:
                block.push(_Open(name, tag.start, 0))
        else:
            self.read_in_text(tag, name, closes)

    def read_in_text(self, tag: Tag, name: str, closes: bool) -> None:
        """Take a tag in Markdown text, where elements end with their paragraph."""
        spans = self.spans
        while spans and spans[-1].until <= tag.start:
            ended = spans.take()
            self.paragraph[ended.start] = ended.until
        if tag.kind == "end":
            if spans and spans[-1].name == name:
                spans.take()
            else:
                self.print_tag(tag, name)
        elif name in BLOCK_ELEMENTS:
            self.print_tag(tag)
            self.in_text[tag.start] = _paragraph_end(self.text, self.runs, tag.start)
            self.unpaired.setdefault(name, []).append(tag.start)
        elif not closes:
            spans.push(_Open(name, tag.start, _paragraph_end(self.text, self.runs, tag.start)))

    def end_paragraph(self, at: int) -> None:
        """A block starts at ``at``: the elements open in the paragraph before end there."""
        self.paragraph.update((o.start, min(o.until, at)) for o in self.spans)
        self.spans.empty()

    def print_tag(self, tag: Tag, name: str | None = None) -> None:
        """Note that kramdown prints ``tag`` (an end tag named ``name``) as text: in code,
        unless it names an element open around it, whose end tag it is (markup, not the code's
        text); stray when nothing of its name is open."""
        self.printed.add(tag.start)
        if name is None:
            if self.block.code or self.spans.code:
                self.in_code.add(tag.start)
            return
        open_names = {o.name for o in (*self.block, *self.spans)}
        if (self.block.code or self.spans.code) and name not in open_names:
            self.in_code.add(tag.start)
        if name not in open_names:
            self.stray.add(tag.start)
            opener = self.printed_opener(name)
            if opener is not None:
                self.companions[tag.start] = opener
        else:
            self.blocked[tag.start] = (self.spans or self.block)[-1].start

    def printed_opener(self, name: str) -> int | None:
        """The latest block start tag named ``name`` printed in Markdown text and not yet
        paired: this printed end tag is its end tag (``text <div>…`` then ``</div>``)."""
        waiting = self.unpaired.get(name)
        return waiting.pop() if waiting else None

    def reading(self) -> Reading:
        """What was read, once every tag was."""
        self.paragraph.update((o.start, o.until) for o in self.spans)
        return Reading(
            frozenset(self.printed),
            frozenset(o.start for o in self.block),
            self.paragraph,
            frozenset(self.in_code),
            frozenset(self.stray),
            self.in_text,
            self.companions,
            self.blocked,
        )


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
    blank line). A line that starts with the end tag of a span element (``</a>``) does not end a
    paragraph for kramdown, as it does for the masker: the paragraph reads on over it."""
    index = bisect.bisect_right(runs, (offset, len(text))) - 1
    if index < 0 or offset >= runs[index][1]:
        blank = _BLANK_LINE.search(text, offset)
        return len(text) if blank is None else blank.start()
    end = runs[index][1]
    while (line := _SPAN_END_LINE.match(text, end)) is not None:
        end = line.end()
        index = bisect.bisect_left(runs, (end, 0))
        if index < len(runs) and runs[index][0] == end:
            end = runs[index][1]
    return end


_SPAN_END_LINE = re.compile(
    rf" {{0,3}}</(?:{'|'.join(sorted(SPAN_ELEMENTS))}){_SPACE}*>[^\n]*(?:\n|\Z)", re.I
)
"""A line starting with the end tag of a span element, which continues a paragraph."""


_EFFECTS = {
    "b": N_("bold"),
    "strong": N_("bold"),
    "i": N_("italic"),
    "em": N_("italic"),
    "u": N_("underlined"),
    "s": N_("struck through"),
    "strike": N_("struck through"),
    "del": N_("struck through"),
    "a": N_("part of the link"),
    **{f"h{n}": N_("part of the heading") for n in range(1, 7)},
}


def runs_on(reading: Reading, start: Tag, written: str) -> Text | None:
    """What an open element does to what follows in kramdown's reading: ``the rest of the post
    is bold`` (open in an HTML block), ``… of the paragraph …`` (in Markdown text), else None."""
    post = start.start in reading.runs_on
    if not post and start.start not in reading.paragraph:
        return None
    effect = _EFFECTS.get(start.name)
    if effect:
        if post:
            return t("the rest of the post is {effect}", effect=t(effect))
        return t("the rest of the paragraph is {effect}", effect=t(effect))
    if post:
        return t("the rest of the post stays inside <{name}>", name=written)
    return t("the rest of the paragraph stays inside <{name}>", name=written)
