"""Lint an editor's buffer as the command line lints the file: the same configuration, the
file rules on the unsaved text, the site rules against the workspace's sites in memory."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from newslint.config import FileSettings
from newslint.diagnostics import Diagnostic
from newslint.document import DecodeFailure, decode
from newslint.engine import lint_bytes, lint_decoded
from newslint.options import Options
from newslint.selection import Selection
from newslint.server.completion import Vocabulary
from newslint.server.sites import WorkspaceSites, shown_path
from newslint.site_rules.check import site_codes

CONFIG_FILES = frozenset({"newslint.toml", "pyproject.toml", "_config.yml"})
"""Files whose change can change every finding: newslint's settings, Jekyll's site settings."""


@dataclass(frozen=True)
class BufferLint:
    """One buffer's findings and what they were worked out with."""

    version: int | None
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    settings: FileSettings | None = None
    """``None``: the file is excluded by the configuration (nothing is reported)."""
    enabled: frozenset[str] = frozenset()
    site: str | None = None
    """The root of the post's site, when it belongs to one and site rules are on."""
    site_changed: bool = False
    """Whether what other files' site findings depend on changed with this text."""
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    """What the post's site offers to completion, as it was after this lint."""


class Workspace:
    """The configuration and sites of the folders the editor opened."""

    def __init__(self, folders: list[Path], cache_dir: Path | None) -> None:
        self.folders = folders
        self.options = Options(cache_dir=cache_dir)
        self.selection = Selection(self.options)
        self.sites = WorkspaceSites(cache_dir)

    def reload(self) -> None:
        """Read the configuration files and the sites again (one of them changed)."""
        self.selection = Selection(self.options)
        self.sites = WorkspaceSites(self.options.cache_dir)

    def index(self) -> int:
        """Index the sites of every workspace folder; how many content files were found."""
        return sum(self.sites.index_folder(folder, self.selection) for folder in self.folders)

    def lint(self, path: Path, text: str, version: int | None) -> BufferLint:
        """The findings in ``text``, the unsaved buffer of ``path``; a broken configuration
        raises its ``ConfigError``."""
        selection = self.selection
        if selection.excluded(path):
            return BufferLint(version, text)
        loaded, settings = selection.settings_for(path)
        enabled = selection.enabled_for(loaded)
        display = shown_path(path)
        linted = lint_decoded(display, text, settings, enabled)
        diagnostics = linted.diagnostics
        entry = linted.site if site_codes(enabled) else None
        if entry is None:
            self.sites.forget(display)
            return BufferLint(version, text, diagnostics, settings, enabled)
        self.sites.index_folder(Path(entry.site), selection)  # a file outside the folders
        changed = self.sites.put(display, entry)
        found = self.sites.findings(selection, display, text, entry)
        if found:
            diagnostics = sorted([*diagnostics, *found], key=lambda d: d.sort_key)
        vocabulary = self.sites.vocabulary(entry.site)
        return BufferLint(
            version, text, diagnostics, settings, enabled, entry.site, changed, vocabulary
        )

    def file_changed(self, path: Path) -> str | None:
        """Index a file changed, created or deleted on disk; the root of its site, if any."""
        display = shown_path(path)
        before = self.sites.site_of(display)
        if path.is_file():
            self.sites.index_file(path, self.selection)
        else:
            self.sites.forget(display)
        return self.sites.site_of(display) or before

    def disk_problem(self, path: Path) -> Diagnostic | None:
        """The finding of a file on disk that the editor cannot show: it is not UTF-8 (the
        buffer holds the editor's guess at its text), or it is binary."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if not isinstance(decode(data), DecodeFailure):
            return None
        loaded, settings = self.selection.settings_for(path)
        linted = lint_bytes(os.fspath(path), data, settings, self.selection.enabled_for(loaded))
        return linted.diagnostics[0] if linted.diagnostics else None


_LOCATED = re.compile(r"(?P<path>[^\n:]+?)(?::(?P<line>\d+))?(?::(?P<column>\d+))?: ")


def config_location(message: str) -> tuple[Path, int, int] | None:
    """The configuration file a ``ConfigError`` message starts with, and the 1-based line and
    column it names (1, 1 when it names none)."""
    match = _LOCATED.match(message)
    if match is None or not Path(match["path"]).is_file():
        return None
    return Path(match["path"]), int(match["line"] or 1), int(match["column"] or 1)
