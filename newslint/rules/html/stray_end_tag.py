"""HT001 stray-end-tag: an end tag that closes no open element.

Browsers drop such a tag, so it does nothing except betray markup that is not what the author
meant (a deleted ``<b>`` whose ``</b>`` stayed, tags closed in the wrong order). The finding
spans the end tag as written; when an element of that name was open earlier but was closed
implicitly (``<b><span>…</b></span>``: ``</b>`` also closed the ``<span>``), the finding
points at where it was opened and where it was closed. ``</html>``, ``</head>`` and
``</body>`` are left to the rule on document-level tags in a post.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import HtmlParse, Tag, parse_html

# html5lib codes raised for an end tag that the tree construction then ignores.
STRAY_CODES = frozenset(
    {
        "unexpected-end-tag",
        "end-tag-too-early",
        "end-tag-too-early-ignored",
        "end-tag-too-early-named",
        "adoption-agency-1.1",
        "adoption-agency-1.2",
        "unexpected-end-tag-treated-as",
        "unexpected-end-tag-in-table-body",
        "unexpected-end-tag-in-table-row",
        "unexpected-end-tag-in-select",
        "unexpected-end-tag-implies-table-voodoo",
        "unexpected-end-tag-after-body",
        "unexpected-end-tag-after-body-innerhtml",
        "unexpected-end-tag-before-html",
        "unexpected-end-tag-in-frameset",
        "unexpected-end-tag-after-frameset",
        "expected-eof-but-got-end-tag",
        "unexpected-table-element-end-tag-in-select-in-table",
    }
)
_DOCUMENT_TAGS = frozenset({"html", "head", "body"})
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per end tag the parser ignored because nothing it names is open."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    reported: set[int] = set()
    for error in parse.errors:
        tag = error.tag
        if (
            tag is None
            or tag.kind != "end"
            or tag.matched
            or error.code not in STRAY_CODES
            or tag.name in _DOCUMENT_TAGS
            or tag.start in reported
        ):
            continue
        reported.add(tag.start)
        yield _finding(parse, tag, text[tag.start + 2 : tag.start + 2 + len(tag.name)])


def _finding(parse: HtmlParse, tag: Tag, written: str) -> Finding:
    """The finding for stray ``tag``, whose name the author wrote as ``written``."""
    message = f"stray end tag </{written}>: no <{written}> is open here"
    if tag.name in _VOID:
        message = f"stray end tag </{written}>: <{written}> is a void element and takes no end tag"
        return Finding(tag.start, tag.end, message)
    ignored = _ignored_start(parse, tag)
    if ignored is not None:
        note = f"this <{written}> was ignored: it is not allowed here"
        return Finding(
            tag.start, tag.end, message + "; its start tag was ignored", related=((ignored, note),)
        )
    closed = _closed_before(parse, tag)
    if closed is not None:
        opened, closed_at = closed
        related = ((opened, f"<{written}> opened here"), (closed_at, "and closed here"))
        return Finding(
            tag.start, tag.end, message + "; the last one was closed before it", related=related
        )
    return Finding(tag.start, tag.end, message)


def _ignored_start(parse: HtmlParse, tag: Tag) -> int | None:
    """Offset of an ignored start tag of the same name since the last one that took effect."""
    found = None
    for other in parse.tags:
        if other.start >= tag.start:
            break
        if other.kind == "start" and other.name == tag.name:
            found = None if other.matched else other.start
    return found


def _closed_before(parse: HtmlParse, tag: Tag) -> tuple[int, int] | None:
    """Start and closing offsets of the latest element named like ``tag`` closed before it."""
    best: tuple[int, int] | None = None
    for spans in parse.elements.values():
        start_tag = spans.start_tag
        closed_at = spans.closed_at
        if (
            start_tag is not None
            and spans.end_tag is None
            and closed_at is not None
            and start_tag.name == tag.name
            and closed_at <= tag.start
            and (best is None or start_tag.start > best[0])
        ):
            best = (start_tag.start, closed_at)
    return best
