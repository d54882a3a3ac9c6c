"""HT014 misplaced-content: a tag or text where HTML does not allow it, moved or dropped.

A ``<td>`` or ``<tr>`` outside a table and a ``<select>`` inside a ``<select>`` are ignored; text
or a ``<p>`` directly inside ``<table>`` (not in a cell) is moved before the table ("foster
parenting"); ``<image>`` is read as ``<img>``; an HTML element inside ``<svg>`` or ``<math>``
ends it. The finding spans the tag (or the text) that was moved, ignored or rewritten; for an
ignored start tag, its end tag (ignored too, and not reported by HT001) is a related location.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import HtmlParse, Tag
from newslint.rules.html._shared import DOCUMENT_TAGS, analyse, markup

IGNORED = frozenset(
    {
        "unexpected-start-tag-ignored",
        "unexpected-start-tag",
        "unexpected-select-in-select",
        "unexpected-input-in-select",
        "unexpected-start-tag-in-select",
        "unexpected-start-tag-in-frameset",
        "unexpected-start-tag-after-frameset",
        "unexpected-start-tag-after-body",
        "two-heads-are-not-better-than-one",
        "expected-eof-but-got-start-tag",
        "unexpected-form-in-table",
        "unexpected-cell-in-table-body",
        "unexpected-table-element-start-tag-in-select-in-table",
        "unexpected-inhead-noscript-tag",
        "unexpected-start-tag-out-of-my-head",
    }
)
MOVED = frozenset(
    {
        "unexpected-start-tag-implies-table-voodoo",
        "unexpected-char-implies-table-voodoo",
        "unexpected-hidden-input-in-table",
    }
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per tag or text the parser moved, ignored or rewrote."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    parse = analysis.parse
    for error in parse.errors:
        code, tag = error.code, error.tag
        if code in MOVED:
            what = markup(text, tag) if tag is not None else "text"
            yield Finding(
                error.start,
                error.end,
                f"{what} directly inside <table>: browsers move it before the table",
            )
        if tag is None or tag.start in analysis.unterminated or tag.start in analysis.closers:
            continue
        shown = markup(text, tag)
        if code in IGNORED and tag.name not in DOCUMENT_TAGS and not tag.matched:
            end_tag = _ignored_end(parse, tag)
            related = () if end_tag is None else ((end_tag.start, "its end tag, ignored too"),)
            yield Finding(
                tag.start,
                tag.end,
                f"{shown} is not allowed here: browsers ignore it and its end tag",
                related=related,
            )
        elif code == "unexpected-start-tag-treated-as":
            new = error.data.get("newName", "")
            yield Finding(
                tag.start, tag.end, f"{shown} is not an element: browsers read it as <{new}>"
            )
        elif code == "unexpected-html-element-in-foreign-content":
            yield Finding(tag.start, tag.end, f"{shown} inside <svg> or <math> ends it")


def _ignored_end(parse: HtmlParse, start_tag: Tag) -> Tag | None:
    """The end tag of the ignored ``start_tag``: the next tag of its name, if it is an end tag
    that closed nothing (a start tag of the name first: there is none)."""
    tag = parse.next_tag_named(start_tag.name, start_tag)
    return tag if tag is not None and tag.kind == "end" and not tag.matched else None
