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
    effect = ""
    if "_posts" in path.parts[:-1] and "_drafts" not in path.parts:
        effect = (
            "; until then Jekyll ignores all of it and publishes the post untitled, "
            f"dated the build day, at …/{path.stem}/"
        )
    for fact in yaml_facts(ctx, SyntaxProblem):
        yield Finding(fact.start, fact.end, _explain(fact) + effect)


def _explain(fact: SyntaxProblem) -> str:
    match fact:
        case TrailingText(key=key, value=value, head=head) if value[0] in "'\"":
            return (
                f'the value of "{key}" starts with the quoted text {head} and goes on after it; '
                f"YAML allows nothing after a closing quote; quote the whole value: "
                f"{_quoted(key, value)}"
            )
        case TrailingText(key=key, value=value, head=head):
            what = "a list" if value[0] == "[" else "a mapping"
            return (
                f'the value of "{key}" starts with "{value[0]}", so YAML reads {what} {head} '
                f"and finds text after it; quote the whole value: {_quoted(key, value)}"
            )
        case ColonInValue(key=key, value=value):
            return (
                f'the value of "{key}" contains ": ", which YAML reads as a nested key; '
                f"quote the whole value: {_quoted(key, value)}"
            )
        case NotAPair(owner=owner):
            hint = (
                f'; if it continues the value of "{owner}", join it to that line or indent it '
                "and quote the value"
                if owner is not None
                else '; write it as "key: value"'
            )
            return f'line is not a "key: value" pair{hint}'
        case Dedented(key=key, width=width):
            return (
                f'this line is indented less than the "{key}" block above it ({width} spaces), '
                f"so YAML ends the block there; indent it by {width} spaces"
            )
        case UnclosedQuote(quote=q):
            return f"the quoted value opened with {q} is never closed; add the closing {q}"
        case BadStart(char=char, key=key, value=value):
            advice = f"quote the value: {_quoted(key, value)}" if key is not None else "quote it"
            return f'a value cannot start with "{char}" in YAML; {advice}'
        case MissingAnchor(name=name):
            return (
                f"alias *{name} has no anchor &{name} before it; "
                "define the anchor first or quote the value"
            )
        case Unreadable(reason=reason):
            return f"YAML cannot read the front matter ({reason})"
        case Unexplained(detail=detail):
            return (
                f"YAML cannot read the front matter here ({detail}); check quoting and indentation"
            )
    raise AssertionError(fact)


def _quoted(key: str, value: str) -> str:
    """``key: "value"``, the line with its value quoted, cut short after ``_LONG`` characters."""
    line = f"{key}: {quote(value)}"
    return line if len(line) <= _LONG else line[: _LONG - 1] + "…"
