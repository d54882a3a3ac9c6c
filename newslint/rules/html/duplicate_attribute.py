"""HT004 duplicate-attribute: an attribute written twice on one tag.

Browsers keep the first and silently drop the others, so a later ``width="70"`` after
``width="301"`` never takes effect; in a Markdown post kramdown writes the tag with the last one
only, and the message says so. The finding spans each repeated attribute. One that repeats the
same value changes nothing on the page and is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.query import Attribute, Tag
from newslint.messages import t
from newslint.rules.html._kramdown import kramdown_reading
from newslint.rules.html._shared import analyse, attribute_end, markup


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per attribute that repeats an earlier one of the same tag."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    parse = analysis.parse
    seen_tags: set[int] = set()
    for error in parse.errors:
        if error.code != "duplicate-attribute" or analysis.run_on(error.start):
            continue
        tag = parse.tag_at(error.start)
        if tag is None or tag.start in seen_tags:
            continue
        seen_tags.add(tag.start)
        reading = kramdown_reading(ctx.doc)
        kramdown = reading is not None and tag.start not in reading.printed
        yield from _duplicates(text, tag, parse.attributes(tag), kramdown)


def _duplicates(
    text: str, tag: Tag, attrs: tuple[Attribute, ...], kramdown: bool
) -> Iterator[Finding]:
    """Findings for every attribute of ``tag`` whose name an earlier attribute already has,
    with another value; ``kramdown`` when kramdown writes the tag, keeping the last of them
    (browsers keep the first)."""
    ends = [
        attribute_end(text, tag, attrs[n + 1].start if n + 1 < len(attrs) else None)
        for n in range(len(attrs))
    ]
    values: dict[str, set[str]] = {}
    for attr in attrs:
        values.setdefault(attr.name.lower(), set()).add(attr.value)
    first: dict[str, int] = {}
    last = {attr.name.lower(): n for n, attr in enumerate(attrs)}
    for n, attr in enumerate(attrs):
        name = attr.name.lower()
        kept = first.setdefault(name, n)
        if kept == n or len(values[name]) == 1:
            continue  # written once, or repeated with the same value: the page is the same
        shown = text[attr.start : ends[n]]
        if kramdown:
            kept_last = text[attrs[last[name]].start : ends[last[name]]]
            effect = t("kramdown keeps the last, {attribute}", attribute=kept_last)
        else:
            effect = t("browsers keep {attribute}", attribute=text[attrs[kept].start : ends[kept]])
        message = t(
            "{attribute} repeats an attribute of {tag} (duplicate attribute): {effect}",
            attribute=shown,
            tag=markup(text, tag),
            effect=effect,
        )
        related = ((attrs[kept].start, t("first written here")),)
        yield Finding(attr.start, ends[n], message, related=related)
