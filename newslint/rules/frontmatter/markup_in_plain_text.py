"""FM016 markup-in-plain-text: HTML or Markdown in a field shown as plain text."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.messages import t
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.validation import MarkupInText


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report the first HTML or Markdown in a plain-text field, at the markup when found."""
    for fact in schema_violations(ctx, MarkupInText):
        node, markup = fact.node, fact.markup
        start, end = node.start, node.end
        where = ctx.doc.text[start:end].find(markup)
        if where >= 0:
            start, end = node.start + where, node.start + where + len(markup)
        what = "HTML" if markup.startswith(("<", "&")) else "Markdown"
        message = t(
            "{field} contains {what} {markup}; it is shown as plain text",
            field=label(fact),
            what=what,
            markup=quote(markup.strip()),
        )
        yield Finding(start, end, message)
