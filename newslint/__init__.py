"""newslint: lint and fix the front matter and HTML of news and blog posts.

The public API is small; heavy modules are imported only when a name is first used, so that
``import newslint`` stays cheap for a pre-commit hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.version import __version__

__all__ = ["Diagnostic", "Fix", "Position", "__version__", "lint_paths", "lint_text"]

if TYPE_CHECKING:
    from newslint.api import lint_paths, lint_text
    from newslint.diagnostics import Diagnostic, Fix
    from newslint.positions import Position


def __getattr__(name: str) -> Any:
    if name in ("lint_text", "lint_paths"):
        from newslint import api

        return getattr(api, name)
    if name == "Position":
        from newslint.positions import Position

        return Position
    if name in ("Diagnostic", "Fix"):
        from newslint import diagnostics

        return getattr(diagnostics, name)
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")
