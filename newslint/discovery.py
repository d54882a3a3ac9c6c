"""Which files a run lints: explicit paths always, directories by Jekyll's conventions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newslint.config import ConfigError, real_path

CONTENT_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm"})
SKIPPED_DIRS = frozenset({"_site", "node_modules", "vendor", ".newslint_cache", "__pycache__"})
POST_DIRS = frozenset({"_posts", "_drafts"})


@dataclass(frozen=True)
class Target:
    """One file to lint: its path as the user will see it, and where to read it."""

    display: str
    path: Path | None
    """``None`` for standard input."""


@dataclass(frozen=True)
class Missing:
    """A path named on the command line that does not exist."""

    display: str


def _content_dirs(site_root: Path) -> frozenset[str]:
    """Directories that hold content in the site: posts, drafts and declared collections."""
    from newslint.site import load_site

    try:
        collections = load_site(site_root).collections
    except ConfigError:
        collections = frozenset()  # reported when the files are linted
    return POST_DIRS | {f"_{name}" for name in collections}


def _walk(root: Path) -> Iterator[Path]:
    from newslint.site import find_site_root

    content: dict[Path, frozenset[str]] = {}
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        base = Path(current)
        real = real_path(base)
        site = find_site_root(real)
        # Inside a Jekyll site only posts, drafts and collections are content: not README.md,
        # layouts or includes. Outside one, every Markdown and HTML file is.
        if site is not None:
            if site not in content:
                content[site] = _content_dirs(site)
            if not content[site].intersection(real.relative_to(site).parts):
                continue
        for name in sorted(files):
            path = base / name
            if path.suffix.lower() in CONTENT_SUFFIXES:
                yield path


def discover(paths: list[str]) -> Iterator[Target | Missing]:
    """Expand command-line paths into files, in a stable order, without following dir symlinks."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield Target("-", None)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                key = str(found)
                if key not in seen:
                    seen.add(key)
                    yield Target(key, found)
        elif path.exists() or path.is_symlink():
            if raw not in seen:
                seen.add(raw)
                yield Target(raw, path)
        else:
            yield Missing(raw)
