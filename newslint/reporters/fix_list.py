"""``--show-fixes``: the fixes applied (with ``--fix``) or available, per file and rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newslint.catalogue import rule_index
from newslint.diagnostics import Applicability

if TYPE_CHECKING:
    from newslint.results import FileResult


class FixList:
    """Gathers, as results pass, how many fixes of each rule each file had."""

    def __init__(self, applied: bool) -> None:
        self.applied = applied
        """Whether to list the fixes ``--fix`` applied (else those it would apply)."""
        self.files: list[tuple[str, Counter[tuple[str, bool]]]] = []
        """Per file: counts by (rule code, whether the fix is unsafe)."""

    def counted(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """Pass ``results`` on, noting their fixes."""
        for result in results:
            fixes: Counter[tuple[str, bool]] = Counter()
            if self.applied:
                fixes.update({(code, False): count for code, count in result.fixed_codes.items()})
            else:
                for diag in result.diagnostics:
                    if diag.fix is not None:
                        fixes[diag.code, diag.fix.applicability is Applicability.UNSAFE] += 1
            if fixes:
                self.files.append((result.path, fixes))
            yield result

    def lines(self) -> list[str]:
        """The list, as ruff shows it: a heading, then ``- path:`` and ``N x CODE (name)``."""
        if not self.files:
            return []
        total = sum(sum(fixes.values()) for _, fixes in self.files)
        findings = f"{total} finding" + ("" if total == 1 else "s")
        heading = f"Fixed {findings}:" if self.applied else f"Fixes for {findings} (use --fix):"
        names = {code: doc.name for code, doc in rule_index().items()}
        lines = ["", heading]
        for path, fixes in self.files:
            lines.append(f"- {path}:")
            for (code, unsafe), count in sorted(fixes.items()):
                note = ", unsafe: add --unsafe-fixes" if unsafe else ""
                lines.append(f"    {count} x {code} ({names.get(code, code)}{note})")
        return lines
