"""HT039 broken-obsolete-element: no obsolete element that readers see broken.

Most obsolete elements (HT023) still render as their author meant; these do not: ``<marquee>``
scrolls text that readers cannot stop, ``<plaintext>`` shows the rest of the page as raw
markup, and browsers no longer run or show ``<applet>``, ``<frame>``/``<frameset>`` inside a
page, ``<keygen>``, ``<isindex>`` or ``<bgsound>``. The finding spans the start tag and says
what readers get and what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import parse_html

_FRAME = "browsers ignore it inside a page, so its page never shows; use an <iframe>"
BROKEN: dict[str, str] = {
    "applet": "no browser runs Java applets any more, so readers see nothing or its fallback"
    " text; link to the content or embed a video of it",
    "bgsound": "no browser plays it, so readers hear nothing; use <audio controls>",
    "frame": _FRAME,
    "frameset": _FRAME,
    "isindex": "browsers no longer show it as a search field; use a <form> with an <input>",
    "keygen": "no browser supports it, so the form shows nothing in its place; remove it",
    "marquee": "its text scrolls past and readers cannot stop it (an accessibility failure);"
    " write it as plain text",
    "plaintext": "browsers show everything after it, the rest of the page included, as raw"
    " markup; use <pre> with escaped text",
}
"""Each broken obsolete element and what readers get, with what to write instead."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per start tag of an obsolete element readers see broken."""
    text = ctx.doc.text
    for tag in parse_html(ctx.doc).start_tags_named(*BROKEN):
        written = text[tag.start + 1 : tag.start + 1 + len(tag.name)]
        yield Finding(tag.start, tag.end, f"<{written}>: {BROKEN[tag.name]}")
