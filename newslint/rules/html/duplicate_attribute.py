"""HT004 duplicate-attribute: an attribute written twice on one tag.

Browsers keep the first and silently drop the others, so a later ``width="70"`` after
``width="301"`` never takes effect. The finding spans each dropped attribute. When it repeats the
first one's value, the safe fix removes it (with the whitespace before it): the page is the same.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.html import Attribute, Tag
from newslint.rules.html._shared import analyse, attribute_end, markup, space_before


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per attribute that repeats an earlier one of the same tag."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    parse = analysis.parse
    seen_tags: set[int] = set()
    for error in parse.errors:
        if error.code != "duplicate-attribute" or error.start in analysis.unterminated:
            continue
        tag = parse.tag_at(error.start)
        if tag is None or tag.start in seen_tags:
            continue
        seen_tags.add(tag.start)
        yield from _duplicates(text, tag, parse.attributes(tag))


def _duplicates(text: str, tag: Tag, attrs: tuple[Attribute, ...]) -> Iterator[Finding]:
    """Findings for every attribute of ``tag`` whose name an earlier attribute already has."""
    ends = [
        attribute_end(text, tag, attrs[n + 1].start if n + 1 < len(attrs) else None)
        for n in range(len(attrs))
    ]
    first: dict[str, int] = {}
    for n, attr in enumerate(attrs):
        kept = first.setdefault(attr.name.lower(), n)
        if kept == n:
            continue
        shown = text[attr.start : ends[n]]
        kept_text = text[attrs[kept].start : ends[kept]]
        message = f"duplicate attribute {shown} on {markup(text, tag)}: browsers keep {kept_text}"
        fix = None
        if attr.value == attrs[kept].value:
            name = text[attr.start : attr.end]
            fix = Fix(f"remove the second {name}", (Edit(space_before(text, attr.start), ends[n]),))
        yield Finding(
            attr.start, ends[n], message, fix, ((attrs[kept].start, "first written here"),)
        )
