"""FM003 yaml-syntax-error: front matter YAML cannot read, where it stops, in plain words.

In a post (a file under ``_posts/``) the message also says what Jekyll then does: it drops the
whole front matter and publishes the post untitled, dated the day of the build, at a URL made
of the whole file name (checked against a real build in tests/test_jekyll_agreement.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.messages import N_, Text, t
from newslint.rules.frontmatter._common import yaml_facts
from newslint.yamlerrors import (
    BadStart,
    ColonInValue,
    Dedented,
    MissingAnchor,
    NotAPair,
    SyntaxProblem,
    TrailingText,
    UnclosedQuote,
    Unexplained,
    Unreadable,
)

_LONG = 60
"""The longest suggested line shown whole."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter that YAML cannot read, at the place it stops, in plain words."""
    path = PurePath(ctx.doc.path)
    in_posts = "_posts" in path.parts[:-1] and "_drafts" not in path.parts
    for fact in yaml_facts(ctx, SyntaxProblem):
        message = _explain(fact)
        if in_posts:
            message = t(
                "{message}; until then Jekyll ignores all of it and publishes the post untitled, "
                "dated the build day, at …/{name}/",
                message=message,
                name=path.stem,
            )
        yield Finding(fact.start, fact.end, message)


def _explain(fact: SyntaxProblem) -> Text:
    match fact:
        case TrailingText(key=key, value=value, head=head) if value[0] in "'\"":
            return t(
                'the value of "{key}" starts with the quoted text {head} and goes on after it; '
                "YAML allows nothing after a closing quote; quote the whole value: {line}",
                key=key,
                head=head,
                line=_quoted(key, value),
            )
        case TrailingText(key=key, value=value, head=head):
            if value[0] == "[":
                template = N_(
                    'the value of "{key}" starts with "{char}", so YAML reads a list {head} '
                    "and finds text after it; quote the whole value: {line}"
                )
            else:
                template = N_(
                    'the value of "{key}" starts with "{char}", so YAML reads a mapping {head} '
                    "and finds text after it; quote the whole value: {line}"
                )
            return t(template, key=key, char=value[0], head=head, line=_quoted(key, value))
        case ColonInValue(key=key, value=value):
            return t(
                'the value of "{key}" contains ": ", which YAML reads as a nested key; '
                "quote the whole value: {line}",
                key=key,
                line=_quoted(key, value),
            )
        case NotAPair(owner=owner):
            if owner is not None:
                return t(
                    'line is not a "key: value" pair; if it continues the value of "{owner}", '
                    "join it to that line or indent it and quote the value",
                    owner=owner,
                )
            return t('line is not a "key: value" pair; write it as "key: value"')
        case Dedented(key=key, width=width):
            return t(
                'this line is indented less than the "{key}" block above it ({width} spaces), '
                "so YAML ends the block there; indent it by {width} spaces",
                key=key,
                width=width,
            )
        case UnclosedQuote(quote=q):
            return t(
                "the quoted value opened with {quote} is never closed; add the closing {quote}",
                quote=q,
            )
        case BadStart(char=char, key=key, value=value):
            if key is not None:
                advice = t("quote the value: {line}", line=_quoted(key, value))
            else:
                advice = t("quote it")
            return t(
                'a value cannot start with "{char}" in YAML; {advice}', char=char, advice=advice
            )
        case MissingAnchor(name=name):
            return t(
                "alias *{name} has no anchor &{name} before it; "
                "define the anchor first or quote the value",
                name=name,
            )
        case Unreadable(reason=reason):
            return t("YAML cannot read the front matter ({reason})", reason=reason)
        case Unexplained(detail=detail):
            return t(
                "YAML cannot read the front matter here ({detail}); check quoting and indentation",
                detail=detail,
            )
    raise AssertionError(fact)


def _quoted(key: str, value: str) -> str:
    """``key: "value"``, the line with its value quoted, cut short after ``_LONG`` characters."""
    line = f"{key}: {quote(value)}"
    return line if len(line) <= _LONG else line[: _LONG - 1] + "…"
