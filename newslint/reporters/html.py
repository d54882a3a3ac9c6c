"""The HTML report: one self-contained page, an overview of the run and then every finding.

Only findings are written (clean files add nothing), so the page grows with findings, not with
posts. Everything a post contains is escaped; styles and the filter script are inline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TextIO

from newslint.positions import LineIndex
from newslint.reporters.html_assets import SCRIPT, STYLE
from newslint.reporters.html_finding import clean, finding
from newslint.reporters.summary import Summary, Tally, levels_found, plural

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

TOP_FILES = 10
"""Files listed under "Files with most findings"."""

_SPACE = re.compile(r"\s")


class _Collected:
    """What the overview needs besides the totals, and the findings' markup in order."""

    def __init__(self) -> None:
        self.sections: Counter[str] = Counter()
        self.files: Counter[str] = Counter()
        self.first_anchor: dict[str, str] = {}
        self.anchors: set[str] = set()
        self.problems: list[str] = []
        self.names: dict[str, tuple[str, str]] = {}

    def rule(self, code: str) -> tuple[str, str]:
        """A rule's name and summary (empty for a code the catalogue does not know)."""
        if not self.names:
            from newslint.catalogue import catalogue

            self.names = {c: (doc.name, doc.summary) for c, doc in catalogue().items()}
        return self.names.get(code, ("", ""))

    def anchor(self, path: str, line: int) -> str:
        """``path:line``, made unique when a line has several findings."""
        base = _SPACE.sub("-", f"{path}:{line}")
        anchor, n = base, 1
        while anchor in self.anchors:
            n += 1
            anchor = f"{base}-{n}"
        self.anchors.add(anchor)
        return anchor

    def add(self, result: FileResult, show_source: bool) -> list[str]:
        """Count ``result`` and return its findings' markup."""
        if result.diagnostics:
            section = str(PurePosixPath(result.path.replace("\\", "/")).parent)
            self.sections["(site root)" if section == "." else section] += len(result.diagnostics)
            self.files[result.path] += len(result.diagnostics)
        index = None
        if show_source and result.source is not None and result.diagnostics:
            index = LineIndex(result.source)
        articles = []
        for diag in result.diagnostics:
            anchor = self.anchor(diag.path, diag.start.line)
            self.first_anchor.setdefault(result.path, anchor)
            name, summary = self.rule(diag.code)
            articles.append(finding(diag, anchor, name, summary, index))
        for label, text in (("could not be linted", result.error), ("warning", result.warning)):
            if text is not None:
                self.problems.append(
                    f"<li><code>{clean(result.path)}</code> {label}: {clean(text)}</li>"
                )
        return articles


def headline(summary: Summary) -> str:
    """One sentence saying how the run went."""
    linted = summary.files - summary.unreadable
    found = levels_found(summary)
    if not found:
        return f"No findings in {plural(linted, 'file')} linted."
    return f"Found {', '.join(found)} in {summary.flagged} of {plural(linted, 'file')}."


def _totals(summary: Summary) -> str:
    rows = [
        ("total-errors", "Errors", summary.errors),
        ("total-warnings", "Warnings", summary.warnings),
        ("total-infos", "Infos", summary.infos),
        ("total-files", "Files linted", summary.files - summary.unreadable),
        ("total-flagged", "Files with findings", summary.flagged),
        ("total-unreadable", "Files not linted", summary.unreadable),
        ("total-safe", "Fixable with --fix", summary.fixable),
        ("total-unsafe", "Fixable with --fix --unsafe-fixes", summary.unsafe_fixable),
        ("total-baselined", "Hidden by the baseline", summary.baselined),
        ("total-fixed", "Fixes applied", summary.fixed),
    ]
    body = "".join(
        f'<tr><th scope="row">{label}</th><td class="n" id="{key}">{count}</td></tr>'
        for key, label, count in rows
    )
    return f'<section><h3>Totals</h3><table id="totals">{body}</table></section>'


