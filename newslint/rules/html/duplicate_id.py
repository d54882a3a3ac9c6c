"""HT027 duplicate-id: every ``id`` in a post is unique.

Browsers jump to the first element with an id, so a link to the second never arrives, and
``aria-labelledby``/``<label for>`` pick the wrong element. The second and later uses are
reported on their ``id`` attribute, with the first one as related location.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import parse_html
from newslint.rules.html._markup import extent, find_attribute, shown


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on every ``id`` attribute whose value an earlier element already used."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    seen: dict[str, int] = {}
    for tag in parse.start_tags_with(("id",)):
        value = tag.attrs["id"]
        if not tag.matched or not value.strip():
            continue  # an ignored tag makes no element; an empty id is no id
        attribute = find_attribute(parse, tag, "id")
        if attribute is None:
            continue
        where = extent(text, attribute)
        if parse.masked(where.value_start, where.value_end):
            continue  # Liquid makes the id
        first = seen.setdefault(value, where.start)
        if first != where.start:
            message = f'duplicate id "{shown(value, 40)}"'
            yield Finding(where.start, where.end, message, related=((first, "first used here"),))
