"""Counts shared by every reporter, so all formats agree on the totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.diagnostics import Applicability, Severity

if TYPE_CHECKING:
    from newslint.runner import FileResult


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int
    fixable: int
    unsafe_fixable: int
    unreadable: int
    fixed: int
    baselined: int
    by_code: dict[str, int]


def summarize(results: list[FileResult]) -> Summary:
    counts: Counter[Severity] = Counter()
    codes: Counter[str] = Counter()
    fixable = unsafe = 0
    for result in results:
        for diag in result.diagnostics:
            counts[diag.severity] += 1
            codes[diag.code] += 1
            if diag.fix is not None:
                if diag.fix.applicability is Applicability.SAFE:
                    fixable += 1
                else:
                    unsafe += 1
    return Summary(
        files=len(results),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        fixable=fixable,
        unsafe_fixable=unsafe,
        unreadable=sum(1 for r in results if r.error is not None),
        fixed=sum(r.fixed for r in results),
        baselined=sum(r.baselined for r in results),
        by_code=dict(sorted(codes.items())),
    )
