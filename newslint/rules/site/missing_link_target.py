"""SI008 missing-link-target: ``{% post_url %}`` and ``{% link %}`` name a post or file that
exists in the site.

Jekyll stops the build on a tag that names a missing post or file, or a post it does not build
(``published: false``, or dated in the future when the site builds no future posts).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import Text, t
from newslint.rules.site.view import SiteFinding, SiteView
from newslint.site_rules.index import Entry, Link
from newslint.site_rules.jekyll import POST_NAME


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per ``post_url`` or ``link`` tag naming nothing Jekyll builds."""
    posts = {
        e.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]: e
        for e in site.entries
        if e.named_as_post and not e.draft
    }
    by_path = {e.rel: e for e in site.entries}
    for entry in site.entries:
        if entry.body is None:
            continue
        for link in entry.body.links:
            if link.kind == "post_url":
                message = _post_url_problem(site, posts, link)
            elif link.kind == "link":
                message = _link_problem(site, by_path, link)
            else:
                continue
            if message is not None:
                yield SiteFinding(entry.path, Finding(*link.span, message))


def _post_url_problem(site: SiteView, posts: dict[str, Entry], link: Link) -> Text | None:
    """What is wrong with a ``{% post_url %}`` (``None``: it names a post Jekyll builds)."""
    name = link.target.rsplit("/", 1)[-1]
    target_post = posts.get(name)
    if target_post is not None:
        left_out = _left_out(site, target_post)
        if left_out is None:
            return None
        reason = t("the post {left_out}", left_out=left_out)
        advice = t("publish it or link another post")
    else:
        advice = t("use the file name of an existing post without its extension")
        reason = (
            t("no post of the site has this name")
            if POST_NAME.match(name + ".md")
            else t("it is not YYYY-MM-DD-title")
        )
    return t(
        "{{% post_url {target} %}}: {reason}; Jekyll stops the build; {advice}",
        target=link.target,
        reason=reason,
        advice=advice,
    )


def _link_problem(site: SiteView, by_path: dict[str, Entry], link: Link) -> Text | None:
    """What is wrong with a ``{% link %}`` (``None``: it names a file Jekyll builds)."""
    target = site.inside(link.target)
    if target is not None and site.exists(target):
        linked = by_path.get(posixpath.normpath(link.target.lstrip("/")))
        left_out = _left_out(site, linked) if linked is not None else None
        if left_out is None:
            return None
        where = t("is a post that {left_out}", left_out=left_out)
        advice = t("publish it or link another post")
    else:
        where = t("is outside the site") if target is None else t("does not exist")
        advice = t("use the path of an existing file from the site root")
    return t(
        "{{% link {target} %}}: {target} {where}; Jekyll stops the build; {advice}",
        target=link.target,
        where=where,
        advice=advice,
    )


def _left_out(site: SiteView, entry: Entry) -> Text | None:
    """Why Jekyll builds no page for a post a tag may name (``None``: it builds one)."""
    if not entry.published:
        return t("is not published (published: false)")
    day = site.future_day(entry)
    if day is not None and site.config.get("future") is not True:
        return t("is dated {day}, in the future, and the site builds no future posts", day=day)
    return None
