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

Offsets are mapped back to ``doc.text`` (the body's offset plus CRLF pairs the tokenizer saw as
one LF). Nothing here recurses over the tree, so very deep nesting is safe.
"""

from __future__ import annotations

import bisect
import functools
from collections import deque
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element

from html5lib import treebuilders
from html5lib._inputstream import HTMLUnicodeInputStream, invalid_unicode_re
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
_DOCTYPE = tokenTypes["Doctype"]
_ERROR = tokenTypes["ParseError"]
_CHARACTERS = tokenTypes["Characters"]
_SPACE = tokenTypes["SpaceCharacters"]

Token = dict[str, Any]
"""An html5lib token: a dict that this module also stamps with ``nl_*`` keys."""


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
    The other views are built on first use and shared; treat them as read-only.
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
        self._attributes: dict[int, tuple[Attribute, ...]] = {}
        self._attribute_scanner: _AttributeTokenizer | None = None

    @functools.cached_property
    def errors(self) -> tuple[HtmlError, ...]:
        """Every parse error, in the order html5lib raised them (source order)."""
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

    @functools.cached_property
    def tags(self) -> tuple[Tag, ...]:
        """Every start and end tag, in source order (built together: most posts need them all)."""
        rec = self._rec
        created = self._created
        starts, ends = self._to_source.many(rec.tag_start), self._to_source.many(rec.tag_end)
        make = tuple.__new__
        tags = []
        for index, (flags, name, start, end, matched) in enumerate(
            zip(rec.tag_flags, rec.tag_name, starts, ends, rec.matched, strict=True)
        ):
            attrs: Mapping[str, str]
            if flags & _IS_START:
                element = created.get(index)
                attrs = element.attrib if element is not None else self._kept(index)
                kind = "start"
            else:
                attrs, kind = _NO_ATTRIBUTES, "end"
            fields = (kind, name, start, end, attrs, bool(flags & _SELF_CLOSING), bool(matched))
            tags.append(make(Tag, fields))
        return tuple(tags)

    @functools.cached_property
    def comments(self) -> tuple[Comment, ...]:
        """Every comment, in source order."""
        to_source = self._to_source
        return tuple(Comment(to_source(s), to_source(e), data) for s, e, data in self._rec.comments)

    @functools.cached_property
    def elements(self) -> Mapping[Element, ElementSpans]:
        """The spans of every element of ``root`` (not the root itself)."""
        rec = self._rec
        to_source = self._to_source
        tags = self.tags
        eof = to_source(len(self._normal))
        make = tuple.__new__
        out: dict[Element, ElementSpans] = {}
        for element, start, end, closed in zip(
            rec.elements, rec.el_start, rec.el_end, rec.el_closed, strict=True
        ):
            where = None if closed == _OPEN else eof if closed == _EOF else to_source(closed)
            start_tag = tags[start] if start >= 0 else None
            out[element] = make(ElementSpans, (start_tag, tags[end] if end >= 0 else None, where))
        return out

    @functools.cached_property
    def start_tags(self) -> tuple[Tag, ...]:
        """Every start tag as written, in source order (also those the parser ignored)."""
        return tuple(tag for tag in self.tags if tag.kind == "start")

    @functools.cached_property
    def authored(self) -> tuple[tuple[Element, Tag], ...]:
        """Every element created by a start tag the author wrote, with that tag, in source order."""
        tags = self.tags
        return tuple(
            (element, tags[start])
            for element, start in zip(self._rec.elements, self._rec.el_start, strict=True)
            if start >= 0
        )

    def start_tags_named(self, *names: str) -> list[Tag]:
        """The start tags of the given (lower-case) names, in source order."""
        return [tag for tag in self.start_tags if tag.name in names]

    def authored_named(self, *names: str) -> list[tuple[Element, Tag]]:
        """The ``authored`` elements whose ``element.tag`` is one of ``names``, in source order."""
        return [pair for pair in self.authored if pair[0].tag in names]

    def reopenings(self, element: Element) -> tuple[int, ...]:
        """Where the parser reopened ``element`` (a formatting element left open) around more
        than white space, in order."""
        if not self._rec.reopened:
            return ()
        index = self._index.get(element)
        return self._reopenings.get(index, ()) if index is not None else ()

    @functools.cached_property
    def _index(self) -> dict[Element, int]:
        return {element: n for n, element in enumerate(self._rec.elements)}

    @functools.cached_property
    def _reopenings(self) -> dict[int, tuple[int, ...]]:
        found: dict[int, list[int]] = {}
        elements = self._rec.elements
        for origin, copy, at in self._rec.reopened:
            if len(elements[copy]) or "".join(elements[copy].itertext()).strip():
                found.setdefault(origin, []).append(self._to_source(at))
        return {origin: tuple(offsets) for origin, offsets in found.items()}

    def errors_of(self, *codes: str) -> Iterator[HtmlError]:
        """The errors whose html5lib code is one of ``codes``, in source order."""
        wanted = frozenset(codes)
        return (error for error in self.errors if error.code in wanted)

    def spans(self, element: Element) -> ElementSpans | None:
        """The spans of an element of ``root`` (``None`` for the fragment root)."""
        return self.elements.get(element)

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

    def masked(self, start: int, end: int) -> bool:
        """Whether any of ``[start, end)`` (offsets in ``doc.text``) was masked before parsing."""
        return self.mask.covers(start - self.body_start, end - self.body_start)

    @functools.cached_property
    def _created(self) -> dict[int, Element]:
        """Tag index → the element that start tag created."""
        rec = self._rec
        return {
            index: el for el, index in zip(rec.elements, rec.el_start, strict=True) if index >= 0
        }

    def _tag(self, index: int) -> Tag:
        return self.tags[index]

    def _kept(self, index: int) -> dict[str, str]:
        """The attributes the parser would have kept for the ignored start tag ``index``."""
        attrs: dict[str, str] = {}
        text = self._normal[self._rec.tag_start[index] : self._rec.tag_end[index]]
        for name, value, _ in self._scanner.scan(text):
            attrs.setdefault(name, value)
        return attrs


def parse_html(doc: Document) -> HtmlParse:
    """The HTML parse of ``doc``'s masked body, computed once per document and shared."""
    return doc.memo("html", lambda: _parse_document(doc))


