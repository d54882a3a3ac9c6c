"""SI003 duplicate-slug: a slug set in front matter belongs to one post only.

Every post of a section and language after the first with the same ``slug:`` (in the same
collection) is reported, at its slug.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.messages import t
from newslint.rules.site._twins import earlier_twins
from newslint.rules.site.view import SiteFinding, SiteView
from newslint.site_rules.index import Entry


def _slug_key(entry: Entry) -> str | None:
    if entry.slug is None or entry.slug.span is None or not entry.slug.value.strip():
        return None
    return f"{entry.collection}\0{entry.slug.value.strip().lower()}"


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per post whose slug an earlier post has."""
    for entry, first in earlier_twins(site, _slug_key):
        assert entry.slug is not None and entry.slug.span is not None
        message = t(
            "slug {slug} is also the slug of {path}; give this post a slug of its own",
            slug=quote(entry.slug.value),
            path=first.path,
        )
        yield SiteFinding(entry.path, Finding(*entry.slug.span, message))
