"""``front-matter:`` house rules: keys a post must give, and tests each key's value must pass.

A key's value is the post's own, else the one ``_config.yml`` ``defaults:`` give the post, as
Jekyll merges them. Values compare as text (``true``, ``3``, ``2024-01-05``), whatever type YAML
read. ``pattern`` is searched, as JSON Schema's ``pattern`` is (``re.search``): anchor it
(``^…$``) to test the whole value. ``one-of``, ``pattern`` and ``exists-in`` test each item of a
list; ``contains`` and ``equals`` test the whole value.
"""

from __future__ import annotations

import csv
import difflib
import functools
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any, ClassVar, TypeAlias

import yaml

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Fix
from newslint.errors import UsageError
from newslint.frontmatter import FrontMatter, YNode, parse, quote
from newslint.messages import Text, t
from newslint.rules.custom.hits import Hit
from newslint.rules.custom.keys import SHAPE
from newslint.site import defaults_for, find_site_root
from newslint.yamlscalars import resolve_scalar

Scalar: TypeAlias = str | int | float | bool
PLACEHOLDERS = frozenset({"key", "value", "match", "expected", "suggestion", "file"})
DATA_SUFFIXES = (".yml", ".yaml", ".json", ".csv")
"""The site data files ``exists-in`` reads, as Jekyll's ``_data`` holds them."""

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN = re.compile(r"[^\W_](?:[\w.@/+-]| (?! |$))*")
"""Text written as a plain YAML scalar in a fix (no indicator, no ``: `` or `` #``)."""
_PROPERTIES = re.compile(r"(?:[&!][^\s,\[\]{}]*\s+)*")
"""A node's anchor and tag, written before its value."""
_SHOWN = 10
"""How many allowed values ``expected`` names."""


@dataclass(frozen=True)
class KeyTest:
    """The tests one key's value must pass; at least one is given."""

    __pydantic_config__: ClassVar[dict[str, object]] = SHAPE

    one_of: list[Scalar] | None = None
    pattern: str | None = None
    contains: Scalar | None = None
    """A list holds it as an item, or a single value equals it."""
    equals: Scalar | None = None
    exists_in: str | None = None
    """A site data file (``_data/authors.yml``, relative to the site root) listing the values."""
    key: str | None = None
    """With ``exists-in`` on a list of mappings: the field naming each entry (default ``id``)."""


@dataclass(frozen=True)
class FrontMatterSpec:
    """A ``front-matter:`` rule: when every ``if`` test holds, the keys it requires and tests."""

    __pydantic_config__: ClassVar[dict[str, object]] = SHAPE

    if_: dict[str, KeyTest] = field(default_factory=dict)
    require: list[str] = field(default_factory=list)
    """Keys that must be given a value that is not empty."""
    keys: dict[str, KeyTest] = field(default_factory=dict)


def problems(spec: FrontMatterSpec) -> list[tuple[str, str]]:
    """What is wrong with ``spec``, as (YAML key, reason); [] when it can be used."""
    found: list[tuple[str, str]] = []
    if not spec.require and not spec.keys:
        found.append(("front-matter", "nothing to check: give require or keys"))
    for section, tests in (("if", spec.if_), ("keys", spec.keys)):
        for name, test in tests.items():
            for key, reason in _test_problems(test):
                found.append((".".join(filter(None, (section, name, key))), reason))
    return found


def _test_problems(test: KeyTest) -> Iterator[tuple[str, str]]:
    given = (test.one_of, test.pattern, test.contains, test.equals, test.exists_in)
    if all(value is None for value in given):
        yield "", "no test: give one-of, pattern, contains, equals or exists-in"
    if test.one_of == []:
        yield "one-of", "lists no values"
    if test.pattern is not None:
        try:
            _compiled(test.pattern)
        except re.error as exc:
            yield "pattern", f"not a regular expression: {exc.msg} at position {exc.pos}"
    if test.exists_in is not None:
        reason = _data_path_problem(test.exists_in)
        if reason is not None:
            yield "exists-in", reason
    elif test.key is not None:
        yield "key", "names the field of an exists-in file's entries; give exists-in"


