"""Reporters turn file results into text for people or documents for machines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from newslint.runner import FileResult


@dataclass(frozen=True)
class ReportOptions:
    """Presentation choices from the command line."""

    color: bool = False
    quiet: bool = False
    statistics: bool = False
    show_source: bool = True


Reporter = Callable[["list[FileResult]", TextIO, ReportOptions], None]

FORMATS = ("text", "json")


def get_reporter(name: str) -> Reporter:
    """The reporter for a ``--format`` value."""
    if name == "json":
        from newslint.reporters.json import report as json_report

        return json_report
    from newslint.reporters.text import report as text_report

    return text_report
