"""KO007 headline-final-period: a headline (the ``title``) ends without a period.

The 2015 문장 부호 (마침표, 붙임 2) leaves the period off titles and slogans as the rule, and
Korean news headlines never carry one. An ellipsis (``...``, ``..``, ``…``), an abbreviation
(``Inc.``, ``U.S.``) and a date in the standard form (``2014. 10. 27.``, whose last period
stands for 일) end in a period that belongs to them, and are left alone. The safe fix removes
the period (and a space left before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.frontmatter import parse
from newslint.messages import t

_PERIODS = ".。\uff0e"
_ELLIPSIS = ".…⋯。\uff0e"
_ABBREVIATION = re.compile(
    r"(?:^|[^A-Za-z])(?:(?:[A-Za-z]\.)+|(?i:inc|co|corp|ltd|llc|jr|sr|st|mr|mrs|ms|dr|prof|"
    r"no|vol|vs|etc|approx|dept|est|ed|eds|fig|ft|gov|int|jan|feb|mar|apr|jun|jul|aug|sep|"
    r"sept|oct|nov|dec|mt|ave|blvd|rd)\.)$"
)
_DATE = re.compile(r"\d{1,4}\.\s*\d{1,2}\.(?:\s*\d{1,2}\.)?$")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report the period that ends the title, if it is the sentence's and not a word's."""
    fm = parse(ctx.doc)
    if fm is None or "title" not in fm.fields:
        return
    node = fm.fields["title"][1]
    if node.kind != "scalar" or not isinstance(node.value, str):
        return
    title = node.value.rstrip()
    if not title or title[-1] not in _PERIODS or len(title) < 2:
        return
    if title[-2] in _ELLIPSIS or _ABBREVIATION.search(title) or _DATE.search(title):
        return
    raw = ctx.doc.text[node.start : node.end]
    cut = len(raw.rstrip())
    if node.style in ("'", '"') and cut and raw[cut - 1] == node.style:
        cut = len(raw[: cut - 1].rstrip())
    if cut < 1 or raw[cut - 1] != title[-1]:
        return  # written with an escape: the period is not where the text says
    at = node.start + cut - 1
    start = at
    while start > node.start and ctx.doc.text[start - 1] in " \t":
        start -= 1
    yield Finding(
        at,
        at + 1,
        t(
            "the headline ends with a period ({mark}): headlines take none; remove it",
            mark=title[-1],
        ),
        Fix(t("remove the period"), (Edit(start, at + 1, ""),)),
    )
