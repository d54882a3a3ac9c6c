"""KO014 repeated-feature-heading: the banner's feature text does not repeat the post's opening.

Alembic prints ``feature_text`` through Markdown in the banner at the top of a post's page
(``_includes/site-feature.html``: ``{{ feature_text | markdownify }}``), above the title and the
body. Generated posts put a heading and an excerpt there; when the heading is the body's first
heading, or the excerpt starts with it (the source article's heading run into its first
sentence), readers see the same heading twice on one screen. Themes that do not print
``feature_text`` (a site naming another theme, without Alembic's ``site-feature.html`` of its
own) show nothing, and are left alone; ``feature_text`` is Alembic's key, so a post outside any
site is taken to be written for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import parse
from newslint.messages import t
from newslint.rules.korean._residue import headings, plain, shown

_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t]*(?P<text>\S[^\n]*?)[ \t#]*$")
_SPACE = re.compile(r"\s+")
SHORTEST = 4
"""Headings shorter than this many characters (``개요``, ``소개``) are too common to compare."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report the feature text's heading or excerpt where it repeats the body's first heading."""
    front = parse(ctx.doc)
    if front is None or "feature_text" not in front.fields:
        return
    node = front.fields["feature_text"][1]
    if node.kind != "scalar" or not isinstance(node.value, str) or not node.value.strip():
        return
    first = next(iter(headings(ctx.doc)), None)
    if first is None or len(_key(first.text)) < SHORTEST or not _theme_prints_it(ctx):
        return
    banner_heading, excerpt = _read(node.value)
    raw = ctx.doc.text[node.start : node.end]
    if banner_heading is not None and _key(banner_heading) == _key(first.text):
        start, end = _locate(raw, banner_heading, node.start, node.end)
        yield Finding(
            start,
            end,
            t(
                "the banner's heading (feature_text) '{heading}' is also the post's first"
                " heading: readers see it twice at the top of the page; change one of them",
                heading=shown(first.text),
            ),
        )
    elif excerpt is not None and _key(excerpt).startswith(_key(first.text)):
        start, end = _locate(raw, first.text, node.start, node.end)
        yield Finding(
            start,
            end,
            t(
                "the banner's text (feature_text) starts with the post's first heading"
                " '{heading}': readers see it twice at the top of the page, the first time run"
                " into the sentence after it; remove it from feature_text",
                heading=shown(first.text),
            ),
        )


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _read(value: str) -> tuple[str | None, str | None]:
    """The banner's first heading and first paragraph, as readers see them."""
    heading: str | None = None
    paragraph: str | None = None
    for line in value.split("\n"):
        if not line.strip():
            continue
        m = _HEADING_LINE.match(line)
        if m is not None:
            if heading is None and paragraph is None:
                heading = plain(m.group("text"))
        elif paragraph is None:
            paragraph = plain(line)
        if paragraph is not None:
            break
    return heading, paragraph


def _locate(raw: str, words: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``words`` in the value's source ``raw`` (at ``start``), else the value's."""
    at = raw.find(words)
    if at < 0:
        return start, end
    return start + at, start + at + len(words)


def _theme_prints_it(ctx: RuleContext) -> bool:
    """Whether the post's site prints ``feature_text``: Alembic, a site with Alembic's
    ``_includes/site-feature.html``, a site naming no theme, or no site at all."""
    path = ctx.settings.path
    if path is None:
        return True
    from newslint.site import SiteConfigError, find_site_root, load_site

    root = find_site_root(path)
    if root is None:
        return True
    try:
        config = load_site(root).config
    except SiteConfigError:
        return False
    theme = config.get("theme") or config.get("remote_theme")
    if not isinstance(theme, str) or "alembic" in theme.lower():
        return True
    return ctx.doc.file_exists(Path(root) / "_includes" / "site-feature.html")
