"""SI007 taxonomy-spelling: a category or tag is spelled the same way in every post.

Spellings that differ by spacing, hyphenation or Unicode composition make separate category
and tag pages; each is reported with the spelling most posts use. Spellings that differ by case
alone are SI013's.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.rules.site._spellings import spellings
from newslint.rules.site.view import SiteFinding, SiteView


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per category or tag spelled otherwise than most posts spell it."""
    return spellings(site, case=False)
