"""HT026 multiple-h1: a post body has at most one ``<h1>``.

A page has one top-level heading, its title; a second ``<h1>`` makes the outline (screen
readers, search snippets) ambiguous. Each ``<h1>`` after the first is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import parse_html


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on every ``<h1>`` start tag after the first."""
    first: int | None = None
    for _, tag in parse_html(ctx.doc).authored_named("h1"):
        if first is None:
            first = tag.start
            continue
        yield Finding(
            tag.start, tag.end, "more than one <h1>", related=((first, "the first <h1>"),)
        )
