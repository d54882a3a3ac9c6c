"""Front matter read safely with positions: YAML 1.1 events → our own positioned value tree.

Nothing is ever constructed from a tag: scalars are typed as Jekyll's Psych types them
(``yamlscalars``); collections become list and dict. Alias expansion is counted while building,
so a YAML bomb stops early. What is wrong is recorded as facts (a duplicate key, a tag, a limit
passed, where YAML stopped); the front-matter rules word them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeAlias, TypeVar

import yaml

from newslint.document import Document, FrontMatterBlock
from newslint.messages import Text, t
from newslint.yamlerrors import MissingAnchor, SyntaxProblem, TabIndent, Unreadable, syntax_fact
from newslint.yamlscalars import STANDARD_TAGS, TAG_PREFIX, TEXT_STARTS, resolve_scalar

MAX_NODES = 10_000
"""Largest front matter (in nodes, aliases expanded) we build; beyond it, nothing is loaded."""
MAX_DEPTH = 100
"""Deepest nesting of collections we build; deeper, nothing is loaded."""

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COLLECTION_TAGS = ("!", f"{TAG_PREFIX}seq", f"{TAG_PREFIX}map")


@dataclass(slots=True, eq=False)
class YNode:
    """One YAML node: its loaded value, where it sits in the file, and how it was written.

    Read-only, as every rule shares the tree; not ``frozen``, whose ``__init__`` (one
    ``object.__setattr__`` per field) cost a quarter of the front-matter parse.
    """

    kind: str
    """``scalar``, ``seq`` or ``map``."""
    tag: str
    """Resolved type: ``str``, ``int``, ``float``, ``bool``, ``null``, ``date``, ``datetime``,
    ``seq``, ``map``; or the author's explicit tag when it is not a standard one."""
    value: Any
    start: int
    end: int
    style: str | None = None
    """Scalar style: ``None`` (plain), ``'``, ``"``, ``|`` or ``>``; ``flow`` for ``[]``/``{}``."""
    items: tuple[YNode, ...] = ()
    pairs: tuple[tuple[YNode, YNode], ...] = ()
    size: int = 1
    """Nodes in this subtree with aliases expanded."""

    @property
    def plain(self) -> bool:
        """An unquoted scalar, whose type YAML guessed from its text."""
        return self.kind == "scalar" and self.style is None


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """A key (``key``: its value) given again in one mapping, and where the first one starts."""

    start: int
    end: int
    key: Any
    first: int


@dataclass(frozen=True, slots=True)
class UnknownTag:
    """An explicit tag that is not a standard one (``tag`` as the loader expands ``!!``)."""

    start: int
    end: int
    tag: str


@dataclass(frozen=True, slots=True)
class NonStringKey:
    """A top-level key that YAML reads as something other than text (a number, a date, ...)."""

    start: int
    end: int
    key: YNode


@dataclass(frozen=True, slots=True)
class LimitExceeded:
    """Where building the tree stopped, past a limit; each subclass says which."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TooManyValues(LimitExceeded):
    """The value that takes the front matter past ``MAX_NODES`` values (through an alias?)."""

    via_alias: bool


@dataclass(frozen=True, slots=True)
class RecursiveAlias(LimitExceeded):
    """An alias ``*name`` inside the collection its anchor names: it would expand for ever."""

    name: str


@dataclass(frozen=True, slots=True)
class TooDeep(LimitExceeded):
    """The collection that opens past ``MAX_DEPTH`` levels of nesting."""


Fact: TypeAlias = (
    DuplicateKey | UnknownTag | NonStringKey | LimitExceeded | TabIndent | SyntaxProblem
)
"""What reading the front matter found, in the order found."""
F = TypeVar("F")


@dataclass(frozen=True)
class FrontMatter:
    """The parsed front matter of one document."""

    block: FrontMatterBlock
    root: YNode | None
    """The top-level node; ``None`` when the YAML could not be read or is empty."""
    facts: tuple[Fact, ...]
    readable: bool
    """True when YAML read the whole block (schema rules run only then)."""
    fields: dict[str, tuple[YNode, YNode]] = field(default_factory=dict)
    """Top-level string keys → (key node, value node); the last wins, as in Jekyll."""

    @property
    def data(self) -> dict[str, Any]:
        return {key: value.value for key, (_, value) in self.fields.items()}

    def facts_of(self, kind: type[F]) -> Iterator[F]:
        """The facts of one kind (a class above, or of ``yamlerrors``), in the order found."""
        for fact in self.facts:
            if isinstance(fact, kind):
                yield fact


class _Abort(Exception):
    """Stops building the tree after a problem that makes the rest meaningless."""


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple((_hashable(k), _hashable(v)) for k, v in value.items())
    return value


def _key_id(value: Any) -> tuple[str, Any]:
    return type(value).__name__, _hashable(value)


def describe_key(value: Any) -> str:
    """A key as the author would recognise it in a message."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass
class _Frame:
    kind: str
    start: int
    anchor: str | None
    flow: bool
    items: list[YNode] = field(default_factory=list)
    tag: str | None = None


