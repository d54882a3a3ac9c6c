"""KO006 unpaired-quote: a quotation mark or bracket without its partner in the same paragraph.

Curly double and single quotes and the CJK brackets (「 」, 『 』, 《 》, 〈 〉) come in pairs;
one left alone is a quote whose end was deleted, a mark typed the wrong way round, or a
quote closed with a straight one. Each kind is matched on its own within a paragraph: a
paragraph of Markdown (blank lines and the start of a heading, list item or table row
end it), a block element of HTML (``<p>``, ``<li>``, ``<td>``, a heading…), a front-
matter value (the title on its own), an ``alt`` or ``title`` attribute. Code, Liquid,
tags and link targets are not text. The message says what most likely happened: a pair
of two different marks, a straight quote at the other end, the opening mark typed again
where the quote should close, an apostrophe before a year typed as an opening quote.

Not reported: a right single quote beside a Latin letter or digit (an apostrophe, as in "its"
or "the 90s" written with one); an opening mark whose paragraph is followed by one that opens
with the same mark (a quotation of several paragraphs, each opened and only the last closed);
an opening mark in a paragraph that ends in an ellipsis (an excerpt cut short, with its
quote); a mark paired with a straight quote in Markdown text, which kramdown writes as the
curly partner (readers see a proper pair). There is no fix: only the author knows where the
quote ends.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.markdown.mask import markdown_text
from newslint.messages import t
from newslint.rules.korean._shown import (
    attribute_text,
    body_text,
    in_spans,
    text_spans,
    value_nodes,
)

LDQ, RDQ, LSQ, RSQ = "\u201c", "\u201d", "\u2018", "\u2019"
"""The curly quotes: left and right double, left and right single."""
PAIRS = {LDQ: RDQ, LSQ: RSQ, "「": "」", "『": "』", "《": "》", "〈": "〉"}
_CLOSERS = {closer: opener for opener, closer in PAIRS.items()}
_MARK = re.compile(f"[{LDQ}{RDQ}{LSQ}{RSQ}「」『』《》〈〉]")
_BLOCK_TAGS = (
    "p|div|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|blockquote|"
    "figure|figcaption|section|article|header|footer|aside|nav|hr|br|pre|details|summary"
)
_BREAK = re.compile(
    rf"\n[ \t>]*\n|<\/?(?:{_BLOCK_TAGS})\b[^>]*>"
    r"|\n(?=[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d+[.)][ \t]|\|))",
    re.I,
)
_STRAIGHT = re.compile("[\"']")
_STRAIGHT_FOR = {LDQ: '"', RDQ: '"', LSQ: "'", RSQ: "'"}
_YEAR = re.compile(r"[0-9]{2}(?![0-9])")
_TAG = re.compile(r"<[^>]*>")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")


@dataclass
class _Unit:
    """One paragraph: its marks (offset, mark) in order, and what stayed unmatched."""

    marks: list[tuple[int, str]] = field(default_factory=list)
    open: list[tuple[int, str]] = field(default_factory=list)
    lone_closers: list[tuple[int, str]] = field(default_factory=list)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per quotation mark or bracket left without its partner."""
    text = ctx.doc.text
    if _MARK.search(text) is None:
        return
    groups = [
        (_split(text, [(node.start, node.end)]), node.end)
        for _, node in value_nodes(ctx.doc, shown_only=True)
    ]
    groups.append((_split(text, body_text(ctx.doc, attributes=False)), len(text)))
    groups += [(_split(text, [span]), span[1]) for span in attribute_text(ctx.doc)]
    straight = [
        m.start()
        for start, end in sorted(text_spans(ctx.doc, shown_only=True))
        for m in _STRAIGHT.finditer(text, start, end)
    ]
    markdown = markdown_text(ctx.doc)
    curled = {at for at in straight if in_spans(markdown, at, at + 1)}
    found: list[tuple[int, str]] = []
    for group, limit in groups:
        found += _unmatched(text, group, limit, straight, curled)
    for offset, message in sorted(found):
        yield Finding(offset, offset + 1, message)


