"""An index entry built from one document: the front tier from its front matter and path, as
Jekyll reads them, and the body tier from its one HTML parse (see ``index``).

A Korean post's front tier also holds what the Korean pack's site rules compare across posts
(how many ellipses and middle dots of each style, digests of its blocks with a link), read from
the body's mask and patterns without the HTML parse, so a shard builds it for files it does not
lint; where each mark is goes in the body tier."""

from __future__ import annotations

import datetime as dt
import hashlib
import html as entities
import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.document import Document
from newslint.site_rules import jekyll
from newslint.site_rules.folders import folder_uses
from newslint.site_rules.index import Block, Body, Entry, Link, Located, Mark
from newslint.site_rules.place import content_place

if TYPE_CHECKING:
    from newslint.frontmatter import YNode
    from newslint.html.query import HtmlParse

_LIQUID_LINK = re.compile(r"\{%-?\s*(post_url|link)\s+(.+?)\s*-?%\}")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_MD_LINK = re.compile(r"\]\(\s*<?(/[^\s)>]*)")
_MEDIA = frozenset({"img", "picture", "video", "audio", "iframe", "embed", "object", "svg"})
_MEDIA_TAGS = _MEDIA | {"image"}
"""The tag names that can create a ``_MEDIA`` element (the parser makes ``<image>`` an ``img``)."""

# The Korean pack's site data (KO010 punctuation-style-mixed, KO015 repeated-block).
_ELLIPSIS = re.compile(r"\.{3,}|…+|⋯+")
_MIDDLE_DOT = re.compile(r"(?<=\w)[\u00b7\u318d\u2022\u2027\u2219\u30fb\uff65](?=\w)")
"""A middle dot between two letters or digits (``한·미``), never a bullet before an item."""
_ANY_MARK = re.compile(r"\.\.\.|[…⋯\u00b7\u318d\u2022\u2027\u2219\u30fb\uff65]")
"""Whether a text may hold a mark at all (most posts' text need not be read further)."""
_QUOTED = re.compile(
    r"\u201c[^\u201d\n]*\u201d|\u2018[^\u2019\n]*\u2019|\"[^\"\n]*\"|'[^'\n]*'"
    r"|\u300c[^\u300d\n]*\u300d|\u300e[^\u300f\n]*\u300f"
)
"""A quotation on one line: in double or single quotation marks (curly or straight), 「 」 or
『 』."""
_NOT_TEXT = re.compile(
    r"<!--.*?-->|<(script|style|pre|code)\b.*?</\1\s*>|<[^>]*>|\]\([^)]*\)"
    r"|(?:https?://|www\.)[^\s<>\"')]*|&[#\w]+;",
    re.DOTALL | re.IGNORECASE,
)
"""What is not the reader's text in a masked body: comments, code and script elements, tags,
link targets, addresses and character references."""
_BREAK = re.compile(r"</?(?:p|div|br|h[1-6]|li|blockquote)\b[^>]*>", re.IGNORECASE)
"""What ends a block besides a line break: a paragraph, division or line-break tag (so a promo
line glued to the paragraph before it, or a ``<p>`` on the line of another, is apart)."""
_LINKED = re.compile(r"<a\s|\]\(|https?://|www\.|<[^<>\s@]+@[^<>\s]+>", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
BLOCK_LETTERS = 8
"""Letters and digits a block's text needs to be compared (an image or a bare link is not)."""
BLOCKS_KEPT = 8
"""Blocks kept from each end of a post (a promo sits at the top or the bottom)."""


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


def summarize(doc: Document, path: Path, *, body: bool) -> Entry | None:
    """The index entry of ``doc`` (``None`` outside a Jekyll site or for a page).

    With ``body``, the body tier too (it uses the document's memoised HTML parse).
    """
    from newslint.frontmatter import parse
    from newslint.language import languages
    from newslint.site import defaults_for
    from newslint.yamlerrors import SyntaxProblem

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
    unread = fm is not None and fm.root is None and any(fm.facts_of(SyntaxProblem))
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
    korean = "ko" in languages(doc, path, merged)
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
        body=_body(doc, fields, korean=korean) if body else None,
        lang=_text_value(merged.get("lang")) or "",
        redirect=_redirects(merged),
        folders=folder_uses(doc, base),
        **_korean(doc, fields) if korean else {},
    )


def _korean(doc: Document, fields: dict[str, Any]) -> dict[str, Any]:
    """A Korean post's entry fields for the Korean pack's site rules (where its marks are goes
    in the body tier, see ``_body``)."""
    marks = _marks(doc, fields)
    styles = sorted(Counter(mark.style for mark in marks).items())
    return {"korean": True, "styles": tuple(styles), "blocks": _blocks(doc)}


