"""SI010 empty-post: a published post has a body.

A post with (almost) no text, fewer non-space characters than the ``min-length`` option (1 by
default), and nothing else in its body (an image, code, Liquid) is reported over its body; a
redirect stub is meant to be empty.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.site.view import SiteFinding, SiteView


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per published post whose body has too little text and nothing else."""
    for entry in site.posts():
        body = entry.body
        if body is None or body.other_content or entry.redirect:
            continue
        bound = int(site.options(entry.path, "SI010").get("min-length", 1))
        if body.text_length >= bound:
            continue
        if body.text_length == 0:
            amount = t("no text")
        else:
            amount = t("{count} characters of text", count=body.text_length)
        message = t(
            "published post has {amount} (at least {bound} expected); write the body, "
            "or set published: false",
            amount=amount,
            bound=bound,
        )
        yield SiteFinding(entry.path, Finding(*body.span, message))
