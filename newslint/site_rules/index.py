"""The site index: one compact entry per post, and its JSON form.

An entry has two tiers. The *front* tier (URL, date, title, slug, taxonomy, excerpt, where each
value is written) comes from the front matter and the path only, so it is cheap to build for
every file of a site even when a ``--shard`` lints only some of them. The *body* tier (links,
text length) needs the body's parse and exists only for the files linted in this run; site rules
read other files' front tiers and their own file's body tier, which is why every shard reaches
the same verdict about the files it owns. ``summary`` builds entries from documents.

Entries are plain data, encoded to JSON for the caches and the run's journal (never pickle);
the JSON form ends with ``FORMAT``, so an entry stored by another layout is rebuilt, not misread.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any

from newslint.site_rules.folders import FolderUse

Span = tuple[int, int]
"""Start and end offsets in the file's text (lines and columns are worked out for findings)."""
FORMAT = 2
"""The layout of an entry's JSON form (2: the Korean posts' punctuation styles and blocks)."""


@dataclass(frozen=True, slots=True)
class Located:
    """A value and where the author wrote it (``None``: not in the file, e.g. from the path)."""

    value: str
    span: Span | None


@dataclass(frozen=True, slots=True)
class Link:
    """An internal reference in the body: ``post_url``, ``link``, or a root-relative URL."""

    kind: str
    target: str
    span: Span


@dataclass(frozen=True, slots=True)
class Mark:
    """An ellipsis or middle dot in the text or title, written in one ``style`` (the characters
    themselves: ``...``, ``…``, ``·``, ``ㆍ``, ...)."""

    style: str
    span: Span


@dataclass(frozen=True, slots=True)
class Block:
    """A block of text with a link (a line, or the part of one between paragraph tags), as a
    digest of its normalised text: the same promo pasted in many posts has the same digest."""

    digest: str
    span: Span


@dataclass(frozen=True, slots=True)
class Body:
    """What the body contributes: its links and how much text it has."""

    links: tuple[Link, ...]
    text_length: int
    """Non-space characters of text after removing markup, code and Liquid."""
    other_content: bool
    """Media elements, Markdown images, code or Liquid: content that is not text."""
    span: Span
    """From the start of the body to the end of the file."""
    marks: tuple[Mark, ...] = ()
    """A Korean post's ellipses and middle dots, where they are (see ``Entry.styles``)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One content file of a site, as the site rules see it."""

    path: str
    """The path as displayed in reports."""
    site: str
    """The site root (real path)."""
    rel: str
    """The path relative to the site root, with ``/``."""
    collection: str
    draft: bool
    named_as_post: bool
    """For ``_posts`` files: whether the name is ``YYYY-MM-DD-title.ext``."""
    published: bool
    file_date: str | None
    date: str | None
    """The post's date and time in the site's zone (ISO), from front matter or the name."""
    date_field: Located | None
    url: str | None
    url_from: str
    permalink_span: Span | None
    slug: Located | None
    title: Located | None
    excerpt: Located | None
    """A digest of an explicit excerpt's text, spaces and Unicode form normalised (the duplicate
    check compares only that); ``None`` when there is none or it is under 20 characters."""
    categories: tuple[Located, ...]
    tags: tuple[Located, ...]
    body: Body | None = None
    lang: str = ""
    """The ``lang`` of the front matter (or its defaults): posts of a multilingual site are
    compared with the posts of their own language."""
    redirect: bool = False
    """A redirect stub: ``redirect_to`` set, or a layout named for redirecting."""
    folders: tuple[FolderUse, ...] = ()
    """The site's top-level folders the file points into (``folders.folder_uses``)."""
    korean: bool = False
    """Whether the post is Korean (``language.languages``): the Korean pack's site rules look
    only at Korean posts. The two fields below are filled for Korean posts only."""
    styles: tuple[tuple[str, int], ...] = ()
    """How many ellipses and middle dots of each style the text and title have (where they are
    is in the body tier, for the files linted)."""
    blocks: tuple[Block, ...] = ()
    """The blocks of text with a link, as digests (the first and last few of a post)."""

    @property
    def order(self) -> tuple[str, str]:
        """Jekyll's order of posts (date, then path): the last one written wins a clash."""
        return (self.date or "", self.rel)


def _span(span: Span | None) -> list[int]:
    return [] if span is None else [span[0], span[1]]


def _unspan(data: list[Any]) -> Span | None:
    if not data:
        return None
    start, end = data
    return (int(start), int(end))


