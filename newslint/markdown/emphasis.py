"""Which ``*``/``_`` emphasis delimiters kramdown and CommonMark leave on the page as text.

Both renderers are followed as written, on one block of inline text at a time: CommonMark's
delimiter runs, flanking and "process emphasis" algorithm (spec 0.31, section 6.2; with the
older definition of punctuation on request, as cmark-gfm has it), and kramdown's span parser
(``parser/kramdown/emphasis.rb`` of kramdown 2.4: ``*``/``**`` and ``_``/``__`` read at most two
characters at a time, an opener never followed by white space, a closer never after it, ``_``
not opened after a letter nor closed before a letter or digit). Only emphasis is decided here:
the caller says which characters can be delimiters at all (not in code, tags, links' addresses
or escaped), and ``tests/test_ko_emphasis.py`` checks both against the real renderers.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Run",
    "commonmark_literal",
    "is_punctuation",
    "is_whitespace",
    "kramdown_literal",
    "runs_in",
]

_RUBY_SPACE = " \t\n\v\f\r"
"""Ruby's ``\\s``, which kramdown tests delimiters with."""
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def is_whitespace(char: str) -> bool:
    """CommonMark's Unicode white space (``""``, the edge of the block, counts as white space)."""
    return not char or char in "\t\n\f\r" or unicodedata.category(char) == "Zs"


def is_punctuation(char: str, *, symbols: bool = True) -> bool:
    """CommonMark's punctuation: ASCII punctuation and Unicode P (0.31 adds the S categories)."""
    if not char:
        return False
    if char in _ASCII_PUNCTUATION:
        return True
    category = unicodedata.category(char)
    return category[0] == "P" or (symbols and category[0] == "S")


@dataclass(frozen=True, slots=True)
class Run:
    """A run of one delimiter character: ``text[start:end]``, with the characters either side."""

    char: str
    start: int
    end: int
    before: str
    """The character before the run, ``""`` at the start of the block."""
    after: str
    """The character after the run, ``""`` at the end of the block."""

    @property
    def length(self) -> int:
        return self.end - self.start


def runs_in(text: str, live: Sequence[int], lo: int, hi: int) -> list[Run]:
    """The delimiter runs made of the ``live`` offsets (sorted) of the block ``text[lo:hi]``."""
    out: list[Run] = []
    i = 0
    while i < len(live):
        start = live[i]
        char = text[start]
        end = start + 1
        i += 1
        while i < len(live) and live[i] == end and text[end] == char:
            end += 1
            i += 1
        before = text[start - 1] if start > lo else ""
        after = text[end] if end < hi else ""
        out.append(Run(char, start, end, before, after))
    return out


def _flanking(run: Run, symbols: bool) -> tuple[bool, bool]:
    after_space, before_space = is_whitespace(run.after), is_whitespace(run.before)
    after_punct = is_punctuation(run.after, symbols=symbols)
    before_punct = is_punctuation(run.before, symbols=symbols)
    left = not after_space and (not after_punct or before_space or before_punct)
    right = not before_space and (not before_punct or after_space or after_punct)
    return left, right


def can_open_close(run: Run, *, symbols: bool = True) -> tuple[bool, bool]:
    """Whether CommonMark lets ``run`` open and close emphasis."""
    left, right = _flanking(run, symbols)
    if run.char == "*":
        return left, right
    before_punct = is_punctuation(run.before, symbols=symbols)
    after_punct = is_punctuation(run.after, symbols=symbols)
    return left and (not right or before_punct), right and (not left or after_punct)


