"""``--fix`` and ``--diff`` for one file: fix its text, then show the diff or write the file."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from newslint.config import FileSettings
from newslint.diagnostics import Diagnostic
from newslint.fixer import Fixer, FixOutcome, unified_diff
from newslint.options import Options
from newslint.reading import within
from newslint.results import FileResult
from newslint.writer import ChangedOnDisk, write_atomically


def fixed_result(
    display: str,
    path: Path | None,
    data: bytes,
    text: str,
    before: list[Diagnostic],
    settings: FileSettings,
    enabled: frozenset[str],
    options: Options,
) -> FileResult:
    """The result of fixing ``text`` (``data`` decoded), whose findings are ``before``.

    With ``options.diff`` it carries the diff; else the fixed text is written to ``path``, or
    returned (``fixed_text``) when ``path`` is ``None`` (standard input).
    """
    outcome = Fixer(settings, enabled, options.unsafe_fixes).fix(display, text, before)
    return _outcome_result(display, path, data, text, outcome, before, options)


def _outcome_result(
    display: str,
    path: Path | None,
    data: bytes,
    text: str,
    outcome: FixOutcome,
    before: list[Diagnostic],
    options: Options,
) -> FileResult:
    changed = outcome.text != text
    source = outcome.text if outcome.remaining else None
    base = FileResult(
        display,
        outcome.remaining,
        source=source,
        fixed=outcome.applied,
        fixed_codes=dict(outcome.fixed_codes),
    )
    if options.diff:
        diff = unified_diff(display, text, outcome.text) if changed else None
        return replace(base, diff=diff, diagnostics=[], source=None)
    if path is None:
        return replace(base, fixed_text=outcome.text)
    if not changed:
        return base
    # Not written: the findings shown are those of the file as it is on disk.
    unwritten = FileResult(display, before, source=text if before else None)
    refusal = refuse_write(path, options.given)
    if refusal is not None:
        return replace(unwritten, error=f"not fixed: {refusal}")
    try:
        write_atomically(path, outcome.text.encode("utf-8"), original=data)
    except ChangedOnDisk:
        return replace(
            unwritten,
            warning="file changed on disk while it was being fixed; "
            "not written, run newslint --fix again",
        )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return replace(unwritten, error=f"cannot write fixed file: {reason}")
    return base


def refuse_write(path: Path, given: tuple[str, ...]) -> str | None:
    """Why ``--fix`` must not write ``path`` (read-only, or outside the paths ``given``)."""
    real = Path(os.path.realpath(path))
    if given and not within(real, given):
        return (
            f"it is a symbolic link to {real}, outside the paths given; "
            "newslint writes nowhere else: fix the target itself"
        )
    try:
        mode = real.stat().st_mode
    except OSError as exc:
        return f"cannot write fixed file: {exc.strerror or type(exc).__name__}"
    if not mode & 0o222:
        return "the file is read-only; make it writable to fix it"
    return None
