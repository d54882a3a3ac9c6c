"""House rules of the ``selector`` kind: a CSS selector over the post's HTML.

cssselect turns each compound selector into XPath, which lxml evaluates on a copy of the
html5lib tree of the masked body (``parse_html``), built once per document and only for a post
with a tag of a name the selector ends with; combinators, also those inside ``:not()``,
``:has()``, ``:is()`` and ``:where()``, are followed here, in linear time.
Each selected element the author wrote is reported at its start tag, or at one of its
attributes (``attribute:``). Names lxml refuses (``@click``, ``x:y``) are left out of the copy;
lxml and cssselect are imported only when a selector rule runs.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, cast
from xml.etree.ElementTree import Element

from newslint.html.parse import parse_html
from newslint.html.query import HtmlParse, Tag
from newslint.rules.custom.hits import Blanks, Hit

if TYPE_CHECKING:
    from cssselect import HTMLTranslator
    from cssselect.parser import Function, Matching, Selector, Token, Tree
    from lxml import etree

    from newslint.context import RuleContext

__all__ = ["PLACEHOLDERS", "SelectorSpec", "hits", "problems"]

PLACEHOLDERS = frozenset({"match", "attr", "value", "tag"})
"""``match``: the reported span as written; ``attr``: the element's attributes by (lower-case)
name, ``{attr[src]}``; ``value``: the value of ``attribute``; ``tag``: the element's name."""

