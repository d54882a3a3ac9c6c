"""SI008 missing-link-target: ``{% post_url %}`` and ``{% link %}`` name a post or file that
exists in the site.

Jekyll stops the build on a tag that names a missing post or file, or a post it does not build
(``published: false``, or dated in the future when the site builds no future posts).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from newslint.diagnostics import Finding
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


def _post_url_problem(site: SiteView, posts: dict[str, Entry], link: Link) -> str | None:
    """What is wrong with a ``{% post_url %}`` (``None``: it names a post Jekyll builds)."""
    name = link.target.rsplit("/", 1)[-1]
    target_post = posts.get(name)
    if target_post is not None:
        left_out = _left_out(site, target_post)
        if left_out is None:
            return None
        reason, advice = f"the post {left_out}", "publish it or link another post"
    else:
        advice = "use the file name of an existing post without its extension"
        reason = (
            "no post of the site has this name"
            if POST_NAME.match(name + ".md")
            else "it is not YYYY-MM-DD-title"
        )
    return f"{{% post_url {link.target} %}}: {reason}; Jekyll stops the build; {advice}"


def _link_problem(site: SiteView, by_path: dict[str, Entry], link: Link) -> str | None:
    """What is wrong with a ``{% link %}`` (``None``: it names a file Jekyll builds)."""
    target = site.inside(link.target)
    if target is not None and site.exists(target):
        linked = by_path.get(posixpath.normpath(link.target.lstrip("/")))
        left_out = _left_out(site, linked) if linked is not None else None
        if left_out is None:
            return None
        where = f"is a post that {left_out}"
        advice = "publish it or link another post"
    else:
        where = "is outside the site" if target is None else "does not exist"
        advice = "use the path of an existing file from the site root"
    return f"{{% link {link.target} %}}: {link.target} {where}; Jekyll stops the build; {advice}"


def _left_out(site: SiteView, entry: Entry) -> str | None:
    """Why Jekyll builds no page for a post a tag may name (``None``: it builds one)."""
    if not entry.published:
        return "is not published (published: false)"
    day = site.future_day(entry)
    if day is not None and site.config.get("future") is not True:
        return f"is dated {day}, in the future, and the site builds no future posts"
    return None