def commonmark_literal(runs: Sequence[Run], *, symbols: bool = True) -> list[int]:
    """How many characters of each run CommonMark leaves as text (``process emphasis``)."""
    count = len(runs)
    left = [run.length for run in runs]
    flags = [can_open_close(run, symbols=symbols) for run in runs]
    alive = [True] * count  # still on the delimiter stack
    bottoms: dict[tuple[str, bool, int], int] = {}
    i = 0
    while i < count:
        opens, closes = flags[i]
        if not alive[i] or not closes:
            i += 1
            continue
        run = runs[i]
        key = (run.char, opens, run.length % 3)
        found = -1
        for j in range(i - 1, bottoms.get(key, -1), -1):
            other = runs[j]
            if not alive[j] or other.char != run.char or not flags[j][0]:
                continue
            total = other.length + run.length
            if (
                (flags[j][1] or opens)
                and total % 3 == 0
                and not (other.length % 3 == 0 and run.length % 3 == 0)
            ):
                continue
            found = j
            break
        if found < 0:
            bottoms[key] = i - 1
            alive[i] = opens
            i += 1
            continue
        use = 2 if left[found] >= 2 and left[i] >= 2 else 1
        left[found] -= use
        left[i] -= use
        for between in range(found + 1, i):
            alive[between] = False  # delimiters between them stay text
        alive[found] = left[found] > 0
        if left[i] == 0:
            alive[i] = False
            i += 1
    return left


class _Kramdown:
    """kramdown 2.4's emphasis parser over one block; ``literal`` collects the delimiters left
    as text (by offset)."""

    def __init__(self, text: str, live: Sequence[int], lo: int, hi: int) -> None:
        self.text = text
        self.live = list(live)
        self.is_live = set(live)
        self.lo = lo
        self.hi = hi
        self.literal: set[int] = set()
        self.stack: list[str] = []

    def _next(self, pos: int) -> int:
        """The first live delimiter at or after ``pos`` (``hi`` when none)."""
        at = bisect.bisect_left(self.live, pos)
        return self.live[at] if at < len(self.live) else self.hi

    def spans(self, pos: int, stop: str | None, elem: str, kind: str) -> tuple[bool, int]:
        """``parse_spans`` from ``pos``; with ``stop``, whether the closer was found, and where."""
        begin = pos
        while pos < self.hi:
            at = self._next(pos)
            if at >= self.hi:
                return False, self.hi
            if (
                stop is not None
                and self.text.startswith(stop, at)
                and self._closes(at, begin, stop, elem, kind)
            ):
                return True, at
            pos = self.emphasis(at)
        return False, self.hi

    def _closes(self, at: int, begin: int, stop: str, elem: str, kind: str) -> bool:
        text = self.text
        if at > self.lo and text[at - 1] in _RUBY_SPACE:
            return False
        if elem == "em" and text.startswith(kind * 2, at) and not text.startswith(kind * 3, at):
            return False
        follow = at + len(stop)
        if kind == "_" and follow < self.hi and text[follow].isalnum():
            return False
        return at > begin  # the element has content

    def emphasis(self, at: int) -> int:
        """``parse_emphasis`` at the delimiter ``at``; returns where parsing goes on."""
        text = self.text
        kind = text[at]
        length = 2 if at + 1 < self.hi and text[at + 1] == kind and at + 1 in self.is_live else 1
        elem = "strong" if length == 2 else "em"
        after = at + length
        before = text[self.lo : at]
        if (
            (kind == "_" and _after_letter(before))
            or (after < self.hi and text[after] in _RUBY_SPACE)
            or elem in self.stack
        ):
            self.literal.update(range(at, after))
            return after
        saved = set(self.literal)
        self.stack.append(elem)
        found, close = self.spans(after, kind * length, elem, kind)
        self.stack.pop()
        if found:
            return close + length
        self.literal = set(saved)  # kramdown goes back and reads the content again
        if elem == "strong" and "em" not in self.stack[-1:]:
            self.stack.append("em")
            found, close = self.spans(at + 1, kind, "em", kind)
            self.stack.pop()
            if found:
                return close + 1
            self.literal = saved
        self.literal.update(range(at, after))
        return after


def _after_letter(before: str) -> bool:
    """kramdown's ``/[[:alpha:]]-?[[:alpha:]]*\\z/`` on the text before an ``_``."""
    if before.endswith("-"):
        before = before[:-1]
    return bool(before) and before[-1].isalpha()


def kramdown_literal(text: str, live: Sequence[int], lo: int, hi: int) -> set[int]:
    """The ``live`` delimiter offsets of ``text[lo:hi]`` that kramdown leaves as text."""
    parser = _Kramdown(text, live, lo, hi)
    parser.spans(lo, None, "", "")
    return parser.literal