class _Builder:
    """Turns a YAML event stream into :class:`YNode` trees, counting expanded size."""

    def __init__(self, text: str, base: int) -> None:
        self.text = text
        self.base = base
        self.total = 0
        self.anchors: dict[str, YNode] = {}
        self.open_anchors: set[str] = set()
        self.facts: list[Fact] = []

    def _stop(self, fact: Fact) -> NoReturn:
        """Record why the tree cannot be built, and stop building it."""
        self.facts.append(fact)
        raise _Abort

    def _grow(self, size: int, start: int, end: int, via_alias: bool) -> None:
        self.total += size
        if self.total > MAX_NODES:
            self._stop(TooManyValues(start, end, via_alias))

    def _unknown_tag(self, tag: str, start: int) -> None:
        written = re.match(r"\S*", self.text[start - self.base :])
        end = start + max(len(written.group()) if written else 0, 1)
        self.facts.append(UnknownTag(start, end, tag))

    def build(self) -> YNode | None:
        """Parse the text; its document's root node (``None`` for an empty document)."""
        stack: list[_Frame] = []
        root: YNode | None = None
        base = self.base
        for event in iter(_LOADER(self.text).get_event, None):
            cls = type(event)
            node: YNode | None = None
            if cls is yaml.ScalarEvent:
                start = event.start_mark.index + base
                end = event.end_mark.index + base
                style = event.style or None
                tag = event.tag
                text = event.value
                if tag is None and (style is not None or text[:1] in TEXT_STARTS):
                    kind, value = "str", text  # quoted, or plain text no resolver claims
                else:
                    if tag is not None and tag != "!" and tag not in STANDARD_TAGS:
                        self._unknown_tag(tag, start)
                        tag = None
                    kind, value = resolve_scalar(text, style is None, tag)
                if style in ("|", ">"):
                    end = base + len(self.text[: end - base].rstrip(" \t\r\n"))
                self._grow(1, start, end, False)
                node = YNode("scalar", kind, value, start, end, style)
                if event.anchor:
                    self.anchors[event.anchor] = node
            elif cls is yaml.AliasEvent:
                start = event.start_mark.index + base
                end = event.end_mark.index + base
                name = event.anchor
                if name in self.open_anchors:
                    self._stop(RecursiveAlias(start, end, name))
                target = self.anchors.get(name)
                if target is None:
                    self._stop(MissingAnchor(start, end, name))
                self._grow(target.size, start, end, True)
                node = target
            elif cls is yaml.SequenceStartEvent or cls is yaml.MappingStartEvent:
                if len(stack) >= MAX_DEPTH:
                    at = event.start_mark.index + base
                    self._stop(TooDeep(at, at + 1))
                tag = event.tag
                start = event.start_mark.index + base
                if tag is not None and tag not in _COLLECTION_TAGS:
                    self._unknown_tag(tag, start)
                kind = "seq" if cls is yaml.SequenceStartEvent else "map"
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                stack.append(_Frame(kind, start, event.anchor, bool(event.flow_style)))
                continue
            elif cls is yaml.SequenceEndEvent or cls is yaml.MappingEndEvent:
                frame = stack.pop()
                end = event.end_mark.index + base
                if not frame.flow and frame.items:
                    end = frame.items[-1].end
                node = self._finish(frame, end)
                if frame.anchor:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = node
            else:
                continue
            if stack:
                stack[-1].items.append(node)
            else:
                root = node
        return root

    def _finish(self, frame: _Frame, end: int) -> YNode:
        style = "flow" if frame.flow else None
        size = 1 + sum(item.size for item in frame.items)
        if frame.kind == "seq":
            items = tuple(frame.items)
            return YNode(
                "seq", "seq", [i.value for i in items], frame.start, end, style, items, (), size
            )
        flat = frame.items
        pairs = tuple((flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2))
        value: dict[Any, Any] = {}
        seen: dict[tuple[str, Any], YNode] = {}
        merged: list[tuple[YNode, YNode]] = []
        for key, val in pairs:
            if key.tag == "merge":
                sources = val.items if val.kind == "seq" else (val,)
                merged.extend(p for src in sources for p in src.pairs)
                continue
            ident = _key_id(key.value)
            first = seen.get(ident)
            if first is not None:
                self.facts.append(DuplicateKey(key.start, key.end, key.value, first.start))
            seen[ident] = key
            value[_hashable(key.value)] = val.value
        for key, val in merged:
            ident = _key_id(key.value)
            if ident not in seen:
                seen[ident] = key
                value[_hashable(key.value)] = val.value
        return YNode("map", "map", value, frame.start, end, style, (), pairs, size)


