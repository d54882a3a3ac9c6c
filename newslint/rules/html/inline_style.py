"""HT029 inline-style: ``style`` attributes set only the CSS properties the site allows.

A house-style policy, off by default: inline styles pasted from editors override the theme
(fonts, colours, sizes) and make a site inconsistent. Option ``allowed-properties`` lists the
properties that may appear (default: none, so every ``style`` attribute is reported).
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import t
from newslint.rules.html._markup import extent, string_list

CODE = "HT029"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per ``style`` attribute that sets a property not allowed."""
    allowed = set(string_list(ctx, CODE, "allowed-properties", ()))
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    for tag in parse.start_tags_with(("style",)):
        for attribute in parse.attributes(tag):
            if attribute.name != "style":
                continue
            where = extent(text, attribute)
            if parse.masked(where.value_start, where.value_end):
                continue
            banned = [p for p in _properties(attribute.value) if p not in allowed]
            if banned:
                names = ", ".join(dict.fromkeys(banned))
                yield Finding(where.start, where.end, t("inline style sets {names}", names=names))


def _properties(style: str) -> list[str]:
    """The property names a ``style`` value declares, lower-cased, in order."""
    names = []
    for declaration in style.split(";"):
        name, colon, _ = declaration.partition(":")
        if colon and name.strip():
            names.append(name.strip().lower())
    return names
