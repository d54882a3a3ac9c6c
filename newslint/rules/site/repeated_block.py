"""KO015 repeated-block: the same promo block pasted into many posts of a site.

A line with a link, or the part of a line between paragraph or line-break tags (its text with
tags, images and link targets dropped, Unicode form, spaces and case normalised), found in at
least ``posts`` Korean posts of the site (10 by default) and at least ``share`` percent of them
(20 by default) is one problem of the site, not one per post: it is said once, on the first post
by path that carries it, with how many posts do (as ``SI012`` says a missing folder once). That
post is the same for every run, so a shard or a run of a few files reports the block only when
it lints that post, and then as the whole run does. The share keeps out the sentences a kind of
post repeats (a release note's "see the NEWS file for details") and a credit a few posts share:
a site's promo is in a large part of its posts.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.site.view import SiteFinding, SiteView
from newslint.site_rules.index import Block, Entry

POSTS = 10
"""The default of the ``posts`` option: how many posts must carry a block..."""
SHARE = 20
"""... and of the ``share`` option: what percentage of the site's Korean posts."""


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per block many posts carry, in the first of them by path if linted."""
    built = {id(entry) for entry in site.posts() if entry.korean}
    posts = [entry for entry in site.entries if id(entry) in built]  # in path order
    first: dict[str, tuple[Entry, Block]] = {}
    carriers: dict[str, int] = {}
    for entry in posts:
        for block in entry.blocks:
            first.setdefault(block.digest, (entry, block))
        for digest in {block.digest for block in entry.blocks}:  # a post counts once
            carriers[digest] = carriers.get(digest, 0) + 1
    for digest, (host, block) in first.items():
        if host.body is None:
            continue  # not linted in this run: the run that lints it reports the block
        count = carriers[digest]
        options = site.options(host.path, "KO015")
        share = float(options.get("share", SHARE)) * len(posts) / 100
        if count >= max(int(options.get("posts", POSTS)), math.ceil(share), 2):
            written = f"{count:,}"
            message = t(
                "the same block of text and links is in {count} posts of this site (said "
                "once, here, on the first of them): a promo or notice every post carries is "
                "better kept in the layout or an include, so it is changed in one place",
                count=written,
            )
            yield SiteFinding(host.path, Finding(*block.span, message))
