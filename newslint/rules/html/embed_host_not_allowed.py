"""HT031 embed-host-not-allowed: ``<iframe>``, ``<embed>`` and ``<object>`` load only from
hosts the site allows.

An embed runs someone else's page inside the post: trackers, ads, or a hijacked domain. Option
``allowed-hosts`` lists the hosts (a host also allows its subdomains), ``extend-allowed-hosts``
adds to them; by default the well-known players and widgets (``_embeds.FRAME_HOSTS``). The
site's own pages (a path, or the host of its ``url:``) are allowed; Liquid-made sources are
skipped, and so are Flash plugins, which play nowhere (HT039).
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import t
from newslint.rules.html._embeds import FRAME_HOSTS, allowed_hosts
from newslint.rules.html._markup import extent, find_attribute, host_allowed, host_of
from newslint.rules.html.broken_obsolete_element import flash_plugins

CODE = "HT031"
_SOURCE = {"iframe": "src", "embed": "src", "object": "data"}


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on the source attribute of each embed from a host not allowed."""
    allowed = allowed_hosts(ctx, CODE, "allowed-hosts", FRAME_HOSTS)
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    flash = flash_plugins(ctx.doc)
    for tag in parse.start_tags_named(*_SOURCE):
        if tag.start in flash:
            continue
        name = _SOURCE[tag.name]
        if name not in tag.attrs:
            continue
        host = host_of(tag.attrs[name])
        if host is None or host_allowed(host, allowed):
            continue
        attribute = find_attribute(parse, tag, name)
        if attribute is None:
            continue
        where = extent(text, attribute)
        if parse.masked(where.value_start, where.value_end):
            continue
        message = t(
            "<{name}> loads from {host}, which is not an allowed host", name=tag.name, host=host
        )
        yield Finding(where.start, where.end, message)
