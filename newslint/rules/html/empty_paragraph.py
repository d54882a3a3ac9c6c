"""HT022 empty-paragraph: no paragraph holds only whitespace, ``&nbsp;`` or ``<br>``.

Editors leave ``<p>&nbsp;</p>`` as a spacer. A paragraph that holds Liquid or code (masked
before parsing) is not empty. The safe fix removes empty paragraphs at the very end of the body
only (with the blank lines before them), where they add nothing but trailing space.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.html.parse import parse_html
from newslint.messages import t
from newslint.rules.html._markup import shown

_BLANK = " \t\n\r\f\u00a0"
_HOLLOW = frozenset({"br", "span", "b", "i", "strong", "em", "u", "font", "small"})


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per empty ``<p>``; trailing ones carry a safe removal fix."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    found = []
    for element, tag in parse.authored_named("p"):
        if not _empty(element):
            continue
        spans = parse.spans(element)
        end = spans.end_tag.end if spans and spans.end_tag else tag.end
        if not parse.masked(tag.start, end):
            found.append((tag.start, end, spans is not None and spans.end_tag is not None))
    out = []
    trailing: int | None = len(text)
    for start, end, closed in reversed(found):
        fix = None
        if trailing is not None and closed and not text[end:trailing].strip(_BLANK):
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


def _empty(paragraph: Element) -> bool:
    """Whether ``paragraph`` holds only blanks and hollow inline elements (no recursion)."""
    if (paragraph.text or "").strip(_BLANK):
        return False
    for node in paragraph.iter():
        if node is paragraph:
            continue
        if not isinstance(node.tag, str) or node.tag not in _HOLLOW:
            return False
        if (node.text or "").strip(_BLANK) or (node.tail or "").strip(_BLANK):
            return False
    return True


def _after_content(text: str, start: int, floor: int) -> int:
    """Offset just past the last non-blank character before ``start`` (not before ``floor``)."""
    at = start
    while at > floor and text[at - 1] in " \t\n\r\f":
        at -= 1
    return at
