"""HT038 markup-too-large: a body with more markup than newslint parses is reported, not parsed."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import MAX_MARKUP, parse_html


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding at the start of a body whose HTML was too large to parse."""
    markup = parse_html(ctx.doc).unparsed_markup
    if markup:
        at = ctx.doc.body_start
        yield Finding(
            at,
            at,
            f"the body has {markup:,} '<' outside code, more than the {MAX_MARKUP:,} newslint "
            "parses, so its HTML was not checked; split the post, or move generated markup "
            "out of the content",
        )
