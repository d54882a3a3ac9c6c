"""HT027 duplicate-id: every ``id`` in a post is unique.

Browsers jump to the first element with an id, so a link to the second never arrives, and
``aria-labelledby``/``<label for>`` pick the wrong element. One repeated id is one finding, on
its second use, with the first and any later uses as related locations.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import t
from newslint.rules.html._markup import Extent, extent, find_attribute, shown


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per id value that more than one element uses, on its second use."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    uses: dict[str, list[Extent]] = {}
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
        uses.setdefault(value, []).append(where)
    for value, found in uses.items():
        if len(found) < 2:
            continue
        first, second, *later = found
        count = t("twice") if not later else t("{count} times", count=len(found))
        name = shown(value, 40)
        message = t(
            'duplicate id "{name}", used {count}: a link to #{name} reaches only the first;'
            " give each element its own id",
            name=name,
            count=count,
        )
        again = t("used again here")
        related = ((first.start, t("first used here")), *((w.start, again) for w in later))
        yield Finding(second.start, second.end, message, related=related)
