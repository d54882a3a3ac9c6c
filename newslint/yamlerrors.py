"""YAML syntax errors explained in the author's terms, at their true place in the file."""

from __future__ import annotations

import re
from typing import Any

from newslint.frontmatter import Problem, quote

_KEY_LINE = re.compile(
    r"""(?P<indent>[ ]*)(?:-[ ]+)?(?P<key>"[^"]*"|'[^']*'|[^\s#'"\[\]{}][^:#]*?):(?:[ \t]+|$)"""
)
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
_LONG = 60


def _line_bounds(text: str, index: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    end = len(text) if end == -1 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _short(value: str) -> str:
    return value if len(value) <= _LONG else value[: _LONG - 1] + "…"


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


def describe_error(text: str, exc: Any, base: int) -> Problem:
    """An FM003 (or FM006 for tabs) problem for a YAML error in ``text`` (starts at ``base``)."""
    mark = exc.problem_mark
    problem: str = exc.problem or ""
    index = min(mark.index, len(text))
    line_start, line_end = _line_bounds(text, index)
    line = text[line_start:line_end]
    leading = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in leading and index <= line_start + len(leading) + 1:
        first = line_start + leading.index("\t")
        return Problem(
            "FM006",
            base + first,
            base + line_start + len(leading),
            "tab in indentation: YAML indents with spaces only; replace the tab with spaces",
        )
    found = _key_of_line(line)
    value = line[found[2] :].rstrip() if found else ""
    value_start = line_start + found[2] if found else index

    if (
        found
        and value
        and index > value_start
        and ("expected key" in problem or "expected <block end>" in problem)
    ):
        key = found[0]
        opener = value[0]
        suggestion = _short(f"{key}: {quote(value)}")
        if opener in "'\"":
            head = value[: index - value_start].rstrip()
            message = (
                f'the value of "{key}" starts with the quoted text {head} and goes on after it; '
                f"YAML allows nothing after a closing quote; quote the whole value: {suggestion}"
            )
            return Problem("FM003", base + index, base + line_end, message)
        if opener in "[{":
            what = "a list" if opener == "[" else "a mapping"
            head = value[: index - value_start].rstrip()
            message = (
                f'the value of "{key}" starts with "{opener}", so YAML reads {what} {head} '
                f"and finds text after it; quote the whole value: {suggestion}"
            )
            return Problem("FM003", base + index, base + line_end, message)

    if "mapping values are not allowed" in problem and found:
        key = found[0]
        message = (
            f'the value of "{key}" contains ": ", which YAML reads as a nested key; '
            f"quote the whole value: {_short(f'{key}: {quote(value)}')}"
        )
        return Problem("FM003", base + index, base + index + 1, message)

    if "could not find expected ':'" in problem and exc.context_mark is not None:
        at = exc.context_mark.index
        _, stop = _line_bounds(text, at)
        owner = _enclosing_key(text, at) or _previous_key(text, at)
        hint = (
            f'; if it continues the value of "{owner[0]}", join it to that line or indent it '
            "and quote the value"
            if owner
            else '; write it as "key: value"'
        )
        return Problem("FM003", base + at, base + stop, f'line is not a "key: value" pair{hint}')

    if "expected key" in problem or "expected <block end>" in problem:
        block = _block_above(text, line_start)
        if block is not None and line.strip():
            key, width = block
            message = (
                f'this line is indented less than the "{key}" block above it ({width} spaces), '
                f"so YAML ends the block there; indent it by {width} spaces"
            )
            return Problem("FM003", base + index, base + line_end, message)

    if "end of stream" in problem and "quoted" in str(exc.context or ""):
        at = exc.context_mark.index
        _, stop = _line_bounds(text, at)
        q = text[at] if at < len(text) else '"'
        message = f"the quoted value opened with {q} is never closed; add the closing {q}"
        return Problem("FM003", base + at, base + stop, message)

    if "cannot start any token" in problem and index < len(text):
        ch = text[index]
        advice = (
            f"quote the value: {_short(f'{found[0]}: {quote(value)}')}" if found else "quote it"
        )
        message = f'a value cannot start with "{ch}" in YAML; {advice}'
        return Problem("FM003", base + index, base + index + 1, message)

    detail = problem or "syntax error"
    message = f"YAML cannot read the front matter here ({detail}); check quoting and indentation"
    stop = max(line_end, index)
    return Problem("FM003", base + index, base + stop, message)


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
