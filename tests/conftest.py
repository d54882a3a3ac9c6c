"""Shared test helpers: where the shared corpus lives and how to lint a snippet."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_2b12c9455bb1ebb8.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def require_shared(path: Path) -> Path:
    """Skip the calling test, saying why, when ``../shared`` is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} is absent: clone the repository with ../shared beside it to run this")
    return path
