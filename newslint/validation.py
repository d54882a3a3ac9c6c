"""Check one document's front matter against its schema, once; rules FM010-FM019 filter this."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.frontmatter import FrontMatter, YNode, parse, quote
from newslint.schema import FieldRule, Schema, load_schema
from newslint.site_rules.folders import deferred, top_folder
from newslint.site_rules.jekyll import is_calendar_date, ruby_date
from newslint.suppressions import FRONT_MATTER_KEY

_WORDS = {
    "str": "text",
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "null": "empty",
    "date": "a date",
    "datetime": "a date and time",
    "seq": "a list",
    "map": "a mapping",
}
_EXPECTED = {
    "any": "any value",
    "string": "one line of text",
    "text": "text",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date",
    "datetime": "a date and time",
    "url": "a URL",
    "path": "a file path",
    "list": "a list",
    "mapping": "a mapping",
    "one-of": "one of the allowed values",
}
_DATE_TEXT = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    r"|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s.*\d{4})"
)
"""Date text Ruby's ``Time.parse`` (Jekyll's reader of a quoted ``date``) understands, roughly."""
_NUMERIC_DATE = re.compile(
    r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T\t]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_HINTS = {
    "date": "; write it as 2024-01-02",
    "datetime": "; write it as 2024-01-02 10:00:00 +0900",
    "list": "; write it as a list: [a, b]",
    "mapping": '; write it as "key: value" lines indented under it',
}
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


def findings(ctx: RuleContext) -> dict[str, list[Finding]]:
    """Schema findings of ``ctx``'s document by rule code (computed once per document)."""
    return ctx.doc.memo("schema-findings", lambda: _validate(ctx))


def _validate(ctx: RuleContext) -> dict[str, list[Finding]]:
    fm = parse(ctx.doc)
    out: dict[str, list[Finding]] = {}
    if fm is None or not fm.readable:
        return out
    schema = load_schema(ctx.settings.schema_name, ctx.settings.schema_dirs)
    path = ctx.settings.path
    for code, finding in _Checker(ctx, fm, schema, path).run():
        out.setdefault(code, []).append(finding)
    return out


