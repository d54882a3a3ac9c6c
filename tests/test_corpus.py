"""The whole shared corpus: every file linted or given a clear error, never a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED, require_shared


@pytest.mark.slow
def test_whole_corpus_lints_without_internal_errors(tmp_path: Path) -> None:
    corpus = require_shared(CORPUS)
    out = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "newslint", str(corpus), "--format", "json", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.stderr == ""
    assert done.returncode == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["errors"] == []
    assert report["summary"]["files"] > 12000
    codes = {d["code"] for d in report["diagnostics"]}
    assert "NL900" not in codes
    # Facts recorded in the corpus manifest: posts YAML refuses and a duplicated title key.
    by_path: dict[str, set[str]] = {}
    for diag in report["diagnostics"]:
        by_path.setdefault(Path(diag["path"]).relative_to(corpus).as_posix(), set()).add(
            diag["code"]
        )
    assert "FM003" in by_path["frowth-official__frowth-official.github.io/_posts/2024-06-12-11.md"]
    dup = "ruby__www.ruby-lang.org/ja/news/_posts/2024-03-21-buffer-overread-cve-2024-27280.md"
    assert "FM004" in by_path[dup]


def test_seed_reports_exactly_the_stray_bold_end_tag() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newslint", str(SEED), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    found = [
        (d["code"], d["start"]["line"], d["start"]["column"], d["end"]["line"], d["end"]["column"])
        for d in report["diagnostics"]
    ]
    assert found == [("HT001", 32, 209, 32, 213)]
