"""Fingerprints of findings that survive edits elsewhere in the file (baselines, SARIF)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from newslint.diagnostics import Diagnostic
from newslint.positions import LineIndex

CONTEXT = 40
"""Characters of context taken on each side of the offending text."""


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _content(diag: Diagnostic, index: LineIndex | None) -> str:
    if index is None:
        return diag.message
    text = index.text
    start, end = diag.start.offset, max(diag.end.offset, diag.start.offset)
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return f"{_normalise(before)}\x00{_normalise(text[start:end])}\x00{_normalise(after)}"


def fingerprints(diagnostics: Iterable[Diagnostic], text: str | None) -> Iterator[str]:
    """One fingerprint per diagnostic: rule, path and the normalised offending text in context.

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
