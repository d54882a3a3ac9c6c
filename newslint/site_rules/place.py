"""Where a file sits in its Jekyll site: the root, the site's configuration, the path from
the root and the collection; files without an index entry (pages, files outside a site) have
no place."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from newslint.config import ConfigError, relative_to_root

if TYPE_CHECKING:
    from newslint.site import Site


def content_place(path: Path) -> tuple[Path, Site | None, PurePosixPath, str] | None:
    """Where the file at the absolute ``path`` sits in its site: the root, the site (``None``
    without ``_config.yml``), the path from the root and the collection; ``None`` when it has
    no index entry (outside a Jekyll site, a page, a broken ``_config.yml``)."""
    from newslint.site import document_type, find_site_root, load_site, site_root_for

    root = site_root_for(path)
    if root is None:
        return None
    try:
        site_config = load_site(root) if find_site_root(path) == root else None
    except ConfigError:
        return None  # FM rules report the broken _config.yml
    relative = relative_to_root(path, root)
    if relative.startswith("/"):
        return None  # outside the root (a symbolic link out of the site)
    rel = PurePosixPath(relative)
    if site_config is not None:
        collection = document_type(rel, site_config)
    else:
        parts = rel.parts[:-1]
        collection = "posts" if "_drafts" in parts or "_posts" in parts else "pages"
    return None if collection == "pages" else (root, site_config, rel, collection)
