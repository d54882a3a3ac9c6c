"""What a site rule is handed (``SiteView``, one site's entries) and what it yields.

A check reads other files' *front* tiers and only its own file's body tier (see
``site_rules.index``), so a shard that owns a file reaches the same findings for it as an
unsharded run. A check yields findings in single files, never its own code or severity: the
site pass stamps them with the engine, as for the file rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.config import real_directory
from newslint.diagnostics import Finding
from newslint.site_rules.index import Entry, Span

TOP: Span = (0, 0)
"""Where a finding about the file name goes: the start of the file."""


@dataclass(frozen=True, slots=True)
class SiteFinding:
    """A site rule's finding in one file of the site: that file's displayed path and the span
    and message, as offsets in its text."""

    path: str
    finding: Finding


@dataclass(frozen=True)
class SiteView:
    """One site as the checks see it."""

    root: Path
    config: dict[str, Any]
    entries: list[Entry]
    """Every content file of the site, in path order."""
    now: dt.datetime
    """The current time in the site's zone, naive (as entry dates are)."""
    options: Callable[[str, str], dict[str, Any]]
    """``options(path, code)``: the rule options that apply to one file."""
    exists: Callable[[Path], bool] = Path.is_file
    """Whether a file exists (the runner records what was asked, for its cache)."""
    folder_exists: Callable[[Path], bool] = Path.is_dir
    """Whether a directory exists (recorded as ``exists`` is)."""
    context: frozenset[str] = frozenset()
    """Files that no run lints (the rest of the site of the files named, files unchanged under
    ``--changed-since``): a clash of one of them with a linted file is reported in the linted
    file, since nothing would report it where a whole-site run does."""

    def posts(self) -> list[Entry]:
        """Published posts that Jekyll builds (named as posts, not drafts), in Jekyll's order
        (worked out once per view; callers do not change the list)."""
        return self._built_posts

    @functools.cached_property
    def _built_posts(self) -> list[Entry]:
        built = [e for e in self.entries if e.published and not e.draft and e.named_as_post]
        return sorted(built, key=lambda e: e.order)

    def future_day(self, entry: Entry) -> str | None:
        """The day of a post dated after now (``None``: not in the future, or undated)."""
        if entry.date is None or dt.datetime.fromisoformat(entry.date) <= self.now:
            return None
        return entry.date[:10]

    def inside(self, relative: str) -> Path | None:
        """``root/relative`` when it stays inside the site root, else ``None`` (never looked
        at)."""
        normal = posixpath.normpath(relative.lstrip("/"))
        if normal.startswith("..") or Path(normal).is_absolute():
            return None
        candidate = self.root / normal
        # Directories resolved once each (symlinks must not lead out of the site), then the file.
        base = os.fspath(real_directory(self.root))
        parent = os.fspath(real_directory(candidate.parent))
        if parent != base and not parent.startswith(base + os.sep):
            return None
        if candidate.is_symlink():
            real = os.path.realpath(candidate)
            if not real.startswith(base + os.sep):
                return None
        return candidate
