"""The HTML layer: one html5lib parse of a post's masked body, with exact source spans.

html5lib implements the WHATWG parsing algorithm, so its tree and its parse errors are what a
browser builds and what the Nu Html Checker reports. Its own error positions are where the
tokenizer stopped, not where the markup starts, so the parse here records offsets itself:

* the tokenizer reads the whole (masked, CR-normalised) body as one chunk, so the stream's
  ``chunkOffset`` is a character offset; every tag, comment and doctype token gets the offset
  of its ``<`` and the offset just past its ``>``, and every attribute the offset of its name;
* each parse error records the token being processed when it was raised (tree-construction
  errors) or the construct the tokenizer was in (tokenizer errors: the tag from its ``<``, the
  character reference from its ``&``);
* the tree builder records, for every element, the start tag that created it (none when the
  parser implied it), the end tag that closed it, or where it was closed implicitly.

The recording is flat lists of numbers and names; ``Tag`` and ``ElementSpans`` objects are
made from them only for what a rule asks about (most posts have a few dozen tags and no parse
error, some have tens of thousands of tags). Offsets are mapped back to ``doc.text`` (the
body's offset plus CRLF pairs the tokenizer saw as one LF). Nothing here recurses over the
tree, so very deep nesting is safe.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import deque
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from itertools import compress, count
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Generic, NamedTuple, TypeVar, overload
from xml.etree.ElementTree import Element

from html5lib import treebuilders
from html5lib._inputstream import HTMLUnicodeInputStream
from html5lib._tokenizer import HTMLTokenizer
from html5lib.constants import tokenTypes
from html5lib.html5parser import HTMLParser
from html5lib.treebuilders.base import Marker

from newslint.document import Document
from newslint.markdown import Mask, mask_document

__all__ = [
    "Attribute",
    "Comment",
    "ElementSpans",
    "HtmlError",
    "HtmlParse",
    "Tag",
    "parse_fragment",
    "parse_html",
]

_START = tokenTypes["StartTag"]
_END = tokenTypes["EndTag"]
_COMMENT = tokenTypes["Comment"]
_ERROR = tokenTypes["ParseError"]
_CHARACTERS = tokenTypes["Characters"]
_SPACE = tokenTypes["SpaceCharacters"]

_T = TypeVar("_T")


class _view(Generic[_T]):
    """``functools.cached_property`` without the lock it takes on first use in Python 3.11 (one
    lock for all instances): a parse's views are each built once, by the thread reading it, and
    rules ask for a few on every post."""

    def __init__(self, build: Callable[[Any], _T]) -> None:
        self._build = build
        self._name = build.__name__
        self.__doc__ = build.__doc__

    @overload
    def __get__(self, instance: None, owner: type) -> _view[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...

    def __get__(self, instance: object, owner: type | None = None) -> _T | _view[_T]:
        if instance is None:
            return self
        value = instance.__dict__[self._name] = self._build(instance)
        return value


Token = dict[str, Any]
"""An html5lib token: a dict (tokenizer errors are also stamped with ``nl_start``/``nl_end``)."""
_HTML_SPACE = "\t\n\x0c\r "
"""The characters html5lib counts as white space (its ``spaceCharacters``)."""


class Attribute(NamedTuple):
    """One attribute as written, including duplicates the parser dropped; span of its name."""

    name: str
    value: str
    start: int
    end: int


class Tag(NamedTuple):
    """A start or end tag as written, from its ``<`` to just past its ``>``.

    ``attrs`` are the attributes the parser kept (the first of duplicates, names lower-cased);
    ``HtmlParse.attributes`` gives every attribute as written, with spans. ``matched`` says
    whether the tag did anything: a start tag created an element (``False`` for one the parser
    ignored, such as a ``<td>`` outside a table), an end tag closed an element of its name
    that an earlier token had opened (``False`` for a stray end tag).
    """

    kind: str
    name: str
    start: int
    end: int
    attrs: Mapping[str, str]
    self_closing: bool
    matched: bool


class Comment(NamedTuple):
    """A comment (or bogus comment such as ``<?php … >``) and its text."""

    start: int
    end: int
    data: str


class HtmlError(NamedTuple):
    """An html5lib parse error: its code and data vars, and the span it is about.

    For tree-construction errors the span is the token being processed and ``tag`` is that
    token when it is a tag; for tokenizer errors it runs from the start of the construct (the
    tag's ``<`` or the character reference's ``&``) to where the tokenizer noticed the error.
    At the end of the input the span is empty, at the end of the body.
    """

    code: str
    data: Mapping[str, Any]
    start: int
    end: int
    tag: Tag | None


class ElementSpans(NamedTuple):
    """Where an element came from and where it ended.

    ``start_tag`` is ``None`` for elements the parser implied (a ``<tbody>``, a formatting
    element it reopened); ``end_tag`` is the end tag that closed it; ``closed_at`` is where it
    was closed, by its end tag or implicitly by another token; ``None`` when still open at the
    end of the body.
    """

    start_tag: Tag | None
    end_tag: Tag | None
    closed_at: int | None


class HtmlParse:
    """The parsed body: tree, parse errors, tags, comments, element spans and the mask.

    All offsets are into ``doc.text``. ``root`` is an ElementTree element (``DOCUMENT_FRAGMENT``)
    whose HTML elements have plain tag names (``p``, ``img``); walk it with ``root.iter()``.
    ``Tag`` and ``ElementSpans`` objects are built when first asked for and then shared, so
    asking for a few (by name, by attribute, by offset) costs little whatever the size of the
    post; treat everything returned as read-only.
    """

    def __init__(
        self, root: Element, normal: str, to_source: _Offsets, mask: Mask, rec: _Recording
    ) -> None:
        self.root = root
        self.mask = mask
        self.body_start = to_source(0)
        self._normal = normal
        self._to_source = to_source
        self._rec = rec
        self._tags: list[Tag | None] = [None] * len(rec.tag_start)
        self._spans: dict[int, ElementSpans] = {}
        self._attributes: dict[int, tuple[Attribute, ...]] = {}
        self._attribute_scanner: _AttributeTokenizer | None = None
        self.unparsed_markup = 0
        """How many ``<`` the body has when it was too many to parse (``MAX_MARKUP``); then the
        parse is of an empty body."""

    @_view
    def errors(self) -> tuple[HtmlError, ...]:
        """Every parse error, in the order html5lib raised them (source order)."""
        if not self._rec.errors:
            return ()
        to_source = self._to_source
        eof = to_source(len(self._normal))
        errors = []
        for code, data, start, end, index in self._rec.errors:
            if start < 0:
                errors.append(HtmlError(code, data, eof, eof, None))
            else:
                tag = self._tag(index) if index >= 0 else None
                errors.append(HtmlError(code, data, to_source(start), to_source(end), tag))
        return tuple(errors)

    @_view
    def tags(self) -> tuple[Tag, ...]:
        """Every start and end tag, in source order."""
        return tuple(map(self._tag, range(len(self._tags))))

    @_view
    def start_tags(self) -> tuple[Tag, ...]:
        """Every start tag as written, in source order (also those the parser ignored)."""
        return tuple(tag for tag in self.tags if tag.kind == "start")

    def tags_named(self, *names: str) -> list[Tag]:
        """The start and end tags of the given (lower-case) names, in source order."""
        return list(map(self._tag, self._named(names)))

    def start_tags_named(self, *names: str) -> list[Tag]:
        """The start tags of the given (lower-case) names, in source order."""
        flags = self._rec.tag_flags
        return [self._tag(n) for n in self._named(names) if flags[n] & _IS_START]

    def start_tags_with(
        self, names: Collection[str], where: Callable[[str, str], bool] | None = None
    ) -> list[Tag]:
        """The start tags with an attribute named in ``names`` (among those the parser kept),
        in source order; with ``where``, only those with one for which ``where(name, value)``."""
        found: set[int] = set()
        for name, indices in self._by_attribute.items():
            if name in names:
                if where is not None:
                    indices = [n for n in indices if where(name, self._attrs(n)[name])]
                found.update(indices)
        return list(map(self._tag, sorted(found)))

    @_view
    def tag_names(self) -> frozenset[str]:
        """The name of every tag (start or end) in the post."""
        return frozenset(self._rec.tag_name)

    @property
    def attribute_names(self) -> Collection[str]:
        """The name of every attribute the parser kept on some start tag."""
        return self._by_attribute.keys()

    def tag_at(self, offset: int) -> Tag | None:
        """The tag that starts at ``offset``, if any."""
        starts = self._starts
        index = bisect.bisect_left(starts, offset)
        return self._tag(index) if index < len(starts) and starts[index] == offset else None

    def tag_around(self, offset: int) -> Tag | None:
        """The tag whose span holds ``offset`` (its ``<`` included, its end excluded), if any."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        tag = self._tag(index)
        return tag if offset < tag.end else None

    def next_tag_named(self, name: str, after: Tag | None) -> Tag | None:
        """The first tag (start or end) named ``name`` after the tag ``after``, or from the
        start of the body when ``after`` is ``None``."""
        first = 0 if after is None else bisect.bisect_right(self._starts, after.start)
        try:
            return self._tag(self._rec.tag_name.index(name, first))
        except ValueError:
            return None

    @_view
    def comments(self) -> tuple[Comment, ...]:
        """Every comment, in source order."""
        to_source = self._to_source
        return tuple(Comment(to_source(s), to_source(e), data) for s, e, data in self._rec.comments)

    @_view
    def elements(self) -> Mapping[Element, ElementSpans]:
        """The spans of every element of ``root`` (not the root itself)."""
        return {element: self._element_spans(n) for n, element in enumerate(self._rec.elements)}

    @_view
    def authored(self) -> tuple[tuple[Element, Tag], ...]:
        """Every element created by a start tag the author wrote, with that tag, in source order."""
        elements = self._rec.elements
        return tuple(
            (elements[n], self._tag(start))
            for n, start in enumerate(self._rec.el_start)
            if start >= 0
        )

    def authored_named(self, *names: str) -> list[tuple[Element, Tag]]:
        """The ``authored`` elements whose ``element.tag`` is one of ``names`` (HTML element
        names), in source order."""
        created = self._rec.created
        pairs = []
        for index in self._named(names):
            element = created.get(index)
            if element is not None and element.tag in names:
                pairs.append((element, self._tag(index)))
        return pairs

    def unended(self, skip: Collection[str] = ()) -> list[tuple[Element, ElementSpans]]:
        """Every element created by a start tag the author wrote that no end tag closed (void
        elements included), with its spans, in source order; none whose tag is named in
        ``skip``."""
        rec = self._rec
        names = rec.tag_name
        found = []
        for n in compress(count(), map(_NONE.__eq__, rec.el_end)):
            start = rec.el_start[n]
            if start >= 0 and names[start] not in skip:
                found.append((rec.elements[n], self._element_spans(n)))
        return found

    def spans(self, element: Element) -> ElementSpans | None:
        """The spans of an element of ``root`` (``None`` for the fragment root)."""
        index = self._element_index.get(element)
        return None if index is None else self._element_spans(index)

    def reopenings(self, element: Element) -> tuple[int, ...]:
        """Where the parser reopened ``element`` (a formatting element left open) around more
        than white space, in order."""
        if not self._rec.reopened:
            return ()
        index = self._element_index.get(element)
        return self._reopenings.get(index, ()) if index is not None else ()

    def errors_of(self, *codes: str) -> Iterator[HtmlError]:
        """The errors whose html5lib code is one of ``codes``, in source order."""
        wanted = frozenset(codes)
        return (error for error in self.errors if error.code in wanted)

    def attributes(self, tag: Tag) -> tuple[Attribute, ...]:
        """Every attribute of ``tag`` as written, duplicates included, with the span of its name.

        Scanning a tag's source costs a tokenizer run, so each tag is scanned once and only when
        a rule asks; rules should first look at ``tag.attrs`` to ask only about likely tags.
        """
        if not tag.attrs:
            return ()
        cached = self._attributes.get(tag.start)
        if cached is None:
            cached = self._attributes[tag.start] = self._scan(tag)
        return cached

    def masked(self, start: int, end: int) -> bool:
        """Whether any of ``[start, end)`` (offsets in ``doc.text``) was masked before parsing."""
        return self.mask.covers(start - self.body_start, end - self.body_start)

    def _tag(self, index: int) -> Tag:
        """The ``Tag`` of the ``index``-th tag, built on first use."""
        tag = self._tags[index]
        if tag is None:
            rec = self._rec
            flags = rec.tag_flags[index]
            to_source = self._to_source
            fields = (
                _START_KIND if flags & _IS_START else _END_KIND,
                rec.tag_name[index],
                to_source(rec.tag_start[index]),
                to_source(rec.tag_end[index]),
                self._attrs(index) if flags & _IS_START else _NO_ATTRIBUTES,
                bool(flags & _SELF_CLOSING),
                bool(rec.matched[index]),
            )
            tag = self._tags[index] = tuple.__new__(Tag, fields)
        return tag

    def _named(self, names: Collection[str]) -> Iterator[int]:
        """The indices of the tags of the given names, in order."""
        if self.tag_names.isdisjoint(names):
            return iter(())  # the usual case: the post has none of them
        return compress(count(), map(frozenset(names).__contains__, self._rec.tag_name))

    @_view
    def _starts(self) -> list[int]:
        """The start of every tag, in ``doc.text``."""
        return self._to_source.many(self._rec.tag_start)

    def _attrs(self, index: int) -> Mapping[str, str]:
        """The attributes the parser kept for the start tag ``index``."""
        element = self._rec.created.get(index)
        return element.attrib if element is not None else self._kept(index)

    @_view
    def _by_attribute(self) -> dict[str, list[int]]:
        """Attribute name → the indices of the start tags that kept one."""
        rec = self._rec
        found: dict[str, list[int]] = {}
        attribs = list(map(_ATTRIB, rec.created.values()))
        for index, attrib in compress(zip(rec.created, attribs, strict=True), attribs):
            for name in attrib:
                found.setdefault(name, []).append(index)
        ignored = rec.matched.find(0)
        while ignored >= 0:
            if rec.tag_flags[ignored] & _IS_START:
                for name in self._attrs(ignored):
                    found.setdefault(name, []).append(ignored)
            ignored = rec.matched.find(0, ignored + 1)
        return found

    def _element_spans(self, index: int) -> ElementSpans:
        """The ``ElementSpans`` of the ``index``-th element, built on first use."""
        spans = self._spans.get(index)
        if spans is None:
            rec = self._rec
            start, end, closed = rec.el_start[index], rec.el_end[index], rec.el_closed[index]
            where = None if closed == _OPEN else self._to_source(closed)
            fields = (
                self._tag(start) if start >= 0 else None,
                self._tag(end) if end >= 0 else None,
                where,
            )
            spans = self._spans[index] = tuple.__new__(ElementSpans, fields)
        return spans

    @_view
    def _element_index(self) -> dict[Element, int]:
        return dict(zip(self._rec.elements, count()))

    @_view
    def _reopenings(self) -> dict[int, tuple[int, ...]]:
        found: dict[int, list[int]] = {}
        elements = self._rec.elements
        for origin, copy, at in self._rec.reopened:
            if len(elements[copy]) or "".join(elements[copy].itertext()).strip():
                found.setdefault(origin, []).append(self._to_source(at))
        return {origin: tuple(offsets) for origin, offsets in found.items()}

    @property
    def _scanner(self) -> _AttributeTokenizer:
        if self._attribute_scanner is None:
            self._attribute_scanner = _AttributeTokenizer()
        return self._attribute_scanner

    def _scan(self, tag: Tag) -> tuple[Attribute, ...]:
        to_source = self._to_source
        start = to_source.back(tag.start)
        found = self._scanner.scan(self._normal[start : to_source.back(tag.end)])
        return tuple(
            Attribute(name, value, to_source(start + at), to_source(start + at) + len(name))
            for name, value, at in found
        )

    def _kept(self, index: int) -> dict[str, str]:
        """The attributes the parser would have kept for the ignored start tag ``index``."""
        attrs: dict[str, str] = {}
        text = self._normal[self._rec.tag_start[index] : self._rec.tag_end[index]]
        for name, value, _ in self._scanner.scan(text):
            attrs.setdefault(name, value)
        return attrs


