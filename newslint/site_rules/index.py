"""The site index: one compact entry per post, built from the single parse of each file.

An entry has two tiers. The *front* tier (URL, date, title, slug, taxonomy, excerpt, where each
value is written) comes from the front matter and the path only, so it is cheap to build for
every file of a site even when a ``--shard`` lints only some of them. The *body* tier (links,
text length) needs the body's parse and exists only for the files linted in this run; site rules
read other files' front tiers and their own file's body tier, which is why every shard reaches
the same verdict about the files it owns.

Entries are plain data, encoded to JSON for the caches and the run's journal (never pickle).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from newslint.config import ConfigError, relative_to_root
from newslint.document import Document
from newslint.site_rules import jekyll
from newslint.site_rules.folders import FolderUse, folder_uses

if TYPE_CHECKING:
    from newslint.frontmatter import YNode
    from newslint.html import HtmlParse
    from newslint.site import Site

Span = tuple[int, int]
"""Start and end offsets in the file's text (lines and columns are worked out for findings)."""

_LIQUID_LINK = re.compile(r"\{%-?\s*(post_url|link)\s+(.+?)\s*-?%\}")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_MD_LINK = re.compile(r"\]\(\s*<?(/[^\s)>]*)")
_MEDIA = frozenset({"img", "picture", "video", "audio", "iframe", "embed", "object", "svg"})
_MEDIA_TAGS = _MEDIA | {"image"}
"""The tag names that can create a ``_MEDIA`` element (the parser makes ``<image>`` an ``img``)."""


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
class Body:
    """What the body contributes: its links and how much text it has."""

    links: tuple[Link, ...]
    text_length: int
    """Non-space characters of text after removing markup, code and Liquid."""
    other_content: bool
    """Media elements, Markdown images, code or Liquid: content that is not text."""
    span: Span
    """From the start of the body to the end of the file."""


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

    @property
    def order(self) -> tuple[str, str]:
        """Jekyll's order of posts (date, then path): the last one written wins a clash."""
        return (self.date or "", self.rel)


def _text_value(value: Any) -> str | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _terms(doc: Document, node: YNode, *, split: bool) -> list[Located]:
    """The terms one front-matter value gives, each with its span: a list's items as written
    (``tags: ["Curriculum Development"]`` is one tag); a string is split on whitespace only when
    ``split`` (``tags: a b``, the plural key), as Jekyll reads them."""
    if node.kind == "seq":
        items = [(i, _text_value(i.value)) for i in node.items if i.kind == "scalar"]
        return [Located(text, (i.start, i.end)) for i, text in items if text]
    text = _text_value(node.value) if node.kind == "scalar" else None
    if not text:
        return []
    if not split or not isinstance(node.value, str):
        return [Located(text, (node.start, node.end))]
    if node.style is None and doc.text[node.start : node.end] == text:
        return [
            Located(word.group(), (node.start + word.start(), node.start + word.end()))
            for word in re.finditer(r"\S+", text)
        ]
    return [Located(word, (node.start, node.end)) for word in text.split()]


def _taxonomy(
    doc: Document,
    fields: dict[str, Any],
    defaults: dict[str, Any],
    names: tuple[str, str],
    *,
    both: bool,
) -> list[Located]:
    """Categories or tags as Jekyll reads them (``names``: the plural key, the singular key),
    each with the span it is written at: with ``both`` (categories) the plural's and the
    singular's, else (tags) the singular's when it is set, the plural's otherwise. Only the
    plural key's string is split into words."""

    def given(name: str, split: bool) -> list[Located] | None:
        if name in fields:
            node = fields[name][1]
            return None if node.value is None else _terms(doc, node, split=split)
        value = defaults.get(name)
        if value is None:
            return None
        words = (
            [str(value)] if isinstance(value, str) and not split else jekyll.split_taxonomy(value)
        )
        return [Located(word, None) for word in words]

    plural, singular = names
    one = given(singular, False)
    if both:
        return [*(given(plural, True) or []), *(one or [])]
    return one if one is not None else (given(plural, True) or [])


def _located(doc: Document, fields: dict[str, Any], name: str) -> Located | None:
    if name not in fields:
        return None
    _key, node = fields[name]
    text = _text_value(node.value)
    if text is None:
        return None
    if not isinstance(node.value, str):
        text = doc.text[node.start : node.end]  # a date or number as the author wrote it
    return Located(text, (node.start, node.end))


