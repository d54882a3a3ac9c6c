"""The presentation choices every reporter reads (a leaf: it imports no reporter)."""

from __future__ import annotations

from dataclasses import dataclass

from newslint.i18n import Translator, translator


@dataclass(frozen=True)
class ReportOptions:
    """Presentation choices from the command line."""

    color: bool = False
    quiet: bool = False
    show_source: bool = True
    exit_zero: bool = False
    arguments: tuple[str, ...] = ()
    """The paths and options that chose the findings, for a report that says how to rerun it."""
    language: str = "en"
    """The language of the report's own words (the findings arrive already translated, except
    in the machine formats, which keep English and add the translation)."""

    @property
    def translator(self) -> Translator:
        return translator(self.language)
