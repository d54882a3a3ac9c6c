"""KO005 fullwidth-alphanumeric: full-width letters and digits in a post that writes half-width.

Korean input methods and news-agency copy bring full-width ASCII (U+FF10 to U+FF5A: KTX, 2024
or the m of 200m in their wide forms). Mixed with the half-width letters and digits the rest of
the post uses, they look wider, out of line, and copy as different characters. Only a mix is
reported: a unit after a number (a wide m in 200m) when the post also writes that unit
half-width after a number, since agency copy that writes every unit wide follows a house style;
full-width digits when the post writes other digits half-width; full-width letters when it
writes Latin words half-width, or beside half-width letters or digits in the same word.

The fix writes the half-width form (NFKC, the same letters and digits), which is what the rest
of the post does: it is safe. It is not offered where it would turn an unquoted front-matter
value into a number, date or boolean (``title:`` with only wide digits).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.messages import t
from newslint.rules.korean._shown import changes_type, found_in_text, in_spans, text_spans

_FULL = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_DIGIT_BEFORE = re.compile(r"[0-9\uff10-\uff19][ ]?$")
_HALF_DIGIT = re.compile("[0-9]")
_HALF_WORD = re.compile("(?<![A-Za-z])[A-Za-z]{2,}")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per full-width run that the rest of the post writes half-width."""
    text = ctx.doc.text
    found = list(found_in_text(ctx.doc, _FULL, shown_only=True))
    if not found:
        return
    spans = sorted(text_spans(ctx.doc, shown_only=True))
    shown = "\n".join(text[s:e] for s, e in spans)
    for m in found:
        run = m.group()
        half = unicodedata.normalize("NFKC", run)
        before = text[max(0, m.start() - 2) : m.start()]
        after = text[m.end() : m.end() + 1]
        if _DIGIT_BEFORE.search(before) and not run.isdigit():
            unit = re.compile(rf"[0-9][ ]?{re.escape(half)}(?![A-Za-z])")
            if not _half_width_in(unit, text, spans):
                continue
            message = t(
                "full-width {run} after a number, where this post also writes {half}: write"
                " {half}, as elsewhere",
                run=run,
                half=half,
            )
        elif _half_alnum(before[-1:]) or _half_alnum(after):
            message = t(
                "full-width {run} beside half-width letters or digits in the same word: write"
                " {half}",
                run=run,
                half=half,
            )
        elif run.isdigit() and _HALF_DIGIT.search(shown):
            message = t(
                "full-width digits {run} in a post that writes numbers half-width: write {half}",
                run=run,
                half=half,
            )
        elif not run.isdigit() and _HALF_WORD.search(shown):
            message = t(
                "full-width letters {run} in a post that writes Latin letters half-width: write"
                " {half}",
                run=run,
                half=half,
            )
        else:
            continue
        fix = Fix(t("write {half}", half=half), (Edit(m.start(), m.end(), half),))
        retypes = changes_type(ctx.doc, m.start(), m.end(), half)
        yield Finding(m.start(), m.end(), message, None if retypes else fix)


def _half_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _half_width_in(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pattern`` matches somewhere in the text readers see."""
    return any(in_spans(spans, m.start(), m.end()) for m in pattern.finditer(text))
