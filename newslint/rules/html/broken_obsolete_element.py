"""HT039 broken-obsolete-element: no obsolete element or plugin that readers see broken.

Most obsolete elements (HT023) still render as their author meant; these do not: ``<marquee>``
scrolls text that readers cannot stop, ``<plaintext>`` shows the rest of the page as raw
markup, and browsers no longer run or show ``<applet>``, ``<frame>``/``<frameset>`` inside a
page, ``<keygen>``, ``<isindex>`` or ``<bgsound>``. A Flash ``<object>`` or ``<embed>`` (its
type, class id, a ``.swf`` file or YouTube's old ``/v/`` player) is an empty box since browsers
dropped Flash in 2021: reported once, on the outermost tag. The finding spans the start tag and
says what readers get and what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.document import Document
from newslint.html.parse import parse_html
from newslint.html.query import Tag
from newslint.messages import N_, t

CODE = "HT039"

_FRAME = N_("browsers ignore it inside a page, so its page never shows; use an <iframe>")
BROKEN: dict[str, str] = {
    "applet": N_(
        "no browser runs Java applets any more, so readers see nothing or its fallback"
        " text; link to the content or embed a video of it"
    ),
    "bgsound": N_("no browser plays it, so readers hear nothing; use <audio controls>"),
    "frame": _FRAME,
    "frameset": _FRAME,
    "isindex": N_("browsers no longer show it as a search field; use a <form> with an <input>"),
    "keygen": N_("no browser supports it, so the form shows nothing in its place; remove it"),
    "marquee": N_(
        "its text scrolls past and readers cannot stop it (an accessibility failure);"
        " write it as plain text"
    ),
    "plaintext": N_(
        "browsers show everything after it, the rest of the page included, as raw"
        " markup; use <pre> with escaped text"
    ),
}
"""Each broken obsolete element and what readers get, with what to write instead."""
FLASH = N_(
    "<{name}> plays Flash, which no browser runs since 2021, so readers see an empty box; use"
    " the provider's current embed code, or a link"
)
_FLASH_TYPES = ("application/x-shockwave-flash", "application/futuresplash")
_FLASH_CLASS = "clsid:d27cdb6e-ae6d-11cf-96b8-444553540000"
_MOVIE_PARAMS = ("movie", "src")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per broken obsolete element and per outermost Flash plugin."""
    text = ctx.doc.text
    for tag in parse_html(ctx.doc).start_tags_named(*BROKEN):
        written = text[tag.start + 1 : tag.start + 1 + len(tag.name)]
        message = t("<{name}>: {problem}", name=written, problem=t(BROKEN[tag.name]))
        yield Finding(tag.start, tag.end, message)
    for tag, outermost in flash_plugins(ctx.doc).values():
        if outermost:
            written = text[tag.start + 1 : tag.start + 1 + len(tag.name)]
            yield Finding(tag.start, tag.end, t(FLASH, name=written))


def flash_plugins(doc: Document) -> dict[int, tuple[Tag, bool]]:
    """The Flash ``<object>`` and ``<embed>`` start tags of ``doc`` (and those inside a Flash
    ``<object>``) by start offset, each with whether it is outermost. Computed once per post."""

    def compute() -> dict[int, tuple[Tag, bool]]:
        pairs = parse_html(doc).authored_named("object", "embed")
        tags = {id(element): tag for element, tag in pairs}
        flash = {id(element) for element, _ in pairs if _flash(element)}
        inner = {
            id(node)
            for element, _ in pairs
            if id(element) in flash
            for node in element.iter()
            if node is not element and id(node) in tags
        }
        return {tags[key].start: (tags[key], key not in inner) for key in flash | inner}

    return doc.memo("flash-plugins", compute)


def _flash(element: Element) -> bool:
    """Whether an ``<object>`` or ``<embed>`` element plays Flash."""
    if element.get("type", "").strip().lower().startswith(_FLASH_TYPES):
        return True
    if element.get("classid", "").strip().lower() == _FLASH_CLASS:
        return True
    urls = [element.get("src", ""), element.get("data", "")]
    urls += [
        param.get("value", "")
        for param in element
        if param.tag == "param" and param.get("name", "").strip().lower() in _MOVIE_PARAMS
    ]
    return any(_flash_url(url) for url in urls) or any(
        _flash(node) for node in element.iter("embed") if node is not element
    )


def _flash_url(url: str) -> bool:
    """Whether ``url`` is a Flash movie: a ``.swf`` file or YouTube's Flash player (``/v/``)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    path, host = parts.path.lower(), (parts.hostname or "").lower()
    return path.endswith(".swf") or (host.endswith("youtube.com") and path.startswith("/v/"))