MAX_MARKUP = 100_000
"""A body with more ``<`` than this outside code is not parsed (``HT038``): a real post has a
few thousand at most, and parsing a million tags takes half a minute and over a gigabyte."""


def parse_html(doc: Document) -> HtmlParse:
    """The HTML parse of ``doc``'s masked body, computed once per document and shared."""
    return doc.memo("html", lambda: _parse_document(doc))


def _parse_document(doc: Document) -> HtmlParse:
    mask = mask_document(doc)
    markup = mask.text.count("<")
    if markup > MAX_MARKUP:  # not parsed: an empty body, and HT038 says why
        parsed = parse_fragment("", offset=doc.body_start, mask=mask)
        parsed.unparsed_markup = markup
        return parsed
    return parse_fragment(mask.text, offset=doc.body_start, mask=mask)


def parse_fragment(text: str, *, offset: int = 0, mask: Mask | None = None) -> HtmlParse:
    """Parse ``text`` as the content of a ``<div>``; offsets in the result are ``offset`` + index.

    ``mask`` (the mask ``text`` came from, if any) is only carried into the result.
    """
    normal, dropped = _normalise_newlines(text)
    rec = _Recording()
    root = _parser().parse_text(normal, rec)
    return HtmlParse(root, normal, _Offsets(offset, dropped), mask or Mask(text, ()), rec)


