"""SI009 dangling-url: root-relative links and images in a post lead to a post or a file of
the site.

A root-relative ``href`` or ``src`` (after the site's ``baseurl``) is answered by a post's URL
or by a file under the site root (``x``, ``x/index.html``, ``x.html``, or their Markdown
sources); nothing outside the site root is ever looked at.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.site.view import SiteFinding, SiteView


def _url_exists(site: SiteView, urls: set[str], target: str) -> bool:
    path = unquote(urlsplit(target).path)
    baseurl = site.config.get("baseurl")
    if isinstance(baseurl, str) and baseurl.strip("/"):
        prefix = "/" + baseurl.strip("/")
        if path.startswith(prefix):
            path = path[len(prefix) :] or "/"
    variants = {path, path.rstrip("/") + "/", path.removesuffix("index.html")}
    if variants & urls:
        return True
    stem = path.rstrip("/")
    for candidate in (path, f"{stem}/index.html", f"{stem}.html", f"{stem}.md", f"{stem}/index.md"):
        found = site.inside(candidate)
        if found is not None and site.exists(found):
            return True
    return False


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per root-relative href or src that no post URL or site file answers."""
    baseurl = site.config.get("baseurl")
    prefix = "/" + baseurl.strip("/") if isinstance(baseurl, str) and baseurl.strip("/") else ""
    urls = {(e.url or "").removeprefix(prefix) or "/" for e in site.entries if e.url}
    for entry in site.entries:
        if entry.body is None:
            continue
        for link in entry.body.links:
            if link.kind not in ("href", "src") or _url_exists(site, urls, link.target):
                continue
            what = t("image") if link.kind == "src" else t("link")
            message = t(
                "{what} {target} matches no post URL and no file under the site root; "
                "correct the path or add the file",
                what=what,
                target=link.target,
            )
            yield SiteFinding(entry.path, Finding(*link.span, message))
