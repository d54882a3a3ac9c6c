"""HT020 img-alt-missing: every ``<img>`` has an ``alt`` attribute.

``alt=""`` is fine: it marks a decorative image. Without the attribute screen readers read out
the file name; when the image is all a link holds, the link has no name at all, which the
message says. The finding spans the ``<img …>`` start tag.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import t
from newslint.rules.html._markup import shown

_BLANK = " \t\n\r\f\u00a0"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per ``<img>`` start tag without ``alt``."""
    parse = parse_html(ctx.doc)
    missing = [
        (element, tag) for element, tag in parse.authored_named("img") if "alt" not in tag.attrs
    ]
    if not missing:
        return
    linked = {
        id(image)
        for link, _ in parse.authored_named("a")
        if not "".join(link.itertext()).strip(_BLANK)
        for image in link.iter("img")
    }
    for element, tag in missing:
        src = tag.attrs.get("src", "").strip()
        what = f'"{shown(src, 50)}"' if src else t("without a src")
        if id(element) in linked:
            message = t(
                "linked image {what} has no alt text, so screen readers cannot name the link;"
                ' say where it leads in alt="…"',
                what=what,
            )
        else:
            message = t(
                "image {what} has no alt text, so screen readers read out its file name;"
                ' describe it in alt="…", or write alt="" if it is decorative',
                what=what,
            )
        yield Finding(tag.start, tag.end, message)
