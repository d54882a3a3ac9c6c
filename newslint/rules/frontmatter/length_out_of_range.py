"""FM013 length-out-of-range: text or a list shorter or longer than the schema allows.

Lengths are counted in characters (or list items); widths in the cells a reader sees, where
Hangul and other wide East Asian characters take two (``newslint.positions``).
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import N_, Text, t
from newslint.rules.frontmatter._common import schema_violations
from newslint.validation import BadLength, BadWidth, FieldFact

HINTS = (N_("search results"), N_("share cards"), N_("lists of posts"))
"""The ``width_hint`` values a translation knows (another hint is said as written)."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a text's characters or cells, or a list's items, past the schema's bounds."""
    for fact in schema_violations(ctx, BadLength, BadWidth):
        message = _width(fact) if isinstance(fact, BadWidth) else _length(fact)
        yield Finding(fact.node.start, fact.node.end, message)


def _field(fact: FieldFact) -> Text:
    if fact.item is None:
        return t('"{key}"', key=fact.key)
    return t('item {number} of "{key}"', number=fact.item + 1, key=fact.key)


def _length(fact: BadLength) -> Text:
    if fact.unit == "item":
        noun = (
            t("{count} item", count=1) if fact.count == 1 else t("{count} items", count=fact.count)
        )
    elif fact.count == 1:
        noun = t("{count} character", count=1)
    else:
        noun = t("{count} characters", count=fact.count)
    bound = (
        t("at most {limit} allowed", limit=fact.limit)
        if fact.too_long
        else t("at least {limit} needed", limit=fact.limit)
    )
    return t("{field} has {noun}; {bound}", field=_field(fact), noun=noun, bound=bound)


def _width(fact: BadWidth) -> Text:
    field, width, limit = _field(fact), fact.width, fact.limit
    if not fact.too_long:
        return t(
            "{field} is {width} cells wide (Hangul counts two); at least {limit} needed; "
            "lengthen it",
            field=field, width=width, limit=limit,
        )  # fmt: skip
    if fact.hint:
        return t(
            "{field} is {width} cells wide (Hangul counts two); {where} show about {limit}; "
            "shorten it",
            field=field, width=width, where=t(fact.hint), limit=limit,
        )  # fmt: skip
    return t(
        "{field} is {width} cells wide (Hangul counts two); at most {limit} fit; shorten it",
        field=field, width=width, limit=limit,
    )  # fmt: skip