def _loc(item: Located | None) -> list[Any] | None:
    return None if item is None else [item.value, *_span(item.span)]


def _unloc(data: Any) -> Located | None:
    if data is None:
        return None
    value, *span = data
    return Located(str(value), _unspan(span))


def _term(data: Any) -> Located:
    """A category or tag: the same few words recur in many posts, so they share one string."""
    value, *span = data
    return Located(sys.intern(str(value)), _unspan(span))


def encode(entry: Entry) -> str:
    """``entry`` as compact JSON text for the caches, without its displayed path; the site root
    comes first (see ``site_of``)."""
    body = entry.body
    data = [
        entry.site,
        entry.rel,
        entry.collection,
        entry.draft,
        entry.named_as_post,
        entry.published,
        entry.file_date,
        entry.date,
        _loc(entry.date_field),
        entry.url,
        entry.url_from,
        _span(entry.permalink_span),
        _loc(entry.slug),
        _loc(entry.title),
        _loc(entry.excerpt),
        [_loc(c) for c in entry.categories],
        [_loc(t) for t in entry.tags],
        None
        if body is None
        else [
            [[k.kind, k.target, *k.span] for k in body.links],
            body.text_length,
            body.other_content,
            *body.span,
            [[m.style, *m.span] for m in body.marks],
        ],
        entry.lang,
        entry.redirect,
        [[use.folder, *use.span, use.count] for use in entry.folders],
        entry.korean,
        [[style, count] for style, count in entry.styles],
        [[b.digest, *b.span] for b in entry.blocks],
        FORMAT,
    ]
    return json.dumps(data, separators=(",", ":"))


DECODE_ERRORS = (AssertionError, AttributeError, IndexError, KeyError, TypeError, ValueError)
"""What ``decode`` raises on a malformed entry."""
_JSON = json.JSONDecoder()


def site_of(text: str) -> str | None:
    """The site root of an entry ``encode`` made, read without decoding the rest."""
    try:
        site, _ = _JSON.raw_decode(text, 1) if text.startswith('["') else (None, 0)
    except ValueError:
        return None
    return site if isinstance(site, str) else None


def _optional(value: Any) -> str | None:
    return None if value is None else str(value)


def decode(text: str, path: str) -> Entry:
    """The entry ``encode`` made, shown under ``path``; raises one of ``DECODE_ERRORS``."""
    (
        site,
        rel,
        collection,
        draft,
        named,
        published,
        file_date,
        date,
        date_field,
        url,
        url_from,
        permalink,
        slug,
        title,
        excerpt,
        categories,
        tags,
        raw_body,
        lang,
        redirect,
        folders,
        korean,
        styles,
        blocks,
        layout,
    ) = json.loads(text)
    if layout != FORMAT:
        raise ValueError(f"entry layout {layout!r}, not {FORMAT}")
    body = None
    if raw_body is not None:
        raw_links, length, other, start, end, raw_marks = raw_body
        links = tuple(
            Link(sys.intern(str(kind)), str(target), (int(at), int(until)))
            for kind, target, at, until in raw_links
        )
        marks = tuple(
            Mark(sys.intern(str(style)), (int(at), int(until))) for style, at, until in raw_marks
        )
        body = Body(links, int(length), bool(other), (int(start), int(end)), marks)
    return Entry(
        path=path,
        site=sys.intern(str(site)),
        rel=str(rel),
        collection=sys.intern(str(collection)),
        draft=bool(draft),
        named_as_post=bool(named),
        published=bool(published),
        file_date=_optional(file_date),
        date=_optional(date),
        date_field=_unloc(date_field),
        url=_optional(url),
        url_from=sys.intern(str(url_from)),
        permalink_span=_unspan(permalink),
        slug=_unloc(slug),
        title=_unloc(title),
        excerpt=_unloc(excerpt),
        categories=tuple(map(_term, categories)),
        tags=tuple(map(_term, tags)),
        body=body,
        lang=sys.intern(str(lang)),
        redirect=bool(redirect),
        folders=tuple(
            FolderUse(sys.intern(str(name)), (int(start), int(end)), int(count))
            for name, start, end, count in folders
        ),
        korean=bool(korean),
        styles=tuple((sys.intern(str(style)), int(count)) for style, count in styles),
        blocks=tuple(Block(str(digest), (int(at), int(until))) for digest, at, until in blocks),
    )