def _top_level_fields(root: YNode, facts: list[Fact]) -> dict[str, tuple[YNode, YNode]]:
    fields: dict[str, tuple[YNode, YNode]] = {}
    merged: list[tuple[YNode, YNode]] = []
    for key, value in root.pairs:
        if key.tag == "merge":
            sources = value.items if value.kind == "seq" else (value,)
            merged.extend(p for src in sources for p in src.pairs)
            continue
        if not isinstance(key.value, str):
            facts.append(NonStringKey(key.start, key.end, key))
            continue
        fields[key.value] = (key, value)
    for key, value in merged:
        if isinstance(key.value, str):
            fields.setdefault(key.value, (key, value))
    return fields


def load_yaml(text: str) -> YNode | None:
    """A positioned tree of a YAML text (schemas, ``_config.yml``); errors as ``ValueError``.

    The message of the error starts with ``line:column:`` (1-based).
    """
    builder = _Builder(text, 0)
    try:
        root = builder.build()
    except _Abort:
        root = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "1:1"
        raise ValueError(f"{where}: not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"1:1: not valid YAML: {exc}") from None
    if builder.facts:
        first = builder.facts[0]
        line = text.count("\n", 0, first.start) + 1
        column = first.start - (text.rfind("\n", 0, first.start) + 1) + 1
        raise ValueError(f"{line}:{column}: {refusal(first)}")
    return root


def refusal(fact: Fact) -> Text:
    """What is wrong with the YAML where ``fact`` was found, in plain words: the message of the
    front-matter rules for the fact in a post (FM004, FM007, FM008), and why a YAML file newslint
    reads for itself (a schema, ``_config.yml``) is refused."""
    if isinstance(fact, DuplicateKey):
        return t(
            "duplicate key {key}: YAML keeps only the last value; keep one of them",
            key=describe_key(fact.key),
        )
    if isinstance(fact, UnknownTag):
        short = fact.tag.replace(TAG_PREFIX, "!!")
        if "python/" in fact.tag or "ruby/" in fact.tag:
            return t(
                "unsafe YAML tag {tag}: it asks the loader to build a program object; "
                "newslint never runs it and Jekyll refuses it; remove the tag",
                tag=short,
            )
        return t(
            "unknown YAML tag {tag}: Jekyll's safe loader refuses it; "
            "remove the tag (quote the value if it is text)",
            tag=short,
        )
    if isinstance(fact, TooManyValues):
        count, via_alias = f"{MAX_NODES:,}", fact.via_alias
        if via_alias:
            return t(
                "front matter too large: aliases expand beyond {count} values "
                "(a YAML bomb?); it was not loaded; remove the nested aliases",
                count=count,
            )
        return t(
            "front matter too large: it grows beyond {count} values "
            "(a YAML bomb?); it was not loaded; remove the nested aliases",
            count=count,
        )
    if isinstance(fact, RecursiveAlias):
        return t(
            "alias *{name} refers to its own anchor (a recursive structure); "
            "Jekyll cannot use it; remove the alias",
            name=fact.name,
        )
    if isinstance(fact, TooDeep):
        return t(
            "front matter nested deeper than {depth} levels; it was not loaded; flatten it",
            depth=MAX_DEPTH,
        )
    assert isinstance(fact, MissingAnchor), fact  # the builder records nothing else
    return t(
        "alias *{name} has no anchor &{name} before it; define the anchor first or quote the value",
        name=fact.name,
    )


def parse(doc: Document) -> FrontMatter | None:
    """The front matter of ``doc`` read once (memoised); ``None`` if it has none or is unclosed."""
    return doc.memo("frontmatter", lambda: _parse(doc))


def _flow_opener_at_depth(text: str, depth: int) -> int:
    """Offset of the first ``[`` or ``{`` that opens flow level ``depth`` (quotes skipped)."""
    level = 0
    quote = ""
    for index, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            level += 1
            if level == depth:
                return index
        elif ch in "]}":
            level = max(level - 1, 0)
    return 0


def _parse(doc: Document) -> FrontMatter | None:
    block = doc.front_matter
    if block is None or not block.closed:
        return None
    text = doc.text[block.content_start : block.content_end]
    builder = _Builder(text, block.content_start)
    facts = builder.facts
    root: YNode | None = None
    readable = False
    fields: dict[str, tuple[YNode, YNode]] = {}
    try:
        root = builder.build()
    except _Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or ""):
            # libyaml scans a flow collection ahead, so its own limit (1000) is met before
            # the builder sees the level past MAX_DEPTH: the same finding as block nesting,
            # at the bracket the builder stops at when the collection is a top-level value.
            at = block.content_start + _flow_opener_at_depth(text, MAX_DEPTH)
            facts.append(TooDeep(at, at + 1))
        else:
            facts.append(syntax_fact(text, exc, block.content_start))
    except (yaml.YAMLError, RecursionError) as exc:
        at = block.content_start
        facts.append(Unreadable(at, at, str(exc)))
    else:
        if root is None:
            readable = True
        elif root.kind == "map":
            readable = not any(isinstance(fact, UnknownTag) for fact in facts)
            fields = _top_level_fields(root, facts)
    return FrontMatter(block, root, tuple(facts), readable, fields)


def quote(value: str) -> str:
    """``value`` as a double-quoted YAML scalar (JSON escaping is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
