"""HT022 empty-paragraph: no paragraph holds only whitespace, ``&nbsp;`` or ``<br>``.

Editors leave ``<p>&nbsp;</p>`` as a spacer. A paragraph that holds Liquid or code (masked
before parsing) is not empty. The safe fix removes empty paragraphs at the very end of the body
only (with the blank lines before them), where they add nothing but trailing space.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.html.parse import parse_html
from newslint.html.spacer import BLANK, is_empty_paragraph
from newslint.messages import t
from newslint.rules.html._markup import shown


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per empty ``<p>``; trailing ones carry a safe removal fix."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    found = []
    for element, tag in parse.authored_named("p"):
        if not is_empty_paragraph(element):
            continue
        spans = parse.spans(element)
        end = spans.end_tag.end if spans and spans.end_tag else tag.end
        if not parse.masked(tag.start, end):
            found.append((tag.start, end, spans is not None and spans.end_tag is not None))
    out = []
    trailing: int | None = len(text)
    for start, end, closed in reversed(found):
        fix = None
        if trailing is not None and closed and not text[end:trailing].strip(BLANK):
            trailing = start
            cut = _after_content(text, start, ctx.doc.body_start)
            fix = Fix(t("remove the trailing empty paragraph"), (Edit(cut, end),))
        else:
            trailing = None
        out.append(
            Finding(
                start,
                end,
                t("empty paragraph {paragraph}", paragraph=shown(text[start:end], 50)),
                fix=fix,
            )
        )
    yield from reversed(out)


def _after_content(text: str, start: int, floor: int) -> int:
    """Offset just past the last non-blank character before ``start`` (not before ``floor``)."""
    at = start
    while at > floor and text[at - 1] in " \t\n\r\f":
        at -= 1
    return at
