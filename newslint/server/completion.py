"""Completion in a post's unsaved text: front-matter keys of the file's schema, allowed values,
the site's categories and tags by frequency, and ``{% post_url %}`` targets.

Pure functions on the text: the buffer is often not valid YAML while it is typed, so lines are
scanned, never parsed. The server turns the suggestions into LSP completion items.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newslint.config import ConfigError, FileSettings
from newslint.document import FrontMatterBlock, split_front_matter
from newslint.frontmatter import quote
from newslint.schema import FieldRule, Schema, load_schema
from newslint.site import defaults_for
from newslint.yamlscalars import resolve_scalar

TAXONOMY = {"categories": "categories", "category": "categories", "tags": "tags", "tag": "tags"}
"""Front-matter keys Jekyll reads as categories or tags, and the vocabulary each draws on."""
SPLIT_ON_SPACES = ("categories", "tags")
"""Taxonomy keys whose text value Jekyll splits into words."""

_BREAK = re.compile(r"\r\n|\r|\n")
_KEY = re.compile(r"""(?:"([^"]*)"|'([^']*)'|([^\s#'"?:,\[\]{}\-][^:]*?))[ \t]*:(?=[ \t]|$)""")
"""A top-level ``key:`` at the start of a line (plain or quoted key)."""
_TYPED_KEY = re.compile(r"""[^\s:#,\[\]{}'"]*""")
_LIST_ITEM = re.compile(r"[ \t]*-(?=[ \t]|$)[ \t]*")
_POST_URL = re.compile(r"\{%-?[ \t]*post_url[ \t]+([^\s%]*)$")
_TARGET = re.compile(r"[^\s%]*")
_WORD = re.compile(r"\S*")
_WORD_SPLIT = re.compile(r"[ \t]+")
_COMMENT = re.compile(r"(?<=[ \t])#")
_NOT_A_VALUE_START = ("|", ">", "&", "*", "!", "{")
"""A value starting so is a block scalar, an anchor, an alias, a tag or a mapping: not offered."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_KIND_NAMES = {
    "one-of": ("one of the allowed values", "allowed values"),
    "url": ("URL", "URLs"),
    "any": ("any value", "values"),
}
"""Kinds whose name in words (one, several) is not the schema's word (with an s)."""


@dataclass(frozen=True)
class Vocabulary:
    """What the rest of the site offers: taxonomy terms by frequency, post_url targets."""

    categories: Mapping[str, int] = field(default_factory=dict)
    """Category → how many posts use it."""
    tags: Mapping[str, int] = field(default_factory=dict)
    """Tag → how many posts use it."""
    posts: tuple[str, ...] = ()
    """``post_url`` targets: a post's name under ``_posts`` without extension
    (``2024-01-02-slug``, ``news/2024-01-02-slug``)."""


@dataclass(frozen=True)
class Suggestion:
    """One completion: what to show, and the text that replaces ``[start, end)``."""

    label: str
    kind: str
    """``field`` (a front-matter key), ``value`` or ``reference`` (a post_url target)."""
    insert: str
    start: int
    """Code-point offsets into the text: the partial word being typed."""
    end: int
    detail: str = ""
    documentation: str = ""
    """Markdown."""
    sort_text: str = ""
    """Orders the suggestions as returned: required keys first, values by frequency."""


def complete(
    text: str, offset: int, settings: FileSettings, vocabulary: Vocabulary
) -> list[Suggestion]:
    """Suggestions at code-point ``offset`` of ``text`` (the unsaved buffer of a post)."""
    offset = min(max(offset, 0), len(text))
    block = split_front_matter(text)
    if block is None or (block.closed and offset >= block.end):
        return _post_url(text, offset, vocabulary)
    if offset < block.content_start or (block.closed and offset >= block.content_end):
        return []  # on a delimiter line
    return _front_matter(text, offset, block, settings, vocabulary)


@dataclass(frozen=True)
class _Slot:
    """A value being typed: under which key, what range it replaces and what is beside it."""

    key: str
    start: int
    end: int
    partial: str
    """What is typed of it so far (before the cursor)."""
    siblings: frozenset[str]
    """The other values already given in the same list (or words of the same text)."""
    in_list: bool
    """An item of a list (flow, block, or a word of a text Jekyll splits)."""
    in_flow: bool
    quoted: bool
    """Typed after an opening quote: the value goes in as it is."""
    pad: str
    """Put before the value: a space when the cursor touches the ``:`` or ``-``."""


def _front_matter(
    text: str, offset: int, block: FrontMatterBlock, settings: FileSettings, vocab: Vocabulary
) -> list[Suggestion]:
    lines = _lines(text, block.content_start, block.content_end)
    here = next((i for i, (s, t) in enumerate(lines) if s <= offset <= s + len(t)), None)
    if here is None:
        return []
    line_start, line = lines[here]
    column = offset - line_start
    schema = _schema(settings)
    item = _LIST_ITEM.match(line)
    if item is not None:
        slot = _block_item(lines, here, column, item)
        return [] if slot is None else _values(slot, schema, vocab)
    if line.startswith(("#", " ", "\t")):
        return []
    typed = _TYPED_KEY.match(line)
    if typed is not None and typed.end() >= column:
        if schema is None:
            return []
        present = {k for i, (_, t) in enumerate(lines) if i != here for k in _key_of(t)}
        colon = line[typed.end() :].lstrip(" \t").startswith(":")
        return _keys(schema, settings, present, line_start, line_start + typed.end(), colon)
    key = _KEY.match(line)
    if key is None or column < key.end():
        return []
    slot = _inline_value(line, line_start, column, key, schema)
    return [] if slot is None else _values(slot, schema, vocab)


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The lines of ``text[start:end]`` as (offset, text without its line end)."""
    found: list[tuple[int, str]] = []
    at = start
    for match in _BREAK.finditer(text, start, end):
        found.append((at, text[at : match.start()]))
        at = match.end()
    found.append((at, text[at:end]))
    return found


def _key_of(line: str) -> tuple[str, ...]:
    """The top-level key a line gives, if it gives one."""
    match = _KEY.match(line)
    if match is None:
        return ()
    return (next(g for g in match.groups() if g is not None),)


def _schema(settings: FileSettings) -> Schema | None:
    """The file's schema, as the rules load it; ``None`` when it cannot be loaded."""
    try:
        return load_schema(settings.schema_name, settings.schema_dirs)
    except ConfigError:
        return None


def _site_defaults(settings: FileSettings) -> Mapping[str, Any]:
    """What ``_config.yml`` ``defaults:`` give the file (nothing when it cannot be read)."""
    if settings.path is None:
        return {}
    try:
        return defaults_for(settings.path)
    except (ConfigError, OSError):
        return {}


def _keys(
    schema: Schema,
    settings: FileSettings,
    present: set[str],
    start: int,
    end: int,
    colon: bool,
) -> list[Suggestion]:
    """The schema's keys not yet given: required ones (without a site default) first."""
    given = present | {rule.name for k in present if (rule := schema.field_for(k)) is not None}
    defaults = _site_defaults(settings)
    wanted: list[tuple[bool, FieldRule, bool]] = []
    for name, rule in schema.fields.items():
        if name in given or rule.spec.deprecated:
            continue
        defaulted = any(k in defaults for k in (name, *rule.spec.aliases))
        wanted.append((rule.spec.required and not defaulted, rule, defaulted))
    wanted.sort(key=lambda w: not w[0])  # stable: schema order within each group
    found: list[Suggestion] = []
    for required, rule, defaulted in wanted:
        notes = ["required"] if required else []
        if defaulted:
            notes.append("default in _config.yml")
        found.append(
            Suggestion(
                label=rule.name,
                kind="field",
                insert=rule.name if colon else f"{rule.name}: ",
                start=start,
                end=end,
                detail=" · ".join([*notes, _kind_words(rule, plural=False)]),
                documentation=_field_doc(rule, defaults.get(rule.name)),
                sort_text=f"{len(found):04d}",
            )
        )
    return found


def _kind_words(rule: FieldRule, plural: bool) -> str:
    """The field's types in words: ``string``, ``list of strings or numbers``."""
    words = []
    for kind in rule.kinds:
        if kind == "list" and rule.items is not None:
            words.append(f"list{'s' if plural else ''} of {_kind_words(rule.items, plural=True)}")
        else:
            one, several = _KIND_NAMES.get(kind, (kind, f"{kind}s"))
            words.append(several if plural else one)
    return " or ".join(words)


def _field_doc(rule: FieldRule, site_default: Any) -> str:
    """A key's documentation: its description, type, allowed values and defaults."""
    spec = rule.spec
    parts = [spec.description] if spec.description else []
    parts.append(f"Type: {_kind_words(rule, plural=False)}")
    allowed = _allowed(rule)
    if allowed:
        parts.append("Allowed values: " + ", ".join(f"`{_yaml(v, False)}`" for v in allowed))
    if spec.default is not None:
        parts.append(f"Default: `{_yaml(spec.default, False)}`")
    if site_default is not None:
        parts.append(f"Set for this file by `_config.yml` defaults: `{site_default}`")
    return "\n\n".join(parts)


def _allowed(rule: FieldRule) -> list[Any]:
    """The values a field (or each item of a list field) may take; empty when any."""
    if rule.items is not None and rule.items.spec.allowed:
        return list(rule.items.spec.allowed)
    return list(rule.spec.allowed or ())


def _block_item(
    lines: list[tuple[int, str]], here: int, column: int, item: re.Match[str]
) -> _Slot | None:
    """The slot of a ``- value`` line of a list under a top-level ``key:``."""
    if column < item.end():
        return None
    above = _run(lines, here, -1)
    owner_at = here - len(above) - 1
    owner = lines[owner_at][1] if owner_at >= 0 else ""
    key = _KEY.match(owner)
    if key is None or not _blank(owner[key.end() :]):
        return None
    siblings = set()
    for i in (*above, *_run(lines, here, 1)):
        other = _LIST_ITEM.match(lines[i][1])
        if other is not None:
            siblings.add(_unquoted(_uncommented(lines[i][1], other.end()).strip()))
    line_start, line = lines[here]
    return _slot(_key_of(owner)[0], line, line_start, column, item.end(), len(line), siblings)


def _run(lines: list[tuple[int, str]], here: int, step: int) -> list[int]:
    """The list-item and blank lines next to line ``here``, going by ``step``."""
    found = []
    i = here + step
    while 0 <= i < len(lines) and (_LIST_ITEM.match(lines[i][1]) or _blank(lines[i][1])):
        found.append(i)
        i += step
    return found


def _inline_value(
    line: str, line_start: int, column: int, key: re.Match[str], schema: Schema | None
) -> _Slot | None:
    """The slot of a value written after ``key:`` on its line: a flow list's item, a word of
    a text Jekyll splits into a list, or the whole value."""
    name = next(g for g in key.groups() if g is not None)
    value_at = len(line) - len(line[key.end() :].lstrip(" \t"))
    value = line[value_at:]
    if value.startswith("["):
        return _flow_item(name, line, line_start, column, value_at) if column > value_at else None
    if value.startswith(_NOT_A_VALUE_START):
        return None
    rule = schema.field_for(name) if schema is not None else None
    split = name in SPLIT_ON_SPACES or (
        rule is not None and "list" in rule.kinds and rule.spec.single
    )
    if not split or value.startswith(("'", '"')):
        return _slot(name, line, line_start, column, key.end(), len(line), set(), in_list=False)
    text = _uncommented(line, value_at)
    words = _WORD_SPLIT.split(text)
    here = len(_WORD_SPLIT.findall(line[value_at:column]))
    siblings = {w for i, w in enumerate(words) if i != here and w}
    lo = max(line.rfind(" ", 0, column), line.rfind("\t", 0, column), key.end() - 1) + 1
    return _slot(name, line, line_start, column, lo, _end_of(_WORD, line, column), siblings)


def _flow_item(name: str, line: str, line_start: int, column: int, opening: int) -> _Slot | None:
    """The slot of the item of ``[a, b, c]`` (opened at ``opening``) the cursor is in."""
    closing = line.find("]", opening)
    if closing == -1:
        closing = len(line)
    elif column > closing:
        return None
    lo = max(line.rfind(",", opening, column), opening) + 1
    hi = line.find(",", column, closing)
    items = line[opening + 1 : closing].split(",")
    here = line.count(",", opening, column)
    siblings = {_unquoted(s.strip()) for i, s in enumerate(items) if i != here}
    return _slot(
        name, line, line_start, column, lo, closing if hi == -1 else hi, siblings, in_flow=True
    )


def _slot(
    key: str,
    line: str,
    line_start: int,
    column: int,
    lo: int,
    hi: int,
    siblings: set[str],
    *,
    in_list: bool = True,
    in_flow: bool = False,
) -> _Slot | None:
    """The slot of the value in columns ``[lo, hi)`` of ``line``, trimmed of blanks, quotes and
    a comment; ``None`` when the cursor is in a comment."""
    while lo < column and line[lo] in " \t":
        lo += 1
    quote_mark = line[lo] if lo < column and line[lo] in "'\"" else ""
    if quote_mark:
        lo += 1
    else:
        comment = _COMMENT.search(line, lo, hi)
        if comment is not None:
            if comment.start() < column:
                return None
            hi = comment.start()
    while hi > column and line[hi - 1] in " \t":
        hi -= 1
    if quote_mark and hi > column and line[hi - 1] == quote_mark:
        hi -= 1
    return _Slot(
        key=key,
        start=line_start + lo,
        end=line_start + hi,
        partial=line[lo:column],
        siblings=frozenset(siblings - {""}),
        in_list=in_list,
        in_flow=in_flow,
        quoted=bool(quote_mark),
        pad=" " if not in_flow and line[lo - 1 : lo] in (":", "-") else "",
    )


def _uncommented(line: str, start: int) -> str:
    """``line`` from ``start`` up to a ``#`` comment."""
    comment = _COMMENT.search(line, start)
    return line[start : comment.start() if comment is not None else len(line)]


def _end_of(pattern: re.Pattern[str], text: str, at: int) -> int:
    """Where the run of ``pattern`` that starts at ``at`` ends."""
    match = pattern.match(text, at)
    return at if match is None else match.end()


def _blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _values(slot: _Slot, schema: Schema | None, vocab: Vocabulary) -> list[Suggestion]:
    """The values offered in a slot: the schema's allowed ones (most used on the site first),
    else the site's terms for a taxonomy key by frequency, else true and false for a boolean."""
    rule = schema.field_for(slot.key) if schema is not None else None
    element = rule.items if rule is not None and slot.in_list and rule.items else rule
    terms = _terms(vocab, slot.key)
    allowed = _allowed(rule) if rule is not None else []
    counts = terms or {}
    if allowed:
        ranked = [
            v for _, v in sorted(enumerate(allowed), key=lambda p: (-_count(counts, p[1]), p[0]))
        ]
    elif terms is not None:
        needle = slot.partial.casefold()
        ranked = sorted((t for t in terms if needle in t.casefold()), key=lambda t: (-terms[t], t))
    elif element is not None and "boolean" in element.kinds:
        ranked = [True, False]
    else:
        ranked = []
    found: list[Suggestion] = []
    for value in ranked:
        label = _yaml(value, in_flow=False) if not isinstance(value, str) else value
        if label in slot.siblings:
            continue
        written = label if slot.quoted else _yaml(value, slot.in_flow)
        found.append(
            Suggestion(
                label=label,
                kind="value",
                insert=slot.pad + written,
                start=slot.start,
                end=slot.end,
                detail=_value_detail(value, terms, allowed),
                sort_text=f"{len(found):04d}",
            )
        )
    return found


def _terms(vocab: Vocabulary, key: str) -> Mapping[str, int] | None:
    """The site's terms a key draws on (``None`` for a key that is no taxonomy)."""
    kind = TAXONOMY.get(key)
    if kind is None:
        return None
    return vocab.categories if kind == "categories" else vocab.tags


def _count(counts: Mapping[str, int], value: Any) -> int:
    return counts.get(value, 0) if isinstance(value, str) else 0


def _value_detail(value: Any, terms: Mapping[str, int] | None, allowed: list[Any]) -> str:
    if terms is not None:
        used = _count(terms, value)
        return f"used by {used} post{'' if used == 1 else 's'}" if used else "not used yet"
    return "allowed value" if allowed else "boolean"


def _yaml(value: Any, in_flow: bool) -> str:
    """``value`` written as YAML: plain when it reads back as the same text, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if not isinstance(value, str):
        return str(value)
    plain = (
        value
        and value == value.strip()
        and value[0] not in _INDICATORS
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and all(ch >= " " for ch in value)
        and not (in_flow and any(ch in ",[]{}" for ch in value))
        and resolve_scalar(value, True, None)[0] == "str"
    )
    return value if plain else quote(value)


def _post_url(text: str, offset: int, vocab: Vocabulary) -> list[Suggestion]:
    """The posts a ``{% post_url`` tag being typed may name, newest first."""
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    tag = _POST_URL.search(text, line_start, offset)
    if tag is None:
        return []
    partial = tag.group(1)
    start = offset - len(partial)
    end = _end_of(_TARGET, text, offset)
    needle = partial.casefold()
    matching = {p for p in vocab.posts if needle in p.casefold()}
    ordered = sorted(matching, key=lambda p: (p.rsplit("/", 1)[-1], p), reverse=True)
    return [
        Suggestion(
            label=target,
            kind="reference",
            insert=target,
            start=start,
            end=end,
            sort_text=f"{i:04d}",
        )
        for i, target in enumerate(ordered)
    ]
