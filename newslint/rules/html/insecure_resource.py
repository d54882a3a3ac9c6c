"""HT033 insecure-resource: an https site loads no ``http://`` scripts, frames or plugins.

On a page served over https, browsers block ``http://`` scripts, frames, embeds, objects and
text tracks (mixed content): readers get an empty box or a missing feature. Images, audio and
video are upgraded to https instead and show as meant when their host has https, so they are
reported only with option ``upgradeable = true``. The site's address is option ``site-url``,
else ``url:`` in ``_config.yml``; without one, or when it is not https, the rule says nothing.
Links (``<a href>``) are navigation, not resources, and are fine; Flash plugins play nowhere
whatever their scheme (HT039).
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import N_, t
from newslint.rules.html._markup import extent, shown, site_config
from newslint.rules.html.broken_obsolete_element import flash_plugins

CODE = "HT033"
BLOCKED: dict[str, frozenset[str]] = {
    "src": frozenset({"script", "iframe", "embed", "track"}),
    "data": frozenset({"object"}),
}
"""Attribute → elements whose ``http://`` resource browsers block on an https page."""
UPGRADED: dict[str, frozenset[str]] = {
    "src": frozenset({"img", "source", "video", "audio"}),
    "srcset": frozenset({"img", "source"}),
    "poster": frozenset({"video"}),
}
"""Attribute → elements whose ``http://`` resource browsers fetch over https instead."""


def https_site(ctx: RuleContext) -> bool:
    """Whether the post's site is served over https (option ``site-url``, else ``url:``)."""
    url = ctx.options(CODE).get("site-url") or site_config(ctx).get("url")
    return isinstance(url, str) and url.strip().lower().startswith("https://")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on each resource attribute naming an ``http://`` URL."""
    if not https_site(ctx):
        return
    upgradeable = ctx.options(CODE).get("upgradeable", False)
    if not isinstance(upgradeable, bool):
        from newslint.config import ConfigError

        raise ConfigError(f"[tool.newslint.rules.{CODE}] upgradeable must be true or false")
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    wanted = [BLOCKED, UPGRADED] if upgradeable else [BLOCKED]
    names = {name for table in wanted for name in table}
    flash = flash_plugins(ctx.doc)  # an empty box anyway: HT039 says so
    for tag in parse.start_tags_with(names):
        if tag.start in flash or not any("http://" in v.lower() for v in tag.attrs.values()):
            continue
        for attribute in parse.attributes(tag):
            if "http://" not in attribute.value.lower():
                continue
            blocked = tag.name in BLOCKED.get(attribute.name, ())
            if not blocked and not (upgradeable and tag.name in UPGRADED.get(attribute.name, ())):
                continue
            where = extent(text, attribute)
            written = shown(text[where.start : where.end], 60)
            if blocked:
                template = N_(
                    "<{name}> loads over http, so browsers block it on this https site; "
                    "use https: {attribute}"
                )
            else:
                template = N_(
                    "<{name}> loads over http, so browsers try https and show nothing if its "
                    "host has none: {attribute}"
                )
            yield Finding(where.start, where.end, t(template, name=tag.name, attribute=written))