def _data_path_problem(name: str) -> str | None:
    """Why ``name`` cannot name a site data file: a rule must not read outside the site."""
    if name.startswith(("/", "\\")) or PureWindowsPath(name).drive:
        return f'"{name}" is absolute; give a path relative to the site root (_data/authors.yml)'
    if ".." in re.split(r"[/\\]", name):
        return f'"{name}" leads out of the site; give a path inside it (without "..")'
    if not name.lower().endswith(DATA_SUFFIXES):
        return f'"{name}" is not a data file: name a .yml, .yaml, .json or .csv file'
    return None


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def hits(spec: FrontMatterSpec, ctx: RuleContext) -> Iterator[Hit]:
    """Each required key missing or empty, and each value (or list item) failing a test."""
    fm = parse(ctx.doc)
    if fm is None or not fm.readable:
        return  # no front matter, or YAML that cannot be read: the FM rules report it
    post = _Post(ctx, fm)
    if not all(post.passes(name, test) for name, test in spec.if_.items()):
        return
    for name in spec.require:
        hit = post.missing(name)
        if hit is not None:
            yield hit
    for name, test in spec.keys.items():
        yield from post.failures(name, test)


@dataclass(frozen=True, slots=True)
class _Value:
    """A key's value, with its nodes when the post writes it (not when a default gives it)."""

    data: Any
    node: YNode | None
    key: YNode | None


@dataclass(frozen=True, slots=True)
class _Failure:
    """A value (or list item) at fault: its node, its text, and what was expected instead."""

    node: YNode | None
    text: str
    expected: str
    choices: _Choices | None = None
    file: str = ""


@dataclass(frozen=True)
class _Choices:
    """The values a test allows, with their case-folded forms for did-you-mean."""

    values: frozenset[str]
    folded: dict[str, str]
    suggested: dict[str, str] = field(default_factory=dict, compare=False)
    """Suggestions made so far: the same wrong value recurs across a site's posts."""

    @classmethod
    def of(cls, texts: Iterable[str]) -> _Choices:
        folded: dict[str, str] = {}
        values = set()
        for text in texts:
            values.add(text)
            folded.setdefault(text.casefold(), text)
        return cls(frozenset(values), folded)

    def suggest(self, text: str) -> str:
        """The allowed value ``text`` most likely means ("" if none is close)."""
        known = self.suggested.get(text)
        if known is None:
            folded = text.casefold()
            known = self.folded.get(folded)
            if known is None:
                close = difflib.get_close_matches(folded, self.folded, n=1)
                known = self.folded[close[0]] if close else ""
            self.suggested[text] = known
        return known


