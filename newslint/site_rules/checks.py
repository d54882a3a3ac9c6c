"""The site rules: checks over every entry of one site, yielding findings in single files.

A check reads other files' *front* tiers and only its own file's body tier (see ``index``), so a
shard that owns a file reaches the same findings for it as an unsharded run. Checks yield spans
and messages; the runner stamps code and severity, as the engine does for per-file rules.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from newslint.config import real_directory
from newslint.frontmatter import quote
from newslint.site_rules.folders import FolderUse
from newslint.site_rules.index import Entry, Located, Span
from newslint.site_rules.jekyll import POST_NAME, is_calendar_date

TOP: Span = (0, 0)
"""Where a finding about the file name goes: the start of the file."""


@dataclass(frozen=True, slots=True)
class SiteFinding:
    """A site rule's finding in one file: span, message, related places (offsets) in that file."""

    path: str
    span: Span
    message: str
    related: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class SiteView:
    """One site as the checks see it."""

    root: Path
    config: dict[str, Any]
    entries: list[Entry]
    """Every content file of the site, in path order."""
    now: dt.datetime
    """The current time in the site's zone, naive (as entry dates are)."""
    options: Callable[[str, str], dict[str, Any]]
    """``options(path, code)``: the rule options that apply to one file."""
    exists: Callable[[Path], bool] = Path.is_file
    """Whether a file exists (the runner records what was asked, for its cache)."""
    folder_exists: Callable[[Path], bool] = Path.is_dir
    """Whether a directory exists (recorded as ``exists`` is)."""
    context: frozenset[str] = frozenset()
    """Files that no run lints (the rest of the site of the files named, files unchanged under
    ``--changed-since``): a clash of one of them with a linted file is reported in the linted
    file, since nothing would report it where a whole-site run does."""

    def posts(self) -> list[Entry]:
        """Published posts that Jekyll builds (named as posts, not drafts), in Jekyll's order."""
        built = [e for e in self.entries if e.published and not e.draft and e.named_as_post]
        return sorted(built, key=lambda e: e.order)


def _quoted(text: str) -> str:
    return quote(text)


def section(entry: Entry) -> str:
    """The directory that holds the entry's ``_posts`` (a language or a section of the site)."""
    head, found, _ = ("/" + entry.rel).rpartition("/_posts/")
    return head if found else ""


