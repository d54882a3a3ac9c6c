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
from newslint.messages import N_, Text, t
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.site_rules.jekyll import is_calendar_date, ruby_date
from newslint.validation import SeveralLines, WrongType

_WORDS = {
    "str": N_("text"),
    "int": N_("an integer"),
    "float": N_("a number"),
    "bool": N_("a boolean"),
    "null": N_("empty"),
    "date": N_("a date"),
    "datetime": N_("a date and time"),
    "seq": N_("a list"),
    "map": N_("a mapping"),
}
_EXPECTED = {
    "any": N_("any value"),
    "string": N_("one line of text"),
    "text": N_("text"),
    "integer": N_("an integer"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "date": N_("a date"),
    "datetime": N_("a date and time"),
    "url": N_("a URL"),
    "path": N_("a file path"),
    "list": N_("a list"),
    "mapping": N_("a mapping"),
    "one-of": N_("one of the allowed values"),
}
_HINTS = {
    "date": N_("; write it as 2024-01-02"),
    "datetime": N_("; write it as 2024-01-02 10:00:00 +0900"),
    "list": N_("; write it as a list: [a, b]"),
    "mapping": N_('; write it as "key: value" lines indented under it'),
}
_GUESSED_TAGS = frozenset({"bool", "date", "datetime", "int", "float"})
"""Types YAML 1.1 gives unquoted text that merely looks like a boolean, date or number."""
_DATE_LIKE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a value of none of its field's kinds, and one-line text over several lines."""
    for fact in schema_violations(ctx, WrongType, SeveralLines):
        value = fact.node
        if isinstance(fact, SeveralLines):
            message = t("{field} runs over several lines; keep it on one line", field=label(fact))
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
    return Fix(
        t("quote it: {value}", value=quote(raw)), (Edit(value.start, value.end, quote(raw)),)
    )


def _wrong_type(ctx: RuleContext, fact: WrongType, kinds: tuple[str, ...]) -> Text:
    value, key, name = fact.node, fact.key, label(fact)
    expected: str = ""
    for word in dict.fromkeys(_EXPECTED[k] for k in kinds):
        expected = (
            t(word) if not expected else t("{first} or {second}", first=expected, second=t(word))
        )
    got = t(_WORDS[value.tag]) if value.tag in _WORDS else value.tag
    wants_text = any(k in ("string", "text", "url", "path", "one-of") for k in kinds)
    source = ctx.doc.text[value.start : value.end]
    if value.plain and wants_text:
        target = f"{key}: {quote(source)}" if fact.item is None else quote(source)
        return t(
            "{field} is {got} (YAML reads unquoted {source} as {read}); quote it: {target}",
            field=name,
            got=got,
            source=source,
            read=_show(value.value),
            target=target,
        )
    if value.kind == "scalar" and value.tag == "str":
        bare = str(value.value).strip()
        unquote = t("remove the quotes: {key}: {value}", key=key, value=bare.lower())
        if "boolean" in kinds and bare.lower() in ("true", "false"):
            return t(
                "{field} is the text {value}, not a boolean; {unquote}",
                field=name,
                value=quote(bare),
                unquote=unquote,
            )
        numeric = re.fullmatch(r"[-+]?\d+(\.\d+)?", bare)
        if numeric and {"integer", "number"} & set(kinds):
            return t(
                "{field} is the text {value}, not a number; {unquote}",
                field=name,
                value=quote(bare),
                unquote=unquote,
            )
        impossible = _impossible_date(bare) if {"date", "datetime"} & set(kinds) else None
        if impossible is not None:
            return t(
                "{field} is an impossible date ({problem}); write the real date",
                field=name,
                problem=impossible,
            )
        hint = t(_HINTS[kinds[0]]) if kinds[0] in _HINTS else ""
        return t(
            "{field} is text ({value}); expected {expected}{hint}",
            field=name,
            value=quote(_clip(bare)),
            expected=expected,
            hint=hint,
        )
    return t("{field} is {got}; expected {expected}", field=name, got=got, expected=expected)


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
        return t(
            "{month} {day}: Jekyll dates the post {date}",
            month=t(_MONTHS[month - 1]),
            day=day,
            date=rolled.isoformat(),
        )
    if not 1 <= month <= 12:
        return t("month {month}: Jekyll stops the build with 'Invalid date'", month=month)
    return t("day {day}: Jekyll stops the build with 'Invalid date'", day=day)


def _show(data: Any) -> str:
    """How YAML understood an unquoted value, in words."""
    if isinstance(data, bool):
        return "true" if data else "false"
    if data is None:
        return t("empty")
    if isinstance(data, dt.datetime):
        return t("a date and time")
    if isinstance(data, dt.date):
        return t("a date")
    return t("the number {number}", number=str(data))


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
