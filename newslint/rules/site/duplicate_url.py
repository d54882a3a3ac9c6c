"""SI001 duplicate-url: every post is built to a URL of its own.

When two posts (or a post and a collection document) are built to one URL, Jekyll writes the
later one over the earlier, which is never published. The finding is on each post Jekyll
overwrites, at what makes its URL (permalink, slug, or the file name).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import Text, t
from newslint.rules.site.view import TOP, SiteFinding, SiteView
from newslint.site_rules.index import Entry, Span


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per post that another one built to the same URL replaces."""
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
                message = t(
                    "URL {url} is also built from {path}, which Jekyll writes earlier; "
                    "this post replaces it, and that one is no longer published; {change}",
                    url=url,
                    path=entry.path,
                    change=change,
                )
                yield SiteFinding(winner.path, Finding(*span, message))
                continue
            span, change = _url_source(entry)
            message = t(
                "URL {url} is also built from {path}, which Jekyll writes later and "
                "keeps; this post is never published; {change}",
                url=url,
                path=winner.path,
                change=change,
            )
            yield SiteFinding(entry.path, Finding(*span, message))


def _url_source(entry: Entry) -> tuple[Span, Text]:
    """Where a post's URL comes from, and how to change it."""
    if entry.url_from == "post" and entry.permalink_span is not None:
        return entry.permalink_span, t("change this permalink")
    if entry.slug is not None and entry.slug.span is not None:
        return entry.slug.span, t("change this slug")
    return TOP, t("rename the file or set a permalink")
