"""HT012 document-tag: a doctype, ``<html>``, ``<head>`` or ``<body>`` tag inside a post.

The site layout writes the document around the post; the same tags pasted into its body (from a
saved page or an editor's export) are ignored or merged by browsers, and what was in the pasted
``<head>`` (a ``<title>``, ``<meta>``) lands in the body. The finding spans each such tag.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.html._shared import DOCUMENT_TAGS, analyse, markup


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per document-level tag or doctype in the body."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    for error in analysis.parse.errors_of("unexpected-doctype"):
        yield Finding(error.start, error.end, "doctype in a post: the layout writes it")
    for tag in analysis.parse.tags_named(*DOCUMENT_TAGS):
        if tag.start not in analysis.unterminated:
            message = f"{markup(text, tag)} in a post: the layout writes the document around it"
            yield Finding(tag.start, tag.end, message)