class _Post:
    """One post's front matter, with its site's defaults and data files read when needed."""

    def __init__(self, ctx: RuleContext, fm: FrontMatter) -> None:
        self.ctx = ctx
        self.fm = fm

    def value(self, name: str) -> _Value | None:
        """The value of key ``name``: the post's, else its defaults', else ``None``."""
        written = self.fm.fields.get(name)
        if written is not None:
            return _Value(written[1].value, written[1], written[0])
        defaults = self.ctx.doc.memo("house:defaults", self._defaults)
        return _Value(defaults[name], None, None) if name in defaults else None

    def _defaults(self) -> dict[str, Any]:
        path = self.ctx.settings.path
        if path is None:
            return {}
        return defaults_for(path)

    def passes(self, name: str, test: KeyTest) -> bool:
        """Whether key ``name`` has a value that passes ``test`` (an ``if`` condition)."""
        value = self.value(name)
        if value is None or _is_empty(value.data):
            return False
        return next(self._check(test, value), None) is None

    def missing(self, name: str) -> Hit | None:
        """A required key without a value: at the opening ``---`` (FM010), or at its key."""
        value = self.value(name)
        if value is not None and not _is_empty(value.data):
            return None
        if value is not None and value.key is not None:
            start, end = value.key.start, value.key.end
        else:
            start = self.fm.block.start
            end = start + 3
        return Hit(start, end, _placeholders(name, "", t("a value"), "", ""))

    def failures(self, name: str, test: KeyTest) -> Iterator[Hit]:
        """A hit for each failure of ``test`` by key ``name``'s value (an empty one has none)."""
        value = self.value(name)
        if value is None or _is_empty(value.data):
            return
        for failure in self._check(test, value):
            yield self._hit(name, failure)

    def _hit(self, name: str, failure: _Failure) -> Hit:
        node, text = failure.node, failure.text
        choices = failure.choices
        suggestion = choices.suggest(text) if choices is not None and text else ""
        values = _placeholders(name, text, failure.expected, suggestion, failure.file)
        if node is None:  # a value from _config.yml: reported where FM010 reports
            at = self.fm.block.start
            return Hit(at, at + 3, values)
        # The value itself, after its anchor or tag (``&who "Usa"``), which the fix keeps.
        start = _value_start(self.ctx.doc.text, node)
        fix = None
        if suggestion and node.kind == "scalar":
            edit = Edit(start, node.end, _written(suggestion, node.style))
            message = t('replace "{value}" with "{suggestion}"', value=text, suggestion=suggestion)
            fix = Fix(message, (edit,), Applicability.UNSAFE)
        return Hit(start, node.end, values, fix)

    def _check(self, test: KeyTest, value: _Value) -> Iterator[_Failure]:
        """Each failure of ``value`` (or of one of its items) by ``test``, test by test."""
        items = _items(value)
        if test.one_of is not None:
            yield from self._not_one_of(tuple(_text(option) or "" for option in test.one_of), items)
        if test.pattern is not None:
            yield from self._unmatched(test.pattern, items)
        if test.exists_in is not None:
            yield from self._unlisted(test.exists_in, test.key, items)
        if test.contains is not None:
            wanted = _text(test.contains) or ""
            texts = [_text(data) for _, data in items] if isinstance(value.data, list) else []
            if wanted not in texts and _text(value.data) != wanted:
                expected = t("a list containing {value}", value=_quoted(wanted))
                yield _Failure(value.node, self._shown(value.node, value.data), expected)
        if test.equals is not None:
            wanted = _text(test.equals) or ""
            if _text(value.data) != wanted:
                shown = self._shown(value.node, value.data)
                yield _Failure(value.node, shown, _quoted(wanted), _one_of((wanted,)))

    def _not_one_of(
        self, texts: tuple[str, ...], items: list[tuple[YNode | None, Any]]
    ) -> Iterator[_Failure]:
        allowed = _one_of(texts)
        for node, data in items:
            if _text(data) not in allowed.values:
                yield _Failure(node, self._shown(node, data), _listed(texts), allowed)

    def _unmatched(self, pattern: str, items: list[tuple[YNode | None, Any]]) -> Iterator[_Failure]:
        search = _compiled(pattern).search
        for node, data in items:
            text = _text(data)
            if text is None or search(text) is None:
                expected = t("matching {pattern}", pattern=pattern)
                yield _Failure(node, self._shown(node, data), expected)

    def _unlisted(
        self, name: str, key: str | None, items: list[tuple[YNode | None, Any]]
    ) -> Iterator[_Failure]:
        """The items the site data file ``name`` does not list (none outside a Jekyll site)."""
        known = self._known(name, key)
        if known is None:
            return
        expected = t("a value listed in {file}", file=name)
        for node, data in items:
            if _text(data) not in known.values:
                yield _Failure(node, self._shown(node, data), expected, known, name)

    def _known(self, name: str, key: str | None) -> _Choices | None:
        path = self.ctx.settings.path
        if path is None:
            return None
        root = find_site_root(path)
        if root is None:
            return None
        data = root / name
        if not self.ctx.doc.file_exists(data):
            raise UsageError(f"{data}: the data file of a front-matter rule (exists-in) is missing")
        return self.ctx.doc.memo(
            f"house:data:{data}\0{key}", lambda: _data_choices(data, root, key)
        )

    def _shown(self, node: YNode | None, data: Any) -> str:
        """A value as messages quote it: its text, or a list or mapping as written (one line)."""
        text = _text(data)
        if text is not None:
            return text
        if node is not None:
            written = " ".join(self.ctx.doc.text[node.start : node.end].split())
        else:
            written = json.dumps(data, ensure_ascii=False, default=str)
        return written if len(written) <= 80 else written[:79] + "…"


def _value_start(text: str, node: YNode) -> int:
    """Where ``node``'s value starts in ``text``: after its anchor and tag, if written."""
    properties = _PROPERTIES.match(text, node.start, node.end)
    return properties.end() if properties else node.start