def _chart(title: str, key: str, counts: list[tuple[str, int]], link: dict[str, str]) -> str:
    """A table of counts with a bar each, longest first."""
    if not counts:
        return ""
    top = max(count for _, count in counts)
    rows = []
    for label, count in counts:
        shown = f"<code>{clean(label)}</code>"
        if label in link:
            shown = f'<a href="#{clean(link[label])}">{shown}</a>'
        width = max(round(100 * count / top), 1)
        rows.append(
            f'<tr><th scope="row">{shown}</th><td class="n">{count}</td>'
            f'<td class="bar" aria-hidden="true"><span style="width:{width}%"></span></td></tr>'
        )
    heading = f'<h3 id="{key}">{title}</h3>'
    return f'<section aria-labelledby="{key}">{heading}<table>{"".join(rows)}</table></section>'


def _ranked(counts: Counter[str], limit: int | None = None) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def _filters() -> str:
    """The filter form, written before the first finding (its rule list comes at the end)."""
    severities = "".join(f'<option value="{s}">{s}</option>' for s in ("error", "warning", "info"))
    return (
        '<form id="filters" class="filters" role="search" aria-label="Filter findings">'
        '<label for="f-rule">Rule code or name<input id="f-rule" list="rule-codes"'
        ' autocomplete="off"></label>'
        '<label for="f-severity">Severity<select id="f-severity"><option value="">any</option>'
        f"{severities}</select></label>"
        '<label for="f-path">Path contains<input id="f-path" autocomplete="off"></label>'
        '<label for="f-text">Text contains<input id="f-text" type="search"'
        ' autocomplete="off"></label>'
        '<button type="reset">Clear filters</button>'
        '<p aria-live="polite">Showing <span id="shown">all</span> findings</p>'
        "</form>\n"
    )


HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    f"<title>newslint report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    '<header><h1>newslint report</h1><nav aria-label="Parts of the report">'
    '<a href="#overview">Overview</a> <a href="#findings">Findings</a></nav></header>\n'
    '<main id="report">\n<section aria-labelledby="findings" id="findings-part">'
    '<h2 id="findings">Findings</h2>\n'
)
"""Everything before the first finding."""


def _overview(summary: Summary, collected: _Collected) -> str:
    by_rule = []
    for code, count in _ranked(Counter(summary.by_code)):
        name = collected.rule(code)[0]
        by_rule.append((f"{code} {name}".strip(), count))
    parts = [
        _totals(summary),
        _chart("Findings per rule", "per-rule", by_rule, {}),
        _chart("Findings per section", "per-section", _ranked(collected.sections), {}),
        _chart(
            "Files with most findings",
            "top-files",
            _ranked(collected.files, TOP_FILES),
            collected.first_anchor,
        ),
    ]
    return (
        '<section aria-labelledby="overview" id="overview-part"><h2 id="overview">Overview</h2>'
        f'<p class="headline" id="headline">{clean(headline(summary))}</p>'
        f'<div class="grid">{"".join(parts)}</div></section>\n'
    )


def _tail(summary: Summary, collected: _Collected) -> str:
    """Everything after the last finding: the overview (moved first by CSS and the script),
    files that could not be linted, the rule list for the filter."""
    problems = ""
    if collected.problems:
        problems = (
            '<section aria-labelledby="problems"><h2 id="problems">Files with problems</h2>'
            f"<ul>{''.join(collected.problems)}</ul></section>\n"
        )
    options = "".join(f'<option value="{clean(code)}"></option>' for code in summary.by_code)
    return (
        f"</section>\n{problems}{_overview(summary, collected)}</main>\n"
        f'<datalist id="rule-codes">{options}</datalist>\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    """Write each finding with its source as it comes, then the overview of the whole run
    (shown first: the page moves it there)."""
    tally = Tally()
    collected = _Collected()
    out.write(HEAD)
    written = 0
    for result in tally.counted(results):
        for article in collected.add(result, options.show_source):
            out.write((_filters() if not written else "") + article + "\n")
            written += 1
    if not written:
        out.write("<p>No findings.</p>\n")
    out.write(_tail(tally.summary(), collected))
