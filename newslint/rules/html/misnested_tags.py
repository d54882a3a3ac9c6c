"""HT003 misnested-tags: end tags closed in the wrong order.

``<b><i>x</b></i>``: the ``</b>`` closes the ``<i>`` opened inside the ``<b>`` too, and the
``</i>`` written after it then closes nothing; browsers repair this with the "adoption agency"
algorithm, often reopening the inner element after the outer one. The finding spans the end tag
that came too early (and the one that came too late, when they are adjacent). A formatting end
tag that leaves a block opened inside it open (``<b><p>x</b>y</p>``) is reported here too.

In a Markdown post kramdown prints the early end tag as text (it closes only the innermost
element), and the message says so; it does the same with an end tag written before the end of a
``<p>`` opened inside its element (``<ul>…<p></ul></p>``), which browsers accept (the end tag of
a ``<p>`` may be left out): that is reported too. Where kramdown does not print it, and nothing
but tags and space lies between the two end tags (``</small></i>`` swapped), the page is the
same and nothing is reported; nor is an end tag kramdown shows as written in a code sample. The
fix (unsafe: the formatting may end elsewhere than before) swaps two adjacent end tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.html.query import ElementSpans, Tag
from newslint.messages import Text, t
from newslint.rules.html._kramdown import html_pairs, kramdown_reading
from newslint.rules.html._shared import analyse, markup, written
from newslint.rules.html.comment_syntax import BOGUS
from newslint.rules.html.unknown_element import known_element


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per end tag that closed an element whose own end tag comes later."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    parse = analysis.parse
    explained: set[int] = set()
    for closing in analysis.closings:
        early, late = closing.closer, closing.partner
        if late is None or early is None:
            continue
        explained.add(early.start)
        if not _shows(ctx, early, late):
            continue
        inner, outer = f"<{written(text, closing.start_tag)}>", markup(text, early)
        message = t(
            "{outer} closes {inner} before its own {late} (misnested tags)",
            outer=outer,
            inner=inner,
            late=markup(text, late),
        )
        message = _printed(ctx, early, outer, message)
        related = (
            (closing.start_tag.start, t("{tag} opened here", tag=inner)),
            (late.start, t("closed here")),
        )
        if text[early.end : late.start] == "" and early.kind == "end":
            swap = text[late.start : late.end] + text[early.start : early.end]
            fix = Fix(
                t("swap {first} and {second}", first=outer, second=markup(text, late)),
                (Edit(early.start, late.end, swap),),
                Applicability.UNSAFE,
            )
            yield Finding(early.start, late.end, message, fix, related)
        else:
            yield Finding(early.start, early.end, message, related=related)
    for error in parse.errors_of("adoption-agency-1.3"):
        tag = error.tag
        if tag is None or tag.start in explained:
            continue
        explained.add(tag.start)
        inside = _still_open_inside(parse.elements.values(), tag.start)
        if inside is None:
            continue  # every element it closed early is reported as unclosed (HT002)
        yield _before_inner_end(ctx, tag, inside)
    yield from _misnested_for_kramdown(ctx, explained)


def _before_inner_end(ctx: RuleContext, tag: Tag, inside: Tag) -> Finding:
    """The finding for end tag ``tag``, written before the end of ``inside``, opened in it."""
    text = ctx.doc.text
    outer, block = markup(text, tag), f"<{written(text, inside)}>"
    message = t(
        "{outer} comes before the end of the {block} opened inside it (misnested tags)",
        outer=outer,
        block=block,
    )
    printed = _printed(ctx, tag, outer, message)
    if printed is message:
        printed = _printed(ctx, inside, block, message)
    related = ((inside.start, t("{tag} opened here", tag=block)),)
    return Finding(tag.start, tag.end, printed, related=related)


def _misnested_for_kramdown(ctx: RuleContext, explained: set[int]) -> Iterator[Finding]:
    """End tags that close an element for browsers, which close the elements opened inside it
    (a ``<td>`` or ``<p>``, whose end tags may be left out), but that kramdown prints, as one of
    those is still open (``<td>x</tr>``, ``<ul>…<p></ul></p>``): one finding per such element,
    at the first end tag it blocks, unless it is another rule's: left open (HT002), moved or
    ignored (HT014), missing its ``>``, unknown (HT037), open because kramdown printed its end
    tag (an earlier finding) or because a broken comment swallowed it (HT011)."""
    reading = kramdown_reading(ctx.doc)
    if reading is None or not reading.blocked:
        return
    analysis = analyse(ctx.doc)
    parse = analysis.parse
    others = {c.start_tag.start for c in analysis.closings} | {
        e.tag.start for e in parse.errors if e.tag is not None and e.tag.kind == "start"
    }
    comments = [e.start for e in parse.errors if e.code in BOGUS]
    pairs = html_pairs(ctx.doc)
    blocking: dict[int, list[Tag]] = {}
    for start, inner in sorted(reading.blocked.items()):
        tag, inside = parse.tag_at(start), parse.tag_at(inner)
        if (
            tag is None
            or inside is None
            or not tag.matched
            or start in explained
            or start in reading.in_code
            or start in analysis.closers
            or start in analysis.partners
            or pairs.get(inner) in reading.printed  # open as its end tag was printed: reported
            or pairs.get(start) in reading.printed
            or inner in others
            or analysis.run_on(inner)
            or not known_element(inside.name)
            or any(inner < at < start for at in comments)
        ):
            continue
        blocking.setdefault(inner, []).append(tag)
    for inner, tags in blocking.items():
        inside = parse.tag_at(inner)
        assert inside is not None  # checked above
        finding = _before_inner_end(ctx, tags[0], inside)
        if len(tags) > 1:
            more = tuple(
                (tag.start, t("{tag} printed too", tag=markup(ctx.doc.text, tag)))
                for tag in tags[1:]
            )
            count = len(tags) - 1
            if count > 1:
                message = t(
                    "{message}, and {count} more end tags after it",
                    message=finding.message,
                    count=count,
                )
            else:
                message = t(
                    "{message}, and {count} more end tag after it",
                    message=finding.message,
                    count=count,
                )
            finding = replace(finding, message=message, related=finding.related + more)
        yield finding


def _shows(ctx: RuleContext, early: Tag, late: Tag) -> bool:
    """Whether the misnesting changes the page: kramdown prints the early end tag as text
    (not in a code sample, where it shows as written), or there is something to see between
    the two end tags, which browsers leave outside the inner element."""
    reading = kramdown_reading(ctx.doc)
    if reading is not None and early.start in reading.printed:
        return early.start not in reading.in_code
    between = _TAGS.sub("", ctx.doc.text[early.end : late.start])
    return not between.isspace() and between != ""


_TAGS = re.compile(r"<[^>]*>")


def _printed(ctx: RuleContext, tag: Tag, shown: str, message: Text) -> Text:
    """``message`` followed by ``; kramdown prints </b> as text`` when it does, else itself."""
    reading = kramdown_reading(ctx.doc)
    if reading and tag.start in reading.printed:
        return t("{message}; kramdown prints {tag} as text", message=message, tag=shown)
    return message


def _still_open_inside(elements: Iterable[ElementSpans], end: int) -> Tag | None:
    """The first start tag inside the element that the end tag at ``end`` closed, left open."""
    opened = next(
        (
            s.start_tag.start
            for s in elements
            if s.end_tag is not None and s.end_tag.start == end and s.start_tag is not None
        ),
        None,
    )
    if opened is None:
        return None
    inside = [
        s.start_tag
        for s in elements
        if s.start_tag is not None
        and opened < s.start_tag.start < end
        and (s.closed_at is None or s.closed_at > end)
    ]
    return min(inside, key=lambda t: t.start, default=None)
