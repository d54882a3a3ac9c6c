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
import re
import unicodedata
from collections.abc import Mapping, Sequence
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


def slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """``Utils.slugify`` in its ``default`` or ``pretty`` mode (letters of every script kept)."""
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
    slug = "".join(out)
    slug = slug[1:] if slug.startswith("-") else slug
    slug = slug[:-1] if slug.endswith("-") else slug
    return slug if cased else slug.lower()


def file_date(name: str) -> dt.date | None:
    """The date in a post's file name (``None`` when it has none or it is not a real date)."""
    match = POST_NAME.match(name)
    if match is None:
        return None
    try:
        year, month, day = (int(part) for part in match.group(1).split("-"))
        return dt.date(year, month, day)
    except ValueError:
        return None


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
    """Fill ``template``'s placeholders as ``Drops::UrlDrop`` does and sanitise like ``URL``."""
    iso_year, iso_week, _ = when.isocalendar()
    cats: list[str] = []
    for category in categories:
        lowered = category.lower()
        if lowered not in cats:
            cats.append(lowered)
    wanted = set(_PLACEHOLDER.findall(template))
    values = {
        "year": f"{when.year:04d}",
        "month": f"{when.month:02d}",
        "i_month": str(when.month),
        "day": f"{when.day:02d}",
        "i_day": str(when.day),
        "y_day": f"{when.timetuple().tm_yday:03d}",
        "short_year": f"{when.year % 100:02d}",
        "hour": f"{when.hour:02d}",
        "minute": f"{when.minute:02d}",
        "second": f"{when.second:02d}",
        "title": slugify(slug, pretty=True, cased=True) if "title" in wanted else "",
        "slug": slugify(slug) if "slug" in wanted else "",
        "name": slugify(basename) if "name" in wanted else "",
        "categories": "/".join(cats),
        "output_ext": _OUTPUT_EXT.get(suffix.lower(), suffix.lower()),
        "collection": collection,
        "path": path_in_collection,
        "short_month": when.strftime("%b"),
        "long_month": when.strftime("%B"),
        "short_day": when.strftime("%a"),
        "long_day": when.strftime("%A"),
        "week": f"{iso_week:02d}",
        "w_year": str(iso_year),
    }

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        # Longest known placeholder that starts the word (":title:output_ext" has no separator).
        for end in range(len(name), 0, -1):
            if name[:end] in values:
                return values[name[:end]] + name[end:]
        return match.group(0)

    url = _PLACEHOLDER.sub(fill, template)
    url = re.sub(r"/\.+/", "/", url)
    return re.sub(r"//+", "/", "/" + url)
