"""HT033 insecure-resource: an https site loads no ``http://`` resources.

On a page served over https, browsers block ``http://`` scripts, frames and objects (mixed
content) and show images and media as "not secure" or upgrade them, which fails when the host has
no https. The site's address is option ``site-url``, else ``url:`` in ``_config.yml``; without
one, or when it is not https, the rule says nothing. Links (``<a href>``) are navigation, not
resources, and are fine.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import parse_html
from newslint.rules.html._markup import extent, shown, site_config

CODE = "HT033"
RESOURCES: dict[str, frozenset[str]] = {
    "src": frozenset({"img", "script", "iframe", "embed", "source", "video", "audio", "track"}),
    "srcset": frozenset({"img", "source"}),
    "poster": frozenset({"video"}),
    "data": frozenset({"object"}),
}


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on each resource attribute naming an ``http://`` URL."""
    url = ctx.options(CODE).get("site-url") or site_config(ctx).get("url")
    if not isinstance(url, str) or not url.strip().lower().startswith("https://"):
        return
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    for tag in parse.start_tags_with(RESOURCES):
        if not any("http://" in value.lower() for value in tag.attrs.values()):
            continue
        for attribute in parse.attributes(tag):
            elements = RESOURCES.get(attribute.name)
            if elements is None or tag.name not in elements:
                continue
            if "http://" not in attribute.value.lower():
                continue
            where = extent(text, attribute)
            written = shown(text[where.start : where.end], 60)
            yield Finding(where.start, where.end, f"<{tag.name}> loads over http: {written}")
