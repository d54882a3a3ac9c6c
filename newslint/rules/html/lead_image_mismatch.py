"""HT035 lead-image-mismatch: the front-matter ``image`` is the body's lead image.

Themes and share cards (``og:image``) show the front-matter ``image``; readers see the first
``<img>`` of the body. When a post's lead photo is replaced in one place only, the two disagree.
Compared as paths: the site's ``url`` and ``baseurl``, a query and a fragment are ignored. A
post without a body image, or with Liquid in either value, is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import YNode, parse
from newslint.html.parse import parse_html
from newslint.messages import t
from newslint.rules.html._markup import extent, find_attribute, shown, site_config


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on the front-matter ``image`` value when the body leads with another."""
    fm = parse(ctx.doc)
    if fm is None or not fm.readable or "image" not in fm.fields:
        return
    node = _image_node(fm.fields["image"][1])
    if node is None or "{" in node.value:
        return
    parsed = parse_html(ctx.doc)
    lead = next((t for t in parsed.start_tags_named("img") if t.attrs.get("src")), None)
    if lead is None:
        return
    src = find_attribute(parsed, lead, "src")
    if src is None:
        return
    where = extent(ctx.doc.text, src)
    if parsed.masked(where.value_start, where.value_end):
        return
    config = site_config(ctx)
    if _normal(node.value, config) != _normal(src.value, config):
        message = t(
            '"image" {image} is not the body\'s lead image {lead}',
            image=shown(node.value, 50),
            lead=shown(src.value.strip(), 50),
        )
        related = ((lead.start, t("the lead image")),)
        yield Finding(node.start, node.end, message, related=related)


def _image_node(value: YNode) -> YNode | None:
    """The image path node: the value itself, or its ``path`` (jekyll-seo-tag's mapping form)."""
    if value.kind == "scalar" and isinstance(value.value, str) and value.value.strip():
        return value
    for key, item in value.pairs:
        if key.value == "path" and item.kind == "scalar" and isinstance(item.value, str):
            return item
    return None


def _normal(url: str, config: dict[str, object]) -> str:
    """``url`` as a site path without query, fragment, leading slash, site url or baseurl."""
    value = url.strip()
    site = config.get("url")
    if isinstance(site, str) and site.strip():
        host = urlsplit(site.strip()).netloc.lower()
        parts = urlsplit(value)
        if parts.netloc.lower() == host and host:
            value = parts.path
    elif value.startswith("//"):
        return value
    value = unquote(value.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    base = config.get("baseurl")
    if isinstance(base, str) and base.strip("/"):
        prefix = base.strip("/") + "/"
        value = value[len(prefix) :] if value.startswith(prefix) else value
    return value.removeprefix("./")
