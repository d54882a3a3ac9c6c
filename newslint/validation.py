"""Check one document's front matter against its schema, once: what is wrong, as facts.

Each fact names the field (and the list item) it is about, the value's node and what the check
found; the front-matter rules word them and choose their spans.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from newslint.context import RuleContext
from newslint.frontmatter import FrontMatter, YNode, parse
from newslint.positions import display_width
from newslint.schema import FieldRule, FieldSpec, Schema, load_schema
from newslint.suppressions import FRONT_MATTER_KEY

_DATE_TEXT = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    r"|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s.*\d{4})"
)
"""Date text Ruby's ``Time.parse`` (Jekyll's reader of a quoted ``date``) understands, roughly."""
_NUMERIC_DATE = re.compile(
    r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T\t]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)\S+$")
_LIQUID = ("{{", "{%")
_MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});"
    r"|\*\*[^*\s][^*]*\*\*|__[^_\s][^_]*__"
    r"|!?\[[^\]\n]+\]\([^)\s]+\)"
    r"|`[^`\n]+`"
    r"|^#{1,6}[ \t]"
)


@dataclass(frozen=True, slots=True)
class UnknownKey:
    """A top-level key the schema does not know (with ``unknown_keys: warn``)."""

    key: str
    node: YNode
    schema: Schema


@dataclass(frozen=True, slots=True)
class DeprecatedKey:
    """A deprecated key; ``replaced``: whether its replacement key is given too."""

    key: str
    node: YNode
    spec: FieldSpec
    replaced: bool


@dataclass(frozen=True, slots=True)
class MissingField:
    """A required field that neither the front matter nor the site's defaults give."""

    name: str
    at: int
    """Where the front matter starts (its opening ``---``)."""


@dataclass(frozen=True, slots=True)
class FieldFact:
    """A field's value, or item ``item`` (0-based) of a list field's value, at fault."""

    key: str
    node: YNode
    rule: FieldRule
    item: int | None


@dataclass(frozen=True, slots=True)
class EmptyValue(FieldFact):
    """An empty value of a required or non-empty field (``key_node``: the key written)."""

    key_node: YNode


@dataclass(frozen=True, slots=True)
class WrongType(FieldFact):
    """A value of none of the field's kinds."""


@dataclass(frozen=True, slots=True)
class SeveralLines(FieldFact):
    """A one-line text field whose value runs over several lines."""


@dataclass(frozen=True, slots=True)
class BadLength(FieldFact):
    """A text or list whose length (``count`` units) passes ``limit``: ``too_long`` or short."""

    count: int
    unit: str
    limit: int
    too_long: bool


@dataclass(frozen=True, slots=True)
class BadWidth(FieldFact):
    """A text whose display width (``width`` cells, Hangul two) passes ``limit``: ``too_long``
    or short; ``hint``: where the limit comes from (the schema's ``width_hint``), if said."""

    width: int
    limit: int
    too_long: bool
    hint: str | None


@dataclass(frozen=True, slots=True)
class NotAllowed(FieldFact):
    """A value (or one word of a list given as text) outside the field's ``allowed`` ones."""

    value: Any
    allowed: list[Any]


@dataclass(frozen=True, slots=True)
class PatternMismatch(FieldFact):
    """A text (``text``, stripped) the field's pattern does not match."""

    text: str


@dataclass(frozen=True, slots=True)
class NotAUrl(FieldFact):
    """A ``url`` field's text that is not a URL."""

    text: str


@dataclass(frozen=True, slots=True)
class MarkupInText(FieldFact):
    """HTML or Markdown (``markup``, the first found) in a plain-text field."""

    markup: str


@dataclass(frozen=True, slots=True)
class OutsideSite(FieldFact):
    """A path (``path``, without query or fragment) that leads out of the site root."""

    path: str


@dataclass(frozen=True, slots=True)
class MissingFile(FieldFact):
    """A path naming no file under the site ``root``; ``target``: where it would be."""

    path: str
    root: Path
    target: Path


SchemaFact: TypeAlias = UnknownKey | DeprecatedKey | MissingField | FieldFact
"""What checking the front matter against its schema found, in the order of the fields."""


