"""Offsets in the CR-normalised text html5lib reads, mapped to the source text and back."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


class Offsets:
    """Maps offsets in the CR-normalised text to the source and back."""

    __slots__ = ("_base", "_dropped")

    def __init__(self, base: int, dropped: list[int]) -> None:
        self._base = base
        self._dropped = dropped

    def __call__(self, n: int) -> int:
        if not self._dropped:
            return self._base + n
        return self._base + n + bisect.bisect_left(self._dropped, n)

    def many(self, offsets: Sequence[int]) -> list[int]:
        """``[self(n) for n in offsets]``: one addition each when no CR was dropped."""
        base = self._base
        if not self._dropped:
            return [base + n for n in offsets]
        return [self(n) for n in offsets]

    def back(self, source: int) -> int:
        """The normalised offset of ``source`` (a position that is not inside a CRLF pair)."""
        n = source - self._base
        if not self._dropped:
            return n
        # dropped[i] + i is where the i-th removed CR sat in the source text.
        lo, hi = 0, len(self._dropped)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._dropped[mid] + mid < n:
                lo = mid + 1
            else:
                hi = mid
        return n - lo


def normalise_newlines(text: str) -> tuple[str, list[int]]:
    """``text`` with CRLF and CR as LF, and the positions (in the result) of LFs that lost a CR."""
    if "\r" not in text:
        return text, []
    dropped: list[int] = []
    find = text.find
    pos = find("\r\n")
    while pos != -1:
        dropped.append(pos - len(dropped))
        pos = find("\r\n", pos + 2)
    return text.replace("\r\n", "\n").replace("\r", "\n"), dropped