def _earlier_twins(
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


def _published(entry: Entry, other: Entry) -> str:
    """When ``other`` was published, seen from ``entry``: "the same day", "2 days earlier"."""
    days = _days_apart(other, entry)
    if days == 0:
        return "the same day"
    amount = "a day" if abs(days) == 1 else f"{abs(days)} days"
    return f"{amount} {'earlier' if days > 0 else 'later'}"


def duplicate_url(site: SiteView) -> Iterator[SiteFinding]:
    """SI001: two posts built to one URL; report the ones Jekyll overwrites."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in site.posts() + [e for e in site.entries if e.collection != "posts"]:
        if entry.url is not None and entry.published:
            groups[entry.url].append(entry)
    for url, entries in groups.items():
        if len(entries) < 2:
            continue
        winner = entries[-1]
        for entry in entries[:-1]:
            if entry.path in site.context and winner.path not in site.context:
                span, change = _url_source(winner)
                yield SiteFinding(
                    winner.path,
                    span,
                    f"URL {url} is also built from {entry.path}, which Jekyll writes earlier; "
                    f"this post replaces it, and that one is no longer published; {change}",
                )
                continue
            span, change = _url_source(entry)
            yield SiteFinding(
                entry.path,
                span,
                f"URL {url} is also built from {winner.path}, which Jekyll writes later and "
                f"keeps; this post is never published; {change}",
            )


def _url_source(entry: Entry) -> tuple[Span, str]:
    """Where a post's URL comes from, and how to change it."""
    if entry.url_from == "post" and entry.permalink_span is not None:
        return entry.permalink_span, "change this permalink"
    if entry.slug is not None and entry.slug.span is not None:
        return entry.slug.span, "change this slug"
    return TOP, "rename the file or set a permalink"


def _title_key(entry: Entry) -> str | None:
    if entry.title is None or not entry.title.value.strip():
        return None
    return " ".join(unicodedata.normalize("NFC", entry.title.value).casefold().split())


def duplicate_title(site: SiteView) -> Iterator[SiteFinding]:
    """SI002: the same title on two posts published within a few days; report the later one.

    Posts further apart share a recurring title (a weekly column, a yearly security notice).
    """

    def within(entry: Entry) -> int:
        return int(site.options(entry.path, "SI002").get("days", 4))

    for entry, other in _earlier_twins(site, _title_key, within):
        assert entry.title is not None and entry.title.span is not None
        yield SiteFinding(
            entry.path,
            entry.title.span,
            f"title {_quoted(entry.title.value)} is also the title of {other.path}, published "
            f"{_published(entry, other)}; give this post a title of its own",
        )


def duplicate_slug(site: SiteView) -> Iterator[SiteFinding]:
    """SI003: the same ``slug:`` on two posts; report every post after the first."""

    def key(entry: Entry) -> str | None:
        if entry.slug is None or entry.slug.span is None or not entry.slug.value.strip():
            return None
        return f"{entry.collection}\0{entry.slug.value.strip().lower()}"

    for entry, first in _earlier_twins(site, key):
        assert entry.slug is not None and entry.slug.span is not None
        yield SiteFinding(
            entry.path,
            entry.slug.span,
            f"slug {_quoted(entry.slug.value)} is also the slug of {first.path}; "
            "give this post a slug of its own",
        )


def date_mismatch(site: SiteView) -> Iterator[SiteFinding]:
    """SI004: ``date:`` on another day than the file name's date."""
    for entry in site.entries:
        field = entry.date_field
        if entry.file_date is None or field is None or field.span is None or entry.date is None:
            continue
        day = entry.date[:10]
        if day == entry.file_date:
            continue
        if field.value.startswith(day):
            what = f"date {field.value} disagrees with the file name's {entry.file_date}"
        else:
            what = (
                f"date {field.value} is {day} in the site's timezone, "
                f"not the file name's {entry.file_date}"
            )
        yield SiteFinding(
            entry.path,
            field.span,
            f"{what}; Jekyll dates the post and its URL {day}; make them agree",
        )


def _future_day(site: SiteView, entry: Entry) -> str | None:
    """The day of a post dated after now (``None``: not in the future, or undated)."""
    if entry.date is None or dt.datetime.fromisoformat(entry.date) <= site.now:
        return None
    return entry.date[:10]


def future_date(site: SiteView) -> Iterator[SiteFinding]:
    """SI005: a published post dated after now."""
    site_future = site.config.get("future") is True
    for entry in site.posts():
        day = _future_day(site, entry)
        if day is None:
            continue
        always = bool(site.options(entry.path, "SI005").get("always", False))
        if site_future and not always:
            continue
        field = entry.date_field
        span = field.span if field is not None and field.span is not None else TOP
        if site_future:
            effect = "it is published now with a date in the future (future: true)"
        else:
            effect = "Jekyll leaves it out of every build until then (future: false)"
        yield SiteFinding(
            entry.path,
            span,
            f"post is dated {day}, in the future; {effect}; correct the date",
        )


def not_a_post_name(site: SiteView) -> Iterator[SiteFinding]:
    """SI006: a file in ``_posts`` whose name Jekyll skips, refuses or reads as another date."""
    for entry in site.entries:
        if entry.collection != "posts" or entry.draft:
            continue
        name = entry.rel.rsplit("/", 1)[-1]
        dated = POST_NAME.match(name)
        if dated is None:
            yield SiteFinding(
                entry.path,
                TOP,
                f"file name {_quoted(name)} does not start with a date (YYYY-MM-DD-title.ext); "
                "Jekyll skips it without a warning, so it is never published; rename the file",
            )
            continue
        written = dated.group(1)
        if is_calendar_date(written):
            continue
        if entry.date_field is not None and entry.date is not None:
            effect = f"Jekyll dates the post by its front matter ({entry.date[:10]})"
        elif entry.file_date is not None:
            effect = f"Jekyll publishes the post dated {entry.file_date} (the day rolls over)"
        else:
            effect = "Jekyll stops the build with 'Invalid date'"
        yield SiteFinding(
            entry.path,
            TOP,
            f"the date {written} in file name {_quoted(name)} is not a calendar date; {effect}; "
            "rename the file with the post's real date",
        )


_SPELLING_IGNORED = str.maketrans("", "", " -_\u00a0")
"""What two spellings of one term may differ by besides case and composition."""


def _spelling_key(value: str) -> str:
    return unicodedata.normalize("NFC", value).casefold().translate(_SPELLING_IGNORED)


def _difference(value: str, majority: str) -> str:
    if unicodedata.normalize("NFC", value) == unicodedata.normalize("NFC", majority):
        return "decomposed Unicode (NFD) of the same letters"
    if value.casefold() == majority.casefold():
        return "case"
    return "spacing or hyphenation"


def _spellings(site: SiteView, case: bool) -> Iterator[SiteFinding]:
    """Categories and tags spelled several ways: with ``case``, the spellings that differ only
    by case, else the others (spacing, hyphenation, Unicode composition); each with the
    spelling most posts use."""
    for kind, singular in (("categories", "category"), ("tags", "tag")):
        uses: dict[str, Counter[str]] = defaultdict(Counter)
        keys: dict[str, str] = {}  # a site uses few terms, each in many posts
        for entry in site.entries:
            items: tuple[Located, ...] = getattr(entry, kind)
            for spelling in {item.value for item in items}:
                if spelling not in keys:
                    keys[spelling] = _spelling_key(spelling)
                uses[keys[spelling]][spelling] += 1
        for entry in site.entries:
            for item in getattr(entry, kind):
                counts = uses[keys[item.value]]
                if len(counts) < 2 or item.span is None:
                    continue
                majority, most = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
                if item.value == majority:
                    continue
                difference = _difference(item.value, majority)
                if (difference == "case") != case:
                    continue
                posts = f"{most} post{'s' if most != 1 else ''}"
                if case:
                    message = (
                        f"{singular} {_quoted(item.value)} is written {_quoted(majority)} in "
                        f"{posts}; spell it one way, as a {singular} page may list only the "
                        "posts of one spelling"
                    )
                else:
                    message = (
                        f"{singular} {_quoted(item.value)} differs from {_quoted(majority)} "
                        f"({posts}) only by {difference}; use {_quoted(majority)}"
                    )
                yield SiteFinding(entry.path, item.span, message)


def taxonomy_spelling(site: SiteView) -> Iterator[SiteFinding]:
    """SI007: one category or tag spelled several ways, other than by case alone."""
    return _spellings(site, case=False)


def taxonomy_case(site: SiteView) -> Iterator[SiteFinding]:
    """SI013: one category or tag written in several cases (a hint: many themes show them alike,
    while a case-sensitive tag page lists the posts of one spelling only)."""
    return _spellings(site, case=True)


def _inside(root: Path, relative: str) -> Path | None:
    """``root/relative`` when it stays inside the site root, else ``None`` (never looked at)."""
    normal = posixpath.normpath(relative.lstrip("/"))
    if normal.startswith("..") or Path(normal).is_absolute():
        return None
    candidate = root / normal
    # Directories resolved once each (symlinks must not lead out of the site), then the file.
    base = os.fspath(real_directory(root))
    parent = os.fspath(real_directory(candidate.parent))
    if parent != base and not parent.startswith(base + os.sep):
        return None
    if candidate.is_symlink():
        real = os.path.realpath(candidate)
        if not real.startswith(base + os.sep):
            return None
    return candidate


def _left_out(site: SiteView, entry: Entry) -> str | None:
    """Why Jekyll builds no page for a post a tag may name (``None``: it builds one)."""
    if not entry.published:
        return "is not published (published: false)"
    day = _future_day(site, entry)
    if day is not None and site.config.get("future") is not True:
        return f"is dated {day}, in the future, and the site builds no future posts"
    return None


def missing_link_target(site: SiteView) -> Iterator[SiteFinding]:
    """SI008: ``{% post_url %}`` or ``{% link %}`` naming no post or file Jekyll builds."""
    posts = {
        e.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]: e
        for e in site.entries
        if e.named_as_post and not e.draft
    }
    by_path = {e.rel: e for e in site.entries}
    for entry in site.entries:
        if entry.body is None:
            continue
        for link in entry.body.links:
            if link.kind == "post_url":
                name = link.target.rsplit("/", 1)[-1]
                target_post = posts.get(name)
                if target_post is not None:
                    left_out = _left_out(site, target_post)
                    if left_out is None:
                        continue
                    reason, advice = f"the post {left_out}", "publish it or link another post"
                else:
                    advice = "use the file name of an existing post without its extension"
                    reason = (
                        "no post of the site has this name"
                        if POST_NAME.match(name + ".md")
                        else "it is not YYYY-MM-DD-title"
                    )
                yield SiteFinding(
                    entry.path,
                    link.span,
                    f"{{% post_url {link.target} %}}: {reason}; Jekyll stops the build; {advice}",
                )
            elif link.kind == "link":
                target = _inside(site.root, link.target)
                if target is not None and site.exists(target):
                    linked = by_path.get(posixpath.normpath(link.target.lstrip("/")))
                    left_out = _left_out(site, linked) if linked is not None else None
                    if left_out is None:
                        continue
                    where = f"is a post that {left_out}"
                    advice = "publish it or link another post"
                else:
                    where = "is outside the site" if target is None else "does not exist"
                    advice = "use the path of an existing file from the site root"
                yield SiteFinding(
                    entry.path,
                    link.span,
                    f"{{% link {link.target} %}}: {link.target} {where}; Jekyll stops the build; "
                    f"{advice}",
                )


