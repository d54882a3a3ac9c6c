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


@dataclass
class FixOutcome:
    """The text after fixing, how many fixes went in, and what is left to report."""

    text: str
    applied: int = 0
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


def _adds_findings(before: list[Diagnostic], after: list[Diagnostic]) -> bool:
    """Whether ``after`` has a finding (by rule and message) that ``before`` did not have."""
    old = _counts(before)
    return any(count > old[key] for key, count in _counts(after).items())


class Fixer:
    """Fix one document to a fixpoint with the given settings and rules."""

    def __init__(self, settings: FileSettings, enabled: frozenset[str], unsafe: bool) -> None:
        self.settings = settings
        self.enabled = enabled
        self.unsafe = unsafe

    def lint(self, path: str, text: str) -> list[Diagnostic]:
        return lint_document(Document.from_text(path, text), self.settings, self.enabled)

    def fix(self, path: str, text: str, diagnostics: list[Diagnostic]) -> FixOutcome:
        """Apply wanted fixes pass by pass until none is left or ``MAX_PASSES`` is reached."""
        outcome = FixOutcome(text, remaining=diagnostics)
        refused: set[tuple[str, str]] = set()
        for _ in range(MAX_PASSES):
            candidates = [
                d
                for d in outcome.remaining
                if _wanted(d, self.unsafe) and (d.code, d.message) not in refused
            ]
            if not candidates:
                break
            progressed = self._pass(path, outcome, candidates, refused)
            if not progressed:
                break
        return outcome

    def _pass(
        self,
        path: str,
        outcome: FixOutcome,
        candidates: list[Diagnostic],
        refused: set[tuple[str, str]],
    ) -> bool:
        fixes = [d.fix for d in candidates if d.fix is not None]
        new_text, applied = apply_fixes(outcome.text, fixes)
        after = self.lint(path, new_text)
        if not _adds_findings(outcome.remaining, after):
            outcome.text, outcome.remaining = new_text, after
            outcome.applied += len(applied)
            return bool(applied)
        # Some fix in the batch made things worse: try them one by one and keep the good ones.
        progressed = False
        refused_before = len(refused)
        by_fix = {id(d.fix): d for d in candidates}
        for fix in applied:
            single_text, _ = apply_fixes(outcome.text, [fix])
            single_after = self.lint(path, single_text)
            diag = by_fix[id(fix)]
            if _adds_findings(outcome.remaining, single_after):
                refused.add((diag.code, diag.message))
                outcome.rolled_back.append(diag)
                continue
            outcome.text, outcome.remaining = single_text, single_after
            outcome.applied += 1
            progressed = True
            break  # offsets of the other fixes refer to the old text: re-lint first
        return progressed or len(refused) > refused_before


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
