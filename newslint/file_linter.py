"""Lint one file's bytes within the time limit per file, fixing them when the run asks to
(the work a worker process does)."""

from __future__ import annotations

import sys
from pathlib import Path

from newslint.engine import lint_bytes
from newslint.limits import FileTimeout, time_limit
from newslint.results import FileResult
from newslint.selection import Selection


class FileLinter:
    """Lints files already read, with the settings and rules its ``Selection`` gives them."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection

    def lint_data(
        self, display: str, path: Path | None, data: bytes, *, stdin: bool = False
    ) -> FileResult:
        """Lint (and fix) one file within the time limit per file.

        ``path`` names where its settings come from; with ``stdin`` the text came from standard
        input and a fixed text is returned (``fixed_text``), never written to ``path``.
        """
        limit = self.selection.options.file_time_limit
        try:
            with time_limit(limit):
                return self._lint_data(display, path, data, stdin)
        except FileTimeout:
            return FileResult(
                display,
                error=f"linting stopped after {limit:g} s (the time limit per file); "
                "the file was not checked; please report it if it is an ordinary post",
            )

    def _lint_data(self, display: str, path: Path | None, data: bytes, stdin: bool) -> FileResult:
        loaded, settings = self.selection.settings_for(path)
        enabled = self.selection.enabled_for(loaded)
        linted = lint_bytes(display, data, settings, enabled)
        diagnostics, text = linted.diagnostics, linted.text
        opts = self.selection.options
        if text is None or not (opts.fix or opts.diff):
            source = text if diagnostics and opts.keep_source else None
            site = None
            if linted.site is not None:
                from newslint.site_rules.index import encode

                site = encode(linted.site)
            return FileResult(
                display, diagnostics, source=source, deps=linted.dependencies, site=site
            )
        from newslint.fixing import fixed_result  # here: only --fix and --diff need it

        target = None if stdin else path
        return fixed_result(display, target, data, text, diagnostics, settings, enabled, opts)

    def lint_batch(self, batch: list[tuple[str, Path, bytes]]) -> list[FileResult]:
        """Lint files already read (the unit of work handed to a worker process)."""
        return [self.lint_data(display, path, data) for display, path, data in batch]

    def lint_stdin(self) -> FileResult:
        """Lint standard input, named as ``--stdin-filename`` says (``-`` without it)."""
        name = self.selection.options.stdin_filename
        data = sys.stdin.buffer.read()
        display = name or "-"
        return self.lint_data(display, Path(name) if name else None, data, stdin=True)
