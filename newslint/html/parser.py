"""html5lib's tree builder and parser, made to record each element's tags and where it closed."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from html5lib import treebuilders
from html5lib.html5parser import HTMLParser
from html5lib.treebuilders.base import Marker

from newslint.html.recording import END, NONE, OPEN, TAG_TYPES, Recording, Token
from newslint.html.tokenizer import SpanTokenizer

_HTML_SPACE = "\t\n\x0c\r "
"""The characters html5lib counts as white space (its ``spaceCharacters``)."""


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

    rec: Recording
    tokenizer: SpanTokenizer

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
            rec.el_start.append(NONE)
        rec.el_end.append(NONE)
        rec.el_closed.append(OPEN)
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
        index = node.__dict__.get("nl", NONE)
        rec = self.rec
        token = rec.current
        if token is None:
            if index >= 0 and rec.el_closed[index] == OPEN:
                rec.el_closed[index] = self.tokenizer.stream.chunkSize  # the end of the body
            return
        kind = token["type"]
        if kind == END:
            tag = len(rec.tag_start) - 1
            if (
                not rec.matched[tag]
                and (index < 0 or rec.el_born[index] != tag + 1)
                and (node._name == token["name"] or node._name.lower() == token["name"])
            ):
                rec.matched[tag] = 1
                if index >= 0:
                    rec.el_end[index] = tag
        if index >= 0 and rec.el_closed[index] == OPEN:
            at = rec.tag_start[-1] if kind in TAG_TYPES else self.tokenizer.span(token)[0]
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


class SpanParser(HTMLParser):
    """html5lib's parser driving the span-recording tokenizer and tree builder."""

    tokenizer: SpanTokenizer

    def __init__(self) -> None:
        super().__init__(tree=_SpanTreeBuilder, namespaceHTMLElements=False)
        self._rec = Recording()
        self.phases["inBody"] = _in_body_phase(type(self.phases["inBody"]))(self, self.tree)

    def parse_text(self, text: str, rec: Recording) -> Element:
        """Parse ``text`` as the content of a ``<div>`` into ``rec``; return the fragment root."""
        self._rec = rec
        self.innerHTMLMode = True
        self.container = "div"
        self.scripting = False
        self.tokenizer = tokenizer = SpanTokenizer(text, self, rec)
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
        index = len(rec.tag_start) - 1 if token["type"] in TAG_TYPES else NONE
        rec.errors.append((errorcode, datavars or {}, start, end, index))
