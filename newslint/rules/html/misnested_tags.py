"""HT003 misnested-tags: end tags closed in the wrong order.

``<b><i>x</b></i>``: the ``</b>`` closes the ``<i>`` opened inside the ``<b>`` too, and the
``</i>`` written after it then closes nothing; browsers repair this with the "adoption agency"
algorithm, often reopening the inner element after the outer one. The finding spans the end tag
that came too early (and the one that came too late, when they are adjacent). A formatting end
tag that leaves a block opened inside it open (``<b><p>x</b>y</p>``) is reported here too.

The fix (unsafe: the formatting may end elsewhere than before) swaps two adjacent end tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.html import ElementSpans, Tag
from newslint.rules.html._shared import analyse, markup, written


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
        inner, outer = f"<{written(text, closing.start_tag)}>", markup(text, early)
        message = f"misnested tags: {outer} closes {inner} before its {markup(text, late)}"
        related = ((closing.start_tag.start, f"{inner} opened here"), (late.start, "closed here"))
        if text[early.end : late.start] == "" and early.kind == "end":
            swap = text[late.start : late.end] + text[early.start : early.end]
            fix = Fix(
                f"swap {outer} and {markup(text, late)}",
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
        inside = _still_open_inside(parse.elements.values(), tag.start)
        if inside is None:
            continue  # every element it closed early is reported as unclosed (HT002)
        outer, block = markup(text, tag), f"<{written(text, inside)}>"
        message = f"misnested tags: {outer} comes before the end of the {block} opened inside it"
        yield Finding(
            tag.start, tag.end, message, related=((inside.start, f"{block} opened here"),)
        )


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