class _Offsets:
    """Maps offsets in the CR-normalised text to the source and back."""

    __slots__ = ("_base", "_dropped")

    def __init__(self, base: int, dropped: list[int]) -> None:
        self._base = base
        self._dropped = dropped

    def __call__(self, n: int) -> int:
        if not self._dropped:
            return self._base + n
        return self._base + n + bisect.bisect_left(self._dropped, n)

    def many(self, offsets: Sequence[int]) -> list[int]:
        """``[self(n) for n in offsets]``: one addition each when no CR was dropped."""
        base = self._base
        if not self._dropped:
            return [base + n for n in offsets]
        return [self(n) for n in offsets]

    def back(self, source: int) -> int:
        """The normalised offset of ``source`` (a position that is not inside a CRLF pair)."""
        n = source - self._base
        if not self._dropped:
            return n
        # dropped[i] + i is where the i-th removed CR sat in the source text.
        lo, hi = 0, len(self._dropped)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._dropped[mid] + mid < n:
                lo = mid + 1
            else:
                hi = mid
        return n - lo


def _normalise_newlines(text: str) -> tuple[str, list[int]]:
    """``text`` with CRLF and CR as LF, and the positions (in the result) of LFs that lost a CR."""
    if "\r" not in text:
        return text, []
    dropped: list[int] = []
    find = text.find
    pos = find("\r\n")
    while pos != -1:
        dropped.append(pos - len(dropped))
        pos = find("\r\n", pos + 2)
    return text.replace("\r\n", "\n").replace("\r", "\n"), dropped


