"""The benchmark's goal table: each goal worked out from the rows of one run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "run.py"
    spec = importlib.util.spec_from_file_location("bench_run", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_goals_are_worked_out_from_the_rows_of_the_run() -> None:
    bench = _bench()
    cost, row = bench.Measured, bench.Row
    rows = [
        row("parse floor", "corpus", 1000, 6.0, cost(8.0, 8.0, 50)),
        row("newslint --jobs 1, no cache", "corpus", 1000, 6.0, cost(16.0, 16.0, 90)),
        row("newslint --jobs 2, no cache", "corpus", 1000, 6.0, cost(9.0, 17.0, 100)),
        row(f"newslint {bench.HOUSE}", "corpus", 1000, 6.0, cost(18.0, 18.0, 95)),
        row("newslint --jobs 2, cold cache", "corpus", 1000, 6.0, cost(10.0, 18.0, 100)),
        row("newslint --jobs 2, warm cache", "corpus", 1000, 6.0, cost(0.4, 0.4, 30)),
        row("newslint --jobs 2, no cache", "corpus x4", 4000, 24.0, cost(40.0, 70.0, 110)),
        row("newslint, one post, whole process", "one post", 1, 0.01, cost(0.3, 0.2, 30)),
        row("vnu", "peers", 1000, 6.0, cost(20.0, 30.0, 400)),
    ]
    table = bench.goals(rows).splitlines()
    assert "| --jobs 1 / parse floor (corpus) | 2.00x | <= 1.3x | no |" in table
    assert "| warm / cold cache (corpus) | 4.0% | <= 5% | yes |" in table
    assert "| ten selector house rules / none, --jobs 1 (corpus) | 1.12x | <= 1.2x | yes |" in table
    assert "| one post, whole process (s) | 0.30 s | <= 0.25 s | no |" in table
    assert "| files/s x1 / x4, --jobs 2 | 1.11x | linear: <= 1.15x | yes |" in table
    assert "| files/s, --jobs 2 / vnu | 2.22x | > 1x | yes |" in table
    # Not measured in this run (no x2 corpus, html-validate missing): no verdict.
    assert "| --jobs 1 / --jobs 2 (corpus x2) | — | >= 1.7x | — |" in table
    assert "| files/s, --jobs 2 / html-validate | — | > 1x | — |" in table
