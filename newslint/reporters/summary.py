"""Counts shared by every reporter, so all formats agree on the totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.diagnostics import Applicability, Severity
from newslint.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from newslint.i18n import Translator, translator

if TYPE_CHECKING:
    from newslint.results import FileResult


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural (``many``, else with an s) for any count but one;
    "info" is uncountable."""
    if count == 1 or word == "info":
        return f"{count} {word}"
    return f"{count} {many or word + 's'}"


def counted(tr: Translator, count: int, singular: str, many: str) -> str:
    """``singular``/``many`` (templates with ``{count}``) in ``tr``'s language for ``count``."""
    return tr.ngettext(singular, many, count).format(count=count)


def levels_found(summary: Summary, tr: Translator | None = None) -> list[str]:
    """The levels with findings, most serious first: "2 errors", "1 warning", "3 info"."""
    tr = tr or translator("en")
    levels = (
        (summary.errors, tr.ngettext("{count} error", "{count} errors", summary.errors)),
        (summary.warnings, tr.ngettext("{count} warning", "{count} warnings", summary.warnings)),
        (summary.infos, tr.ngettext("{count} info", "{count} info", summary.infos)),
    )
    return [words.format(count=count) for count, words in levels if count]


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
    flagged: int
    """Files with at least one finding."""


class Tally:
    """Counts results as they stream past, so nothing has to keep them all."""

    def __init__(self) -> None:
        self.files = self.fixable = self.unsafe = self.unreadable = 0
        self.fixed = self.baselined = self.flagged = 0
        self.failed = False
        """Whether a file could not be linted or a rule failed (exit 2)."""
        self.severities: Counter[Severity] = Counter()
        self.codes: Counter[str] = Counter()

    def add(self, result: FileResult) -> None:
        self.files += 1
        if not (result.diagnostics or result.error or result.fixed or result.baselined):
            return  # most files: nothing else to count
        self.unreadable += result.error is not None
        self.flagged += bool(result.diagnostics)
        self.fixed += result.fixed
        self.baselined += result.baselined
        if not self.failed:
            self.failed = result.failed_internally
        for diag in result.diagnostics:
            self.severities[diag.severity] += 1
            self.codes[diag.code] += 1
            if diag.fix is not None:
                if diag.fix.applicability is Applicability.SAFE:
                    self.fixable += 1
                else:
                    self.unsafe += 1

    def counted(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """Pass ``results`` on, counting each."""
        for result in results:
            self.add(result)
            yield result

    def summary(self) -> Summary:
        return Summary(
            files=self.files,
            errors=self.severities[Severity.ERROR],
            warnings=self.severities[Severity.WARNING],
            infos=self.severities[Severity.INFO],
            fixable=self.fixable,
            unsafe_fixable=self.unsafe,
            unreadable=self.unreadable,
            fixed=self.fixed,
            baselined=self.baselined,
            by_code=dict(sorted(self.codes.items())),
            flagged=self.flagged,
        )

    def exit_status(self, exit_zero: bool) -> int:
        """2 when a file could not be linted, else 1 for error-level findings, else 0."""
        if self.failed:
            return EXIT_ERROR
        if exit_zero or not self.severities[Severity.ERROR]:
            return EXIT_CLEAN
        return EXIT_FINDINGS
