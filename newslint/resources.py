"""Where the data shipped with newslint (``rules/``, ``schemas/``) lives at run time."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``newslint/_data/<name>`` in an installed wheel, ``<repo>/<name>`` in a source checkout."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
