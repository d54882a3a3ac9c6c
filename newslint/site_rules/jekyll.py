"""Jekyll's rules for posts: which files are posts, their dates, slugs, categories and URLs.

Modelled on Jekyll 4 (``Document``, ``Drops::UrlDrop``, ``Utils.slugify``, ``URL``): a post is
a file under ``_posts`` named ``YYYY-MM-DD-slug.ext``; its date comes from front matter
``date:`` when present, else from the file name; its categories are the directories above
``_posts`` plus ``categories``/``category`` (a string is split on spaces); its URL is the
``permalink`` of the post, else of its collection, else of ``_config.yml`` (a named style or a
template), with placeholders filled in and ``//`` collapsed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

POST_NAME = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$")
"""Jekyll's ``DATE_FILENAME_MATCHER`` for the file name alone."""
NAMED_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
COLLECTION_DEFAULT = "/:collection/:path:output_ext"
_PRETTY_KEEP = frozenset("._~!$&'()+,;=@")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_OUTPUT_EXT = {".md": ".html", ".markdown": ".html", ".mkd": ".html", ".htm": ".html"}


_ASCII_DROPPED = re.compile(r"[^A-Za-z0-9]+")
_ASCII_DROPPED_PRETTY = re.compile(r"[^A-Za-z0-9._~!$&'()+,;=@]+")
"""What ``slugify`` turns into one hyphen in ASCII text, by mode (its per-character test)."""


def slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """``Utils.slugify`` in its ``default`` or ``pretty`` mode (letters of every script kept)."""
    if text.isascii():  # most titles: one pattern instead of a category per character
        dropped = _ASCII_DROPPED_PRETTY if pretty else _ASCII_DROPPED
        slug = dropped.sub("-", text)
    else:
        slug = _slug_of_any(text, pretty)
    slug = slug[1:] if slug.startswith("-") else slug
    slug = slug[:-1] if slug.endswith("-") else slug
    return slug if cased else slug.lower()


def _slug_of_any(text: str, pretty: bool) -> str:
    """``text`` with each run of characters that are not kept made one hyphen."""
    out: list[str] = []
    hyphen = False
    for char in text:
        category = unicodedata.category(char)
        keep = category[0] in "LM" or category == "Nd" or (pretty and char in _PRETTY_KEEP)
        if keep:
            out.append(char)
            hyphen = False
        elif not hyphen:
            out.append("-")
            hyphen = True
    return "".join(out)


def file_date(name: str) -> dt.date | None:
    """The day Jekyll reads from a post's file name (``None``: it has none, or Jekyll refuses it).

    As Ruby's ``Time.parse`` does, a day past the end of its month rolls over (``2016-06-31``
    is July 1); a month over 12 or a day over 31 is refused.
    """
    match = POST_NAME.match(name)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.group(1).split("-"))
    return ruby_date(year, month, day)


def ruby_date(year: int, month: int, day: int) -> dt.date | None:
    """The day Ruby's ``Time.parse`` (and so Jekyll) reads from a written date: a day past the
    end of its month rolls over (June 31 is July 1); ``None`` for a month over 12 or a day over
    31, which Jekyll refuses."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and year >= 1):
        return None
    return dt.date(year, month, 1) + dt.timedelta(days=day - 1)


def is_calendar_date(written: str) -> bool:
    """Whether ``YYYY-MM-DD`` (as a file name writes it) is a real day of the calendar."""
    try:
        dt.date(*(int(part) for part in written.split("-")))
    except ValueError:
        return False
    return True


def file_slug(name: str) -> str:
    """The slug Jekyll takes from a file name: after the date, without extension or end dots."""
    match = POST_NAME.match(name)
    if match is not None:
        slug = match.group(2)
    else:
        slug = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return slug.rstrip(".")


def split_taxonomy(value: Any) -> list[str]:
    """Categories or tags as Jekyll reads them: a string splits on whitespace, a list as is."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and not isinstance(v, (list, dict))]
    if value is None or isinstance(value, dict):
        return []
    return [str(value)]


def local_time(value: dt.date, zone: str | None) -> dt.datetime:
    """A front-matter date as Jekyll dates the post: in the site's ``timezone`` when it has one.

    An offset written in the value is converted to the site's zone; a time without an offset is
    taken as written (how Jekyll reads it depends on the build machine's zone).
    """
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is None or not zone:
        return value.replace(tzinfo=None)
    try:
        from zoneinfo import ZoneInfo

        return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    except (ImportError, ValueError, KeyError, OSError):
        return value.replace(tzinfo=None)