class _WholeText(HTMLUnicodeInputStream):
    """An input stream holding the whole text as its only chunk, so offsets are chunk offsets."""

    def __init__(self, text: str) -> None:
        super().__init__("")
        self.chunk = text
        self.chunkSize = len(text)
        self.chunkOffset = 0

    def readChunk(self, chunkSize: int | None = None) -> bool:
        """There is never another chunk: consume what is left and report the end."""
        self.chunkOffset = self.chunkSize
        return False


_NO_ATTRIBUTES: Mapping[str, str] = MappingProxyType({})
_ATTRIB = attrgetter("attrib")
_START_KIND = "start"
_END_KIND = "end"
_TAG_TYPES = frozenset({_START, _END})
_TEXT_TYPES = frozenset({_CHARACTERS, _SPACE})
_IS_START = 1
_SELF_CLOSING = 2
_NONE = -1
"""No tag: an element's start tag index when the parser implied it, its end tag index when none
closed it."""
_OPEN = -2
"""Where an element was closed when nothing closed it."""


class _Recording:
    """What one parse records, kept apart from html5lib's objects so they can be freed at once.

    Flat lists of numbers and strings: per tag (in source order) its offsets, name and flags
    (``_IS_START``, ``_SELF_CLOSING``) and whether it did something (``matched``); the errors as
    ``(code, datavars, start, end, tag index)``; the comments as ``(start, end, data)``; per
    ElementTree element (``elements``, in creation order) its start tag index, end tag index
    (``_NONE``: none), where it was closed (``_OPEN`` or an offset) and how many tags had been
    read when it was created; ``created``, the element each start tag created; and each
    reopening of a formatting element as ``(index of the element the author opened, index of
    the copy, offset of the token that reopened it)``. ``current`` is the token the parser is
    processing (``None`` once the tokens ran out).
    """

    __slots__ = (
        "comments",
        "created",
        "current",
        "el_born",
        "el_closed",
        "el_end",
        "el_start",
        "elements",
        "errors",
        "matched",
        "reopened",
        "tag_end",
        "tag_flags",
        "tag_name",
        "tag_start",
    )

    def __init__(self) -> None:
        self.current: Token | None = None
        self.tag_start: list[int] = []
        self.tag_end: list[int] = []
        self.tag_name: list[str] = []
        self.tag_flags = bytearray()
        self.matched = bytearray()
        self.errors: list[tuple[str, Mapping[str, Any], int, int, int]] = []
        self.comments: list[tuple[int, int, str]] = []
        self.elements: list[Element] = []
        self.created: dict[int, Element] = {}
        self.el_start: list[int] = []
        self.el_end: list[int] = []
        self.el_closed: list[int] = []
        self.el_born: list[int] = []
        self.reopened: list[tuple[int, int, int]] = []


