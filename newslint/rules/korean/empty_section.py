"""KO011 empty-section: a section heading has text under it.

Generators write a heading for each section of an outline and fill it; when the filling fails,
the heading is left with only the spacer paragraphs of the template (``<p>&nbsp;</p>``,
``<p><br></p>``, a Markdown line of ``&nbsp;``) before the next heading of the same or a higher
level, or the end of the post. A heading followed by a deeper one opens subsections and is not
empty; lines of headings one under the other with nothing between (a footer of ``<h4>`` lines)
are a stack, not sections. Code, Liquid, images, tables and any other element are content;
comments are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.html.spacer import BLANK, is_empty_paragraph
from newslint.messages import t
from newslint.rules.korean._residue import headings, shown

_SPACER_LINE = re.compile(
    r"^[ \t]*(?:(?:&nbsp;|&#160;|&#xa0;|\u00a0|<br\s*/?>)[ \t]*)+\r?$", re.M | re.I
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report each heading (levels 2 to 4) whose section holds only spacer paragraphs."""
    found = headings(ctx.doc)
    if not found:
        return
    text = ctx.doc.text
    parse = parse_html(ctx.doc)
    empty = None
    for index, heading in enumerate(found):
        if not 2 <= heading.level <= 4:
            continue
        after = found[index + 1] if index + 1 < len(found) else None
        if after is not None and after.level > heading.level:
            continue  # its subsections follow
        stop = after.start if after is not None else len(text)
        if empty is None:
            empty = _empty_paragraphs(ctx)
        spacers = _spacers(text, heading.end, stop, empty)
        if spacers is None or parse.masked(heading.end, stop):
            continue
        if not spacers and (after is None or text.count("\n", heading.end, stop) < 2):
            continue  # a last heading over nothing, or a stack of heading lines (a footer)
        if after is None:
            message = t(
                "the section under the heading '{heading}' holds only empty paragraphs up to"
                " the end of the post: readers see a heading with nothing under it; write the"
                " section or remove the heading",
                heading=shown(heading.text),
            )
        else:
            message = t(
                "the section under the heading '{heading}' holds nothing but empty space before"
                " the next heading '{next}': readers see a heading with nothing under it; write"
                " the section or remove the heading",
                heading=shown(heading.text),
                next=shown(after.text),
            )
        yield Finding(heading.start, heading.end, message)


def _spacers(text: str, start: int, stop: int, empty: list[tuple[int, int]]) -> int | None:
    """How many spacer paragraphs ``[start, stop)`` holds, or ``None`` if it holds anything
    else (comments count as nothing)."""
    rest = []
    at = start
    count = 0
    for s, e in empty:
        if e <= start or s >= stop:
            continue
        if s < start or e > stop:
            return None
        rest.append(text[at:s])
        at = e
        count += 1
    rest.append(text[at:stop])
    left = _COMMENT.sub("", "".join(rest))
    count += len(_SPACER_LINE.findall(left))
    left = _SPACER_LINE.sub("", left)
    return count if not left.strip(BLANK) else None


_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _empty_paragraphs(ctx: RuleContext) -> list[tuple[int, int]]:
    """The spans of the ``<p>`` elements that hold only blanks, ``&nbsp;`` and ``<br>``."""
    parse = parse_html(ctx.doc)
    spans = []
    for element, tag in parse.authored_named("p"):
        element_spans = parse.spans(element)
        if (
            element_spans is None
            or element_spans.end_tag is None
            or not is_empty_paragraph(element)
        ):
            continue
        spans.append((tag.start, element_spans.end_tag.end))
    return spans
