"""HT002 unclosed-element: an element whose end tag is missing.

Reports the start tag of an element (other than those whose end tag HTML lets you leave out,
such as ``<p>`` and ``<li>``) that was closed by another token (the end tag of an element around
it, a start tag that cannot nest in it) or is still open at the end of the post. html5lib's
"end tag too early", "start tag implies end tag" and "end of file with open elements" errors all
come down to this. An end tag of the element written later is a misnesting (HT003) instead.

The message says what the reader sees. In a Markdown post kramdown decides: the end tag that
closed the element in the browser is printed as text, and the element runs on to the end of the
post (opened in an HTML block) or of its paragraph (in Markdown text). Otherwise the browser's
repair: what closed it, or where a formatting element is reopened.

One defect, one finding: a second bare start tag of an inline element where its end tag was
meant (``<b><span>…</span><b>``, every lead of a Tistory export) is reported once, on the second,
whose fix writes the end tag. An element HTML does not know (``<max_hosts>`` in prose) is left to
HT037 when it runs, a start tag kramdown prints as text is no element at all, and the element an
end tag missing its ``>`` should have closed is HT006's.

The other fix (unsafe: the element then ends where the parser, or kramdown, ended it, which may
not be where the author meant) inserts the missing end tags there: at the end of the paragraph
for an element kramdown ends with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.html.query import HtmlParse
from newslint.messages import t
from newslint.rules.html import broken_obsolete_element, unknown_element
from newslint.rules.html._kramdown import Reading, kramdown_reading, runs_on
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
    unclosed = [
        c
        for c in analysis.closings
        if c.partner is None
        and not unknown_element.leaves_to_it(ctx, c.start_tag.name)
        and not (c.start_tag.name == "plaintext" and broken_obsolete_element.CODE in ctx.enabled)
    ]  # nothing closes <plaintext>: HT039 says what it does to the page
    if not unclosed:
        return
    reading = kramdown_reading(ctx.doc)
    if reading is not None:  # a start tag kramdown prints as text opens nothing
        unclosed = [c for c in unclosed if c.start_tag.start not in reading.printed]
    pairs = _pairs(analysis.parse, unclosed)
    paired = {c.start_tag.start for c in pairs.values()}
    end = len(text.rstrip())
    ends = reading.paragraph if reading is not None else {}
    by_point: dict[int | None, list[Closing]] = defaultdict(list)
    for closing in unclosed:
        if closing.start_tag.start not in paired:
            by_point[_point(text, closing, ends)].append(closing)
    tail_ok: bool | None = None  # whether end tags can go at the end: worked out when needed
    # After a <plaintext> nothing is markup again: an end tag added anywhere stays text.
    plaintext = any(e.tag == "plaintext" for e in analysis.parse.elements)
    groups: dict[int | None, tuple[str, str]] = {}
    """End tags to insert per closing point and the fix title, built once: a group can be
    thousands of tags long, and a copy per finding would take memory quadratic in the post."""
    for closing in unclosed:
        start = closing.start_tag
        if start.start in paired:
            continue
        name = written(text, start)
        effect, related = _effect(text, closing, reading)
        outer = pairs.get(start.start)
        if outer is not None:
            message = t(
                "<{name}> where </{name}> was meant: as written, <{name}> is opened twice "
                "and never closed; {effect}",
                name=name,
                effect=effect,
            )
            related = ((outer.start_tag.start, t("the first <{name}>", name=name)), *related)
            end_tag = Edit(start.start, start.end, f"</{name}>")
            title: str = t("write </{name}> for the second <{name}>", name=name)
            yield Finding(
                start.start,
                start.end,
                message,
                Fix(title, (end_tag,), Applicability.UNSAFE),
                related,
            )
            continue
        message = t("<{name}> is never closed: {effect}", name=name, effect=effect)
        point = _point(text, closing, ends)
        known = groups.get(point)
        if known is None:
            group = sorted(by_point[point], key=lambda c: c.start_tag.start, reverse=True)
            tags = [f"</{written(text, c.start_tag)}>" for c in group]
            shown: str = "".join(tags)
            if len(tags) > 5:
                shown = t("{tags}… ({count} tags)", tags="".join(tags[:3]), count=len(tags))
            if start.start in ends:
                title = t("insert {tags} at the end of the paragraph", tags=shown)
            else:
                title = t("insert {tags} where the parser closed it", tags=shown)
            known = groups[point] = ("".join(tags), title)
        end_tags, title = known
        insert_at = end if point is None else point
        edit = Edit(insert_at, insert_at, end_tags)
        heading = closing.closer
        if heading is not None and heading.kind == "end" and {heading.name, start.name} <= HEADINGS:
            edit = Edit(heading.start, heading.end, f"</{name}>")
            title = t("write </{name}> for {tag}", name=name, tag=markup(text, heading))
        if point is None and tail_ok is None:
            tail_ok = _tail_ok(analysis.parse, end)
        # No end tag for a name HTML does not know (<max_hosts> in prose): HT037 offers to
        # write it as text, which is what such a tag usually meant.
        fixable = (point is not None or tail_ok) and known_element(start.name) and not plaintext
        fix = Fix(title, (edit,), Applicability.UNSAFE) if fixable else None
        yield Finding(start.start, start.end, message, fix, related)


def _point(text: str, closing: Closing, ends: dict[int, int]) -> int | None:
    """Where the missing end tag goes: at the end of its paragraph when kramdown ends the
    element there (Markdown text), else where the parser closed it (``None``: the end)."""
    paragraph_end = ends.get(closing.start_tag.start)
    if paragraph_end is None:
        return closing.at
    return len(text[:paragraph_end].rstrip())


def _effect(
    text: str, closing: Closing, reading: Reading | None
) -> tuple[str, tuple[tuple[int, str], ...]]:
    """What leaving the element open does to the page, and the places that show it.

    In a Markdown post, kramdown's reading when it differs from the browser's: the end tag that
    closed the element in the browser printed as text, the element running on to the end of
    the paragraph or of the post. Otherwise the browser's: what closed it, or where it reopens.
    """
    start, at, closer = closing.start_tag, closing.at, closing.closer
    name = written(text, start)
    related: tuple[tuple[int, str], ...] = ()
    if closer is not None:
        note = t("{tag} closes <{name}> here", tag=markup(text, closer), name=name)
        related = ((closer.start, note),)
    elif at is not None:
        related = ((at, t("<{name}> is closed here", name=name)),)
    if reading is not None:
        printed = None
        if closer is not None and closer.kind == "end" and closer.start in reading.printed:
            printed = t("kramdown prints {tag} as text", tag=markup(text, closer))
        rest = runs_on(reading, start, name)
        if printed is not None and rest is not None:
            return t("{first} and {second}", first=printed, second=rest), related
        if printed is not None or rest is not None:
            return printed or rest or "", related
    if closing.reopenings:
        after = markup(text, closer) if closer is not None else t("it is closed")
        note = t("browsers reopen <{name}> here", name=name)
        related = (*related, (closing.reopenings[0], note))
        return _reopened(after, len(closing.reopenings)), related
    if at is None:
        return t("the post ends with it open"), related
    if closer is not None:
        return t("{tag} closes it", tag=markup(text, closer)), related
    return t("the parser closes it"), related


_INLINE = "a b big code del em font i ins mark s small span strike strong sub sup tt u"
_FORMATTING = frozenset(_INLINE.split())
"""Inline elements whose second start tag, with no end tag between, was meant as the end tag."""


def _pairs(parse: HtmlParse, unclosed: list[Closing]) -> dict[int, Closing]:
    """Unclosed inline elements followed, with nothing left open between, by a bare start tag
    of the same name that opens another unclosed element closed at the same point (``<b>x<b>``:
    the second was meant as ``</b>``): the second's start offset → the first."""
    pairs: dict[int, Closing] = {}
    for closing, following in pairwise(unclosed):
        first, second = closing.start_tag, following.start_tag
        if (
            first.start not in pairs  # the second of a pair closes; it opens no other pair
            and first.name in _FORMATTING
            and parse.next_tag_named(first.name, first) is second
            and following.at == closing.at
            and not second.attrs
            and not second.self_closing
        ):
            pairs[second.start] = closing
    return pairs


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


def _reopened(after: str, count: int) -> str:
    """What browsers do with a formatting element left open: reopen it in the next blocks."""
    times = t("once") if count == 1 else t("{count} times", count=count)
    return t(
        "browsers reopen it after {after} ({times}), so its formatting runs on after it",
        after=after,
        times=times,
    )