def _excerpt(doc: Document, fields: dict[str, Any]) -> Located | None:
    """The excerpt as the duplicate check compares it (see ``Entry.excerpt``)."""
    written = _located(doc, fields, "excerpt")
    if written is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", written.value).split())
    if len(text) < 20:
        return None
    return Located(hashlib.blake2b(text.encode(), digest_size=12).hexdigest(), written.span)


def _date_time(value: Any, zone: str | None) -> dt.datetime | None:
    if isinstance(value, dt.date):
        return jekyll.local_time(value, zone)
    if isinstance(value, str):
        try:
            return jekyll.local_time(dt.datetime.fromisoformat(value.strip()), zone)
        except ValueError:
            return None
    return None


def content_place(path: Path) -> tuple[Path, Site | None, PurePosixPath, str] | None:
    """Where the file at the absolute ``path`` sits in its site: the root, the site (``None``
    without ``_config.yml``), the path from the root and the collection; ``None`` when it has
    no index entry (outside a Jekyll site, a page, a broken ``_config.yml``)."""
    from newslint.site import document_type, find_site_root, load_site, site_root_for

    root = site_root_for(path)
    if root is None:
        return None
    try:
        site_config = load_site(root) if find_site_root(path) == root else None
    except ConfigError:
        return None  # FM rules report the broken _config.yml
    relative = relative_to_root(path, root)
    if relative.startswith("/"):
        return None  # outside the root (a symbolic link out of the site)
    rel = PurePosixPath(relative)
    if site_config is not None:
        collection = document_type(rel, site_config)
    else:
        parts = rel.parts[:-1]
        collection = "posts" if "_drafts" in parts or "_posts" in parts else "pages"
    return None if collection == "pages" else (root, site_config, rel, collection)


def summarize(doc: Document, path: Path, *, body: bool) -> Entry | None:
    """The index entry of ``doc`` (``None`` outside a Jekyll site or for a page).

    With ``body``, the body tier too (it uses the document's memoised HTML parse).
    """
    from newslint.frontmatter import parse
    from newslint.site import defaults_for

    path = path.absolute()  # directory lookups are memoised by path: keep the cwd out of it
    place = content_place(path)
    if place is None:
        return None
    root, site_config, rel, collection = place
    config: dict[str, Any] = site_config.config if site_config is not None else {}
    parts = rel.parts[:-1]
    draft = "_drafts" in parts
    fm = parse(doc)
    fields = fm.fields if fm is not None else {}
    # Front matter YAML cannot read: Jekyll drops it and dates the post the day of the build,
    # so neither its date nor its URL is known here (FM003 says so).
    unread = fm is not None and fm.root is None and any(p.code == "FM003" for p in fm.problems)
    data = {key: node.value for key, (_, node) in fields.items()}
    defaults = defaults_for(path) if site_config is not None and site_config.defaults else {}
    merged = {**defaults, **data}
    name = rel.name
    is_post = collection == "posts"
    day = jekyll.file_date(name) if is_post else None
    zone = config.get("timezone") if isinstance(config.get("timezone"), str) else None
    baseurl = config.get("baseurl")
    base = baseurl.strip("/") if isinstance(baseurl, str) else ""
    when = _date_time(merged.get("date"), zone)
    # Jekyll reads a dated name as a post; a date it refuses is forgiven by a front-matter date.
    dated_name = jekyll.POST_NAME.match(name) is not None
    named = (
        (day is not None or (dated_name and when is not None)) if is_post and not draft else True
    )
    if when is None and day is not None and not unread:
        when = dt.datetime(day.year, day.month, day.day)
    slug = _located(doc, fields, "slug")
    slug_text = slug.value if slug is not None else _text_value(defaults.get("slug"))
    effective_slug = slug_text or jekyll.file_slug(name)
    path_categories = [
        Located(p, None) for p in (parts[: parts.index("_posts")] if "_posts" in parts else ())
    ]
    categories = [
        *path_categories,
        *_taxonomy(doc, fields, defaults, ("categories", "category"), both=True),
    ]
    permalink = merged.get("permalink") if isinstance(merged.get("permalink"), str) else None
    url: str | None = None
    url_from = ""
    dated_post = is_post and not draft and named and when is not None
    if dated_post or not is_post:
        output = True
        collections = config.get("collections")
        if collection != "posts" and isinstance(collections, dict):
            meta = collections.get(collection)
            output = isinstance(meta, dict) and meta.get("output") is True
        if output:
            template, url_from = jekyll.template_for(config, collection, permalink)
            inner = rel.as_posix().split(f"_{collection}/", 1)[-1].rsplit(".", 1)[0]
            url = jekyll.build_url(
                template,
                when=when or dt.datetime(1970, 1, 1),
                slug=effective_slug,
                basename=name.rsplit(".", 1)[0],
                suffix=rel.suffix,
                categories=[c.value for c in categories] if is_post else [],
                collection=collection,
                path_in_collection=inner,
            )
            if base:
                url = "/" + base + url
    permalink_span = None
    if "permalink" in fields:
        node = fields["permalink"][1]
        permalink_span = (node.start, node.end)
    published = merged.get("published") is not False
    return Entry(
        path=doc.path,
        site=sys.intern(os.fspath(root)),
        rel=rel.as_posix(),
        collection=collection,
        draft=draft,
        named_as_post=named,
        published=published,
        file_date=day.isoformat() if day is not None else None,
        date=when.isoformat() if when is not None else None,
        date_field=_located(doc, fields, "date"),
        url=url,
        url_from=url_from,
        permalink_span=permalink_span,
        slug=slug,
        title=_located(doc, fields, "title"),
        excerpt=_excerpt(doc, fields),
        categories=tuple(categories),
        tags=tuple(_taxonomy(doc, fields, defaults, ("tags", "tag"), both=False)),
        body=_body(doc) if body else None,
        lang=_text_value(merged.get("lang")) or "",
        redirect=_redirects(merged),
        folders=folder_uses(doc, base),
    )


