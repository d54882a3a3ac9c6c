"""HT025 heading-level-skip: headings go down one level at a time (``<h2>`` then ``<h3>``).

The first heading may be at any level (the layout supplies the page's ``<h1>`` title); after
it, a heading may be any level up to one deeper than the one before. Only HTML headings are seen:
Markdown ``##`` headings are not HTML in the source. Off by default: a skip renders as meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import t

LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on each heading more than one level deeper than the previous one."""
    previous: tuple[int, int] | None = None  # (level, offset of its start tag)
    for element, tag in parse_html(ctx.doc).authored_named(*LEVELS):
        level = LEVELS[str(element.tag)]
        if previous is not None and level > previous[0] + 1:
            message = t(
                "heading level skips from <h{previous}> to <h{level}>",
                previous=previous[0],
                level=level,
            )
            note = t("the previous heading, <h{level}>", level=previous[0])
            yield Finding(tag.start, tag.end, message, related=((previous[1], note),))
        previous = (level, tag.start)