def _split(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> list[_Unit]:
    """Marks in ``spans`` grouped by paragraph: a break (``_BREAK``) between two marks, in the
    text or in the markup between the spans, starts a new paragraph."""
    units: list[_Unit] = [_Unit()]
    last = -1
    for start, end in spans:
        for m in _MARK.finditer(text, start, end):
            at = m.start()
            if last >= 0 and _BREAK.search(text, last, at) is not None:
                units.append(_Unit())
            units[-1].marks.append((at, m.group()))
            last = at
    return [unit for unit in units if unit.marks]


def _unmatched(
    text: str, units: list[_Unit], limit: int, straight: list[int], curled: set[int]
) -> list[tuple[int, str]]:
    """The marks left without partner in ``units`` (consecutive paragraphs, which end by
    ``limit``), each with its message; ``straight`` holds the offsets of straight quotes,
    ``curled`` those kramdown writes as curly ones (in Markdown text)."""
    for unit in units:
        _match(text, unit)
    found: list[tuple[int, str]] = []
    for n, unit in enumerate(units):
        following = units[n + 1] if n + 1 < len(units) else None
        openers = [
            (at, mark)
            for at, mark in unit.open
            if not (following is not None and _continues(text, unit, mark, following))
            and not _cut_short(text, at, limit)
        ]
        closers = list(unit.lone_closers)
        found += _explained(text, openers, closers, (straight, curled), limit)
    return found


def _explained(
    text: str,
    openers: list[tuple[int, str]],
    closers: list[tuple[int, str]],
    quotes: tuple[list[int], set[int]],
    limit: int,
) -> list[tuple[int, str]]:
    """The messages for one paragraph's lone marks, saying what went wrong where it shows; a
    mark paired with a straight quote that kramdown curls (``quotes``: the straight quotes, and
    those it curls) is no fault a reader sees."""
    straight, curled = quotes
    found: list[tuple[int, str]] = []
    left = list(openers)
    for at, mark in closers:
        before = [o for o in left if o[0] < at]
        if before:  # opened with one mark, closed with another
            opened = before[-1]
            left.remove(opened)
            found.append(
                (
                    at,
                    t(
                        "closing {mark} does not match the opening {opened} before it: write"
                        " {partner} or {opener}, so both are the same pair",
                        mark=mark,
                        opened=opened[1],
                        partner=PAIRS[opened[1]],
                        opener=_CLOSERS[mark],
                    ),
                )
            )
        elif (other := _straight_before(text, at, mark, straight)) is not None:
            if other in curled:
                continue  # kramdown writes that straight quote as the opening mark
            found.append(
                (
                    at,
                    t(
                        "closing {mark} pairs with a straight {quote} before it: write {opener}"
                        " there",
                        mark=mark,
                        quote=text[other],
                        opener=_CLOSERS[mark],
                    ),
                )
            )
        else:
            found.append(
                (
                    at,
                    t(
                        "closing {mark} has no opening {partner} in this paragraph: open the"
                        " quote or remove the mark",
                        mark=mark,
                        partner=_CLOSERS[mark],
                    ),
                )
            )
    skip: set[int] = set()
    for n, (at, mark) in enumerate(left):
        if at in skip:
            continue
        later = next((o for o in left[n + 1 :] if o[1] == mark), None)
        end = later[0] if later is not None else limit
        if mark == LSQ and _YEAR.match(text, at + 1):
            message = t(
                "{mark} before a year ({year}) is an apostrophe typed the wrong way round:"
                " write {apostrophe}{year}",
                mark=mark,
                apostrophe=RSQ,
                year=text[at + 1 : at + 3],
            )
        elif (other := _straight_after(text, at, mark, straight, end)) is not None:
            if other in curled:
                continue  # kramdown writes that straight quote as the closing mark
            message = t(
                "opening {mark} is closed by a straight {quote}: write {partner} there",
                mark=mark,
                quote=text[other],
                partner=PAIRS[mark],
            )
        elif later is not None and not _same_kind_between(text, at, later[0], mark):
            skip.add(later[0])  # the second was meant to close the first
            at = later[0]
            message = t(
                "second opening {mark} where the quote should close: write {partner}",
                mark=mark,
                partner=PAIRS[mark],
            )
        else:
            message = t(
                "opening {mark} has no closing {partner} in this paragraph: close the quote or"
                " remove the mark",
                mark=mark,
                partner=PAIRS[mark],
            )
        found.append((at, message))
    return found


def _same_kind_between(text: str, start: int, end: int, mark: str) -> bool:
    between = text[start + 1 : end]
    return mark in between or PAIRS[mark] in between


def _straight_before(text: str, at: int, mark: str, straight: list[int]) -> int | None:
    """Where the straight quote is that opened the quote ``mark`` closes, in the same
    paragraph."""
    quote = _STRAIGHT_FOR.get(mark)
    if quote is None:
        return None
    for offset in reversed(straight[: bisect.bisect_left(straight, at)]):
        if _BREAK.search(text, offset, at) is not None:
            return None
        if text[offset] == quote:
            return offset
    return None


def _straight_after(text: str, at: int, mark: str, straight: list[int], limit: int) -> int | None:
    """Where the straight quote is that closes the quote ``mark`` opens, in the same
    paragraph."""
    quote = _STRAIGHT_FOR.get(mark)
    if quote is None:
        return None
    for offset in straight[bisect.bisect_right(straight, at) :]:
        if offset >= limit or _BREAK.search(text, at, offset) is not None:
            return None
        if text[offset] == quote:
            return offset
    return None


def _continues(text: str, unit: _Unit, mark: str, following: _Unit) -> bool:
    """Whether the paragraph after ``unit``, left open with ``mark``, carries the quotation
    on: it comes next, with no text between, and starts with the same opening mark."""
    at, first = following.marks[0]
    if first != mark:
        return False
    start = text.rfind("\n", 0, at) + 1
    for brk in _BREAK.finditer(text, start, at):
        start = brk.end()
    end = _BREAK.search(text, unit.marks[-1][0], at)
    if end is None:
        return False
    between = _TAG.sub("", text[end.start() : start]).replace("&nbsp;", "")
    return not between.strip() and not _TAG.sub("", text[start:at]).strip()


def _cut_short(text: str, at: int, limit: int) -> bool:
    """Whether the paragraph holding the opening mark at ``at`` ends in an ellipsis: an excerpt
    cut short, whose quote was cut with it."""
    brk = _BREAK.search(text, at, limit)
    rest = _TAG.sub("", text[at : brk.start() if brk is not None else limit]).rstrip()
    return rest.endswith(("…", "..."))


def _match(text: str, unit: _Unit) -> None:
    """Pair the marks of ``unit``, each kind on its own; record what is left."""
    stacks: dict[str, list[int]] = {}
    for at, mark in unit.marks:
        if mark in PAIRS:
            stacks.setdefault(mark, []).append(at)
            continue
        if mark == RSQ and _between_letters(text, at):
            continue  # an apostrophe inside a word, whatever quote is open
        opener = _CLOSERS[mark]
        stack = stacks.get(opener)
        if stack:
            stack.pop()
        elif not (mark == RSQ and _apostrophe(text, at)):
            unit.lone_closers.append((at, mark))
    unit.open = sorted((at, mark) for mark, stack in stacks.items() for at in stack)


def _between_letters(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return bool(_LATIN_OR_DIGIT.match(before) and _LATIN_OR_DIGIT.match(after))


def _apostrophe(text: str, at: int) -> bool:
    """Whether the right single quote at ``at`` is an apostrophe: beside a Latin letter or digit."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return bool(_LATIN_OR_DIGIT.match(before) or _LATIN_OR_DIGIT.match(after))