_INVALID_BMP = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_INVALID_ASTRAL = re.compile(
    "["
    + "".join(chr(plane << 16 | end) for plane in range(1, 17) for end in (0xFFFE, 0xFFFF))
    + "]"
)


def _invalid_code_points(text: str) -> list[int]:
    """Offsets of the control characters, noncharacters and lone surrogates in ``text``.

    These are the code points html5lib's input stream reports as "invalid-codepoint"; one
    character class for the BMP lets the regular expression engine test most text in one step.
    """
    found = [match.start() for match in _INVALID_BMP.finditer(text)]
    if not text.isascii() and _ASTRAL.search(text):
        found.extend(match.start() for match in _INVALID_ASTRAL.finditer(text))
        found.sort()
    return found


class _SpanTokenizer(HTMLTokenizer):
    """html5lib's tokenizer, recording every tag and comment with its source offsets.

    A tag, comment or doctype runs from the ``<`` recorded when a "less-than sign" state was
    entered to the stream offset when the token is handed to the parser: html5lib returns from
    the state that emits a token as soon as it has read the ``>``. ``span`` gives the offsets of
    the token being processed; they are worked out only when the parser asks (for an error or
    an element it closes), since most tokens need none.
    """

    def __init__(self, text: str, parser: _SpanParser, rec: _Recording) -> None:
        super().__init__("", parser=parser)
        self.stream: _WholeText = _WholeText(text)
        self._rec = rec
        self._lt = -1  # offset of the "<" of the tag, comment or doctype being read
        self._amp = -1  # offset of the "&" of the last character reference
        self._amp_end = -1  # where that character reference ended
        self._before = 0  # the stream offset before the state that emitted the current tokens

    def __iter__(self) -> Iterator[Any]:
        rec = self._rec
        stream = self.stream
        queue: deque[Any] = deque()
        self.tokenQueue = queue
        popleft = queue.popleft
        tag_start = rec.tag_start
        tag_end = rec.tag_end
        tag_name = rec.tag_name
        tag_flags = rec.tag_flags
        matched = rec.matched
        for at in _invalid_code_points(stream.chunk):
            token: Token = {"type": _ERROR, "data": "invalid-codepoint"}
            token["nl_start"] = at
            token["nl_end"] = at + 1
            rec.current = token
            yield token
        while True:
            before = stream.chunkOffset
            if not self.state():
                break
            if not queue:
                continue
            self._before = before
            end = stream.chunkOffset
            while queue:
                token = popleft()
                kind = token["type"]
                if kind in _TAG_TYPES:
                    tag_start.append(self._lt)
                    tag_end.append(end)
                    tag_name.append(token["name"])
                    flags = _IS_START if kind == _START else 0
                    tag_flags.append(flags | _SELF_CLOSING if token["selfClosing"] else flags)
                    matched.append(0)
                elif kind == _ERROR:
                    token["nl_start"], token["nl_end"] = self._error_span(token["data"], end)
                elif kind == _COMMENT:
                    rec.comments.append((self._lt, end, token["data"]))
                rec.current = token
                yield token
        rec.current = None

    def span(self, token: Token) -> tuple[int, int]:
        """Start and end offsets of ``token``, the token the parser is processing."""
        kind = token["type"]
        if kind in _TAG_TYPES:
            rec = self._rec
            return rec.tag_start[-1], rec.tag_end[-1]
        if kind == _ERROR:
            return token["nl_start"], token["nl_end"]
        end = self.stream.chunkOffset
        if kind in _TEXT_TYPES:
            before = self._before
            return (before - 1 if self._amp == before - 1 else before), end
        return self._lt, end

    def _error_span(self, code: str, end: int) -> tuple[int, int]:
        """Span of a tokenizer error noticed at ``end``: its character reference or its tag."""
        if code == "invalid-codepoint":
            return end - 1, end
        if self._amp > self._lt and end == self._amp_end:
            return self._amp, end
        if 0 <= self._lt < end:
            return self._lt, end
        return max(end - 1, 0), end

    def consumeEntity(self, allowedChar: str | None = None, fromAttribute: bool = False) -> None:
        self._amp = self.stream.chunkOffset - 1
        HTMLTokenizer.consumeEntity(self, allowedChar, fromAttribute)
        self._amp_end = self.stream.chunkOffset

    # Every state entered just after a "<" that may begin a tag, comment or doctype.
    def tagOpenState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.tagOpenState(self)

    def rcdataLessThanSignState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.rcdataLessThanSignState(self)

    def rawtextLessThanSignState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.rawtextLessThanSignState(self)

    def scriptDataLessThanSignState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.scriptDataLessThanSignState(self)

    def scriptDataEscapedLessThanSignState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.scriptDataEscapedLessThanSignState(self)


