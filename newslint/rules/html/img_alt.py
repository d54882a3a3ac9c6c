"""HT020 img-alt-missing: every ``<img>`` has an ``alt`` attribute.

``alt=""`` is fine: it marks a decorative image. The finding spans the ``<img …>`` start tag.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import parse_html
from newslint.rules.html._markup import shown


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per ``<img>`` start tag without ``alt``."""
    parse = parse_html(ctx.doc)
    for tag in parse.start_tags_named("img"):
        if "alt" not in tag.attrs:
            src = tag.attrs.get("src", "")
            what = f'<img src="{shown(src, 50)}">' if src.strip() else "<img>"
            yield Finding(tag.start, tag.end, f"{what} has no alt attribute")
