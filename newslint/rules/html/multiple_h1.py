"""HT026 multiple-h1: a post body has at most one ``<h1>``.

A page has one top-level heading, its title; more ``<h1>`` elements make the outline (screen
readers, search snippets) flat and ambiguous. A post that uses ``<h1>`` for its sections is one
finding, on the second ``<h1>``, with the first and the later ones as related locations. Off by
default: HTML allows several ``<h1>`` and they render as meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import t


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding when the body has more than one ``<h1>``, on the second."""
    tags = [tag for _, tag in parse_html(ctx.doc).authored_named("h1")]
    if len(tags) < 2:
        return
    first, second, *later = tags
    message = t(
        "{count} <h1> headings: the page has one top-level heading, its title;"
        " make the section headings <h2>",
        count=len(tags),
    )
    another = t("another <h1>")
    related = ((first.start, t("the first <h1>")), *((tag.start, another) for tag in later))
    yield Finding(second.start, second.end, message, related=related)
