"""SI002 duplicate-title: every published post has a title no other post has.

The same title on two posts of a section and language published within a few days (the
``days`` option, 4 by default) is reported on the later one. Posts further apart share a
recurring title (a weekly column, a yearly security notice).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.messages import t
from newslint.rules.site._twins import earlier_twins, published
from newslint.rules.site.view import SiteFinding, SiteView
from newslint.site_rules.index import Entry


def _title_key(entry: Entry) -> str | None:
    if entry.title is None or not entry.title.value.strip():
        return None
    return " ".join(unicodedata.normalize("NFC", entry.title.value).casefold().split())


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per post whose title an earlier post had a few days before."""

    def within(entry: Entry) -> int:
        return int(site.options(entry.path, "SI002").get("days", 4))

    for entry, other in earlier_twins(site, _title_key, within):
        assert entry.title is not None and entry.title.span is not None
        message = t(
            "title {title} is also the title of {path}, published {when}; give this post a "
            "title of its own",
            title=quote(entry.title.value),
            path=other.path,
            when=published(entry, other),
        )
        yield SiteFinding(entry.path, Finding(*entry.title.span, message))
