"""Reporters turn file results into text for people or documents for machines."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from newslint.reporters.report_options import ReportOptions

if TYPE_CHECKING:
    from newslint.results import FileResult


Reporter = Callable[["Iterable[FileResult]", TextIO, ReportOptions], None]
"""A reporter writes results as they come (it never needs them all at once)."""

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab", "html", "markdown")
SHOWS_SOURCE = frozenset({"text", "sarif", "gitlab", "html"})
"""Formats that read the text of a file with findings: its lines in context, or fingerprints
of them (the others need only the findings)."""


def get_reporter(name: str) -> Reporter:
    """The reporter for a ``--format`` value."""
    if name == "json":
        from newslint.reporters.json import report as json_report

        return json_report
    if name == "sarif":
        from newslint.reporters.sarif import report as sarif_report

        return sarif_report
    if name == "github":
        from newslint.reporters.github import report as github_report

        return github_report
    if name == "junit":
        from newslint.reporters.junit import report as junit_report

        return junit_report
    if name == "gitlab":
        from newslint.reporters.gitlab import report as gitlab_report

        return gitlab_report
    if name == "markdown":
        from newslint.reporters.markdown import report as markdown_report

        return markdown_report
    if name == "html":
        from newslint.reporters.html import report as html_report

        return html_report
    from newslint.reporters.text import report as text_report

    return text_report
