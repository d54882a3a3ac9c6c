"""``--statistics``: one line per rule (count, code, fixable, name) instead of the findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from newslint.catalogue import rule_index
from newslint.diagnostics import Applicability
from newslint.reporters.summary import Tally
from newslint.reporters.text import summary_line, write_file_problems

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

FIXABLE = "[*]"
"""Marks a rule with a finding that ``--fix`` fixes (as ruff marks them)."""
NOT_FIXABLE = "[ ]"


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    """The rules that found something, most findings first, then the summary."""
    tally = Tally()
    fixable: set[str] = set()
    for result in tally.counted(results):
        for diag in result.diagnostics:
            if diag.fix is not None and diag.fix.applicability is Applicability.SAFE:
                fixable.add(diag.code)
        write_file_problems(result, out, options)
    summary = tally.summary()
    out.writelines(statistics_lines(Counter(summary.by_code), fixable))
    if not options.quiet:
        out.write(summary_line(summary) + "\n")


def statistics_lines(counts: Counter[str], fixable: set[str]) -> list[str]:
    """The table: counts right-aligned, codes and names; the fixable column only when a rule
    is fixable."""
    names = {code: doc.name for code, doc in rule_index().items()}
    rows = sorted(counts.items(), key=lambda row: (-row[1], row[0]))
    count_width = max((len(str(count)) for _, count in rows), default=0)
    code_width = max((len(code) for code, _ in rows), default=0)
    lines = []
    for code, count in rows:
        mark = ""
        if fixable:
            mark = (FIXABLE if code in fixable else NOT_FIXABLE) + " "
        name = names.get(code, "")
        lines.append(f"{count:>{count_width}}  {code:<{code_width}}  {mark}{name}".rstrip() + "\n")
    return lines
