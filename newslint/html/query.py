"""The query API of a parsed body that HTML rules read: ``HtmlParse`` and its tags, attributes,
comments, errors and element spans, each built from the recording when first asked for."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterator, Mapping
from itertools import compress, count
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Generic, NamedTuple, TypeVar, overload
from xml.etree.ElementTree import Element

from newslint.html.offsets import Offsets
from newslint.html.recording import IS_START, NONE, OPEN, SELF_CLOSING, Recording
from newslint.html.tokenizer import AttributeTokenizer
from newslint.markdown.mask import Mask

__all__ = ["Attribute", "Comment", "ElementSpans", "HtmlError", "HtmlParse", "Tag"]

_NO_ATTRIBUTES: Mapping[str, str] = MappingProxyType({})
_ATTRIB = attrgetter("attrib")
_START_KIND = "start"
_END_KIND = "end"
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
        self, root: Element, normal: str, to_source: Offsets, mask: Mask, rec: Recording
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
        self._attribute_scanner: AttributeTokenizer | None = None
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
        return [self._tag(n) for n in self._named(names) if flags[n] & IS_START]

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
        for n in compress(count(), map(NONE.__eq__, rec.el_end)):
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
                _START_KIND if flags & IS_START else _END_KIND,
                rec.tag_name[index],
                to_source(rec.tag_start[index]),
                to_source(rec.tag_end[index]),
                self._attrs(index) if flags & IS_START else _NO_ATTRIBUTES,
                bool(flags & SELF_CLOSING),
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
            if rec.tag_flags[ignored] & IS_START:
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
            where = None if closed == OPEN else self._to_source(closed)
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
    def _scanner(self) -> AttributeTokenizer:
        if self._attribute_scanner is None:
            self._attribute_scanner = AttributeTokenizer()
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
