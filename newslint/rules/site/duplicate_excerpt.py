"""SI011 duplicate-excerpt: every post's excerpt is its own.

The same explicit ``excerpt`` (spaces and Unicode form normalised) on two posts of a section and
language is reported on every post after the first. A hint: a series may share a blurb on
purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.site._twins import earlier_twins, published
from newslint.rules.site.view import SiteFinding, SiteView
from newslint.site_rules.index import Entry


def _excerpt_key(entry: Entry) -> str | None:
    excerpt = entry.excerpt  # a digest of the normalised text (see ``index.Entry``)
    return excerpt.value if excerpt is not None and excerpt.span is not None else None


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per post whose excerpt an earlier post has."""
    for entry, first in earlier_twins(site, _excerpt_key):
        assert entry.excerpt is not None and entry.excerpt.span is not None
        message = t(
            "excerpt is the same as the excerpt of {path}, published {when}; write one for "
            "this post, unless they share it on purpose",
            path=first.path,
            when=published(entry, first),
        )
        yield SiteFinding(entry.path, Finding(*entry.excerpt.span, message))
