"""KO009 ordinal-spacing: ``제2차``, not ``제 2차``: the prefix 제- is written against its number.

한글 맞춤법 제43항 (and its 해설): 제- is a prefix and is written together with what follows
("제1 과" or "제1과", never "제 1과"). Reported only where it is certain: 제 standing alone (not
the end of a word such as 경제, 문제), one space, Arabic digits, and a counter or a noun that
takes the ordinal (차, 회, 장, 조, 항, 호, 기, 대, 차관, 금융권…) written against the number.
The space is removed by a safe fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.frontmatter import parse
from newslint.markdown.prose import prose
from newslint.messages import t

_COUNTERS = (
    "차|회|장|조|항|호|권|기|대|편|부|강|과|절|관|막|탄|세대|국|급|종|심|교시|라운드|전|집|자|"
    "차관|금융권|세계|야당|당|외국어|지대|터미널|순위|공화국|연평해전|위|군|단|사단|여단|군단|함대|구역|선거구|시즌"
)
_ORDINAL = re.compile(
    r"(?<![\w\u00b7\u2027\u318d-])(제)( )(\d{1,4})(?:"
    + "|".join(sorted(_COUNTERS.split("|"), key=len, reverse=True))
    + r")"
)


_SHOWN = ("title", "subtitle", "excerpt", "description", "summary", "feature_text")
"""Front-matter values themes print as text."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report the space between 제 and its number, with its removal as a safe fix."""
    fm = parse(ctx.doc)
    if fm is not None:
        for key in _SHOWN:
            node = fm.fields.get(key, (None, None))[1]
            if node is not None and node.kind == "scalar" and isinstance(node.value, str):
                yield from _found(ctx.doc.text[node.start : node.end], node.start)
    if _ORDINAL.search(ctx.doc.text, ctx.doc.body_start):
        yield from _found(prose(ctx.doc), ctx.doc.body_start)


def _found(text: str, base: int) -> Iterator[Finding]:
    for match in _ORDINAL.finditer(text):
        space = base + match.start(2)
        written = match.group()
        yield Finding(
            base + match.start(),
            base + match.end(),
            t(
                "{written} should be {joined}: the prefix 제- is written against its number",
                written=written,
                joined=written.replace(" ", "", 1),
            ),
            Fix(t("remove the space after 제"), (Edit(space, space + 1, ""),)),
        )