def _parse_document(doc: Document) -> HtmlParse:
    mask = mask_document(doc)
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

    def many(self, offsets: list[int]) -> list[int]:
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
_OPEN = -2
_EOF = -1
_IS_START = 1
_SELF_CLOSING = 2


class _Recording:
    """What one parse records, kept apart from html5lib's objects so they can be freed at once.

    Only strings, numbers and tuples, in flat lists: the tags (offsets, name, flags), which of
    them did something (``matched``), the errors as ``(code, datavars, start, end, tag
    index)``, the comments, and per element (in creation order) its start tag index, end tag
    index (-1: none), where it was closed (``_OPEN``, ``_EOF`` or an offset) and the serial
    of the token that created it; and each reopening of a formatting element as ``(index of the
    element the author opened, index of the copy, offset of the token that reopened it)``.
    """

    __slots__ = (
        "comments",
        "current",
        "el_born",
        "el_closed",
        "el_end",
        "el_start",
        "elements",
        "errors",
        "matched",
        "reopened",
        "serial",
        "tag_end",
        "tag_flags",
        "tag_name",
        "tag_start",
    )

    def __init__(self) -> None:
        self.current: Token | None = None
        self.serial = 0
        self.tag_start: list[int] = []
        self.tag_end: list[int] = []
        self.tag_name: list[str] = []
        self.tag_flags = bytearray()  # _IS_START | _SELF_CLOSING
        self.matched = bytearray()
        self.errors: list[tuple[str, Mapping[str, Any], int, int, int]] = []
        self.comments: list[tuple[int, int, str]] = []
        self.elements: list[Element] = []
        self.el_start: list[int] = []
        self.el_end: list[int] = []
        self.el_closed: list[int] = []
        self.el_born: list[int] = []
        self.reopened: list[tuple[int, int, int]] = []


class _SpanTokenizer(HTMLTokenizer):
    """html5lib's tokenizer, stamping tokens with source offsets (``nl_start``/``nl_end``).

    A tag, comment or doctype runs from the ``<`` recorded when a "less-than sign" state was
    entered to the stream offset when the token is handed to the parser: html5lib returns from
    the state that emits a token as soon as it has read the ``>``.
    """

    def __init__(self, text: str, parser: _SpanParser, rec: _Recording) -> None:
        super().__init__("", parser=parser)
        self.stream: _WholeText = _WholeText(text)
        self._rec = rec
        self._lt = -1  # offset of the "<" of the tag, comment or doctype being read
        self._amp = -1  # offset of the "&" of the last character reference
        self._amp_end = -1  # where that character reference ended

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
        serial = 0
        for match in invalid_unicode_re.finditer(stream.chunk):
            at = match.start()
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
            end = stream.chunkOffset
            while queue:
                token = popleft()
                kind = token["type"]
                if kind in (_CHARACTERS, _SPACE):
                    token["nl_start"] = before - 1 if self._amp == before - 1 else before
                    token["nl_end"] = end
                elif kind in (_START, _END):
                    token["nl_start"] = self._lt
                    token["nl_end"] = end
                    token["nl_index"] = len(tag_start)
                    tag_start.append(self._lt)
                    tag_end.append(end)
                    tag_name.append(token["name"])
                    flags = _IS_START if kind == _START else 0
                    tag_flags.append(flags | _SELF_CLOSING if token["selfClosing"] else flags)
                    matched.append(0)
                elif kind == _ERROR:
                    token["nl_start"], token["nl_end"] = self._error_span(token["data"], end)
                else:
                    token["nl_start"] = self._lt
                    token["nl_end"] = end
                    if kind == _COMMENT:
                        rec.comments.append((self._lt, end, token["data"]))
                serial += 1
                rec.serial = serial
                rec.current = token
                yield token
        rec.current = None

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
        _closed(node, self._builder.rec)
        return node

    def remove(self, node: Any) -> None:
        list.remove(self, node)
        _closed(node, self._builder.rec)

    def __setitem__(self, index: Any, node: Any) -> None:
        old = self[index]
        list.__setitem__(self, index, node)
        _closed(old, self._builder.rec)


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


