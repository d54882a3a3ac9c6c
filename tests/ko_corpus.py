"""Helpers of the Korean pack's slow tests: lint the shared corpus's Korean sites, read labels."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, require_shared

KOREAN_SITES = (
    "ranknews__ranknews.github.io",
    "frowth-official__frowth-official.github.io",
    "DevStarSJ__DevStarSJ.github.io",
    "ruby__www.ruby-lang.org",
)

Key = tuple[str, int, str]


def read_labels(path: Path) -> dict[Key, str]:
    """The labels of a ``bench/precision`` TSV file: (path, line, code) → ``real``/``noise``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["path"], int(row["line"]), row["code"]): row["label"]
            for row in csv.DictReader(handle, delimiter="\t")
        }


def corpus_findings(codes: str) -> set[Key]:
    """(path, line, code) of every finding of ``codes`` on the Korean sites (skips the calling
    test when the shared corpus is absent)."""
    require_shared(CORPUS)
    run = subprocess.run(
        [sys.executable, "-m", "newslint", "--no-cache", "--select", codes,
         "--format", "json", *KOREAN_SITES],
        cwd=CORPUS, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return {
        (d["path"], d["start"]["line"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]
    }