def _placeholders(key: str, text: str, expected: str, suggestion: str, file: str) -> dict[str, str]:
    return {
        "key": key,
        "value": text,
        "match": text,
        "expected": expected,
        "suggestion": suggestion,
        "file": file,
    }


def _items(value: _Value) -> list[tuple[YNode | None, Any]]:
    """The items of a list value with their nodes, or the value itself as the only item."""
    node = value.node
    if node is not None:
        nodes = node.items if node.kind == "seq" else (node,)
        return [(item, item.value) for item in nodes]
    data = value.data
    return [(None, item) for item in data] if isinstance(data, list) else [(None, data)]


def _text(value: Any) -> str | None:
    """A scalar as text, as YAML writes it (``true``, ``3``, ``2024-01-05``); ``None`` for a
    list or a mapping."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return None
    return str(value)


def _is_empty(data: Any) -> bool:
    """Empty as FM015 judges it: null, blank text, an empty list or mapping."""
    return data is None or data in ([], {}) or (isinstance(data, str) and not data.strip())


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@functools.lru_cache(maxsize=256)
def _one_of(texts: tuple[str, ...]) -> _Choices:
    return _Choices.of(texts)


@functools.lru_cache(maxsize=256)
def _listed(texts: tuple[str, ...]) -> Text:
    """``one of "news", "sports"``: the allowed values in words (the first ten)."""
    names = [_quoted(text) for text in texts]
    more = ", …" if len(names) > _SHOWN else ""
    return t("one of {values}", values=", ".join(names[:_SHOWN]) + more)


def _written(text: str, style: str | None) -> str:
    """``text`` as a YAML scalar in the style of the one it replaces (plain when it stays text)."""
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    if style is None and _PLAIN.fullmatch(text) and resolve_scalar(text, True, None)[0] == "str":
        return text
    return quote(text)


def _data_choices(path: Path, root: Path, key: str | None) -> _Choices:
    """The values the data file at ``path`` lists (read once per version of the file)."""
    if not _inside(str(path), root):
        raise UsageError(f"{path}: not read: it is a symbolic link out of the site")
    try:
        info = os.stat(path)  # noqa: PTH116 - its size and time key the cache
    except OSError as exc:
        message = f"{path}: the data file of a front-matter rule cannot be read: {exc.strerror}"
        raise UsageError(message) from None
    return _entries(str(path), info.st_size, info.st_mtime_ns, key)


@functools.lru_cache(maxsize=64)
def _inside(path: str, root: Path) -> bool:
    """Whether ``path``, its links followed, is in the site ``root`` (asked once per run)."""
    return Path(os.path.realpath(path)).is_relative_to(root)


@functools.lru_cache(maxsize=64)
def _entries(path: str, size: int, mtime: int, key: str | None) -> _Choices:
    """The data file's entries: a mapping's keys, a list's values, or the ``key`` field (else
    ``id``, else a CSV's first column) of a list of mappings."""
    data, header = _parsed(path, size, mtime)
    if isinstance(data, dict):
        return _Choices.of(filter(None, map(_text, data)))
    if data is None:
        return _Choices.of(())
    if not isinstance(data, list):
        raise UsageError(f"{path}: a front-matter rule's data file is neither a list nor a mapping")
    name = key or ("id" if header is None or "id" in header else header[0])
    if header is not None and name not in header:
        raise UsageError(f'{path}: a front-matter rule names the column "{name}", which it lacks')
    texts = (_text(item.get(name) if isinstance(item, dict) else item) for item in data)
    return _Choices.of(text for text in texts if text)


@functools.lru_cache(maxsize=16)
def _parsed(path: str, size: int, mtime: int) -> tuple[Any, list[str] | None]:
    """A data file as YAML, JSON or CSV (rows as mappings, with the CSV's header)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:  # noqa: PTH123
            if path.lower().endswith(".json"):
                return json.load(stream), None
            if path.lower().endswith(".csv"):
                reader = csv.DictReader(stream)
                return list(reader), list(reader.fieldnames or [""])
            return yaml.load(stream, Loader=_LOADER), None
    except (OSError, ValueError, yaml.YAMLError, csv.Error) as exc:
        reason = " ".join(str(exc).split())
        raise UsageError(
            f"{path}: the data file of a front-matter rule cannot be read: {reason}"
        ) from None