class _AttributeTokenizer(HTMLTokenizer):
    """A tokenizer for one tag's text at a time that records where each attribute name starts.

    Building a tokenizer and its input stream costs more than scanning a tag, so one instance is
    loaded with each tag's text in turn (``scan``).
    """

    def __init__(self) -> None:
        super().__init__("")
        self.stream: _WholeText = _WholeText("")
        self.starts: list[int] = []
        self.raw: list[Any] = []

    def scan(self, tag_text: str) -> list[tuple[str, str, int]]:
        """Every attribute of the one tag in ``tag_text``: (name, value, offset of the name)."""
        stream = self.stream
        stream.reset()
        stream.chunk = tag_text
        stream.chunkSize = len(tag_text)
        self.escapeFlag = False
        self.lastFourChars = []
        self.state = self.dataState
        self.escape = False
        self.currentToken = None
        self.starts = []
        self.raw = []
        for token in self:
            if token["type"] in (_START, _END):
                break
        return [(name, value, at) for (name, value), at in zip(self.raw, self.starts, strict=True)]

    def _started(self, count: int) -> None:
        data = self.currentToken["data"]  # type: ignore[index]
        if isinstance(data, list) and len(data) > count:
            self.raw = data
            self.starts.append(self.stream.chunkOffset - 1)

    def _count(self) -> int:
        data = self.currentToken["data"]  # type: ignore[index]
        return len(data) if isinstance(data, list) else 0

    def beforeAttributeNameState(self) -> bool:
        count = self._count()
        result = HTMLTokenizer.beforeAttributeNameState(self)
        self._started(count)
        return result

    def afterAttributeNameState(self) -> bool:
        count = self._count()
        result = HTMLTokenizer.afterAttributeNameState(self)
        self._started(count)
        return result