def _closed(node: Any, rec: _Recording) -> None:
    """Record that ``node`` left the stack of open elements while ``rec.current`` was processed."""
    index = node.__dict__.get("nl", -1)
    token = rec.current
    if token is None:
        if index >= 0 and rec.el_closed[index] == _OPEN:
            rec.el_closed[index] = _EOF
        return
    if token["type"] == _END:
        tag = token["nl_index"]
        if (
            not rec.matched[tag]
            and (index < 0 or rec.el_born[index] != rec.serial)
            and (node.name == token["name"] or node.name.lower() == token["name"])
        ):
            rec.matched[tag] = 1
            if index >= 0:
                rec.el_end[index] = tag
    if index >= 0 and rec.el_closed[index] == _OPEN:
        rec.el_closed[index] = token["nl_start"]


_DEEP = 64
"""Stack depth from which the stack counts its elements by name (see ``_CountedOpenElements``)."""

_EtreeTreeBuilder: Any = treebuilders.getTreeBuilder("etree")


class _SpanTreeBuilder(_EtreeTreeBuilder):  # type: ignore[misc]
    """html5lib's ElementTree builder, recording each element's tags and closing in ``rec``.

    Each html5lib node it inserts gets ``nl``, the element's index in the recording.
    """

    rec: _Recording

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
        for old, new in zip(before, listed, strict=True):
            if old is not new and "nl" in old.__dict__:
                self.origin[new.nl] = origin = self.origin.get(old.nl, old.nl)
                self.rec.reopened.append((origin, new.nl, token["nl_start"]))

    def _born(self, node: Any, token: Token) -> None:
        rec = self.rec
        node.nl = len(rec.elements)
        rec.elements.append(node._element)
        if token is rec.current:
            index = token["nl_index"]
            rec.el_start.append(index)
            rec.matched[index] = 1
        else:
            rec.el_start.append(-1)
        rec.el_end.append(-1)
        rec.el_closed.append(_OPEN)
        rec.el_born.append(rec.serial)
        stack = self.openElements
        if len(stack) > _DEEP and type(stack) is _OpenElements:
            stack.__class__ = _CountedOpenElements
            stack.count_names()
            self.elementInScope = self._element_in_scope_counted


@functools.cache
def _parser() -> _SpanParser:
    """This process's parser: html5lib parsers are reusable, and building one costs a tenth of
    parsing a typical post."""
    return _SpanParser()


class _SpanParser(HTMLParser):
    """html5lib's parser driving the span-recording tokenizer and tree builder."""

    def __init__(self) -> None:
        super().__init__(tree=_SpanTreeBuilder, namespaceHTMLElements=False)
        self._rec = _Recording()

    def parse_text(self, text: str, rec: _Recording) -> Element:
        """Parse ``text`` as the content of a ``<div>`` into ``rec``; return the fragment root."""
        self._rec = rec
        self.innerHTMLMode = True
        self.container = "div"
        self.scripting = False
        self.tokenizer = _SpanTokenizer(text, self, rec)
        self.reset()
        self.tree.rec = rec
        self.mainLoop()
        root: Element = self.tree.getFragment()
        return root

    def parseError(self, errorcode: str = "XXX-undefined-error", datavars: Any = None) -> None:
        token = self._rec.current
        if token is None:
            self._rec.errors.append((errorcode, datavars or {}, -1, -1, -1))
        else:
            index = token.get("nl_index", -1)
            self._rec.errors.append(
                (errorcode, datavars or {}, token["nl_start"], token["nl_end"], index)
            )
