"""HT002 unclosed-element: an element whose end tag is missing.

Reports the start tag of an element (other than those whose end tag HTML lets you leave out,
such as ``<p>`` and ``<li>``) that was closed by another token (the end tag of an element around
it, a start tag that cannot nest in it) or is still open at the end of the post. html5lib's
"end tag too early", "start tag implies end tag" and "end of file with open elements" errors all
come down to this. An end tag of the element written later is a misnesting (HT003) instead.

The fix (unsafe: the element then ends where the parser ended it, which may not be where the
author meant) inserts the missing end tags at the point the parser closed the element. An
element HTML does not know (``<max_hosts>`` in prose) gets no fix here: HT037 offers to write
it as text instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.html import HtmlParse
from newslint.rules.html._shared import (
    EOF_IN_COMMENT,
    EOF_IN_TAG,
    HEADINGS,
    Closing,
    analyse,
    markup,
    written,
)
from newslint.rules.html.unknown_element import known_element

_EOF_INSIDE = (
    EOF_IN_TAG
    | EOF_IN_COMMENT
    | {"eof-in-doctype", "eof-in-doctype-name", "expected-doctype-name-but-got-eof"}
)
"""html5lib codes for a post that ends inside a tag, comment or doctype."""


_RAW_TEXT = frozenset(
    [
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ]
)
"""Elements whose content is text up to their own end tag (or, for plaintext, the end)."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per element with no end tag that needs one."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    unclosed = [c for c in analysis.closings if c.partner is None]
    if not unclosed:
        return
    by_point: dict[int | None, list[Closing]] = defaultdict(list)
    for closing in unclosed:
        by_point[closing.at].append(closing)
    end = len(text.rstrip())
    tail_ok: bool | None = None  # whether end tags can go at the end: worked out when needed
    groups: dict[int | None, tuple[str, str]] = {}
    """End tags to insert per closing point and the fix title, built once: a group can be
    thousands of tags long, and a copy per finding would take memory quadratic in the post."""
    for closing in unclosed:
        start = closing.start_tag
        name = written(text, start)
        at = closing.at
        if at is None:
            message = f"<{name}> is never closed: the post ends with it open"
            related: tuple[tuple[int, str], ...] = ()
        elif closing.closer is not None:
            closer = markup(text, closing.closer)
            message = f"<{name}> is never closed: {closer} closes it"
            related = ((at, f"{closer} closes <{name}> here"),)
        else:
            message = f"<{name}> is never closed: the parser closes it"
            related = ((at, f"<{name}> is closed here"),)
        if closing.reopenings:
            after = markup(text, closing.closer) if closing.closer is not None else "it is closed"
            message = _reopened_message(name, after, len(closing.reopenings))
            related = (*related, (closing.reopenings[0], f"browsers reopen <{name}> here"))
        known = groups.get(at)
        if known is None:
            group = sorted(by_point[at], key=lambda c: c.start_tag.start, reverse=True)
            tags = [f"</{written(text, c.start_tag)}>" for c in group]
            shown = "".join(tags) if len(tags) <= 5 else f"{''.join(tags[:3])}… ({len(tags)} tags)"
            known = groups[at] = ("".join(tags), f"insert {shown} where the parser closed it")
        end_tags, title = known
        point = end if at is None else at
        edit = Edit(point, point, end_tags)
        heading = closing.closer
        if heading is not None and heading.kind == "end" and {heading.name, start.name} <= HEADINGS:
            edit = Edit(heading.start, heading.end, f"</{name}>")
            title = f"write </{name}> for {markup(text, heading)}"
        if at is None and tail_ok is None:
            tail_ok = _tail_ok(analysis.parse, end)
        # No end tag for a name HTML does not know (<max_hosts> in prose): HT037 offers to
        # write it as text, which is what such a tag usually meant.
        fixable = (at is not None or tail_ok) and known_element(start.name)
        fix = Fix(title, (edit,), Applicability.UNSAFE) if fixable else None
        yield Finding(start.start, start.end, message, fix, related)


def _tail_ok(parse: HtmlParse, end: int) -> bool:
    """Whether end tags added at ``end``, the end of the post, land in plain text: not inside a
    comment, a tag or code left open at the end, where they would be swallowed too."""
    return not (
        parse.masked(end - 1, end)
        or any(c.start < end <= c.end for c in parse.comments)
        or any(e.code in _EOF_INSIDE for e in parse.errors)
        or any(
            element.tag in _RAW_TEXT
            and where.end_tag is None
            and (where.closed_at is None or where.closed_at >= end)
            for element, where in parse.elements.items()
        )  # an open <script>, <textarea>, <plaintext>…: the rest of the post is its text
    )


def _reopened_message(name: str, after: str, count: int) -> str:
    """The message for a formatting element that browsers carry on after it was closed."""
    times = "once" if count == 1 else f"{count} times"
    return (
        f"<{name}> is never closed: browsers reopen it after {after} ({times}), "
        "so its formatting runs on into what follows"
    )