def template_for(
    config: Mapping[str, Any], collection: str, post_permalink: str | None
) -> tuple[str, str]:
    """The permalink template of a document and where it came from (``post``, ``site``...)."""
    if post_permalink:
        return post_permalink, "post"
    collections = config.get("collections")
    if isinstance(collections, Mapping):
        meta = collections.get(collection)
        if isinstance(meta, Mapping) and isinstance(meta.get("permalink"), str):
            style: str = meta["permalink"]
            return NAMED_STYLES.get(style, style), "collection"
    if collection != "posts":
        return COLLECTION_DEFAULT, "default"
    site_style = config.get("permalink")
    if isinstance(site_style, str) and site_style:
        return NAMED_STYLES.get(site_style, site_style), "site"
    return NAMED_STYLES["date"], "default"


@dataclass(frozen=True, slots=True)
class _UrlParts:
    """What a document's URL placeholders are filled from (see ``build_url``)."""

    when: dt.datetime
    slug: str
    basename: str
    suffix: str
    categories: Sequence[str]
    collection: str
    path_in_collection: str


def _categories(parts: _UrlParts) -> str:
    """``:categories``: lower-cased, each once, in order."""
    return "/".join(dict.fromkeys(category.lower() for category in parts.categories))


_VALUES: dict[str, Callable[[_UrlParts], str]] = {
    "year": lambda u: f"{u.when.year:04d}",
    "month": lambda u: f"{u.when.month:02d}",
    "i_month": lambda u: str(u.when.month),
    "day": lambda u: f"{u.when.day:02d}",
    "i_day": lambda u: str(u.when.day),
    "y_day": lambda u: f"{u.when.timetuple().tm_yday:03d}",
    "short_year": lambda u: f"{u.when.year % 100:02d}",
    "hour": lambda u: f"{u.when.hour:02d}",
    "minute": lambda u: f"{u.when.minute:02d}",
    "second": lambda u: f"{u.when.second:02d}",
    "title": lambda u: slugify(u.slug, pretty=True, cased=True),
    "slug": lambda u: slugify(u.slug),
    "name": lambda u: slugify(u.basename),
    "categories": _categories,
    "output_ext": lambda u: _OUTPUT_EXT.get(u.suffix.lower(), u.suffix.lower()),
    "collection": lambda u: u.collection,
    "path": lambda u: u.path_in_collection,
    "short_month": lambda u: u.when.strftime("%b"),
    "long_month": lambda u: u.when.strftime("%B"),
    "short_day": lambda u: u.when.strftime("%a"),
    "long_day": lambda u: u.when.strftime("%A"),
    "week": lambda u: f"{u.when.isocalendar()[1]:02d}",
    "w_year": lambda u: str(u.when.isocalendar()[0]),
}
"""Each placeholder ``Drops::UrlDrop`` knows, and how to fill it."""
_DOT_SEGMENT = re.compile(r"/\.+/")
_SLASHES = re.compile(r"//+")


@functools.lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[str | Callable[[_UrlParts], str], ...]:
    """``template`` as literal text and the fillers of its placeholders, in order.

    A placeholder is the longest known name that starts the word after a ``:`` (there is no
    separator in ``:title:output_ext``; ``:titles`` is the title and an ``s``, as Jekyll's
    replacing of ``:title`` gives); a word that starts with none stays as written.
    """
    pieces: list[str | Callable[[_UrlParts], str]] = []
    at = 0
    for match in _PLACEHOLDER.finditer(template):
        pieces.append(template[at : match.start()])
        word = match.group(1)
        end = next((n for n in range(len(word), 0, -1) if word[:n] in _VALUES), 0)
        name = word[:end]
        if not name:
            pieces.append(match.group(0))
        else:
            pieces += [_VALUES[name], word[end:]]
        at = match.end()
    pieces.append(template[at:])
    return tuple(piece for piece in pieces if piece != "")


def build_url(
    template: str,
    *,
    when: dt.datetime,
    slug: str,
    basename: str,
    suffix: str,
    categories: Sequence[str],
    collection: str,
    path_in_collection: str,
) -> str:
    """Fill ``template``'s placeholders as ``Drops::UrlDrop`` does and sanitise like ``URL``.

    Only the placeholders the template names are worked out.
    """
    parts = _UrlParts(when, slug, basename, suffix, categories, collection, path_in_collection)
    url = "".join(p if isinstance(p, str) else p(parts) for p in _pieces(template))
    url = _DOT_SEGMENT.sub("/", url)
    return _SLASHES.sub("/", "/" + url)