def _url_exists(site: SiteView, urls: set[str], target: str) -> bool:
    path = unquote(urlsplit(target).path)
    baseurl = site.config.get("baseurl")
    if isinstance(baseurl, str) and baseurl.strip("/"):
        prefix = "/" + baseurl.strip("/")
        if path.startswith(prefix):
            path = path[len(prefix) :] or "/"
    variants = {path, path.rstrip("/") + "/", path.removesuffix("index.html")}
    if variants & urls:
        return True
    stem = path.rstrip("/")
    for candidate in (path, f"{stem}/index.html", f"{stem}.html", f"{stem}.md", f"{stem}/index.md"):
        found = _inside(site.root, candidate)
        if found is not None and site.exists(found):
            return True
    return False


def dangling_url(site: SiteView) -> Iterator[SiteFinding]:
    """SI009: a root-relative href or src that no post URL or site file answers."""
    baseurl = site.config.get("baseurl")
    prefix = "/" + baseurl.strip("/") if isinstance(baseurl, str) and baseurl.strip("/") else ""
    urls = {(e.url or "").removeprefix(prefix) or "/" for e in site.entries if e.url}
    for entry in site.entries:
        if entry.body is None:
            continue
        for link in entry.body.links:
            if link.kind not in ("href", "src") or _url_exists(site, urls, link.target):
                continue
            what = "image" if link.kind == "src" else "link"
            yield SiteFinding(
                entry.path,
                link.span,
                f"{what} {link.target} matches no post URL and no file under the site root; "
                "correct the path or add the file",
            )


