"""Apply fixes: non-overlapping edits, re-lint to a fixpoint, roll back fixes that add findings."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newslint.config import FileSettings
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.document import Document
from newslint.engine import lint_document

MAX_PASSES = 10
SINGLE_ATTEMPTS = 200
"""Fixes tried one at a time in a pass whose batch created a finding (each costs a re-lint)."""


@dataclass
class FixOutcome:
    """The text after fixing, how many fixes went in, and what is left to report."""

    text: str
    applied: int = 0
    fixed_codes: Counter[str] = field(default_factory=Counter)
    """How many fixes of each rule went in."""
    remaining: list[Diagnostic] = field(default_factory=list)
    rolled_back: list[Diagnostic] = field(default_factory=list)
    """Findings whose fix was withdrawn because it created a new finding."""


def _wanted(diag: Diagnostic, unsafe: bool) -> bool:
    fix = diag.fix
    return fix is not None and (unsafe or fix.applicability is Applicability.SAFE)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply every fix whose edits overlap no earlier fix's; return the text and those applied.

    A fix goes in whole or not at all. Fixes left out are picked up by the next pass.
    """
    taken: list[tuple[int, int]] = []
    chosen: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        spans = [(e.start, e.end) for e in fix.edits]
        clash = any(
            (s < te and ts < e) or (s == e == ts == te) for s, e in spans for ts, te in taken
        )
        if clash or not fix.edits:
            continue
        taken.extend(spans)
        chosen.append(fix)
    edits: list[Edit] = sorted(
        (e for fix in chosen for e in fix.edits), key=lambda e: (e.start, e.end)
    )
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), chosen


def _counts(diagnostics: Iterable[Diagnostic]) -> Counter[tuple[str, str]]:
    return Counter((d.code, d.message) for d in diagnostics)


def _misfires(before: list[Diagnostic], after: list[Diagnostic], fixed: list[Diagnostic]) -> bool:
    """Whether fixing ``fixed`` added a finding (by rule and message) that ``before`` did not
    have, or left one of them as often as before (a fix that does not remove its own finding
    would be applied again by every run)."""
    old, new = _counts(before), _counts(after)
    if any(count > old[key] for key, count in new.items()):
        return True
    return any(new[d.code, d.message] >= old[d.code, d.message] for d in fixed)


class Fixer:
    """Fix one document to a fixpoint with the given settings and rules."""

    def __init__(self, settings: FileSettings, enabled: frozenset[str], unsafe: bool) -> None:
        self.settings = settings
        self.enabled = enabled
        self.unsafe = unsafe

    def lint(self, path: str, text: str) -> list[Diagnostic]:
        return lint_document(Document.from_text(path, text), self.settings, self.enabled)

    def fix(self, path: str, text: str, diagnostics: list[Diagnostic]) -> FixOutcome:
        """Apply wanted fixes pass by pass until none is left or ``MAX_PASSES`` is reached.

        A pass applies every non-overlapping fix at once. If that creates a finding or leaves a
        fixed one in place, the pass goes one fix at a time instead, re-linting after each, and
        withdraws the fixes that do either; the next pass batches again. A withdrawal holds only
        while the text is the one it was tried on: after a pass that changed the text, withdrawn
        fixes are retried.
        """
        outcome = FixOutcome(text, remaining=diagnostics)
        refused: dict[tuple[str, str], Diagnostic] = {}
        for _ in range(MAX_PASSES):
            candidates = self._candidates(outcome, refused)
            if not candidates:
                break
            fixes = [d.fix for d in candidates if d.fix is not None]
            new_text, applied = apply_fixes(outcome.text, fixes)
            after = self.lint(path, new_text)
            taken = {id(fix) for fix in applied}
            fixed = [d for d in candidates if id(d.fix) in taken]
            if not _misfires(outcome.remaining, after, fixed):
                outcome.text, outcome.remaining = new_text, after
                outcome.applied += len(applied)
                outcome.fixed_codes.update(d.code for d in fixed)
            elif not self._one_by_one(path, outcome, refused):
                continue  # every candidate was withdrawn on this text: the next pass stops
            refused.clear()
        outcome.rolled_back = list(refused.values())
        return outcome

    def _candidates(
        self, outcome: FixOutcome, refused: dict[tuple[str, str], Diagnostic]
    ) -> list[Diagnostic]:
        return [
            d
            for d in outcome.remaining
            if _wanted(d, self.unsafe) and (d.code, d.message) not in refused
        ]

    def _one_by_one(
        self, path: str, outcome: FixOutcome, refused: dict[tuple[str, str], Diagnostic]
    ) -> bool:
        """Apply fixes singly (re-linting after each) until none is left that adds nothing.

        Withdraws (into ``refused``) the fixes that add a finding or leave their own; returns
        whether one applied.
        """
        changed = False
        for _ in range(SINGLE_ATTEMPTS):
            for diag in self._candidates(outcome, refused):
                assert diag.fix is not None
                single_text, _ = apply_fixes(outcome.text, [diag.fix])
                single_after = self.lint(path, single_text)
                if _misfires(outcome.remaining, single_after, [diag]):
                    refused[diag.code, diag.message] = diag
                    continue
                outcome.text, outcome.remaining = single_text, single_after
                outcome.applied += 1
                outcome.fixed_codes[diag.code] += 1
                changed = True
                break  # the other fixes' offsets refer to the old text: take them afresh
            else:
                return changed
        return changed


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, line endings kept as they are in the file."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)
