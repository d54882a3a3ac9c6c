"""KO015 repeated-block: the same promo block pasted into many posts of a site.

A line with a link, or the part of a line between paragraph or line-break tags (its text with
tags, images and link targets dropped, Unicode form, spaces and case normalised), found in at
least ``posts`` Korean posts of the site (10 by default) and at least ``share`` percent of them
(20 by default) is reported once in each of them, on its first such block, with how many other
posts carry it. The share keeps out the sentences a kind of post repeats (a release note's "see
the NEWS file for details") and a credit a few posts share: a site's promo is in a large part of
its posts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.site.view import SiteFinding, SiteView

POSTS = 10
"""The default of the ``posts`` option: how many posts must carry a block..."""
SHARE = 20
"""... and of the ``share`` option: what percentage of the site's Korean posts."""


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding in each linted Korean post on its first block many posts carry."""
    posts = [entry for entry in site.posts() if entry.korean]
    carriers = Counter(digest for entry in posts for digest in {b.digest for b in entry.blocks})
    for entry in posts:
        if entry.body is None:
            continue  # not linted in this run: its own shard reports it
        options = site.options(entry.path, "KO015")
        share = float(options.get("share", SHARE)) * len(posts) / 100
        least = max(int(options.get("posts", POSTS)), math.ceil(share), 2)
        for block in entry.blocks:
            count = carriers[block.digest]
            if count >= least:
                message = t(
                    "the same block of text and links is in {others} other posts of this site: "
                    "a promo or notice every post carries is better kept in the layout or an "
                    "include, so it is changed in one place",
                    others=count - 1,
                )
                yield SiteFinding(entry.path, Finding(*block.span, message))
                break