def empty_post(site: SiteView) -> Iterator[SiteFinding]:
    """SI010: a published post with (almost) no text and nothing else in its body; a redirect
    stub is meant to be empty."""
    for entry in site.posts():
        body = entry.body
        if body is None or body.other_content or entry.redirect:
            continue
        bound = int(site.options(entry.path, "SI010").get("min-length", 1))
        if body.text_length >= bound:
            continue
        amount = "no text" if body.text_length == 0 else f"{body.text_length} characters of text"
        yield SiteFinding(
            entry.path,
            body.span,
            f"published post has {amount} (at least {bound} expected); write the body, "
            "or set published: false",
        )


def duplicate_excerpt(site: SiteView) -> Iterator[SiteFinding]:
    """SI011: the same explicit ``excerpt`` on two posts; report every post after the first
    (a hint: a series may share a blurb on purpose)."""

    def key(entry: Entry) -> str | None:
        excerpt = entry.excerpt  # a digest of the normalised text (see ``index.Entry``)
        return excerpt.value if excerpt is not None and excerpt.span is not None else None

    for entry, first in _earlier_twins(site, key):
        assert entry.excerpt is not None and entry.excerpt.span is not None
        yield SiteFinding(
            entry.path,
            entry.excerpt.span,
            f"excerpt is the same as the excerpt of {first.path}, published "
            f"{_published(entry, first)}; write one for this post, unless they share it on "
            "purpose",
        )


def missing_folder(site: SiteView) -> Iterator[SiteFinding]:
    """SI012: a top-level folder that posts link files in is not in the site, said once, on
    the first file (by path) that points into it; a linted one when only context files come
    before it (``SiteView.context``)."""
    users: dict[str, list[tuple[Entry, FolderUse]]] = defaultdict(list)
    for entry in site.entries:
        for use in entry.folders:
            users[use.folder].append((entry, use))
    for folder, uses in users.items():
        if site.folder_exists(site.root / folder):
            continue
        host, use = next(((e, u) for e, u in uses if e.path not in site.context), uses[0])
        links = sum(u.count for _, u in uses)
        who = "this file links" if len(uses) == 1 else f"{len(uses):,} files of the site link"
        times = "" if links == 1 else f" {links:,} times (the first here)"
        paths = "path" if links == 1 else "paths"
        yield SiteFinding(
            host.path,
            use.span,
            f"folder /{folder} does not exist under the site root, and {who} into it{times}; "
            f"add the folder, or correct the {paths}",
        )


SITE_CHECKS: dict[str, Callable[[SiteView], Iterator[SiteFinding]]] = {
    "SI001": duplicate_url,
    "SI002": duplicate_title,
    "SI003": duplicate_slug,
    "SI004": date_mismatch,
    "SI005": future_date,
    "SI006": not_a_post_name,
    "SI007": taxonomy_spelling,
    "SI008": missing_link_target,
    "SI009": dangling_url,
    "SI010": empty_post,
    "SI011": duplicate_excerpt,
    "SI012": missing_folder,
    "SI013": taxonomy_case,
}
