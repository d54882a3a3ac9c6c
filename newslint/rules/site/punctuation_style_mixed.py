"""KO010 punctuation-style-mixed: a site writes its ellipses one way and its middle dots one way.

Among the site's Korean posts, the style of ellipsis (``…``, ``...``, ``……``, ``⋯``) and of
middle dot (``·`` U+00B7, ``ㆍ`` U+318D, ``•``, ``‧``, ``∙``, ``・``, ``･``) that most posts use is
the site's; a style that at most half as many posts use is reported where a post writes it, in
its text (not code, Liquid or tags, nor inside quotation marks: a quote keeps its source's form)
and its title. Posts are counted, not marks: one post full of ``...`` does not make it the
site's style.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import Text, t
from newslint.rules.site.view import SiteFinding, SiteView

ELLIPSES = frozenset({"…", "...", "……", "⋯"})
MIN_POSTS = 3
"""Posts that must use a style before it counts as the site's."""


def _shown(style: str) -> str:
    """A style as a message names it: in quotes, with its code point when it is one character
    (``·`` and ``ㆍ`` look alike)."""
    return f'"{style}" (U+{ord(style):04X})' if len(style) == 1 else f'"{style}"'


def _message(style: str, usual: str, posts: int) -> Text:
    return t(
        "{kind} written {mark}, but {posts} posts of this site write {usual}: "
        "write it as the rest of the site does",
        kind=t("ellipsis") if style in ELLIPSES else t("middle dot"),
        mark=_shown(style),
        usual=_shown(usual),
        posts=posts,
    )


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding at each mark of a minority style in the site's Korean posts."""
    posts = [entry for entry in site.posts() if entry.korean]
    users = Counter(style for entry in posts for style, _ in entry.styles)
    usual: dict[str, tuple[str, int]] = {}
    for ellipses in (True, False):
        kind = [(n, style) for style, n in users.items() if (style in ELLIPSES) is ellipses]
        ranked = sorted(kind, key=lambda item: (-item[0], item[1]))
        if len(ranked) < 2 or ranked[0][0] < MIN_POSTS:
            continue
        most, style = ranked[0]
        for n, other in ranked[1:]:
            if 2 * n <= most:
                usual[other] = (style, most)
    if not usual:
        return
    for entry in posts:
        if entry.body is None:
            continue  # not linted in this run: its own shard reports it
        for mark in entry.body.marks:
            found = usual.get(mark.style)
            if found is not None:
                message = _message(mark.style, *found)
                yield SiteFinding(entry.path, Finding(*mark.span, message))
