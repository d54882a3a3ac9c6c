"""HT036 semantic-emphasis: ``<strong>`` and ``<em>`` rather than ``<b>`` and ``<i>``.

A house-style rule, off by default: ``<b>`` and ``<i>`` are valid HTML (for text set apart
without extra importance), but newsrooms that want importance and stress conveyed to screen
readers ask for ``<strong>`` and ``<em>``. The unsafe fix renames the start tag and its end
tag (when it has one): unsafe because the meaning changes and CSS that targets ``b`` or ``i``
stops applying.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.html.parse import parse_html
from newslint.messages import t

PREFERRED = {"b": "strong", "i": "em"}


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on each ``<b>``/``<i>`` start tag, with a fix renaming its tags."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    for element, tag in parse.authored_named(*PREFERRED):
        better = PREFERRED[str(element.tag)]
        written = text[tag.start + 1 : tag.start + 2]
        spans = parse.spans(element)
        end_tag = spans.end_tag if spans is not None else None
        fix = None
        if end_tag is not None:  # without its own end tag, renaming could strand another one
            edits = (
                Edit(tag.start + 1, tag.start + 2, better),
                Edit(end_tag.start + 2, end_tag.start + 3, better),
            )
            fix = Fix(t("use <{name}>", name=better), edits, Applicability.UNSAFE)
        message = t("<{name}> where the house style uses <{better}>", name=written, better=better)
        yield Finding(tag.start, tag.end, message, fix=fix)