def schema_facts(ctx: RuleContext) -> tuple[SchemaFact, ...]:
    """What is wrong with ``ctx``'s front matter by its schema (computed once per document)."""
    return ctx.doc.memo("schema-facts", lambda: _validate(ctx))


def _validate(ctx: RuleContext) -> tuple[SchemaFact, ...]:
    fm = parse(ctx.doc)
    if fm is None or not fm.readable:
        return ()
    schema = load_schema(ctx.settings.schema_name, ctx.settings.schema_dirs)
    return tuple(_Checker(ctx, fm, schema, ctx.settings.path).run())


class _Checker:
    """Walks the front matter's top-level fields against one schema."""

    def __init__(self, ctx: RuleContext, fm: FrontMatter, schema: Schema, path: Path | None):
        self.ctx = ctx
        self.fm = fm
        self.schema = schema
        self.path = path
        self._root: Path | None = None
        self._root_known = False

    def site_root(self) -> Path | None:
        if not self._root_known:
            self._root_known = True
            if self.path is not None:
                from newslint.site import site_root_for

                self._root = site_root_for(self.path)
        return self._root

    def run(self) -> Iterator[SchemaFact]:
        schema = self.schema
        present: set[str] = set()
        for key, (key_node, value) in self.fm.fields.items():
            if key == FRONT_MATTER_KEY:
                continue  # newslint's own suppression key, checked with the suppressions
            rule = schema.field_for(key)
            if rule is None:
                if schema.unknown_keys == "warn":
                    yield UnknownKey(key, key_node, schema)
                continue
            present.add(rule.name)
            spec = rule.spec
            if spec.deprecated:
                replaced = spec.replacement is not None and spec.replacement in self.fm.fields
                yield DeprecatedKey(key, key_node, spec, replaced)
            yield from self._field(key, key_node, value, rule)
        missing = [
            name
            for name, rule in schema.fields.items()
            if rule.spec.required and name not in present
        ]
        if missing:
            supplied = self._defaults()
            for name in missing:
                rule = schema.fields[name]
                if not any(k in supplied for k in (name, *rule.spec.aliases)):
                    yield MissingField(name, self.fm.block.start)

    def _defaults(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        from newslint.site import defaults_for

        return defaults_for(self.path)

    def _field(
        self, key: str, key_node: YNode, value: YNode, rule: FieldRule, item: int | None = None
    ) -> Iterator[FieldFact]:
        spec = rule.spec
        if _is_empty(value):
            if spec.required or spec.nonempty:
                yield EmptyValue(key, value, rule, item, key_node)
            return
        kind = next((k for k in rule.kinds if _matches(k, value, rule)), None)
        if kind is None:
            yield WrongType(key, value, rule, item)
        elif kind == "list":
            yield from self._list(key, key_node, value, rule)
        else:
            yield from self._scalar(key, value, rule, item, kind)

    def _list(
        self, key: str, key_node: YNode, value: YNode, rule: FieldRule
    ) -> Iterator[FieldFact]:
        spec = rule.spec
        if value.kind == "seq":
            items: list[YNode] = list(value.items)
            count = len(items)
        else:
            items = [value]
            count = len(str(value.value).split()) if value.tag == "str" else 1
        yield from _length(key, value, rule, None, count, "item")
        item_rule = rule.items
        allowed = spec.allowed
        for index, node in enumerate(items):
            if item_rule is not None:
                yield from self._field(key, key_node, node, item_rule, index)
            if allowed is not None and node.kind == "scalar":
                words = (
                    node.value.split()
                    if value.kind != "seq" and node.tag == "str"
                    else [node.value]
                )
                for word in words:
                    if word not in allowed:
                        yield NotAllowed(key, node, rule, None, word, allowed)

    def _scalar(
        self, key: str, value: YNode, rule: FieldRule, item: int | None, kind: str
    ) -> Iterator[FieldFact]:
        spec = rule.spec
        data = value.value
        if spec.allowed is not None and data not in spec.allowed:
            yield NotAllowed(key, value, rule, None, data, spec.allowed)
        if not isinstance(data, str):
            return
        text = data.strip()
        if kind == "string" and not spec.multiline and "\n" in text:
            yield SeveralLines(key, value, rule, item)
        yield from _length(key, value, rule, item, len(text), "character")
        if spec.max_width is not None or spec.min_width is not None:
            yield from _width(key, value, rule, item, " ".join(text.split()))
        if rule.pattern is not None and not rule.pattern.search(data):
            yield PatternMismatch(key, value, rule, item, text)
        if kind == "url" and not text.startswith(_LIQUID) and not _URL.match(text):
            yield NotAUrl(key, value, rule, item, text)
        if spec.plain:
            found = _MARKUP.search(data)
            if found is not None:
                yield MarkupInText(key, value, rule, item, found.group())
        if kind == "path":
            missing = self._missing_file(key, value, rule, item, text)
            if missing is not None:
                yield missing

    def _missing_file(
        self, key: str, value: YNode, rule: FieldRule, item: int | None, text: str
    ) -> FieldFact | None:
        """The fact that the path ``text`` names no file under the site root, if it does not."""
        if not text or text.startswith(_LIQUID) or _URL.match(text) or "{{" in text:
            return None
        root = self.site_root()
        if root is None or self.path is None:
            return None
        clean = text.split("?", 1)[0].split("#", 1)[0]
        relative = clean.lstrip("/")
        candidates = [root / relative]
        if not clean.startswith("/"):
            candidates.append(Path(os.path.realpath(self.path.parent)) / clean)
        # Decided on the text of the path alone: nothing outside the site root is ever touched.
        inside = [c for c in map(_normalised, candidates) if c.is_relative_to(root)]
        if not inside:
            return OutsideSite(key, value, rule, item, clean)
        if any(self.ctx.doc.file_exists(c) for c in inside):
            return None
        return MissingFile(key, value, rule, item, clean, root, inside[0])


def _length(
    key: str, value: YNode, rule: FieldRule, item: int | None, count: int, unit: str
) -> Iterator[BadLength]:
    high, low = rule.spec.max_length, rule.spec.min_length
    if high is not None and count > high:
        yield BadLength(key, value, rule, item, count, unit, high, True)
    elif low is not None and count < low:
        yield BadLength(key, value, rule, item, count, unit, low, False)


def _width(
    key: str, value: YNode, rule: FieldRule, item: int | None, text: str
) -> Iterator[BadWidth]:
    """The width fact of a text (runs of white space read as one, as a browser shows them)."""
    spec = rule.spec
    width = display_width(text)
    high, low = spec.max_width, spec.min_width
    if high is not None and width > high:
        yield BadWidth(key, value, rule, item, width, high, True, spec.width_hint)
    elif low is not None and width < low:
        yield BadWidth(key, value, rule, item, width, low, False, spec.width_hint)


def _on_calendar(text: str) -> bool:
    """Whether a numeric date (and time) in ``text`` exists: Jekyll stops on ``2024-02-30`` or
    ``25:61``; text in another shape is left to the looser ``_DATE_TEXT`` test."""
    m = _NUMERIC_DATE.match(text)
    if m is None:
        return True
    year, month, day, hour, minute, second = m.groups()
    try:
        dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return False
    return second is None or int(second) <= 60


def _normalised(path: Path) -> Path:
    """``path`` with ``.`` and ``..`` resolved lexically (no file system access)."""
    return Path(os.path.normpath(path))


def _matches(kind: str, value: YNode, rule: FieldRule) -> bool:
    tag = value.tag
    if kind == "any":
        return True
    if kind in ("string", "text", "url", "path"):
        return tag == "str"
    if kind == "one-of":
        return value.kind == "scalar"
    if kind == "integer":
        return tag == "int"
    if kind == "number":
        return tag in ("int", "float")
    if kind == "boolean":
        return tag == "bool"
    if kind in ("date", "datetime"):
        return tag in ("date", "datetime") or (
            tag == "str" and bool(_DATE_TEXT.search(value.value)) and _on_calendar(value.value)
        )
    if kind == "list":
        if value.kind == "seq":
            return True
        return rule.spec.single and value.kind == "scalar"
    if kind == "mapping":
        return value.kind == "map"
    return False


def _is_empty(value: YNode) -> bool:
    data = value.value
    return data is None or data in ([], {}) or (isinstance(data, str) and not data.strip())