_DATE_LIKE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _impossible_date(text: str) -> str | None:
    """What Jekyll does with a written date that is not on the calendar (``None``: no such date).

    YAML keeps ``2024-06-31`` as text, and Jekyll reads it as Ruby's ``Time.parse`` does.
    """
    found = _DATE_LIKE.match(text)
    if found is None:
        return None
    if is_calendar_date(found.group(0)):
        return None
    year, month, day = (int(part) for part in found.groups())
    rolled = ruby_date(year, month, day)
    if rolled is not None:
        return f"{_MONTHS[month - 1]} {day}: Jekyll dates the post {rolled.isoformat()}"
    what = f"month {month}" if not 1 <= month <= 12 else f"day {day}"
    return f"{what}: Jekyll stops the build with 'Invalid date'"


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

    def run(self) -> Iterator[tuple[str, Finding]]:
        schema = self.schema
        present: set[str] = set()
        for key, (key_node, value) in self.fm.fields.items():
            if key == FRONT_MATTER_KEY:
                continue  # newslint's own suppression key, checked by NL101
            rule = schema.field_for(key)
            if rule is None:
                if schema.unknown_keys == "warn":
                    yield "FM014", self._unknown(key, key_node)
                continue
            present.add(rule.name)
            if rule.spec.deprecated:
                yield "FM018", self._deprecated(key, key_node, rule)
            yield from self._field(key, key_node, value, rule)
        missing = [
            name
            for name, rule in schema.fields.items()
            if rule.spec.required and name not in present
        ]
        if missing:
            supplied = self._defaults()
            block = self.fm.block
            for name in missing:
                rule = schema.fields[name]
                if any(k in supplied for k in (name, *rule.spec.aliases)):
                    continue
                message = f'required field "{name}" is missing from the front matter'
                yield "FM010", Finding(block.start, block.start + 3, message)

    def _defaults(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        from newslint.site import defaults_for

        return defaults_for(self.path)

    def _unknown(self, key: str, node: YNode) -> Finding:
        names = [*self.schema.fields, *self.schema.aliases]
        hint = difflib.get_close_matches(key, names, n=1, cutoff=0.8)
        extra = f'; did you mean "{hint[0]}"?' if hint else f" in schema {self.schema.name}"
        return Finding(node.start, node.end, f'unknown key "{key}"{extra}')

    def _deprecated(self, key: str, node: YNode, rule: FieldRule) -> Finding:
        spec = rule.spec
        reason = f" ({spec.deprecated})" if isinstance(spec.deprecated, str) else ""
        if not spec.replacement:
            return Finding(node.start, node.end, f'"{key}" is deprecated{reason}; remove it')
        fix = None
        if spec.replacement not in self.fm.fields:
            fix = Fix(
                f'rename "{key}" to "{spec.replacement}"',
                (Edit(node.start, node.end, spec.replacement),),
                Applicability.UNSAFE,
            )
        message = f'"{key}" is deprecated{reason}; use "{spec.replacement}" instead'
        return Finding(node.start, node.end, message, fix)

    def _field(
        self, key: str, key_node: YNode, value: YNode, rule: FieldRule, item: int | None = None
    ) -> Iterator[tuple[str, Finding]]:
        spec = rule.spec
        label = f'"{key}"' if item is None else f'item {item + 1} of "{key}"'
        if _is_empty(value):
            if spec.required or spec.nonempty:
                where = key_node if item is None else value
                end = where.end if where.end > where.start else where.start + 1
                yield "FM015", Finding(where.start, end, f"{label} is empty; give it a value")
            return
        kind = self._kind(value, rule)
        if kind is None:
            message = self._wrong_type(label, key, value, rule)
            fix = self._quote_fix(value, rule)
            yield "FM011", Finding(value.start, value.end, message, fix)
            return
        if kind == "list":
            yield from self._list(key, key_node, value, rule)
            return
        yield from self._scalar(label, key, value, rule, kind)

    def _quote_fix(self, value: YNode, rule: FieldRule) -> Fix | None:
        """Quote an unquoted value YAML 1.1 read as a boolean, date or number where text is wanted.

        Safe: the characters stay the same, only YAML's guess at their type is taken away.
        """
        wants_text = {"string", "text", "url", "path"} & set(rule.kinds)
        if not (wants_text and value.plain and value.tag in _GUESSED_TAGS):
            return None
        raw = self.ctx.doc.text[value.start : value.end]
        if "\n" in raw or "#" in raw:
            return None
        return Fix(f"quote it: {quote(raw)}", (Edit(value.start, value.end, quote(raw)),))

    def _kind(self, value: YNode, rule: FieldRule) -> str | None:
        """The first of the rule's kinds the value satisfies, or ``None``."""
        for kind in rule.kinds:
            if _matches(kind, value, rule):
                return kind
        return None

    def _list(
        self, key: str, key_node: YNode, value: YNode, rule: FieldRule
    ) -> Iterator[tuple[str, Finding]]:
        spec = rule.spec
        if value.kind == "seq":
            items: list[YNode] = list(value.items)
            count = len(items)
        else:
            items = [value]
            count = len(str(value.value).split()) if value.tag == "str" else 1
        yield from self._length(f'"{key}"', value, count, spec.min_length, spec.max_length, "item")
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
                        yield "FM012", self._not_allowed(f'"{key}"', node, word, allowed)

    def _scalar(
        self, label: str, key: str, value: YNode, rule: FieldRule, kind: str
    ) -> Iterator[tuple[str, Finding]]:
        spec = rule.spec
        data = value.value
        if spec.allowed is not None and data not in spec.allowed:
            yield "FM012", self._not_allowed(f'"{key}"', value, data, spec.allowed)
        if not isinstance(data, str):
            return
        text = data.strip()
        if kind == "string" and not spec.multiline and "\n" in text:
            message = f"{label} runs over several lines; keep it on one line"
            yield "FM011", Finding(value.start, value.end, message)
        yield from self._length(
            label, value, len(text), spec.min_length, spec.max_length, "character"
        )
        if rule.pattern is not None and not rule.pattern.search(data):
            hint = spec.pattern_hint or f"matching {spec.pattern}"
            yield "FM017", Finding(value.start, value.end, f"{label} is not {hint}: {quote(text)}")
        if kind == "url" and not text.startswith(_LIQUID) and not _URL.match(text):
            message = f"{label} is not a URL: {quote(text)}; write it as https://…"
            yield "FM017", Finding(value.start, value.end, message)
        if spec.plain:
            found = _MARKUP.search(data)
            if found is not None:
                yield "FM016", self._markup(label, value, found.group())
        if kind == "path":
            missing = self._missing_file(text)
            if missing is not None:
                yield "FM019", Finding(value.start, value.end, f"{label}: {missing}")

    def _length(
        self, label: str, value: YNode, count: int, low: int | None, high: int | None, unit: str
    ) -> Iterator[tuple[str, Finding]]:
        noun = f"{count} {unit}{'' if count == 1 else 's'}"
        if high is not None and count > high:
            message = f"{label} has {noun}; at most {high} allowed"
            yield "FM013", Finding(value.start, value.end, message)
        elif low is not None and count < low:
            message = f"{label} has {noun}; at least {low} needed"
            yield "FM013", Finding(value.start, value.end, message)

    def _not_allowed(self, label: str, node: YNode, data: Any, allowed: list[Any]) -> Finding:
        texts = [str(a) for a in allowed]
        hint = difflib.get_close_matches(str(data), texts, n=1, cutoff=0.6)
        if not hint:
            lowered = {t.lower(): t for t in texts}
            hint = [lowered[str(data).lower()]] if str(data).lower() in lowered else []
        if hint:
            tail = f'; did you mean "{hint[0]}"?'
        else:
            shown = ", ".join(texts[:8]) + (", …" if len(texts) > 8 else "")
            tail = f"; allowed: {shown}"
        start, end = node.start, node.end
        source = self.ctx.doc.text[start:end]
        where = source.find(str(data))
        if where >= 0 and node.kind == "scalar":
            start, end = start + where, start + where + len(str(data))
        return Finding(start, end, f"{label} value {quote(str(data))} is not allowed{tail}")

    def _markup(self, label: str, node: YNode, markup: str) -> Finding:
        source = self.ctx.doc.text[node.start : node.end]
        where = source.find(markup)
        start, end = node.start, node.end
        if where >= 0:
            start, end = node.start + where, node.start + where + len(markup)
        what = "HTML" if markup.startswith(("<", "&")) else "Markdown"
        message = f"{label} contains {what} {quote(markup.strip())}; it is shown as plain text"
        return Finding(start, end, message)

    def _wrong_type(self, label: str, key: str, value: YNode, rule: FieldRule) -> str:
        expected = " or ".join(dict.fromkeys(_EXPECTED[k] for k in rule.kinds))
        got = _WORDS.get(value.tag, value.tag)
        wants_text = any(k in ("string", "text", "url", "path", "one-of") for k in rule.kinds)
        source = self.ctx.doc.text[value.start : value.end]
        if value.plain and wants_text:
            target = f"{key}: {quote(source)}" if label.startswith('"') else quote(source)
            return (
                f"{label} is {got} (YAML reads unquoted {source} as {_show(value.value)}); "
                f"quote it: {target}"
            )
        if value.kind == "scalar" and value.tag == "str":
            bare = str(value.value).strip()
            unquote = f"remove the quotes: {key}: {bare.lower()}"
            if "boolean" in rule.kinds and bare.lower() in ("true", "false"):
                return f"{label} is the text {quote(bare)}, not a boolean; {unquote}"
            numeric = re.fullmatch(r"[-+]?\d+(\.\d+)?", bare)
            if numeric and {"integer", "number"} & set(rule.kinds):
                return f"{label} is the text {quote(bare)}, not a number; {unquote}"
            impossible = _impossible_date(bare) if {"date", "datetime"} & set(rule.kinds) else None
            if impossible is not None:
                return f"{label} is an impossible date ({impossible}); write the real date"
            hint = _HINTS.get(rule.kinds[0], "")
            return f"{label} is text ({quote(_clip(bare))}); expected {expected}{hint}"
        return f"{label} is {got}; expected {expected}"

    def _missing_file(self, text: str) -> str | None:
        """Why the path ``text`` names no file under the site root, or ``None`` if it is fine."""
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
            return f"file {clean} would be outside the site root; use a path under it"
        if any(self.ctx.doc.file_exists(c) for c in inside):
            return None
        if deferred(self.ctx, root, top_folder(clean), ""):
            return None  # its whole top-level folder is missing: SI012 says so once
        target = inside[0]
        hint = ""
        if target.parent.is_dir():
            names = [p.name for p in target.parent.iterdir()]
            close = difflib.get_close_matches(target.name, names, n=1)
            if close:
                hint = f'; did you mean "{close[0]}"?'
        return f"file {clean} does not exist under the site root{hint}"


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


_GUESSED_TAGS = frozenset({"bool", "date", "datetime", "int", "float"})
"""Types YAML 1.1 gives unquoted text that merely looks like a boolean, date or number."""


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


def _show(data: Any) -> str:
    """How YAML understood an unquoted value, in words."""
    if isinstance(data, bool):
        return "true" if data else "false"
    if data is None:
        return "empty"
    if isinstance(data, dt.datetime):
        return "a date and time"
    if isinstance(data, dt.date):
        return "a date"
    return f"the number {data}"


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
