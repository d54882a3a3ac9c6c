"""KO008 date-style-mixed: one post writes its dates with periods one way.

The 2015 문장 부호 (마침표 2) writes a date in Arabic numerals as ``2014. 10. 27.``: a period for
each of 년, 월 and 일, the last one included, a space after each. When a post uses that form and
also writes dates with periods another way (``2014.10.27``, ``2014.10.27.``, ``2014. 10. 27``),
or writes them with periods in two such other ways, the dates that are not in the form the post
uses most are reported (the standard form wins when it is there): that is a slip, never a
choice. Dates in words (``2014년 10월 27일``)
and ISO dates (``2014-10-27``) are not compared with them: prose in words and tables or
timestamps in numbers is a choice editors make on purpose. Code, tags, Liquid, addresses,
file names and version numbers (``v2024.1.2``) are skipped. The fix writes the date the way
the post's other dates are; it is unsafe, as a particle written against the date
(``2014.10.27에``) may want a look.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.markdown.prose import prose
from newslint.messages import t

_DATE = re.compile(
    r"(?<![\w.\-/:~])((?:19|20)\d\d)\.( ?)(1[0-2]|0?[1-9])\.( ?)(3[01]|[12]\d|0?[1-9])"
    r"(\.?)(?![A-Za-z0-9_.\-/]|\.[A-Za-z0-9_])"
)
_STANDARD = "2014. 10. 27."


def _style(match: re.Match[str]) -> str:
    """The way a date is written, as a pattern of ``2014. 10. 27.``."""
    first, second, final = match.group(2), match.group(4), match.group(6)
    return f"2014.{first}10.{second}27{final}"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report the dates written with periods unlike most of the post's (the standard wins)."""
    base = ctx.doc.body_start
    written = {_style(m) for m in _DATE.finditer(ctx.doc.text, base)}
    if len(written) < 2:
        return  # one way (or none) in the whole body: nothing to compare
    dates = list(_DATE.finditer(prose(ctx.doc)))
    styles = Counter(_style(m) for m in dates)
    if len(styles) < 2:
        return
    usual = max(styles, key=lambda s: (s == _STANDARD, styles[s]))
    first = next(m for m in dates if _style(m) == usual)
    for match in dates:
        style = _style(match)
        if style == usual:
            continue
        year, month, day = match.group(1), match.group(3), match.group(5)
        one_way = usual.replace("2014", year, 1).replace("10", month, 1).replace("27", day, 1)
        yield Finding(
            base + match.start(),
            base + match.end(),
            t(
                "date written {date} here but {other} elsewhere in this post; "
                "write dates one way: {one_way}",
                date=match.group(),
                other=first.group(),
                one_way=one_way,
            ),
            Fix(
                t("write the date as {one_way}", one_way=one_way),
                (Edit(base + match.start(), base + match.end(), one_way),),
                Applicability.UNSAFE,
            ),
            related=((base + first.start(), t("the way most dates of this post are written")),),
        )
