"""Fingerprints of findings that survive edits elsewhere in the file (baselines, SARIF)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from newslint.diagnostics import Diagnostic
from newslint.positions import LineIndex

CONTEXT = 80
"""Characters of the finding's own line taken as context on each side of the offending text."""


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _content(diag: Diagnostic, index: LineIndex | None) -> str:
    if index is None:
        return diag.message
    text = index.text
    start, end = diag.start.offset, max(diag.end.offset, diag.start.offset)
    # Context stops at the line ends, so lines added or removed around it do not change it.
    line_start = index.line_start(diag.start.line)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, start - CONTEXT) : start]
    after = text[end : min(line_end, end + CONTEXT)]
    return f"{_normalise(before)}\x00{_normalise(text[start:end])}\x00{_normalise(after)}"


def fingerprints(diagnostics: Iterable[Diagnostic], text: str | None) -> Iterator[str]:
    """One fingerprint per diagnostic: rule, path and the normalised offending text on its line.

    Line numbers are not part of it, so adding lines above a finding keeps its fingerprint; an
    identical second instance in the same file gets its own by counting occurrences.
    """
    index = LineIndex(text) if text is not None else None
    seen: Counter[str] = Counter()
    for diag in diagnostics:
        key = f"{diag.code}\x00{diag.path}\x00{_content(diag, index)}"
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x00{seen[key]}".encode()).hexdigest()
        yield digest[:32]