def _redirects(data: dict[str, Any]) -> bool:
    """Whether the post only sends readers elsewhere (jekyll-redirect-from, a redirect layout)."""
    layout = data.get("layout")
    return bool(data.get("redirect_to")) or (isinstance(layout, str) and "redirect" in layout)


def _body(doc: Document) -> Body:
    """Links and text length of the body, from its one HTML parse and mask."""
    from newslint.html import parse_html

    html = parse_html(doc)
    text, base = doc.text, doc.body_start
    links: list[Link] = []
    raw = [(m.start() + base, m.end() + base) for m in _RAW.finditer(doc.body)]
    for match in _LIQUID_LINK.finditer(text, base):
        start = match.start()
        if any(s <= start < e for s, e in raw) or "{{" in match.group(2):
            continue
        target = match.group(2).strip().strip("'\"")
        at = match.start(2)
        links.append(Link(match.group(1), target, (at, at + len(match.group(2)))))
    for tag in html.start_tags_named("a", "img"):
        kind = "href" if tag.name == "a" else "src"
        value = tag.attrs.get(kind, "")
        if value.startswith("/") and not value.startswith("//"):
            found = text.find(value, tag.start, tag.end)
            start, end = (found, found + len(value)) if found >= 0 else (tag.start, tag.end)
            links.append(Link(kind, value, (start, end)))
    masked = html.mask.text
    for match in _MD_LINK.finditer(masked):
        at = base + match.start(1)
        opener = masked.rfind("[", 0, match.start())
        kind = "src" if opener > 0 and masked[opener - 1] == "!" else "href"
        links.append(Link(kind, match.group(1), (at, at + len(match.group(1)))))
    length = len("".join("".join(html.root.itertext()).split()))
    other = bool(html.mask.ranges) or "![" in masked or _has_media(html)
    links.sort(key=lambda link: link.span[0])
    return Body(tuple(links), length, other, (base, len(text)))


def _has_media(html: HtmlParse) -> bool:
    """Whether the tree has a media element; walked only when a tag could have made one."""
    if html.tag_names.isdisjoint(_MEDIA_TAGS):
        return False
    return any(el.tag in _MEDIA for el in html.root.iter())


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
        ],
        entry.lang,
        entry.redirect,
        [[use.folder, *use.span, use.count] for use in entry.folders],
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
    ) = json.loads(text)
    body = None
    if raw_body is not None:
        raw_links, length, other, start, end = raw_body
        links = tuple(
            Link(sys.intern(str(kind)), str(target), (int(at), int(until)))
            for kind, target, at, until in raw_links
        )
        body = Body(links, int(length), bool(other), (int(start), int(end)))
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
    )
