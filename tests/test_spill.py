"""The result spill gives back exactly what it took, in order, from memory or from disk."""

from __future__ import annotations

import pytest

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from newslint.positions import Position
from newslint.runner import FileResult
from newslint.spill import RESULT_COST, ResultSpill


def _results() -> list[FileResult]:
    at, end = Position(2, 3, 9), Position(2, 7, 13)
    fix = Fix("remove it", (Edit(9, 13, ""),), Applicability.UNSAFE)
    related = (Related(Position(1, 1, 0), "opened here"),)
    diag = Diagnostic("a.md", "HT001", "stray-end-tag", Severity.ERROR, "stray ✓", at, end, fix)
    noted = Diagnostic("a.md", "FM005", "dup", Severity.WARNING, "twice", at, end, None, related)
    return [
        FileResult("a.md", [diag, noted], source="---\n<p>a</b>\n"),
        FileResult("clean.md"),
        FileResult("gone.md", error="cannot read file: gone"),
        FileResult("w.md", warning="changed on disk", fixed=2, baselined=1),
    ]


@pytest.mark.parametrize("budget", [0, RESULT_COST + 20, 10**6])
def test_results_come_back_whole_and_in_order(budget: int) -> None:
    with ResultSpill(budget) as spill:
        for result in _results():
            spill.put(result)
        assert list(spill) == _results()
