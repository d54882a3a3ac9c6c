"""FM002 unterminated-front-matter: front matter that no ``---`` line closes."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report an opening ``---`` without a closing one."""
    block = ctx.doc.front_matter
    if block is None or block.closed:
        return
    yield Finding(
        block.start,
        block.start + 3,
        t(
            'front matter is never closed: no "---" line ends it, '
            "so Jekyll reads the whole file as content"
        ),
    )