_Clean = Callable[[str | None], str | None]
_Select = Callable[["etree._Element"], list["etree._Element"]]
_Pairs = list[tuple["etree._Element", Element]]
_Chain = tuple[tuple[str, _Select], ...]
_Found = list["etree._Element"]
_Marked = set["etree._Element"]
_Filter = Callable[[_Found, "etree._Element"], _Found]
_Argument = tuple[int, int, str]
_MEMO = "selector.tree"
_UNNAMED = "{urn:x-newslint:unnamed}element"
"""The name of an element whose own name lxml refuses (``<x:y>``): only ``*`` selects it."""
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\f\r />\"'=\x00-\x1f\x7f]+")
"""An HTML attribute name (what the tokenizer would read as one)."""
_VALUE = re.compile(r"[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"[^\"]*\"|'[^']*'|[^\t\n\f\r >]*)")
"""From the end of an attribute's name to the end of its value as written."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters lxml refuses in text and attribute values (html5lib keeps some of them)."""
_POSITION = re.compile(r" at (\d+)")
_TOKEN = re.compile(r"<EOF at \d+>|<[A-Z-]+ (.*?) at \d+>")
_NAMESPACES = "namespaces (ns|name) are not supported"
_LISTS = {"is": "_", "matches": "_", "where": "_", "not": "__"}
"""The pseudo-class each that takes selectors is read as when cssselect's parser refuses what it
has (a combinator in ``:is()``, a list or nested ``:not()`` in ``:not()``): ``img:is(figure img)``
as ``img:_(3)``, where it starts, padded to its length."""
_LIST_TOKEN = "LIST"
_TAKE_SELECTORS = frozenset({"Negation", "Relation", "Matching", "SpecificityAdjustment"})
"""cssselect's nodes for the pseudo-classes that take selectors; ``selector`` is the anchor."""
_BROWSER_STATE = frozenset({"hover", "active", "focus", "visited", "target"})
"""Pseudo-classes that depend on the reader's browser; cssselect makes them match nothing."""


@dataclass(frozen=True)
class SelectorSpec:
    """A CSS selector, and optionally the attribute of the selected element to point at."""

    selector: str
    attribute: str | None = None


def problems(spec: SelectorSpec) -> list[tuple[str, str]]:
    """What is wrong with ``spec``: a selector cssselect cannot read or translate, or an
    ``attribute`` that is not an attribute name."""
    from cssselect import SelectorError

    found = []
    try:
        _compiled(spec.selector)
    except SelectorError as error:
        found.append(("selector", f"not a CSS selector newslint can use: {_plain(str(error))}"))
    if spec.attribute is not None and not _ATTRIBUTE_NAME.fullmatch(spec.attribute):
        found.append(("attribute", f"not an attribute name: {spec.attribute!r}"))
    return found


def hits(spec: SelectorSpec, ctx: RuleContext) -> Iterator[Hit]:
    """Every element the author wrote that the selector selects, in source order."""
    doc = ctx.doc
    parse = parse_html(doc)
    compiled = _compiled(spec.selector)
    if compiled.names is not None and compiled.names.isdisjoint(parse.tag_names):
        return  # no tag of the names the selector ends with: most posts, for most selectors
    tree = doc.memo(_MEMO, lambda: _Tree(parse.root))
    selected = _select(compiled.chains, tree.root)
    if not selected:
        return
    tags = [tag for tag in map(tree.start_tag(parse), selected) if tag is not None]
    for tag in sorted(tags, key=attrgetter("start")):
        yield _hit(parse, tag, spec.attribute, doc.text)


def _hit(parse: HtmlParse, tag: Tag, attribute: str | None, text: str) -> Hit:
    """The hit of one selected element: its start tag, or ``attribute`` as written in it."""
    written = parse.attributes(tag)
    attrs = Blanks()
    for item in written:
        attrs.setdefault(item.name, item.value)
    start, end = tag.start, tag.end
    value = ""
    if attribute is not None:
        name = attribute.lower()
        value = attrs[name]
        first = next((item for item in written if item.name == name), None)
        if first is not None:
            start, end = first.start, _value_end(parse, first.end, tag.end)
    values = {"match": text[start:end], "attr": attrs, "value": value, "tag": tag.name}
    return Hit(start, end, values)


def _value_end(parse: HtmlParse, name_end: int, tag_end: int) -> int:
    """Where the value of the attribute whose name ends at ``name_end`` ends (at ``name_end``
    when it has none), read from the masked body so Liquid in the value cannot mislead."""
    base = parse.body_start
    found = _VALUE.match(parse.mask.text, name_end - base, tag_end - base)
    return base + found.end() if found else name_end


class _Tree:
    """An lxml copy of an html5lib tree: every element and its text, with the attributes and
    names lxml accepts (lower-cased); comments are left out, their tails kept."""

    def __init__(self, root: Element) -> None:
        try:
            self.root, self._pairs = _copy(root, _as_is)
        except ValueError:  # a character lxml refuses, in text or a value
            self.root, self._pairs = _copy(root, _xml_text)
        self._source: dict[etree._Element, Element] | None = None

    def start_tag(self, parse: HtmlParse) -> Callable[[etree._Element], Tag | None]:
        """The start tag an lxml element's html5lib element was made from (``None`` for the root
        and for elements the parser implied)."""
        if self._source is None:
            self._source = dict(self._pairs)
        source = self._source

        def find(element: etree._Element) -> Tag | None:
            original = source.get(element)
            spans = parse.spans(original) if original is not None else None
            return spans.start_tag if spans is not None else None

        return find


def _copy(root: Element, clean: _Clean) -> tuple[etree._Element, _Pairs]:
    """Copy ``root`` into lxml, without recursion; each copy with its original."""
    from lxml import etree

    sub_element = etree.SubElement
    copy = etree.Element(_UNNAMED)
    pairs: _Pairs = []
    stack = [(root, copy)]
    while stack:
        original, parent = stack.pop()
        if original.text:
            parent.text = clean(original.text)
        last = None
        for child in original:
            if not isinstance(child.tag, str):  # a comment
                _keep_tail(parent, last, clean(child.tail))
                continue
            attrib = _attributes(child.attrib, clean) if child.attrib else None
            last = sub_element(parent, _element_name(child.tag), attrib)
            if child.tail:
                last.tail = clean(child.tail)
            pairs.append((last, child))
            if child.text or len(child):
                stack.append((child, last))
    return copy, pairs


def _keep_tail(parent: etree._Element, last: etree._Element | None, tail: str | None) -> None:
    """Add the text after a left-out comment to the text before it."""
    if tail:
        if last is None:
            parent.text = (parent.text or "") + tail
        else:
            last.tail = (last.tail or "") + tail


def _attributes(attrib: dict[str, str], clean: _Clean) -> dict[str, str]:
    """The attributes lxml accepts, names lower-cased."""
    kept = {}
    for name, value in attrib.items():
        usable = _attribute_name(name)
        if usable:
            kept[usable] = clean(value) or ""
    return kept


def _as_is(text: str | None) -> str | None:
    return text


def _xml_text(text: str | None) -> str | None:
    """``text`` with the characters lxml refuses replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text) if text else text


@functools.lru_cache(maxsize=4096)
def _element_name(tag: str) -> str:
    """The lxml name of an html5lib element: its local name, lower-cased, or ``_UNNAMED``."""
    from lxml import etree

    local = tag[tag.find("}") + 1 :] if tag.startswith("{") else tag
    try:
        etree.Element(local.lower())
    except ValueError:
        return _UNNAMED
    return local.lower()


@functools.lru_cache(maxsize=4096)
def _attribute_name(name: str) -> str:
    """The lxml name of an html5lib attribute, lower-cased; "" when lxml refuses it or it has a
    namespace (``xlink:href``), which a selector without namespaces cannot name either."""
    from lxml import etree

    if name.startswith("{"):
        return ""
    try:
        etree.Element("x").set(name.lower(), "")
    except ValueError:
        return ""
    return name.lower()


class _Compiled(NamedTuple):
    """A selector's comma-separated parts, each as its compounds from left to right with the
    combinator before each; and the element names one of which a post needs for any part to
    select an element it wrote (``None``: any element, as ``*`` or ``.note`` may select)."""

    chains: tuple[_Chain, ...]
    names: frozenset[str] | None


@functools.lru_cache(maxsize=256)
def _compiled(selector: str) -> _Compiled:
    """The selector, compiled (raises cssselect's ``SelectorError``)."""
    from cssselect.parser import CombinedSelector

    chains = []
    names: set[str] | None = set()
    for tree in _parsed(selector):
        chains.append(_chain(tree))
        name = _element_of(tree.subselector if isinstance(tree, CombinedSelector) else tree)
        names = None if names is None or name is None else names | {name}
    return _Compiled(tuple(chains), None if names is None else frozenset(names))


def _parsed(selector: str, offset: int = 0) -> list[Tree]:
    """The comma-separated parts of ``selector`` (which starts at ``offset`` of the rule's),
    parsed by cssselect; when it refuses them, each ``:is()``, ``:where()`` and ``:not()`` read
    as in ``_LISTS``, holding its argument as written."""
    from cssselect import SelectorError, parse
    from cssselect.xpath import ExpressionError

    try:
        try:
            parts = parse(selector)
        except SelectorError:
            lists = _lists(selector)
            if not lists:
                raise
            parts = parse(_spelled(selector, lists))
            _fill(parts, selector, lists, offset)
    except SelectorError as error:
        shifted = _POSITION.sub(lambda at: f" at {int(at[1]) + offset}", str(error))
        raise type(error)(shifted) from None
    if any(part.pseudo_element for part in parts):
        raise ExpressionError("pseudo-elements are not supported")
    return [part.parsed_tree for part in parts]


def _lists(selector: str) -> dict[int, _Argument]:
    """Where each outermost ``:is(…)``, ``:where(…)`` or ``:not(…)`` starts, with where its
    argument starts and ends and the name it is read as; none when cssselect cannot tokenize
    ``selector``."""
    from cssselect import SelectorError
    from cssselect.parser import tokenize

    try:
        tokens = list(tokenize(selector))
    except SelectorError:
        return {}
    found, n = {}, 0
    while n < len(tokens) - 2:
        colon, name, paren = tokens[n : n + 3]
        close = _closing(tokens, n + 2) if _opens_list(colon, name, paren) else None
        if close is None:
            n += 1
            continue
        found[colon.pos] = (paren.pos + 1, tokens[close].pos, _LISTS[str(name.value).lower()])
        n = close + 1
    return found


def _spelled(selector: str, lists: dict[int, _Argument]) -> str:
    """``selector`` with each of ``lists`` as ``:_(start)``, padded to its length (so a position
    after it stays right); unchanged when one is too short for that."""
    pieces, copied = [], 0
    for start, (_, end, name) in lists.items():
        placeholder = f":{name}({start}"
        if len(placeholder) > end - start:
            return selector
        pieces += [selector[copied:start], placeholder.ljust(end - start), ")"]
        copied = end + 1
    return "".join([*pieces, selector[copied:]])


def _fill(parts: list[Selector], selector: str, lists: dict[int, _Argument], at: int) -> None:
    """Give each of ``_LISTS`` in ``parts`` its argument as written, as a token of a type no
    selector can spell, at its position in the rule's selector."""
    from cssselect.parser import Token

    stack: list[object] = list(parts)
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
        elif hasattr(node, "__dict__"):
            if _spells_list(node) and (place := _placed(cast("Function", node), lists)):
                start, end, _ = place
                written = cast(Any, Token)(_LIST_TOKEN, selector[start:end], at + start)
                cast("Function", node).arguments = [written]
            stack.extend(vars(node).values())


def _placed(function: Function, lists: dict[int, _Argument]) -> _Argument | None:
    """Where the argument ``_spelled`` put in place of a ``:_()`` starts and ends (``None``
    when the selector has ``:_()`` as written)."""
    first = function.arguments[0] if function.arguments else None
    start = first.pos - len(f":{function.name}(") if first is not None else -1
    return lists.get(start) if first is not None and first.value == str(start) else None


def _opens_list(colon: Token, name: Token, paren: Token) -> bool:
    """Whether three tokens are ``:is(``, ``:where(`` (``:matches(``) or ``:not(``."""
    spelled = name.value.lower() if name.type == "IDENT" and name.value else ""
    return colon == ("DELIM", ":") and spelled in _LISTS and paren == ("DELIM", "(")


def _closing(tokens: list[Token], opening: int) -> int | None:
    """The index of the parenthesis that closes the one at ``opening``."""
    depth = 0
    for n in range(opening, len(tokens)):
        if tokens[n] == ("DELIM", "("):
            depth += 1
        elif tokens[n] == ("DELIM", ")"):
            depth -= 1
            if depth == 0:
                return n
    return None


def _chain(tree: Tree) -> _Chain:
    """A complex selector (``figure > img``) as its compounds from left to right, each with the
    combinator before it."""
    from cssselect.parser import CombinedSelector

    steps = []
    while isinstance(tree, CombinedSelector):
        steps.append((tree.combinator, tree.subselector))
        tree = tree.selector
    steps.append(("", tree))
    return tuple((combinator, _compound(last)) for combinator, last in reversed(steps))


def _element_of(compound: Tree) -> str | None:
    """The element name a compound selector requires (``None`` for any)."""
    from cssselect.parser import Element as Name

    node = compound
    while not isinstance(node, Name):
        node = node.selector
    return node.element.lower() if node.element not in (None, "*") else None


def _compound(compound: Tree) -> _Select:
    """Every element a compound selector (``a[href]:not(.x)``) matches: by XPath, then kept or
    dropped here by each ``:not()``, ``:has()``, ``:is()`` or ``:where()`` with a combinator
    inside, whose XPath takes hours on deep nesting (``div:has(div div div)``)."""
    from cssselect.xpath import ExpressionError
    from lxml import etree

    simple, filters = _split(compound)
    path = "descendant-or-self::" + str(_translator().xpath(simple))
    try:
        xpath = cast(_Select, etree.XPath(path))
    except ValueError:  # lxml refuses a control character, as an escape (\3) gives
        raise ExpressionError(r"a control character (as \3 escapes) cannot be matched") from None
    if not filters:
        return xpath

    def select(root: etree._Element) -> _Found:
        found = xpath(root)
        for keep in filters:
            found = keep(found, root) if found else found
        return found

    return select


def _split(compound: Tree) -> tuple[Tree, list[_Filter]]:
    """The compound without its pseudo-classes that have a combinator inside, and those as
    filters."""
    from cssselect.parser import Element as Name

    nodes = []
    node = compound
    while not isinstance(node, Name):
        nodes.append(node)
        node = node.selector
    simple: Tree = node
    filters = []
    for node in reversed(nodes):
        if _in_python(node):
            filters.append(_filter(node))
        else:
            node = copy.copy(node)
            node.selector = simple
            simple = node
    return simple, filters


def _in_python(node: Tree) -> bool:
    """Whether a part of a compound is followed here: a ``:has()`` (cssselect's XPath for
    ``div:has(~ p)`` looks at every later sibling of each ``<div>``), or a pseudo-class whose
    selectors have a combinator or a ``:has()``."""
    name = type(node).__name__
    return name == "Relation" or _is_list(node) or (name in _TAKE_SELECTORS and _combined(node))


def _combined(function: Tree) -> bool:
    """Whether the selectors a pseudo-class takes have a combinator or a ``:has()``."""
    from cssselect.parser import CombinedSelector, Relation

    stack = [value for key, value in vars(function).items() if key != "selector"]
    while stack:
        node = stack.pop()
        if isinstance(node, (CombinedSelector, Relation)) or _is_list(node):
            return True
        if isinstance(node, (list, tuple)):
            stack.extend(node)
        elif hasattr(node, "__dict__"):
            stack.extend(vars(node).values())
    return False


def _filter(function: Tree) -> _Filter:
    """A selector-taking pseudo-class as a filter of candidates, each selector argument followed
    by ``_select`` (``:not()``, ``:is()``, ``:where()``) or ``_related`` (``:has()``)."""
    from cssselect.parser import Negation, Relation

    if isinstance(function, Negation):
        negated = (_chain(function.subselector),)
        return lambda found, root: _kept(found, _select(negated, root), keep=False)
    if isinstance(function, Relation):
        arguments = tuple(
            (str(combinator.value), _chain(argument.parsed_tree))
            for combinator, argument in function.arguments
        )
        return lambda found, root: _kept(found, _related(arguments, root), keep=True)
    keep = True
    if _is_list(function):
        argument = cast("Function", function).arguments[0]
        items = _parsed(argument.value or "", argument.pos)
        keep = cast("Function", function).name != _LISTS["not"]
    else:
        items = list(cast("Matching", function).selector_list)
    chains = tuple(map(_chain, items))
    return lambda found, root: _kept(found, _select(chains, root), keep=keep)


def _spells_list(node: object) -> bool:
    """Whether a cssselect node is one of ``_LISTS`` as ``_spelled`` writes it."""
    name = getattr(node, "name", None) if type(node).__name__ == "Function" else None
    return name in _LISTS.values()


def _is_list(node: object) -> bool:
    """Whether a cssselect node is an ``:is()``, ``:where()`` or ``:not()`` read as in
    ``_LISTS``."""
    arguments = getattr(node, "arguments", None) if _spells_list(node) else None
    return bool(arguments) and cast("list[Token]", arguments)[0].type == _LIST_TOKEN


def _kept(found: _Found, pool: Iterable[etree._Element], *, keep: bool) -> _Found:
    """The ``found`` elements in ``pool`` (``keep``), or not in it."""
    members = set(pool)
    return [element for element in found if (element in members) == keep]


def _select(chains: tuple[_Chain, ...], root: etree._Element) -> list[etree._Element]:
    """The elements under ``root`` that one of ``chains`` selects.

    Each compound is found by XPath and the combinators are followed here, each in one pass
    over the candidates: cssselect's XPath for ``a b c`` takes time growing with the cube of
    the nesting depth (hours for a post of 10,000 nested ``<div>``).
    """
    found: dict[etree._Element, None] = {}
    for chain in chains:
        last = chain[-1][1](root)
        if not last:
            continue
        matched = chain[0][1](root) if len(chain) > 1 else last
        for n, (combinator, compound) in enumerate(chain[1:], 1):
            if not matched:
                break
            candidates = last if n == len(chain) - 1 else compound(root)
            matched = _COMBINATORS[combinator](candidates, set(matched))
        found.update(dict.fromkeys(matched))
    return list(found)


def _related(arguments: tuple[tuple[str, _Chain], ...], root: etree._Element) -> _Marked:
    """The elements a ``:has()`` with these arguments matches, from the right: the elements the
    last compound matches, then those of the compound before that stand in the combinator's
    relation to one of them, and so on to the anchor (``:has(figcaption a)``: elements with a
    ``<figcaption>`` inside with an ``<a>`` inside)."""
    found: _Marked = set()
    for leading, chain in arguments:
        marked = set(chain[-1][1](root))
        for n in range(len(chain) - 1, 0, -1):
            if not marked:
                break
            marked = _BEFORE[chain[n][0]](marked).intersection(chain[n - 1][1](root))
        found |= _BEFORE[leading](marked)
    return found


def _reached(
    candidates: list[etree._Element],
    marked: set[etree._Element],
    step: Callable[[etree._Element], etree._Element | None],
) -> list[etree._Element]:
    """The candidates from which repeated ``step``s (to the parent, to the previous sibling)
    reach a marked element; each element is stepped from at most once."""
    known: dict[etree._Element, bool] = {}
    kept = []
    for candidate in candidates:
        path = []
        node = step(candidate)
        reached = False
        while node is not None:
            if node in marked:
                reached = True
                break
            seen = known.get(node)
            if seen is not None:
                reached = seen
                break
            path.append(node)
            node = step(node)
        known.update(dict.fromkeys(path, reached))
        if reached:
            kept.append(candidate)
    return kept


def _parent(element: etree._Element) -> etree._Element | None:
    return element.getparent()


def _previous(element: etree._Element) -> etree._Element | None:
    return element.getprevious()


def _descendants(candidates: list[etree._Element], marked: set[etree._Element]) -> _Found:
    return _reached(candidates, marked, _parent)


def _children(candidates: list[etree._Element], marked: set[etree._Element]) -> _Found:
    return [element for element in candidates if element.getparent() in marked]


def _next(candidates: list[etree._Element], marked: set[etree._Element]) -> _Found:
    return [element for element in candidates if element.getprevious() in marked]


def _later(candidates: list[etree._Element], marked: set[etree._Element]) -> _Found:
    return _reached(candidates, marked, _previous)


_COMBINATORS = {" ": _descendants, ">": _children, "+": _next, "~": _later}
"""Each CSS combinator: the candidates it keeps, given the elements the left side matched."""


def _walked(marked: _Marked, step: Callable[[etree._Element], etree._Element | None]) -> _Marked:
    """Every element repeated ``step``s reach from a marked one; each reached at most once."""
    reached: _Marked = set()
    for element in marked:
        node = step(element)
        while node is not None and node not in reached:
            reached.add(node)
            node = step(node)
    return reached


def _ancestors(marked: _Marked) -> _Marked:
    return _walked(marked, _parent)


def _parents(marked: _Marked) -> _Marked:
    return {parent for parent in map(_parent, marked) if parent is not None}


def _previous_ones(marked: _Marked) -> _Marked:
    return {before for before in map(_previous, marked) if before is not None}


def _earlier(marked: _Marked) -> _Marked:
    return _walked(marked, _previous)


_BEFORE = {" ": _ancestors, ">": _parents, "+": _previous_ones, "~": _earlier}
"""Each CSS combinator backwards: the elements it leads from to one of the marked elements."""


@functools.cache
def _translator() -> HTMLTranslator:
    """cssselect's HTML translator, refusing what it would silently make match nothing."""
    from cssselect import HTMLTranslator
    from cssselect.parser import Attrib, Pseudo
    from cssselect.parser import Element as Name
    from cssselect.xpath import ExpressionError, XPathExpr

    class Strict(HTMLTranslator):
        def xpath_pseudo(self, pseudo: Pseudo) -> XPathExpr:
            if pseudo.ident.lower() in _BROWSER_STATE:
                raise ExpressionError(f":{pseudo.ident} depends on the reader's browser")
            return super().xpath_pseudo(pseudo)

        def xpath_element(self, selector: Name) -> XPathExpr:
            if selector.namespace not in (None, "*"):
                raise ExpressionError(_NAMESPACES)
            return super().xpath_element(selector)

        def xpath_attrib(self, selector: Attrib) -> XPathExpr:
            if selector.namespace not in (None, "*"):
                raise ExpressionError(_NAMESPACES)
            return super().xpath_attrib(selector)

    return Strict()


def _plain(message: str) -> str:
    """cssselect's message in plain words: tokens as their text, and the column (from 1)."""
    column = _POSITION.search(message)
    words = _TOKEN.sub(lambda token: token.group(1) or "the end", message)
    words = _POSITION.sub("", words).rstrip(".")
    words = words[:1].lower() + words[1:]
    return f"{words} at column {int(column.group(1)) + 1}" if column else words
