"""HT023 obsolete-element: no element the HTML standard lists as obsolete.

The list is WHATWG HTML §16.2 "Non-conforming features" (elements). Browsers still render these
as their author meant (``<center>``, ``<font>``, ``<tt>``; ``<blink>`` as plain text), so the
rule is off by default: validators reject them and their presentation belongs in CSS, but
nobody rewrites an archive for it. The ones readers see broken (``<marquee>``, ``<applet>``, …)
are HT039's. The finding spans the start tag and says what to use instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.rules.html.broken_obsolete_element import BROKEN

_CSS_TEXT = "CSS text-align"
_PRE = "<pre>"
_FRAMES = "an <iframe> or a plain page"
INSTEAD: dict[str, str] = {
    "acronym": "<abbr>",
    "applet": "<object> or <embed>",
    "basefont": "CSS font properties",
    "bgsound": "<audio>",
    "big": "CSS font-size",
    "blink": "nothing (blinking text is an accessibility problem)",
    "center": _CSS_TEXT,
    "dir": "<ul>",
    "font": "CSS color, font-family and font-size",
    "frame": _FRAMES,
    "frameset": _FRAMES,
    "isindex": "a <form> with an <input>",
    "keygen": "nothing (no browser supports it)",
    "listing": _PRE,
    "marquee": "nothing (moving text is an accessibility problem) or CSS animation",
    "menuitem": "<button> or script",
    "multicol": "CSS columns",
    "nextid": "nothing",
    "nobr": "CSS white-space: nowrap",
    "noembed": "<object> fallback content",
    "noframes": "nothing",
    "plaintext": _PRE,
    "rb": "<ruby> text directly",
    "rtc": "<rt>",
    "spacer": "CSS margins",
    "strike": "<s> or <del>",
    "tt": "<code>, <kbd> or <samp>",
    "xmp": "<pre> and escaped text",
}
"""Every obsolete element (HT039's broken ones included) and what to use instead."""
_RENDERED = tuple(name for name in INSTEAD if name not in BROKEN)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per start tag of an obsolete element that still renders."""
    text = ctx.doc.text
    for tag in parse_html(ctx.doc).start_tags_named(*_RENDERED):
        written = text[tag.start + 1 : tag.start + 1 + len(tag.name)]
        message = f"<{written}> is obsolete; use {INSTEAD[tag.name]} instead"
        yield Finding(tag.start, tag.end, message)
