"""Categories and tags spelled several ways across a site (SI007 and SI013 split the cases)."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.messages import N_, t
from newslint.rules.site.view import SiteFinding, SiteView
from newslint.site_rules.index import Located

_SPELLING_IGNORED = str.maketrans("", "", " -_\u00a0")
"""What two spellings of one term may differ by besides case and composition."""


def _spelling_key(value: str) -> str:
    return unicodedata.normalize("NFC", value).casefold().translate(_SPELLING_IGNORED)


def _difference(value: str, majority: str) -> str:
    if unicodedata.normalize("NFC", value) == unicodedata.normalize("NFC", majority):
        return N_("decomposed Unicode (NFD) of the same letters")
    if value.casefold() == majority.casefold():
        return N_("case")
    return N_("spacing or hyphenation")


def spellings(site: SiteView, case: bool) -> Iterator[SiteFinding]:
    """Categories and tags spelled several ways: with ``case``, the spellings that differ only
    by case, else the others (spacing, hyphenation, Unicode composition); each with the
    spelling most posts use."""
    for kind, singular in (("categories", N_("category")), ("tags", N_("tag"))):
        uses: dict[str, Counter[str]] = defaultdict(Counter)
        keys: dict[str, str] = {}  # a site uses few terms, each in many posts
        for entry in site.entries:
            items: tuple[Located, ...] = getattr(entry, kind)
            for spelling in {item.value for item in items}:
                if spelling not in keys:
                    keys[spelling] = _spelling_key(spelling)
                uses[keys[spelling]][spelling] += 1
        for entry in site.entries:
            terms: tuple[Located, ...] = getattr(entry, kind)
            for item in terms:
                counts = uses[keys[item.value]]
                if len(counts) < 2 or item.span is None:
                    continue
                majority, most = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
                if item.value == majority:
                    continue
                difference = _difference(item.value, majority)
                if (difference == "case") != case:
                    continue
                if most != 1:
                    posts = t("{count} posts", count=most)
                else:
                    posts = t("{count} post", count=most)
                term = t(singular)
                if case:
                    message = t(
                        "{kind} {value} is written {majority} in {posts}; spell it one way, as "
                        "a {kind} page may list only the posts of one spelling",
                        kind=term,
                        value=quote(item.value),
                        majority=quote(majority),
                        posts=posts,
                    )
                else:
                    message = t(
                        "{kind} {value} differs from {majority} ({posts}) only by {difference}; "
                        "use {majority}",
                        kind=term,
                        value=quote(item.value),
                        majority=quote(majority),
                        posts=posts,
                        difference=t(difference),
                    )
                yield SiteFinding(entry.path, Finding(*item.span, message))
