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
from newslint.messages import N_, t
from newslint.rules.html.broken_obsolete_element import BROKEN

_CSS_TEXT = N_("CSS text-align")
_PRE = N_("<pre>")
_FRAMES = N_("an <iframe> or a plain page")
INSTEAD: dict[str, str] = {
    "acronym": N_("<abbr>"),
    "applet": N_("<object> or <embed>"),
    "basefont": N_("CSS font properties"),
    "bgsound": N_("<audio>"),
    "big": N_("CSS font-size"),
    "blink": N_("nothing (blinking text is an accessibility problem)"),
    "center": _CSS_TEXT,
    "dir": N_("<ul>"),
    "font": N_("CSS color, font-family and font-size"),
    "frame": _FRAMES,
    "frameset": _FRAMES,
    "isindex": N_("a <form> with an <input>"),
    "keygen": N_("nothing (no browser supports it)"),
    "listing": _PRE,
    "marquee": N_("nothing (moving text is an accessibility problem) or CSS animation"),
    "menuitem": N_("<button> or script"),
    "multicol": N_("CSS columns"),
    "nextid": N_("nothing"),
    "nobr": N_("CSS white-space: nowrap"),
    "noembed": N_("<object> fallback content"),
    "noframes": N_("nothing"),
    "plaintext": _PRE,
    "rb": N_("<ruby> text directly"),
    "rtc": N_("<rt>"),
    "spacer": N_("CSS margins"),
    "strike": N_("<s> or <del>"),
    "tt": N_("<code>, <kbd> or <samp>"),
    "xmp": N_("<pre> and escaped text"),
}
"""Every obsolete element (HT039's broken ones included) and what to use instead."""
_RENDERED = tuple(name for name in INSTEAD if name not in BROKEN)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per start tag of an obsolete element that still renders."""
    text = ctx.doc.text
    for tag in parse_html(ctx.doc).start_tags_named(*_RENDERED):
        written = text[tag.start + 1 : tag.start + 1 + len(tag.name)]
        message = t(
            "<{name}> is obsolete; use {instead} instead",
            name=written,
            instead=t(INSTEAD[tag.name]),
        )
        yield Finding(tag.start, tag.end, message)