def _marks(doc: Document, fields: dict[str, Any]) -> tuple[Mark, ...]:
    """The ellipses and middle dots of the title (as written) and the body's text, computed
    once per document."""

    from newslint.markdown.mask import mask_document

    def compute() -> tuple[Mark, ...]:
        found: list[Mark] = []
        if "title" in fields and isinstance(fields["title"][1].value, str):
            node = fields["title"][1]
            inner = 1 if node.style in ("'", '"') else 0  # not the YAML quotes
            found += _scan(doc.text[node.start + inner : node.end - inner], node.start + inner)
        if _ANY_MARK.search(doc.text, doc.body_start) is not None:  # before masking the body
            masked = mask_document(doc).text
            if _ANY_MARK.search(masked) is not None:
                found += _scan(_NOT_TEXT.sub(_blank, masked), doc.body_start)
        return tuple(found)

    return doc.memo("site-marks", compute)


def _blank(match: re.Match[str]) -> str:
    """``match`` as spaces, but its line breaks (so offsets and blank lines stay)."""
    text = match.group()
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _scan(text: str, base: int) -> list[Mark]:
    """The ellipses and middle dots of ``text`` (at ``base`` in the file), in order, but those
    inside quotation marks on one line (a quote keeps the form its source wrote)."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    found = []
    for match in _ELLIPSIS.finditer(text):
        mark = match.group()
        if mark[0] == ".":
            style = "..."
        elif mark[0] == "…":
            style = "…" if len(mark) == 1 else "……"
        else:
            style = "⋯"
        found.append(Mark(style, (base + match.start(), base + match.end())))
    found += [
        Mark(m.group(), (base + m.start(), base + m.end())) for m in _MIDDLE_DOT.finditer(text)
    ]
    found = [m for m in found if not any(s < m.span[0] - base < e for s, e in quoted)]
    return sorted(found, key=lambda mark: mark.span)


def _blocks(doc: Document) -> tuple[Block, ...]:
    """The body's blocks with a link and some text (a line, or the part of it between
    ``_BREAK`` tags), as digests of their text (tags, images and link targets dropped,
    references decoded, Unicode form, spaces and case normalised): the first and last
    ``BLOCKS_KEPT``, found from each end (a post with many links is not read through)."""
    from newslint.markdown.mask import mask_document

    links = [link.start() for link in _LINKED.finditer(doc.body)]
    if not links:
        return ()
    masked = mask_document(doc).text
    head = _blocks_from(masked, doc.body_start, links, 2 * BLOCKS_KEPT + 1)
    if len(head) <= 2 * BLOCKS_KEPT:
        return tuple(head)  # every block was read
    tail = _blocks_from(masked, doc.body_start, links[::-1], BLOCKS_KEPT)
    return tuple(head[:BLOCKS_KEPT] + tail[::-1])


def _blocks_from(masked: str, base: int, links: list[int], wanted: int) -> list[Block]:
    """Up to ``wanted`` blocks, of the links at ``links`` in that order (one block a line part)."""
    found: list[Block] = []
    seen: tuple[int, int] | None = None
    for at in links:
        span = _block_at(masked, at)
        if span == seen:
            continue  # another link of the block just read
        seen = span
        block = _block(masked[span[0] : span[1]], base + span[0])
        if block is not None:
            found.append(block)
            if len(found) == wanted:
                break
    return found


def _block_at(masked: str, at: int) -> tuple[int, int]:
    """The line part around offset ``at``: its line, cut at the ``_BREAK`` tags beside it."""
    start = masked.rfind("\n", 0, at) + 1
    end = masked.find("\n", at)
    end = len(masked) if end < 0 else end
    for tag in _BREAK.finditer(masked, start, end):
        if tag.end() <= at:
            start = tag.end()
        elif tag.start() >= at:
            end = tag.start()
            break
    return start, end


def _block(piece: str, at: int) -> Block | None:
    """The block of ``piece`` (at offset ``at`` of the file); ``None`` with too few letters."""
    text = _TAG.sub(" ", _LINK_TEXT.sub(r"\1", _IMAGE.sub(" ", piece)))
    text = " ".join(unicodedata.normalize("NFC", entities.unescape(text)).split()).casefold()
    if sum(c.isalnum() for c in text) < BLOCK_LETTERS:
        return None
    first = at + len(piece) - len(piece.lstrip())
    last = at + len(piece.rstrip())
    digest = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    return Block(digest, (first, last))


def _redirects(data: dict[str, Any]) -> bool:
    """Whether the post only sends readers elsewhere (jekyll-redirect-from, a redirect layout)."""
    layout = data.get("layout")
    return bool(data.get("redirect_to")) or (isinstance(layout, str) and "redirect" in layout)


def _body(doc: Document, fields: dict[str, Any], *, korean: bool) -> Body:
    """Links and text length of the body, from its one HTML parse and mask; a Korean post's
    ellipses and middle dots (``_marks``)."""
    from newslint.html.parse import parse_html

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
    marks = _marks(doc, fields) if korean else ()
    return Body(tuple(links), length, other, (base, len(text)), marks)


def _has_media(html: HtmlParse) -> bool:
    """Whether the tree has a media element; walked only when a tag could have made one."""
    if html.tag_names.isdisjoint(_MEDIA_TAGS):
        return False
    return any(el.tag in _MEDIA for el in html.root.iter())
