"""HT011 comment-syntax: a comment that is not closed, or closed or written oddly.

``<!--`` without ``-->`` hides the whole rest of the post. ``--!>`` ends a comment only by error
recovery, a ``<!--`` inside a comment is not a nested comment (the first ``-->`` ends both),
``<!-->`` is an empty comment, and ``<!x>``, ``<?php … ?>`` or ``</ x>`` (a ``</`` not followed by
a letter) are read as comments, so their text disappears from the page. The finding spans the
comment or the part that is wrong.

In a Markdown post kramdown reads comments itself: an unclosed ``<!--``, and ``<!x>`` or
``</ x>``, are printed on the page as text (``<?php … ?>`` too, outside an HTML block), and
the message says so.

html5lib follows an older tokenizer that also calls ``--`` inside a comment (``<!-- a -- b -->``,
``--->``) and ``--!`` without ``>`` errors; the HTML standard allows both, so they are not
reported (html5lib's code for ``--`` is also the one a nested ``<!--`` raises).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from operator import attrgetter

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.html.query import Comment, HtmlParse
from newslint.messages import Text, t
from newslint.rules.html._kramdown import renders_markdown
from newslint.rules.html._shared import EOF_IN_COMMENT, in_markdown_text

DOUBLE_DASH = frozenset(
    {
        "unexpected-char-in-comment",
        "unexpected-dash-after-double-dash-in-comment",
        "unexpected-space-after-double-dash-in-comment",
    }
)
BOGUS = frozenset(
    {
        "expected-dashes-or-doctype",
        "expected-tag-name-but-got-question-mark",
        "expected-closing-tag-but-got-char",
    }
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per comment problem."""
    text = ctx.doc.text
    parse = parse_html(ctx.doc)
    markdown = renders_markdown(ctx.doc)
    for error in parse.errors:
        code, at = error.code, error.start
        if code in EOF_IN_COMMENT:
            effect = (
                t("kramdown prints it as text") if markdown else t("it hides the rest of the post")
            )
            message = t('comment opened with "<!--" is never closed: {effect}', effect=effect)
            yield Finding(at, at + 4, message)
        elif code == "unexpected-bang-after-double-dash-in-comment":
            if text.startswith(">", error.end):
                message = t('comment closed with "--!>": write "-->"')
                if markdown:
                    message = _bang_effect(text, error.end, message)
                yield Finding(error.end - 3, error.end + 1, message)
        elif code in DOUBLE_DASH:
            dash = text.rfind("--", at, error.end)
            if text.startswith("<!--", dash - 2):
                yield Finding(
                    dash - 2, dash + 2, t('"<!--" inside a comment: the first "-->" ends both')
                )
        elif code == "incorrect-comment":
            yield Finding(
                at, error.end, t('"{comment}" is an empty comment', comment=text[at : error.end])
            )
        elif code in BOGUS and (comment := _comment_at(parse, at)) is not None:
            shown = " ".join(text[comment.start : comment.end].split())
            shown = shown if len(shown) <= 24 else shown[:23] + "…"
            if markdown and _printed(ctx, comment):
                message = t('"{text}" is not HTML: kramdown prints it as text', text=shown)
            else:
                message = t('"{text}" is read as a comment and hidden', text=shown)
            yield Finding(comment.start, comment.end, message)


def _bang_effect(text: str, end: int, message: Text) -> Text:
    """``message`` with what kramdown does with a comment closed by ``--!>``: it looks for
    ``-->``."""
    if text.find("-->", end) < 0:
        return t("{message}; kramdown prints it as text", message=message)
    return t('{message}; kramdown hides everything up to the next "-->"', message=message)


def _printed(ctx: RuleContext, comment: Comment) -> bool:
    """Whether kramdown prints a bogus comment as text: in Markdown text always, in an HTML
    block unless it is a processing instruction (``<?php … ?>``), which it passes on."""
    text = ctx.doc.text
    if in_markdown_text(ctx.doc, comment.start):
        return True
    return not (text.startswith("<?", comment.start) and "?>" in text[comment.start : comment.end])


def _comment_at(parse: HtmlParse, start: int) -> Comment | None:
    """The comment that starts at ``start``, if any."""
    comments = parse.comments
    index = bisect.bisect_left(comments, start, key=_START)
    return comments[index] if index < len(comments) and comments[index].start == start else None


_START = attrgetter("start")
