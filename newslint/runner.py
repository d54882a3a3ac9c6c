"""Lint a set of paths: discovery, per-file settings, reading, and one result per file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from newslint.config import (
    ConfigFinder,
    FileSettings,
    LoadedSettings,
    is_excluded,
    resolve_file_settings,
)
from newslint.diagnostics import Diagnostic, Severity
from newslint.discovery import Missing, Target, discover
from newslint.engine import INTERNAL, lint_bytes, select_rules
from newslint.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from newslint.fixer import Fixer, FixOutcome, unified_diff
from newslint.parallel import lint_in_processes
from newslint.writer import ChangedOnDisk, write_atomically

MAX_FILE_BYTES = 64 * 1024 * 1024
PARALLEL_MIN_FILES_PER_JOB = 8
"""Below this many files per worker, starting processes costs more than it saves."""


@dataclass(frozen=True)
class Options:
    """What the command line adds on top of the configuration files."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: Path | None = None
    stdin_filename: str | None = None
    fix: bool = False
    """Apply fixes and write the files (standard input: print the fixed text)."""
    diff: bool = False
    """Compute the fixes and show them as a unified diff; write nothing."""
    unsafe_fixes: bool = False
    jobs: int = 1
    """Worker processes; 1 lints in this process."""
    only: frozenset[Path] | None = None
    """Real paths of the files to lint (``--changed-since``); others found are skipped."""


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file: its diagnostics, or why it could not be linted."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    source: str | None = None
    """The decoded text, kept only when there are diagnostics to show in context."""
    fixed: int = 0
    """How many fixes were applied (or, with ``--diff``, would be)."""
    diff: str | None = None
    fixed_text: str | None = None
    """The fixed text of standard input, to print instead of writing a file."""
    warning: str | None = None
    baselined: int = 0
    """How many findings ``--baseline`` hid."""

    @property
    def failed_internally(self) -> bool:
        return self.error is not None or any(d.code == INTERNAL for d in self.diagnostics)


class Linter:
    """Holds what is shared across files of one run: config lookup and rule selection."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.finder = ConfigFinder(options.config)
        self._enabled: dict[int, frozenset[str]] = {}

    def enabled_for(self, loaded: LoadedSettings) -> frozenset[str]:
        key = id(loaded.settings)
        cached = self._enabled.get(key)
        if cached is None:
            conf = loaded.settings
            opts = self.options
            select = [*(opts.select or conf.select), *conf.extend_select, *opts.extend_select]
            cached = self._enabled[key] = select_rules(select, [*conf.ignore, *opts.ignore])
        return cached

    def settings_for(self, path: Path | None) -> tuple[LoadedSettings, FileSettings]:
        directory = path.parent if path is not None else Path.cwd()
        loaded = self.finder.for_directory(directory)
        return loaded, resolve_file_settings(loaded, path)

    def lint_data(self, display: str, path: Path | None, data: bytes) -> FileResult:
        loaded, settings = self.settings_for(path)
        enabled = self.enabled_for(loaded)
        diagnostics, text = lint_bytes(display, data, settings, enabled)
        opts = self.options
        if text is None or not (opts.fix or opts.diff):
            return FileResult(display, diagnostics, source=text if diagnostics else None)
        outcome = Fixer(settings, enabled, opts.unsafe_fixes).fix(display, text, diagnostics)
        return self._fixed_result(display, path, data, text, outcome)

    def _fixed_result(
        self, display: str, path: Path | None, data: bytes, text: str, outcome: FixOutcome
    ) -> FileResult:
        changed = outcome.text != text
        source = outcome.text if outcome.remaining else None
        base = FileResult(display, outcome.remaining, source=source, fixed=outcome.applied)
        if self.options.diff:
            diff = unified_diff(display, text, outcome.text) if changed else None
            return replace(base, diff=diff, diagnostics=[], source=None)
        if path is None:
            return replace(base, fixed_text=outcome.text)
        if changed:
            try:
                write_atomically(path, outcome.text.encode("utf-8"), original=data)
            except ChangedOnDisk:
                return FileResult(
                    display,
                    outcome.remaining,
                    source=source,
                    warning="file changed on disk while it was being fixed; "
                    "not written, run newslint --fix again",
                )
            except OSError as exc:
                return FileResult(
                    display,
                    outcome.remaining,
                    source=source,
                    error=f"cannot write fixed file: {exc.strerror}",
                )
        return base

    def lint_target(self, target: Target) -> FileResult | None:
        """Lint one discovered file; ``None`` when configuration excludes it."""
        if target.path is None:
            return self._lint_stdin()
        path = target.path
        loaded = self.finder.for_directory(path.parent)
        if is_excluded(path, loaded):
            return None
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                return FileResult(
                    target.display,
                    error=f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; not linted",
                )
            data = path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return FileResult(target.display, error=f"cannot read file: {reason}")
        return self.lint_data(target.display, path, data)

    def _lint_stdin(self) -> FileResult:
        name = self.options.stdin_filename
        data = sys.stdin.buffer.read()
        display = name or "-"
        return self.lint_data(display, Path(name) if name else None, data)

    def _wanted(self, target: Target) -> bool:
        only = self.options.only
        if only is None or target.path is None:
            return True
        return Path(os.path.realpath(target.path)) in only

    def run(self, paths: list[str]) -> Iterator[FileResult]:
        """One result per file (or missing path), in discovery order."""
        items = [
            item for item in discover(paths) if isinstance(item, Missing) or self._wanted(item)
        ]
        files = [item for item in items if isinstance(item, Target) and item.path is not None]
        jobs = min(self.options.jobs, len(files) // PARALLEL_MIN_FILES_PER_JOB)
        linted: Iterator[FileResult | None] = (
            lint_in_processes(self.options, files, jobs)
            if jobs > 1
            else (self.lint_target(target) for target in files)
        )
        for item in items:
            if isinstance(item, Missing):
                result: FileResult | None = FileResult(
                    item.display, error="no such file or directory"
                )
            elif item.path is None:
                result = self._lint_stdin()
            else:
                result = next(linted)
            if result is not None:
                yield result


def exit_status(results: list[FileResult], exit_zero: bool) -> int:
    """2 when a file could not be linted, else 1 for error-level findings, else 0."""
    if any(r.failed_internally for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    failing = any(d.severity is Severity.ERROR for r in results for d in r.diagnostics)
    return EXIT_FINDINGS if failing else EXIT_CLEAN
