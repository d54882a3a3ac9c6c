"""HT038 markup-too-large: a body with more markup than newslint parses is reported, not parsed."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import MAX_MARKUP, parse_html
from newslint.messages import t


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding at the start of a body whose HTML was too large to parse."""
    markup = parse_html(ctx.doc).unparsed_markup
    if markup:
        at = ctx.doc.body_start
        count, limit = f"{markup:,}", f"{MAX_MARKUP:,}"
        message = t(
            "the body has {count} '<' outside code, more than the {limit} newslint "
            "parses, so its HTML was not checked; split the post, or move generated markup "
            "out of the content",
            count=count,
            limit=limit,
        )
        yield Finding(at, at, message)
