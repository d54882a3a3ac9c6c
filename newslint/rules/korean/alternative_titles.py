"""KO013 alternative-titles: the title is one headline, and the body does not open with another.

A generator asked for a headline often answers with several ("1. …", "2. …") or labels the one
it chose ("제목: …"); pasted as they came, the candidates fill the ``title`` (a plain YAML scalar
over several lines folds them into one long title, or breaks the front matter) and the label
line opens the body, where readers see a second headline with its label. The title is read as
written, so a front matter that YAML cannot read is still checked. In the body, only the start
is looked at: the lines before the first section heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.korean._residue import headings, plain, shown

_TITLE_LINE = re.compile(r"^title[ \t]*:[ \t]*", re.M)
_KEY_LINE = re.compile(r"^[^\s#-][^:\n]*:(?:[ \t]|$)", re.M)
_NUMBERED = re.compile(r"""^[ \t]*["']?[ \t]*(\d{1,2})[.)][ \t]+\S""")
_LABEL = r"(?:대체 ?제목|추천 ?제목|제목 ?추천|제목 ?후보|제목|헤드라인|Title|Headline)"
_TITLE_LABEL = re.compile(rf"""^["']?[ \t]*{_LABEL}[ \t]*[:\uff1a]""", re.I)
_BODY_LABEL = re.compile(
    rf"^[ \t]*(?:<p\b[^>\n]*>|<(?:b|strong)>|\*\*|#{{1,6}}[ \t]+)*[ \t]*(?:\*\*)?"
    rf"(?P<label>{_LABEL})[ \t]*(?:\*\*)?[ \t]*[:\uff1a][ \t]*(?:\*\*)?(?P<rest>[^\n]*)",
    re.M | re.I,
)
_LIST_HEAD = re.compile(
    r"^[^\n]*(?:대체 ?제목|추천 ?제목|제목 ?추천|제목 ?후보)[^\n]*\n(?:[ \t]*\n)?", re.M
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report numbered or labelled headlines in the title and at the start of the body."""
    yield from _title(ctx)
    yield from _body(ctx)


def _title(ctx: RuleContext) -> Iterator[Finding]:
    block = ctx.doc.front_matter
    if block is None:
        return
    text = ctx.doc.text
    m = _TITLE_LINE.search(text, block.content_start, block.content_end)
    if m is None:
        return
    nxt = _KEY_LINE.search(text, m.end(), block.content_end)
    stop = nxt.start() if nxt is not None else block.content_end
    value = text[m.end() : stop].rstrip()
    lines = value.split("\n")
    numbers = [n.group(1) for n in map(_NUMBERED.match, lines) if n is not None]
    if len(numbers) >= 2 and numbers[:2] == ["1", "2"]:
        yield Finding(
            m.end(),
            m.end() + len(value),
            t(
                "the title holds {count} numbered candidate headlines: readers see them all run"
                " together as one title; keep the one headline you want",
                count=len(numbers),
            ),
        )
    elif _TITLE_LABEL.match(value):
        yield Finding(
            m.end(),
            m.end() + len(lines[0].rstrip()),
            t(
                "the title starts with the label '{label}': readers see the label in the"
                " headline; remove it",
                label=value.split(":", 1)[0].split("\uff1a", 1)[0].strip(" \"'"),
            ),
        )


def _body(ctx: RuleContext) -> Iterator[Finding]:
    text = ctx.doc.text
    start = ctx.doc.body_start
    first = next((h for h in headings(ctx.doc) if h.level >= 2), None)
    stop = first.start if first is not None else len(text)
    for m in _BODY_LABEL.finditer(text, start, stop):
        headline = plain(m.group("rest"))
        if not headline:
            continue
        end = m.end()
        close = text.find("</p>", m.start(), end)
        if close >= 0:
            end = close
        yield Finding(
            m.start("label"),
            len(text[:end].rstrip()),
            t(
                "a headline labelled '{label}' opens the body: readers see a second title, label"
                " and all ('{headline}'); remove the line or make it the title",
                label=m.group("label"),
                headline=shown(headline),
            ),
        )
    for m in _LIST_HEAD.finditer(text, start, stop):
        lines = text[m.end() : stop].split("\n")
        numbered = 0
        length = 0
        for line in lines:
            if not _NUMBERED.match(plain(line)):
                break
            numbered += 1
            length += len(line) + 1
        if numbered >= 2:
            yield Finding(
                m.start(),
                m.end() + length - 1,
                t(
                    "{count} candidate headlines are listed at the start of the body: readers see"
                    " the writer's choices as the post's text; remove the list",
                    count=numbered,
                ),
            )