class _OpenElements(list[Any]):
    """html5lib's stack of open elements, recording when and how each element left it."""

    __slots__ = ("_builder",)

    def __init__(self, builder: _SpanTreeBuilder) -> None:
        super().__init__()
        self._builder = builder

    def count_names(self) -> None:
        """Count the open elements by name into the builder's ``open_names``."""
        counts = self._builder.open_names
        counts.clear()
        for node in self:
            counts[node.name] = counts.get(node.name, 0) + 1

    def pop(self, index: Any = -1) -> Any:
        node = list.pop(self, index)
        self._builder.closed(node)
        return node

    def remove(self, node: Any) -> None:
        list.remove(self, node)
        self._builder.closed(node)

    def __setitem__(self, index: Any, node: Any) -> None:
        old = self[index]
        list.__setitem__(self, index, node)
        self._builder.closed(old)


class _CountedOpenElements(_OpenElements):
    """The stack once it is deep: it also counts open elements by name.

    With the counts, ``elementInScope`` answers at once for a name that is not open at all
    instead of walking thousands of elements for every tag (30,000 nested ``<div>`` would
    otherwise take minutes).
    """

    __slots__ = ()

    def append(self, node: Any) -> None:
        list.append(self, node)
        counts = self._builder.open_names
        counts[node.name] = counts.get(node.name, 0) + 1

    def insert(self, index: Any, node: Any) -> None:
        list.insert(self, index, node)
        counts = self._builder.open_names
        counts[node.name] = counts.get(node.name, 0) + 1

    def pop(self, index: Any = -1) -> Any:
        node = _OpenElements.pop(self, index)
        self._builder.open_names[node.name] -= 1
        return node

    def remove(self, node: Any) -> None:
        _OpenElements.remove(self, node)
        self._builder.open_names[node.name] -= 1

    def __setitem__(self, index: Any, node: Any) -> None:
        counts = self._builder.open_names
        counts[self[index].name] -= 1
        _OpenElements.__setitem__(self, index, node)
        counts[node.name] = counts.get(node.name, 0) + 1


_DEEP = 64
"""Stack depth from which the stack counts its elements by name (see ``_CountedOpenElements``)."""

_EtreeTreeBuilder: Any = treebuilders.getTreeBuilder("etree")


