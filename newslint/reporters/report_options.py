"""The presentation choices every reporter reads (a leaf: it imports no reporter)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportOptions:
    """Presentation choices from the command line."""

    color: bool = False
    quiet: bool = False
    show_source: bool = True
    exit_zero: bool = False
    arguments: tuple[str, ...] = ()
    """The paths and options that chose the findings, for a report that says how to rerun it."""
