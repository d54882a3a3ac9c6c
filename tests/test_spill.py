"""The result spill gives back exactly what it took, in order, from memory or from disk."""

from __future__ import annotations

import pytest

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from newslint.positions import Position
from newslint.results import FileResult
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


def test_diagnostics_as_the_cache_encoded_them_are_written_as_they_are() -> None:
    from dataclasses import replace

    from newslint.cache import encode_diagnostics

    first = _results()[0]
    path = "_posts/caf\udce9.md"  # a file name that is not UTF-8
    diagnostics = [replace(d, path=path) for d in first.diagnostics]
    odd = replace(first, path=path, diagnostics=diagnostics, source="é\r\n\ud800 text")
    encoded = encode_diagnostics(diagnostics)
    with ResultSpill(0) as spill:
        spill.put(replace(odd, encoded=encoded))
        spill.put(FileResult("b\udcff.md"))
        back = list(spill)
    assert back == [odd, FileResult("b\udcff.md")]
    assert back[0].source == odd.source and back[0].encoded is None
