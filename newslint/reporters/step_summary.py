"""GitHub's job summary: when ``GITHUB_STEP_SUMMARY`` names a file, every run appends the
Markdown summary to it, whatever the report's format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newslint.reporters.github import left_out_line, unannotated
from newslint.reporters.markdown import SIZE_LIMIT, SummaryCounts, render_summary

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

    Reporting = Callable[[Iterable[FileResult], TextIO, ReportOptions], None]

ROOM = 1024
"""Bytes a summary needs at the least (headings and totals); with less room left in the step's
file, nothing is appended."""


def with_step_summary(report: Reporting, *, annotated: bool) -> Reporting:
    """``report``, followed by the summary appended to ``$GITHUB_STEP_SUMMARY`` when it is set
    (``annotated``: the report is GitHub's annotations, so the summary says what they left out)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return report

    def reporting(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
        counts = SummaryCounts()
        report(counts.counted(results), out, options)
        append_summary(Path(target), counts, options, annotated=annotated)

    return reporting


def not_annotated(counts: SummaryCounts, arguments: Iterable[str]) -> list[str]:
    """What ``--format github`` left without an annotation, as a section of the summary."""
    left = unannotated(counts.annotations)
    if not left:
        return []
    return ["### Not annotated", "", left_out_line(left, arguments), ""]


def append_summary(
    target: Path, counts: SummaryCounts, options: ReportOptions, *, annotated: bool
) -> None:
    """Append the summary to ``target``, within what GitHub accepts for one step."""
    try:
        used = target.stat().st_size
    except OSError:
        used = 0
    budget = SIZE_LIMIT - used
    if budget < ROOM:
        sys.stderr.write(
            f"newslint: warning: no job summary written: {target} already holds {used} bytes "
            f"and GitHub shows at most {SIZE_LIMIT} per step\n"
        )
        return
    extra = not_annotated(counts, options.arguments) if annotated else []
    lines = render_summary(counts, options.arguments, extra, budget - 1)
    try:
        with target.open("a", encoding="utf-8") as stream:
            stream.write("\n".join(lines) + "\n")
    except OSError as exc:
        sys.stderr.write(f"newslint: warning: cannot write the job summary {target}: {exc}\n")
