"""The library entry points: lint a string or a set of paths without the command line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from newslint.config import FileSettings
from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.engine import lint_document, select_rules
from newslint.options import Options
from newslint.results import FileResult
from newslint.runner import Linter

__all__ = ["lint_paths", "lint_text"]


def lint_text(
    text: str,
    path: str = "_posts/untitled.md",
    *,
    select: Iterable[str] = ("DEFAULT",),
    ignore: Iterable[str] = (),
    settings: FileSettings | None = None,
) -> list[Diagnostic]:
    """Diagnostics for ``text`` as if it were the file ``path`` (nothing is read from disk)."""
    enabled = select_rules(select, ignore)
    return lint_document(Document.from_text(path, text), settings or FileSettings(), enabled)


def lint_paths(paths: Iterable[str | Path], options: Options | None = None) -> list[FileResult]:
    """Lint files and directories as the command line does, with their configuration files."""
    linter = Linter(options or Options())
    return list(linter.run([str(p) for p in paths]))
