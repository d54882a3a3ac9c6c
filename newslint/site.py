"""Jekyll awareness: the site root, its ``_config.yml`` and the front-matter ``defaults:``."""

from __future__ import annotations

import fnmatch
import functools
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from newslint.config import ConfigError, real_directory, real_path

CONFIG = "_config.yml"


class SiteConfigError(ConfigError):
    """A ``_config.yml`` that YAML cannot read: a usage error naming the file."""


@dataclass(frozen=True)
class Site:
    """A Jekyll site: its root directory, collections and front-matter defaults."""

    root: Path
    config: dict[str, Any]
    collections: frozenset[str]
    defaults: tuple[tuple[str, str | None, dict[str, Any]], ...]
    """(scope path, scope type, values) per ``defaults:`` entry, in file order."""


_ROOTS: dict[Path, Path | None] = {}
"""Directory → nearest ancestor holding ``_config.yml`` (a process-wide cache)."""
_SITES: dict[tuple[Path, int], Site] = {}


def find_site_root(path: Path) -> Path | None:
    """The nearest directory at or above ``path``'s directory that holds ``_config.yml``."""
    absolute = os.path.abspath(path)  # noqa: PTH100 - strings, no symlinks resolved here
    return _site_root_of(_directory_of(absolute))


@functools.lru_cache(maxsize=64)
def _directory_of(absolute: str) -> str:
    """``absolute`` if it is a directory, else its parent (each rule of a file asks again)."""
    return absolute if os.path.isdir(absolute) else os.path.dirname(absolute)  # noqa: PTH112, PTH120


@functools.lru_cache(maxsize=256)
def _site_root_of(absolute: str) -> Path | None:
    """``find_site_root`` of the files in the absolute directory ``absolute`` (the files of a
    directory share it)."""
    visited: list[Path] = []
    directory: Path | None = real_directory(Path(absolute))
    found: Path | None = None
    while directory is not None:
        if directory in _ROOTS:
            found = _ROOTS[directory]
            break
        visited.append(directory)
        if (directory / CONFIG).is_file():
            found = directory
            break
        parent = directory.parent
        directory = parent if parent != directory else None
    for item in visited:
        _ROOTS[item] = found
    return found


def site_root_for(path: Path) -> Path | None:
    """The site root of a file: the ``_config.yml`` directory, else the parent of ``_posts``."""
    root = find_site_root(path)
    if root is not None:
        return root
    for parent in Path(os.path.realpath(path)).parents:
        if parent.name in ("_posts", "_drafts"):
            return parent.parent
    return None


def load_site(root: Path) -> Site:
    """The site at ``root`` (cached by ``_config.yml``'s mtime); raises SiteConfigError."""
    try:  # a string, not a Path: rules of every file ask for their site
        mtime = os.stat(os.path.join(root, CONFIG)).st_mtime_ns  # noqa: PTH116, PTH118
    except OSError as exc:
        raise SiteConfigError(f"{root / CONFIG}: cannot read: {exc.strerror}") from None
    cached = _SITES.get((root, mtime))
    if cached is not None:
        return cached
    config_path = root / CONFIG
    from newslint.frontmatter import load_yaml

    if not real_path(config_path).is_relative_to(real_directory(root)):
        raise SiteConfigError(f"{config_path}: not read: it is a symbolic link out of the site")
    try:
        node = load_yaml(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"{config_path}: cannot read: {exc}") from None
    except ValueError as exc:
        raise SiteConfigError(f"{config_path}:{exc}") from None
    config = node.value if node is not None and isinstance(node.value, dict) else {}
    collections = config.get("collections")
    names = set(collections) if isinstance(collections, (dict, list)) else set()
    defaults: list[tuple[str, str | None, dict[str, Any]]] = []
    raw = config.get("defaults")
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope")
        scope = scope if isinstance(scope, dict) else {}
        scope_path = scope.get("path")
        scope_type = scope.get("type")
        defaults.append(
            (
                scope_path if isinstance(scope_path, str) else "",
                scope_type if isinstance(scope_type, str) else None,
                entry["values"],
            )
        )
    site = Site(root, config, frozenset(str(n) for n in names), tuple(defaults))
    _SITES[(root, mtime)] = site
    return site


def document_type(relative: PurePosixPath, site: Site) -> str:
    """Jekyll's type of a file: ``posts`` under ``_posts``/``_drafts``, a collection, or pages."""
    parts = relative.parts[:-1]
    if "_posts" in parts or "_drafts" in parts:
        return "posts"
    for part in parts:
        if part.startswith("_") and part[1:] in site.collections:
            return part[1:]
    return "pages"


def _applies(scope_path: str, candidates: list[str]) -> bool:
    """Whether a ``defaults:`` scope path names the file or a directory above it."""
    scope_path = scope_path.strip("/")
    if not scope_path or scope_path == ".":
        return True
    if "*" in scope_path:
        return any(fnmatch.fnmatchcase(p, scope_path) for p in candidates)
    return scope_path in candidates


def defaults_for(path: Path) -> dict[str, Any]:
    """Front-matter values ``_config.yml`` ``defaults:`` give the file at ``path`` (may be {})."""
    root = find_site_root(path)
    if root is None:
        return {}
    site = load_site(root)
    if not site.defaults:
        return {}
    real = real_directory(path.parent) / path.name
    if real.is_symlink():
        real = Path(os.path.realpath(real))
    try:
        relative = PurePosixPath(real.relative_to(root).as_posix())
    except ValueError:
        return {}
    kind = document_type(relative, site)
    parts = relative.as_posix().split("/")
    candidates = ["/".join(parts[:n]) for n in range(len(parts), 0, -1)] + ["."]
    matching = [
        (len(scope_path.strip("/")), scope_type is not None, i, values)
        for i, (scope_path, scope_type, values) in enumerate(site.defaults)
        if _applies(scope_path, candidates) and scope_type in (None, kind)
    ]
    merged: dict[str, Any] = {}
    for *_, values in sorted(matching, key=lambda m: m[:3]):
        merged.update(values)
    return merged
