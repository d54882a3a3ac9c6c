"""FM011 wrong-type: a value of the wrong type, explaining YAML 1.1 readings of plain text.

An unquoted value that YAML 1.1 read as a boolean, date or number where text is wanted gets a
safe fix: the same characters, quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.frontmatter import YNode, quote
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.site_rules.jekyll import is_calendar_date, ruby_date
from newslint.validation import SeveralLines, WrongType

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
_HINTS = {
    "date": "; write it as 2024-01-02",
    "datetime": "; write it as 2024-01-02 10:00:00 +0900",
    "list": "; write it as a list: [a, b]",
    "mapping": '; write it as "key: value" lines indented under it',
}
_GUESSED_TAGS = frozenset({"bool", "date", "datetime", "int", "float"})
"""Types YAML 1.1 gives unquoted text that merely looks like a boolean, date or number."""
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


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a value of none of its field's kinds, and one-line text over several lines."""
    for fact in schema_violations(ctx, WrongType, SeveralLines):
        value = fact.node
        if isinstance(fact, SeveralLines):
            message = f"{label(fact)} runs over several lines; keep it on one line"
            yield Finding(value.start, value.end, message)
            continue
        kinds = fact.rule.kinds
        message = _wrong_type(ctx, fact, kinds)
        yield Finding(value.start, value.end, message, _quote_fix(ctx, value, kinds))


def _quote_fix(ctx: RuleContext, value: YNode, kinds: tuple[str, ...]) -> Fix | None:
    """Quote an unquoted value YAML 1.1 read as a boolean, date or number where text is wanted.

    Safe: the characters stay the same, only YAML's guess at their type is taken away.
    """
    wants_text = {"string", "text", "url", "path"} & set(kinds)
    if not (wants_text and value.plain and value.tag in _GUESSED_TAGS):
        return None
    raw = ctx.doc.text[value.start : value.end]
    if "\n" in raw or "#" in raw:
        return None
    return Fix(f"quote it: {quote(raw)}", (Edit(value.start, value.end, quote(raw)),))


def _wrong_type(ctx: RuleContext, fact: WrongType, kinds: tuple[str, ...]) -> str:
    value, key, name = fact.node, fact.key, label(fact)
    expected = " or ".join(dict.fromkeys(_EXPECTED[k] for k in kinds))
    got = _WORDS.get(value.tag, value.tag)
    wants_text = any(k in ("string", "text", "url", "path", "one-of") for k in kinds)
    source = ctx.doc.text[value.start : value.end]
    if value.plain and wants_text:
        target = f"{key}: {quote(source)}" if fact.item is None else quote(source)
        return (
            f"{name} is {got} (YAML reads unquoted {source} as {_show(value.value)}); "
            f"quote it: {target}"
        )
    if value.kind == "scalar" and value.tag == "str":
        bare = str(value.value).strip()
        unquote = f"remove the quotes: {key}: {bare.lower()}"
        if "boolean" in kinds and bare.lower() in ("true", "false"):
            return f"{name} is the text {quote(bare)}, not a boolean; {unquote}"
        numeric = re.fullmatch(r"[-+]?\d+(\.\d+)?", bare)
        if numeric and {"integer", "number"} & set(kinds):
            return f"{name} is the text {quote(bare)}, not a number; {unquote}"
        impossible = _impossible_date(bare) if {"date", "datetime"} & set(kinds) else None
        if impossible is not None:
            return f"{name} is an impossible date ({impossible}); write the real date"
        hint = _HINTS.get(kinds[0], "")
        return f"{name} is text ({quote(_clip(bare))}); expected {expected}{hint}"
    return f"{name} is {got}; expected {expected}"


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
