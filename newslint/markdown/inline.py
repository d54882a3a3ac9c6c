"""Code spans, escaped ``<`` and autolinks in the Markdown text of a body, as kramdown sees them."""

from __future__ import annotations

import bisect
import re

_CODE_SPAN = re.compile(  # a backtick run (not escaped) up to the next run exactly as long
    r"(`(?<![\\`]`)`*)(?!`)[^`]*(?:(?!\1(?!`))`+(?!`)[^`]*)*\1(?!`)"
)
AUTOLINK = re.compile(
    r"<(?:(?:https?|ftps?|mailto|file|irc|news|tel|ssh|git|svn|sftp|data):[^\s<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>"
)


def inline_ranges(text: str, runs: list[int]) -> list[tuple[int, int]]:
    """Code spans, escaped ``\\<`` and autolinks in the Markdown text ``runs`` of ``text``."""
    spans = _code_spans(text, runs) if "`" in text else []
    out = list(spans)
    if "\\" in text:  # kramdown's backslash escape: "\<" is a literal "<", not markup
        pos = text.find("\\<")
        while pos != -1:
            if _in_run(runs, pos):
                out.append((pos, pos + 2))
            pos = text.find("\\<", pos + 2)
    if "<" in text:
        for m in AUTOLINK.finditer(text):
            start, end = m.span()
            before = bisect.bisect_left(spans, (end,))  # the code spans that start before it
            if _in_run(runs, start) and not (before and spans[before - 1][1] > start):
                out.append((start, end))
    return out


def _code_spans(text: str, runs: list[int]) -> list[tuple[int, int]]:
    """The code spans in ``runs``, each run of Markdown text searched on its own."""
    out: list[tuple[int, int]] = []
    tick = text.find("`")
    while tick != -1:
        index = bisect.bisect_right(runs, tick)
        if index == len(runs):
            break
        end = runs[index]  # the end of the run ``tick`` is in, or the start of the next one
        if index % 2:
            out += [m.span() for m in _CODE_SPAN.finditer(text, tick, end)]
        tick = text.find("`", end)
    return out


def _in_run(runs: list[int], offset: int) -> bool:
    """Whether ``offset`` is in one of ``runs`` (starts and ends in turn, in order)."""
    return bisect.bisect_right(runs, offset) % 2 == 1
