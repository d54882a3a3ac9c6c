"""Where and why YAML stopped reading front matter, as facts in the author's terms.

A libyaml error names a token; the author needs the line they wrote. These facts say what is wrong
with it (the key and value of the line, the quote left open, the block above it) and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newslint.messages import t

_KEY_LINE = re.compile(
    r"""(?P<indent>[ ]*)(?:-[ ]+)?(?P<key>"[^"]*"|'[^']*'|[^\s#'"\[\]{}][^:#]*?):(?:[ \t]+|$)"""
)
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class TabIndent:
    """A tab in the indentation of a line, where YAML allows spaces only: ``[start, end)``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """Where YAML stopped reading the front matter; each subclass says why."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TrailingText(SyntaxProblem):
    """A value that starts as quoted text, a list or a mapping (``head``) and goes on after it."""

    key: str
    value: str
    head: str


@dataclass(frozen=True, slots=True)
class ColonInValue(SyntaxProblem):
    """A plain value holding ``": "``, which YAML reads as a nested key."""

    key: str
    value: str


@dataclass(frozen=True, slots=True)
class NotAPair(SyntaxProblem):
    """A line that is not ``key: value``; ``owner``: the key whose value it may continue."""

    owner: str | None


@dataclass(frozen=True, slots=True)
class Dedented(SyntaxProblem):
    """A line indented less than the ``key: >`` or ``key: |`` block above it (``width`` spaces)."""

    key: str
    width: int


@dataclass(frozen=True, slots=True)
class UnclosedQuote(SyntaxProblem):
    """A quoted value, opened with ``quote``, that is never closed."""

    quote: str


@dataclass(frozen=True, slots=True)
class BadStart(SyntaxProblem):
    """A value starting with ``char``, which starts no YAML token; ``key`` of its line if any."""

    char: str
    key: str | None
    value: str


@dataclass(frozen=True, slots=True)
class Unexplained(SyntaxProblem):
    """A syntax error no case above explains: libyaml's own words (``detail``)."""

    detail: str


@dataclass(frozen=True, slots=True)
class MissingAnchor(SyntaxProblem):
    """An alias ``*name`` with no anchor ``&name`` before it."""

    name: str


@dataclass(frozen=True, slots=True)
class Unreadable(SyntaxProblem):
    """YAML failed without a position (``reason``: its error); at the start of the front matter."""

    reason: str


def _line_bounds(text: str, index: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    end = len(text) if end == -1 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _key_of_line(line: str) -> tuple[str, int, int] | None:
    """The key of a ``key: value`` line, its indentation and where its value starts."""
    m = _KEY_LINE.match(line)
    if m is None:
        return None
    return m["key"].strip("'\""), len(m["indent"]), m.end()


def _enclosing_key(text: str, index: int) -> tuple[str, int, str] | None:
    """The nearest ``key:`` line above ``index`` indented less: (key, its indent, its value)."""
    line_start, _ = _line_bounds(text, index)
    line = text[line_start:].split("\n", 1)[0]
    indent = len(line) - len(line.lstrip(" "))
    pos = line_start - 1
    while pos > 0:
        start, end = _line_bounds(text, pos - 1)
        prev = text[start:end]
        found = _key_of_line(prev)
        if found is not None and (found[1] < indent or found[1] == 0):
            return found[0], found[1], prev[found[2] :].strip()
        pos = start - 1
        if pos < 0:
            break
    return None


def syntax_fact(text: str, exc: Any, base: int) -> TabIndent | SyntaxProblem:
    """What a libyaml error in ``text`` (which starts at offset ``base``) means, and where."""
    mark = exc.problem_mark
    problem: str = exc.problem or ""
    index = min(mark.index, len(text))
    line_start, line_end = _line_bounds(text, index)
    line = text[line_start:line_end]
    leading = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in leading and index <= line_start + len(leading) + 1:
        first = line_start + leading.index("\t")
        return TabIndent(base + first, base + line_start + len(leading))
    found = _key_of_line(line)
    value = line[found[2] :].rstrip() if found else ""
    value_start = line_start + found[2] if found else index

    if (
        found
        and value
        and index > value_start
        and ("expected key" in problem or "expected <block end>" in problem)
        and value[0] in "'\"[{"
    ):
        head = value[: index - value_start].rstrip()
        return TrailingText(base + index, base + line_end, found[0], value, head)

    if "mapping values are not allowed" in problem and found:
        return ColonInValue(base + index, base + index + 1, found[0], value)

    if "could not find expected ':'" in problem and exc.context_mark is not None:
        at = exc.context_mark.index
        _, stop = _line_bounds(text, at)
        owner = _enclosing_key(text, at) or _previous_key(text, at)
        return NotAPair(base + at, base + stop, owner[0] if owner else None)

    if "expected key" in problem or "expected <block end>" in problem:
        block = _block_above(text, line_start)
        if block is not None and line.strip():
            key, width = block
            return Dedented(base + index, base + line_end, key, width)

    if "end of stream" in problem and "quoted" in str(exc.context or ""):
        at = exc.context_mark.index
        _, stop = _line_bounds(text, at)
        q = text[at] if at < len(text) else '"'
        return UnclosedQuote(base + at, base + stop, q)

    if "cannot start any token" in problem and index < len(text):
        line_key = found[0] if found else None
        return BadStart(base + index, base + index + 1, text[index], line_key, value)

    stop = max(line_end, index)
    return Unexplained(base + index, base + stop, problem or t("syntax error"))


def _previous_key(text: str, index: int) -> tuple[str, int, str] | None:
    start, _ = _line_bounds(text, index)
    while start > 0:
        start, end = _line_bounds(text, start - 1)
        found = _key_of_line(text[start:end])
        if found:
            return found[0], found[1], ""
    return None


def _block_above(text: str, line_start: int) -> tuple[str, int] | None:
    """The ``key: >``/``key: |`` block just above ``line_start``: its key and indentation."""
    start = line_start
    content_indent: int | None = None
    while start > 0:
        start, end = _line_bounds(text, start - 1)
        prev = text[start:end]
        found = _key_of_line(prev)
        if found is not None and _BLOCK_HEADER.match(prev[found[2] :].strip() or "x"):
            return found[0], content_indent if content_indent is not None else found[1] + 2
        if prev.strip():
            indent = len(prev) - len(prev.lstrip(" "))
            content_indent = indent if content_indent is None else min(content_indent, indent)
            if found is not None and indent == 0:
                return None
    return None
