"""HT006 unterminated-tag: a tag whose ``>`` is missing.

``</b고 전했습니다. … <b>``: without its ``>``, a tag runs on to the next ``>`` it finds and the
text in between is read as attribute names and disappears from the page. The finding spans the
tag up to the ``<`` where the next tag starts (or to the end of the post); that swallowed tag,
whose ``>`` ends the run-on tag, is a related location. No other rule reports on such a tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.html._shared import EOF_IN_TAG, analyse


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per tag with no ``>`` of its own."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    for error in analysis.parse.errors:
        if error.code in EOF_IN_TAG:
            end = error.start + len(text[error.start : error.end].rstrip())
            shown = _quote(text[error.start : end])
            yield Finding(
                error.start,
                end,
                f"tag {shown} has no '>': the post ends inside it",
            )
    for start in sorted(analysis.unterminated):
        tag = analysis.parse.tag_at(start)
        assert tag is not None  # an unterminated tag is a tag
        lt = text.index("<", start + 1, tag.end)
        stop = start + len(text[start:lt].rstrip())
        shown = _quote(text[start:stop])
        swallowed = _TAG_START.match(text, lt)
        related = (
            () if swallowed is None else ((lt, f"{swallowed.group()}> here is swallowed with it"),)
        )
        yield Finding(
            start,
            stop,
            f"tag {shown} has no '>': the text up to the next '>' is lost in it",
            related=related,
        )


_TAG_START = re.compile(r"</?[A-Za-z][^\s/<>]*")
"""The ``<`` and name of a tag as written."""


def _quote(markup: str, limit: int = 24) -> str:
    """``markup`` on one line, shortened to ``limit`` characters."""
    flat = " ".join(markup.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
