"""HT012 document-tag: a doctype, ``<html>``, ``<head>`` or ``<body>`` tag inside a post.

The site layout writes the document around the post; the same tags pasted into its body (from a
saved page or an editor's export) are ignored or merged by browsers, and what was in the pasted
``<head>`` (a ``<title>``, ``<meta>``) lands in the body. One paste is one finding: a single
such tag is reported on its span, several on the first, with the others as related locations.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.html._shared import DOCUMENT_TAGS, analyse, markup

_DOCTYPE = "doctype"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding for the document-level tags and doctypes in the body, if any."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    found = [(e.start, e.end, _DOCTYPE) for e in analysis.parse.errors_of("unexpected-doctype")]
    found += [
        (tag.start, tag.end, markup(text, tag))
        for tag in analysis.parse.tags_named(*DOCUMENT_TAGS)
        if tag.start not in analysis.unterminated
    ]
    if not found:
        return
    (start, end, first), *rest = sorted(found)
    if not rest:
        where = "it" if first == _DOCTYPE else "the document around it"
        yield Finding(start, end, f"{first} in a post: the layout writes {where}")
        return
    kinds = ", ".join(dict.fromkeys(what.replace("/", "").lower() for _, _, what in found))
    message = (
        f"document tags in a post ({kinds}; {len(found)} in all):"
        " the layout writes the document around it; remove them"
    )
    yield Finding(start, end, message, related=tuple((at, what) for at, _, what in rest))
