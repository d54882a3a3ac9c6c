"""Shared test helpers: where the shared corpus lives and how to lint a snippet."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint.house import forget_all

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
DATA = REPO / "tests" / "data"
SEED = DATA / "seed_post.txt"
EXAMPLES = REPO / "examples"
SEED_NAME = "_posts/2024-01-05-seed.md"
"""Where ``example_site`` puts the seed post."""
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def example_site(root: Path) -> Path:
    """A copy of the bundled example site at ``root``, with the seed post in it."""
    shutil.copytree(EXAMPLES, root, dirs_exist_ok=True)
    shutil.copy(SEED, root / SEED_NAME)
    return root


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """Run the block with ``path`` as the working directory, as a user runs newslint there."""
    cwd = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(cwd)


def require_shared(path: Path) -> Path:
    """Skip the calling test, saying why, when ``../shared`` is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} is absent: clone the repository with ../shared beside it to run this")
    return path


@pytest.fixture(autouse=True)
def _no_house_rules() -> Iterator[None]:
    """House rules a test's run registered are gone for the next test."""
    yield
    forget_all()


@pytest.fixture(autouse=True)
def _cache_aside(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs keep their result cache in a directory of their own, never in the working tree
    (tests of the cache's place remove ``NEWSLINT_CACHE_DIR``)."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)  # never append to a CI's summary
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):  # English, whatever the machine speaks
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def record_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the runner reads from now on."""
    from newslint.discovery import Target
    from newslint.reading import Reader

    read: list[str] = []
    real = Reader.read_target

    def counted(self: Reader, target: Target) -> object:
        read.append(target.display)
        return real(self, target)

    monkeypatch.setattr(Reader, "read_target", counted)
    return read
