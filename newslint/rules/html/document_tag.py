"""HT012 document-tag: no doctype, ``<html>``, ``<head>`` or ``<body>`` tag that readers see.

The site layout writes the document around the post; the same tags pasted into its body (from a
saved page or an editor's export) are ignored by browsers, but in a Markdown post kramdown prints
a doctype, and any of these tags it cannot match, on the page as text (``<!DOCTYPE html>`` above
the article). Only that is reported, once per post: on the first tag readers see, with the
paste's other document tags as related locations. Tags that kramdown passes through, and all of
them in an HTML post, change nothing on the page and are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.html._kramdown import kramdown_reading
from newslint.rules.html._markup import shown
from newslint.rules.html._shared import DOCUMENT_TAGS, analyse


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding when kramdown prints a document-level tag or doctype as text."""
    reading = kramdown_reading(ctx.doc)
    if reading is None:
        return  # an HTML post: browsers ignore these tags
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    found = [
        (error.start, error.end, True)  # kramdown has no doctype: it prints every one
        for error in analysis.parse.errors_of("unexpected-doctype")
    ]
    found += [
        (tag.start, tag.end, tag.start in reading.printed)
        for tag in analysis.parse.tags_named(*DOCUMENT_TAGS)
        if tag.start not in analysis.unterminated
    ]
    found.sort()
    seen = [(start, end) for start, end, printed in found if printed]
    if not seen:
        return
    start, end = seen[0]
    quoted = _join([shown(text[s:e], 20) for s, e in seen[:3]] + (["…"] if seen[3:] else []))
    if len(found) > 1:
        kinds = _join(list(dict.fromkeys(_kind(text, s, e) for s, e, _ in found)))
        message = t(
            "kramdown prints {tags} on the page as text: the layout writes the document; "
            "remove the pasted {kinds} tags ({count} in all)",
            tags=quoted,
            kinds=kinds,
            count=len(found),
        )
    else:
        message = t(
            "kramdown prints {tags} on the page as text: the layout writes the document; remove it",
            tags=quoted,
        )
    related = tuple(
        (
            s,
            t("{tag}, printed as text", tag=shown(text[s:e], 20))
            if printed
            else shown(text[s:e], 20),
        )
        for s, e, printed in found
        if s != start
    )
    yield Finding(start, end, message, related=related)


def _kind(text: str, start: int, end: int) -> str:
    """``doctype``, ``<html>``, ``<head>`` or ``<body>`` for a tag or doctype at ``start``."""
    if text.startswith("<!", start):
        return "doctype"
    return "<" + text[start:end].strip("</>").split(None, 1)[0].lower() + ">"


def _join(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) == 1:
        return items[0]
    return t("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])
