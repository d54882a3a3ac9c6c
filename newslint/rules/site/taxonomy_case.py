"""SI013 taxonomy-case: a category or tag is written in the same case in every post.

A hint: many themes show the spellings alike, while a case-sensitive tag page lists the posts
of one spelling only. Other spelling differences are SI007's.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.rules.site._spellings import spellings
from newslint.rules.site.view import SiteFinding, SiteView


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per category or tag written in another case than most posts write it."""
    return spellings(site, case=True)