class _SpanTreeBuilder(_EtreeTreeBuilder):  # type: ignore[misc]
    """html5lib's ElementTree builder, recording each element's tags and closing in ``rec``.

    Each html5lib node it inserts gets ``nl``, the element's index in the recording.
    """

    rec: _Recording
    tokenizer: _SpanTokenizer

    def reset(self) -> None:
        super().reset()
        self.openElements = _OpenElements(self)
        self.open_names: dict[str, int] = {}
        self.origin: dict[int, int] = {}  # element index of a reopened copy → of the original
        self.__dict__.pop("elementInScope", None)  # the counted variant of a deep parse

    def _element_in_scope_counted(self, target: Any, variant: str | None = None) -> Any:
        if isinstance(target, str) and self.open_names.get(target, 0) <= 0:
            return False
        return _EtreeTreeBuilder.elementInScope(self, target, variant)

    def insertElementNormal(self, token: Token) -> Any:
        node = _EtreeTreeBuilder.insertElementNormal(self, token)
        if "nl" not in node.__dict__:
            self._born(node, token)
        return node

    def insertElementTable(self, token: Token) -> Any:
        node = _EtreeTreeBuilder.insertElementTable(self, token)
        if "nl" not in node.__dict__:
            self._born(node, token)
        return node

    def reconstructActiveFormattingElements(self) -> None:
        """html5lib's reopening of formatting elements, recording which element each copy is of."""
        listed = self.activeFormattingElements
        if not listed or listed[-1] is Marker or listed[-1] in self.openElements:
            return  # html5lib's own first test: nothing to reopen (the case of almost every call)
        before = list(listed)
        _EtreeTreeBuilder.reconstructActiveFormattingElements(self)
        token = self.rec.current
        if token is None:
            return
        at = self.tokenizer.span(token)[0]
        for old, new in zip(before, listed, strict=True):
            if old is not new and "nl" in old.__dict__:
                self.origin[new.nl] = origin = self.origin.get(old.nl, old.nl)
                self.rec.reopened.append((origin, new.nl, at))

    def _born(self, node: Any, token: Token) -> None:
        rec = self.rec
        node.nl = len(rec.elements)
        rec.elements.append(node._element)
        if token is rec.current:
            index = len(rec.tag_start) - 1
            rec.el_start.append(index)
            rec.matched[index] = 1
            rec.created[index] = node._element
        else:
            rec.el_start.append(_NONE)
        rec.el_end.append(_NONE)
        rec.el_closed.append(_OPEN)
        rec.el_born.append(len(rec.tag_start))
        stack = self.openElements
        if len(stack) > _DEEP and type(stack) is _OpenElements:
            stack.__class__ = _CountedOpenElements
            stack.count_names()
            self.elementInScope = self._element_in_scope_counted

    def closed(self, node: Any) -> None:
        """Record that ``node`` left the stack of open elements while ``rec.current`` was
        processed: where, and whether that token is the end tag that closed it.

        An end tag closes an element of its name that was open before it; one that the parser
        created for it (``</p>`` with no ``<p>`` open) does not count.
        """
        index = node.__dict__.get("nl", _NONE)
        rec = self.rec
        token = rec.current
        if token is None:
            if index >= 0 and rec.el_closed[index] == _OPEN:
                rec.el_closed[index] = self.tokenizer.stream.chunkSize  # the end of the body
            return
        kind = token["type"]
        if kind == _END:
            tag = len(rec.tag_start) - 1
            if (
                not rec.matched[tag]
                and (index < 0 or rec.el_born[index] != tag + 1)
                and (node._name == token["name"] or node._name.lower() == token["name"])
            ):
                rec.matched[tag] = 1
                if index >= 0:
                    rec.el_end[index] = tag
        if index >= 0 and rec.el_closed[index] == _OPEN:
            at = rec.tag_start[-1] if kind in _TAG_TYPES else self.tokenizer.span(token)[0]
            rec.el_closed[index] = at


def _in_body_phase(phase: type[Any]) -> type[Any]:
    """html5lib's "in body" phase with its test of whether text ends "frameset-ok" (a character
    other than white space) made by ``str.strip`` before the text is handled: html5lib's own test
    lists every character of the text, and the first text of a Markdown post (all of it up to
    its first tag) is often long."""

    class InBody(phase):  # type: ignore[misc]
        __slots__ = ()

        def processCharacters(self, token: Token) -> None:
            data = token["data"]
            if self.parser.framesetOK and data != "\0" and data.strip(_HTML_SPACE):
                self.parser.framesetOK = False  # as html5lib's test would, after the text
            super().processCharacters(token)

    return InBody


@functools.cache
def _parser() -> _SpanParser:
    """This process's parser: html5lib parsers are reusable, and building one costs a tenth of
    parsing a typical post."""
    return _SpanParser()


class _SpanParser(HTMLParser):
    """html5lib's parser driving the span-recording tokenizer and tree builder."""

    tokenizer: _SpanTokenizer

    def __init__(self) -> None:
        super().__init__(tree=_SpanTreeBuilder, namespaceHTMLElements=False)
        self._rec = _Recording()
        self.phases["inBody"] = _in_body_phase(type(self.phases["inBody"]))(self, self.tree)

    def parse_text(self, text: str, rec: _Recording) -> Element:
        """Parse ``text`` as the content of a ``<div>`` into ``rec``; return the fragment root."""
        self._rec = rec
        self.innerHTMLMode = True
        self.container = "div"
        self.scripting = False
        self.tokenizer = tokenizer = _SpanTokenizer(text, self, rec)
        self.reset()
        self.tree.rec = rec
        self.tree.tokenizer = tokenizer
        self.mainLoop()
        root: Element = self.tree.getFragment()
        return root

    def parseError(self, errorcode: str = "XXX-undefined-error", datavars: Any = None) -> None:
        rec = self._rec
        token = rec.current
        if token is None:
            rec.errors.append((errorcode, datavars or {}, -1, -1, -1))
            return
        start, end = self.tokenizer.span(token)
        index = len(rec.tag_start) - 1 if token["type"] in _TAG_TYPES else _NONE
        rec.errors.append((errorcode, datavars or {}, start, end, index))
