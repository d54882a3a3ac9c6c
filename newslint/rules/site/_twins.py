"""Posts that share a value with an earlier post of their section and language (SI002, SI003,
SI011), and how far apart they were published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from newslint.messages import Text, t
from newslint.rules.site.view import SiteView
from newslint.site_rules.index import Entry


def section(entry: Entry) -> str:
    """The directory that holds the entry's ``_posts`` (a language or a section of the site)."""
    head, found, _ = ("/" + entry.rel).rpartition("/_posts/")
    return head if found else ""


def earlier_twins(
    site: SiteView,
    key: Callable[[Entry], str | None],
    within: Callable[[Entry], int] | None = None,
) -> Iterator[tuple[Entry, Entry]]:
    """(post, an earlier post of its section and language with the same key) for every later
    post: the first such post, or with ``within`` the latest one when it is at most
    ``within(post)`` days older; the other way round when only the earlier is linted
    (``SiteView.context``).

    Sections (``en/news/_posts`` and ``ja/news/_posts``) and languages (``lang:``) are compared
    apart: translations and separate sections legitimately share titles and excerpts.
    """
    seen: dict[tuple[str, str, str], Entry] = {}
    for entry in site.posts():
        value = key(entry)
        if value is None:
            continue
        where = (section(entry), entry.lang, value)
        other = seen.get(where)
        if other is None or within is not None:
            seen[where] = entry
        if other is None or (within is not None and _days_apart(other, entry) > within(entry)):
            continue
        if entry.path in site.context and other.path not in site.context:
            yield other, entry
        else:
            yield entry, other


def _days_apart(earlier: Entry, later: Entry) -> int:
    """Calendar days from one post's date to another's (Jekyll dates every post it builds)."""
    first, second = earlier.date or "", later.date or ""
    return (dt.date.fromisoformat(second[:10]) - dt.date.fromisoformat(first[:10])).days


def published(entry: Entry, other: Entry) -> Text:
    """When ``other`` was published, seen from ``entry``: "the same day", "2 days earlier"."""
    days = _days_apart(other, entry)
    if days == 0:
        return t("the same day")
    if abs(days) == 1:
        return t("a day earlier") if days > 0 else t("a day later")
    if days > 0:
        return t("{count} days earlier", count=abs(days))
    return t("{count} days later", count=abs(days))
