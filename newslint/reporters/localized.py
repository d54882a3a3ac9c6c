"""Findings in the reader's language: for the reports people read, and beside the English in
the reports machines read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from newslint.diagnostics import Diagnostic
from newslint.i18n import Translator

if TYPE_CHECKING:
    from newslint.results import FileResult


def translated(diag: Diagnostic, tr: Translator) -> Diagnostic:
    """``diag`` with its message, fix title and notes in ``tr``'s language."""
    fix = None if diag.fix is None else replace(diag.fix, message=tr.say(diag.fix.message))
    related = tuple(replace(note, message=tr.say(note.message)) for note in diag.related)
    return replace(diag, message=tr.say(diag.message), fix=fix, related=related)


def localized(results: Iterable[FileResult], tr: Translator) -> Iterator[FileResult]:
    """``results`` with every finding and file problem said in ``tr``'s language."""
    if tr.is_source:
        yield from results
        return
    for result in results:
        if not (result.diagnostics or result.error or result.warning):
            yield result
            continue
        yield replace(
            result,
            diagnostics=[translated(diag, tr) for diag in result.diagnostics],
            error=None if result.error is None else tr.say(result.error),
            warning=None if result.warning is None else tr.say(result.warning),
        )


def translations(message: str, tr: Translator) -> dict[str, str] | None:
    """``{language: message}`` for a machine report, or ``None`` in English."""
    return None if tr.is_source else {tr.language: tr.say(message)}
