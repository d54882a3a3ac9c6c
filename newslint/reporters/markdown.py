"""A Markdown summary of a run: totals, a table per rule, the worst files, how to rerun.

GitHub's job summary (``GITHUB_STEP_SUMMARY``), GitLab's merge-request notes and Azure's
summaries render it. ``--format markdown`` prints it followed by the first findings.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING, TextIO

from newslint.diagnostics import Applicability, Diagnostic, Severity
from newslint.reporters.ranking import keep_first
from newslint.reporters.summary import Tally, levels_found, plural

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

SIZE_LIMIT = 1024 * 1024
"""Bytes a summary may take: GitHub refuses a step summary over 1 MiB ("Adding a job summary"
in GitHub's docs on workflow commands; the runner says "supports content up to a size of
1024k"), and GitLab's notes stop at 1,000,000 characters."""

WORST_FILES = 10
COMMAND_LIMIT = 1000
LISTED = 100
"""Findings listed under the summary by ``--format markdown``."""

_LEVELS = ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info"))
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
"""Characters that would start Markdown or HTML inside a line (emphasis, links, tags, tables,
entities, GitHub's maths)."""


def escape(text: str) -> str:
    """``text`` shown as written inside a Markdown line or table cell."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def code(text: str) -> str:
    """``text`` as a code span (safe in a table cell: ``|`` escaped as GitHub reads it)."""
    text = " ".join(text.splitlines()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class SummaryCounts:
    """What a summary reports, counted as results stream past (per rule and per file)."""

    def __init__(self) -> None:
        self.tally = Tally()
        self.names: dict[str, str] = {}
        self.safe: Counter[str] = Counter()
        self.unsafe: Counter[str] = Counter()
        self.files: Counter[str] = Counter()
        self.annotations: Counter[Severity] = Counter()
        """Findings and file problems by level, as ``--format github`` annotates them."""

    def add(self, result: FileResult) -> None:
        self.tally.add(result)
        self.annotations[Severity.ERROR] += result.error is not None
        self.annotations[Severity.WARNING] += result.warning is not None
        for diag in result.diagnostics:
            self.names[diag.code] = diag.rule
            self.files[diag.path] += 1
            self.annotations[diag.severity] += 1
            if diag.fix is not None:
                fixes = self.safe if diag.fix.applicability is Applicability.SAFE else self.unsafe
                fixes[diag.code] += 1

    def counted(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """Pass ``results`` on, counting each."""
        for result in results:
            self.add(result)
            yield result


def _totals(counts: SummaryCounts) -> list[str]:
    summary = counts.tally.summary()
    linted = summary.files - summary.unreadable
    levels = [(word, counts.tally.severities[level]) for level, word in _LEVELS]
    found = levels_found(summary)
    if not found:
        lines = [f"## newslint: no findings in {plural(linted, 'file')}", ""]
    else:
        where = f"{summary.flagged} of {plural(linted, 'file')}"
        lines = [f"## newslint: {', '.join(found)} in {where}", ""]
        lines += ["| Severity | Findings |", "| --- | ---: |"]
        lines += [f"| {word} | {n} |" for word, n in levels]
        lines.append("")
    notes = []
    if summary.fixable:
        notes.append(f"{summary.fixable} fixable with `--fix`.")
    if summary.unsafe_fixable:
        notes.append(f"{summary.unsafe_fixable} more with `--fix --unsafe-fixes`.")
    if summary.baselined:
        notes.append(f"{plural(summary.baselined, 'finding')} in the baseline not shown.")
    if summary.unreadable:
        notes.append(f"{plural(summary.unreadable, 'file')} could not be linted.")
    return [*lines, " ".join(notes), ""] if notes else lines


def _fixable(counts: SummaryCounts, rule: str) -> str:
    safe, unsafe = counts.safe[rule], counts.unsafe[rule]
    parts = [str(safe)] if safe else []
    if unsafe:
        parts.append(f"{unsafe} unsafe")
    return " + ".join(parts) or "no"


def _size(lines: Iterable[str]) -> int:
    """Bytes ``lines`` take written one per line."""
    return sum(len(line.encode()) + 1 for line in lines)


def _cut(head: list[str], rows: list[str], budget: int, limit: int, what: str) -> list[str]:
    """``head`` and as many of the first ``limit`` ``rows`` as fit in ``budget`` bytes, then a
    line saying how many more there are (nothing at all when not even that fits)."""
    sizes = list(accumulate((_size([row]) for row in rows[:limit]), initial=_size(head)))
    for shown in range(len(sizes) - 1, -1, -1):
        more = len(rows) - shown
        tail = ["", f"and {more} more {what}"] if more else []
        if sizes[shown] + _size(tail) <= budget:
            return [*head, *rows[:shown], *tail]
    return []


def _rules(counts: SummaryCounts, budget: int) -> list[str]:
    head = ["### Findings by rule", "", "| Code | Rule | Findings | Fixable |"]
    head.append("| --- | --- | ---: | --- |")
    ranked = sorted(counts.tally.codes.items(), key=lambda item: (-item[1], item[0]))
    rows = [
        f"| {rule} | {escape(counts.names[rule])} | {n} | {_fixable(counts, rule)} |"
        for rule, n in ranked
    ]
    return _cut(head, rows, budget, len(rows), "rules")


def _files(counts: SummaryCounts, budget: int) -> list[str]:
    head = ["### Files with most findings", "", "| File | Findings |", "| --- | ---: |"]
    ranked = sorted(counts.files.items(), key=lambda item: (-item[1], item[0]))
    rows = [f"| {code(path)} | {n} |" for path, n in ranked]
    return _cut(head, rows, budget, WORST_FILES, "files with findings")


def rerun_command(arguments: Iterable[str]) -> str:
    """The command that shows every finding, shortened when the paths given were many (a
    pre-commit hook's, a glob's) to at most ``COMMAND_LIMIT`` characters."""
    words = ["newslint", *arguments]
    command = shlex.join(words)
    if len(command) <= COMMAND_LIMIT:
        return command
    shown = 1
    while len(shlex.join(words[: shown + 1])) <= COMMAND_LIMIT - 40:
        shown += 1
    return f"{shlex.join(words[:shown])} [and {len(words) - shown} more arguments]"


def rerun_lines(arguments: Iterable[str]) -> list[str]:
    """How to see every finding locally: the command, in a shell block."""
    return ["### Reproduce locally", "", "```sh", rerun_command(arguments), "```"]


def render_summary(
    counts: SummaryCounts, arguments: Iterable[str], extra: list[str], budget: int = SIZE_LIMIT
) -> list[str]:
    """The summary's lines, ``extra`` (a section of the caller's) before how to rerun, cut to
    fit ``budget`` bytes (the rule table first, then the worst files)."""
    lines = _totals(counts)
    tail = [*extra, *rerun_lines(arguments)]
    if counts.tally.codes:
        room = budget - _size(lines) - _size(tail) - 2  # a blank line after each table
        rules = _rules(counts, room)
        files = _files(counts, room - _size(rules))
        lines += [line for section in (rules, files) if section for line in (*section, "")]
    return [*lines, *tail]


def finding_line(diag: Diagnostic) -> str:
    """One finding as a list item: ``path:line:col`` (as code), its code and message."""
    where = code(f"{diag.path}:{diag.start.line}:{diag.start.column}")
    return f"- {where} {diag.code} {escape(diag.message)}"


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    """``--format markdown``: the summary, then the first findings (errors first)."""
    counts = SummaryCounts()
    first: list[tuple[tuple[int, str, int, int, str], str]] = []
    for result in counts.counted(results):
        for diag in result.diagnostics:
            ranked = ((-diag.severity.rank, *diag.sort_key), finding_line(diag))
            keep_first(first, ranked, LISTED)
    lines = render_summary(counts, options.arguments, [])
    if first:
        lines += ["", "### Findings", "", *(line for _, line in first)]
        left = sum(counts.tally.codes.values()) - len(first)
        if left:
            lines += [
                "",
                f"and {plural(left, 'more finding')}: see them all with the command above",
            ]
    out.write("\n".join(lines) + "\n")
