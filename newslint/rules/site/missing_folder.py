"""SI012 missing-folder: a top-level folder that posts link images or files in exists under
the site root.

When a site's ``/assets`` is not in the checkout at all, it is said once, on the first file (by
path) that points into it (a linted one when only context files come before it:
``SiteView.context``), with how many files and links point there; ``HT034`` and ``FM019``
leave those files to it (``site_rules.folders``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.site.view import SiteFinding, SiteView
from newslint.site_rules.folders import FolderUse
from newslint.site_rules.index import Entry


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per missing top-level folder that files of the site point into."""
    users: dict[str, list[tuple[Entry, FolderUse]]] = defaultdict(list)
    for entry in site.entries:
        for use in entry.folders:
            users[use.folder].append((entry, use))
    for folder, uses in users.items():
        if site.folder_exists(site.root / folder):
            continue
        host, use = next(((e, u) for e, u in uses if e.path not in site.context), uses[0])
        links = sum(u.count for _, u in uses)
        files, times = f"{len(uses):,}", f"{links:,}"
        if len(uses) > 1:
            message = t(
                "folder /{folder} does not exist under the site root, and {files} files of the "
                "site link into it {times} times (the first here); add the folder, or correct "
                "the paths",
                folder=folder,
                files=files,
                times=times,
            )
        elif links > 1:
            message = t(
                "folder /{folder} does not exist under the site root, and this file links into "
                "it {times} times (the first here); add the folder, or correct the paths",
                folder=folder,
                times=times,
            )
        else:
            message = t(
                "folder /{folder} does not exist under the site root, and this file links into "
                "it; add the folder, or correct the path",
                folder=folder,
            )
        yield SiteFinding(host.path, Finding(*use.span, message))
