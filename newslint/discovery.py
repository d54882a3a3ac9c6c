"""Which files a run lints: explicit paths always, directories by Jekyll's conventions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newslint.config import real_path

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


class _SiteRoots:
    """Nearest ancestor holding ``_config.yml`` (a Jekyll site root), cached per directory."""

    def __init__(self) -> None:
        self._cache: dict[Path, Path | None] = {}

    def find(self, directory: Path) -> Path | None:
        if directory in self._cache:
            return self._cache[directory]
        if (directory / "_config.yml").is_file() or (directory / "_config.yaml").is_file():
            found: Path | None = directory
        elif directory.parent == directory:
            found = None
        else:
            found = self.find(directory.parent)
        self._cache[directory] = found
        return found


def _walk(root: Path, collections: frozenset[str]) -> Iterator[Path]:
    sites = _SiteRoots()
    content_dirs = POST_DIRS | collections
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        base = Path(current)
        real = real_path(base)
        site = sites.find(real)
        # Inside a Jekyll site only posts, drafts and collections are content: not README.md,
        # layouts or includes. Outside one, every Markdown and HTML file is.
        if site is not None:
            parts = real.relative_to(site).parts
            if not content_dirs.intersection(parts):
                continue
        for name in sorted(files):
            path = base / name
            if path.suffix.lower() in CONTENT_SUFFIXES:
                yield path


def discover(
    paths: list[str], collections: frozenset[str] = frozenset()
) -> Iterator[Target | Missing]:
    """Expand command-line paths into files, in a stable order, without following dir symlinks."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield Target("-", None)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, collections):
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
