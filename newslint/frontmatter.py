"""Front matter read safely with positions: YAML 1.1 events → our own positioned value tree.

Nothing is ever constructed from a tag: scalars are resolved by YAML 1.1 implicit rules (as
Jekyll's Psych reads them) into str, int, float, bool, None, date or datetime; collections into
list and dict. Alias expansion is counted while building, so a YAML bomb stops early.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from newslint.document import Document, FrontMatterBlock

MAX_NODES = 10_000
"""Largest front matter (in nodes, aliases expanded) we build; beyond it is an FM008 error."""
MAX_DEPTH = 100

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_T = "tag:yaml.org,2002:"
_STD_TAGS = {
    f"{_T}{name}": name for name in ("str", "int", "float", "bool", "null", "timestamp", "merge")
}
_RESOLVER = yaml.resolver.Resolver()

_PSYCH_DATE = re.compile(r"^(\d{4})-(1[012]|0\d|\d)-([12]\d|3[01]|0\d|\d)$")
_PSYCH_TIME = re.compile(
    r"^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)(?:\.(\d*))?"
    r"(?:\s*(Z|[-+]\d{1,2}):?(\d\d)?)?$"
)
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


def _text_starts() -> frozenset[str]:
    """ASCII characters that begin no typed plain scalar: such a scalar is read as text.

    Not a resolver's first character (nor one of a wildcard resolver), not a digit or ``-``
    (a Psych date or time), nor a letter that lowers to the first letter of a boolean.
    """
    resolvers = _RESOLVER.yaml_implicit_resolvers
    if None in resolvers:
        return frozenset()
    initials = {word[0] for word in _BOOLS}
    return frozenset(
        ch
        for ch in map(chr, range(0x21, 0x7F))
        if ch not in resolvers and not ch.isdigit() and ch != "-" and ch.lower() not in initials
    )


_TEXT_STARTS = _text_starts()


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
class Problem:
    """A front-matter defect found while reading the YAML, keyed by rule code."""

    code: str
    start: int
    end: int
    message: str
    related: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class FrontMatter:
    """The parsed front matter of one document."""

    block: FrontMatterBlock
    root: YNode | None
    """The top-level node; ``None`` when the YAML could not be read or is empty."""
    problems: tuple[Problem, ...]
    readable: bool
    """True when YAML read the whole block (schema rules run only then)."""
    fields: dict[str, tuple[YNode, YNode]] = field(default_factory=dict)
    """Top-level string keys → (key node, value node); the last wins, as in Jekyll."""

    @property
    def data(self) -> dict[str, Any]:
        return {key: value.value for key, (_, value) in self.fields.items()}

    def problems_of(self, code: str) -> Iterator[Problem]:
        return (p for p in self.problems if p.code == code)


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


def _int(text: str) -> int:
    text = text.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text == "0":
        return 0
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text.startswith("0") and ":" not in text:
        return sign * int(text, 8)
    if ":" in text:
        total = 0
        for part in text.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(text)


def _float(text: str) -> float:
    text = text.replace("_", "").lower()
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-")
    if text == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    if ":" in text:
        total = 0.0
        for part in text.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(text)


def _time(m: re.Match[str]) -> dt.datetime:
    year, month, day, hour, minute, second, frac, zone, zmin = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    tz: dt.tzinfo | None = None
    if zone == "Z":
        tz = dt.timezone.utc
    elif zone:
        hours = int(zone)
        delta = dt.timedelta(hours=abs(hours), minutes=int(zmin or 0))
        tz = dt.timezone(-delta if zone.startswith("-") else delta)
    return dt.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz
    )


def _resolve_scalar(text: str, plain: bool, tag: str | None) -> tuple[str, Any]:
    """The YAML 1.1 type and value of a scalar, as Psych (Jekyll) reads it.

    A scalar shaped like a number or a date that is not one (``2024-02-30``, ``0x_``,
    ``10:00:00 +99``) stays text, as Psych keeps an invalid date as a string.
    """
    try:
        return _resolve_typed(text, plain, tag)
    except (ValueError, OverflowError):
        return "str", text


def _resolve_typed(text: str, plain: bool, tag: str | None) -> tuple[str, Any]:
    if tag == "!" or (tag is None and not plain):
        return "str", text
    if tag is None:
        implicit = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        resolved = _STD_TAGS.get(implicit, "str")
    else:
        resolved = _STD_TAGS.get(tag, tag)
    if resolved == "str":
        if plain:
            lowered = text.lower()
            if lowered in _BOOLS:
                return "bool", _BOOLS[lowered]
            when = _date_or_time(text)
            if when is not None:
                return when
        return "str", text
    if resolved == "null":
        return "null", None
    if resolved == "bool":
        return "bool", _BOOLS[text.lower()]
    if resolved == "int":
        return "int", _int(text)
    if resolved == "float":
        return "float", _float(text)
    if resolved == "timestamp":
        return _date_or_time(text) or ("str", text)
    return resolved, text


def _date_or_time(text: str) -> tuple[str, Any] | None:
    """A date or a time as Psych reads it from ``text``, or ``None``."""
    m = _PSYCH_DATE.match(text)
    if m:
        return "date", dt.date(int(m[1]), int(m[2]), int(m[3]))
    t = _PSYCH_TIME.match(text)
    if t:
        return "datetime", _time(t)
    return None


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
        self.problems: list[Problem] = []

    def _grow(self, size: int, start: int, end: int, via_alias: bool) -> None:
        self.total += size
        if self.total > MAX_NODES:
            what = "aliases expand" if via_alias else "it grows"
            self.problems.append(
                Problem(
                    "FM008",
                    start,
                    end,
                    f"front matter too large: {what} beyond {MAX_NODES:,} values "
                    "(a YAML bomb?); it was not loaded; remove the nested aliases",
                )
            )
            raise _Abort

    def _tag_problem(self, tag: str, start: int) -> None:
        short = tag.replace(_T, "!!")
        written = re.match(r"\S*", self.text[start - self.base :])
        end = start + max(len(written.group()) if written else 0, 1)
        if "python/" in tag or "ruby/" in tag:
            message = (
                f"unsafe YAML tag {short}: it asks the loader to build a program object; "
                "newslint never runs it and Jekyll refuses it; remove the tag"
            )
        else:
            message = (
                f"unknown YAML tag {short}: Jekyll's safe loader refuses it; "
                "remove the tag (quote the value if it is text)"
            )
        self.problems.append(Problem("FM007", start, end, message))

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
                if tag is None and (style is not None or text[:1] in _TEXT_STARTS):
                    kind, value = "str", text  # quoted, or plain text no resolver claims
                else:
                    if tag is not None and tag != "!" and tag not in _STD_TAGS:
                        self._tag_problem(tag, start)
                        tag = None
                    kind, value = _resolve_scalar(text, style is None, tag)
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
                    self.problems.append(
                        Problem(
                            "FM008",
                            start,
                            end,
                            f"alias *{name} refers to its own anchor (a recursive structure); "
                            "Jekyll cannot use it; remove the alias",
                        )
                    )
                    raise _Abort
                target = self.anchors.get(name)
                if target is None:
                    self.problems.append(
                        Problem(
                            "FM003",
                            start,
                            end,
                            f"alias *{name} has no anchor &{name} before it; "
                            "define the anchor first or quote the value",
                        )
                    )
                    raise _Abort
                self._grow(target.size, start, end, True)
                node = target
            elif cls is yaml.SequenceStartEvent or cls is yaml.MappingStartEvent:
                if len(stack) >= MAX_DEPTH:
                    self.problems.append(_too_deep(event.start_mark.index + base))
                    raise _Abort
                tag = event.tag
                start = event.start_mark.index + base
                if tag is not None and tag not in ("!", f"{_T}seq", f"{_T}map"):
                    self._tag_problem(tag, start)
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
                self._duplicate(key, first)
            seen[ident] = key
            value[_hashable(key.value)] = val.value
        for key, val in merged:
            ident = _key_id(key.value)
            if ident not in seen:
                seen[ident] = key
                value[_hashable(key.value)] = val.value
        return YNode("map", "map", value, frame.start, end, style, (), pairs, size)

    def _duplicate(self, key: YNode, first: YNode) -> None:
        self.problems.append(
            Problem(
                "FM004",
                key.start,
                key.end,
                f"duplicate key {describe_key(key.value)}: YAML keeps only the last value; "
                "keep one of them",
                ((first.start, "first defined here"),),
            )
        )


def _top_level_fields(
    root: YNode, problems: list[Problem], text: str, base: int
) -> dict[str, tuple[YNode, YNode]]:
    fields: dict[str, tuple[YNode, YNode]] = {}
    merged: list[tuple[YNode, YNode]] = []
    for key, value in root.pairs:
        if key.tag == "merge":
            sources = value.items if value.kind == "seq" else (value,)
            merged.extend(p for src in sources for p in src.pairs)
            continue
        if not isinstance(key.value, str):
            source = text[key.start - base : key.end - base]
            problems.append(Problem("FM005", key.start, key.end, _non_string_key(key, source)))
            continue
        fields[key.value] = (key, value)
    for key, value in merged:
        if isinstance(key.value, str):
            fields.setdefault(key.value, (key, value))
    return fields


_TYPE_WORDS = {
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "null": "null",
    "date": "a date",
    "datetime": "a time",
    "seq": "a list",
    "map": "a mapping",
}


def _non_string_key(key: YNode, source: str) -> str:
    what = _TYPE_WORDS.get(key.tag, "not text")
    if key.kind != "scalar":
        return f"key is {what}, not a name: Liquid cannot reach it as page.<name>; use a name"
    read = "" if source == describe_key(key.value) else f" (read as {describe_key(key.value)})"
    return f"key {source} is {what} to YAML{read}, not a name; quote it: {quote(source)}:"


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
    if builder.problems:
        first = builder.problems[0]
        line = text.count("\n", 0, first.start) + 1
        column = first.start - (text.rfind("\n", 0, first.start) + 1) + 1
        raise ValueError(f"{line}:{column}: {first.message}")
    return root


def parse(doc: Document) -> FrontMatter | None:
    """The front matter of ``doc`` read once (memoised); ``None`` if it has none or is unclosed."""
    return doc.memo("frontmatter", lambda: _parse(doc))


def _too_deep(at: int) -> Problem:
    """FM008 for the collection that opens at ``at``, past ``MAX_DEPTH`` levels."""
    message = f"front matter nested deeper than {MAX_DEPTH} levels; it was not loaded; flatten it"
    return Problem("FM008", at, at + 1, message)


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
    problems = builder.problems
    root: YNode | None = None
    readable = False
    fields: dict[str, tuple[YNode, YNode]] = {}
    try:
        root = builder.build()
    except _Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        from newslint.yamlerrors import describe_error

        if "maximum nesting depth" in (exc.problem or ""):
            # libyaml scans a flow collection ahead, so its own limit (1000) is met before
            # the builder sees the level past MAX_DEPTH: the same finding as block nesting,
            # at the bracket the builder stops at when the collection is a top-level value.
            at = block.content_start + _flow_opener_at_depth(text, MAX_DEPTH)
            problems.append(_too_deep(at))
        else:
            problems.append(describe_error(text, exc, block.content_start))
    except (yaml.YAMLError, RecursionError) as exc:
        at = block.content_start
        problems.append(Problem("FM003", at, at, f"YAML cannot read the front matter ({exc})"))
    else:
        if root is None:
            readable = True
        elif root.kind == "map":
            readable = not any(p.code == "FM007" for p in problems)
            fields = _top_level_fields(root, problems, text, block.content_start)
        else:
            what = (
                "a list" if root.kind == "seq" else f"a single value ({describe_key(root.value)})"
            )
            message = f'front matter is {what}, not "key: value" lines; Jekyll needs a mapping'
            problems.append(Problem("FM009", root.start, root.end, message))
    return FrontMatter(block, root, tuple(problems), readable, fields)


def quote(value: str) -> str:
    """``value`` as a double-quoted YAML scalar (JSON escaping is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)
