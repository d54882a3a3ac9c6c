"""newslint's version is written twice, in pyproject.toml and in newslint/version.py: the same."""

from __future__ import annotations

import sys

import newslint
from newslint.version import __version__
from tests.conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def test_the_package_and_pyproject_give_one_version() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__ == newslint.__version__
