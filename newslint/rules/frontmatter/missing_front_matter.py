"""FM001 missing-front-matter: a file without front matter; Jekyll will not treat it as a post."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a file whose first line is not ``---``."""
    doc = ctx.doc
    if doc.front_matter is not None:
        return
    start = doc.body_start
    end = start + len(doc.index.line_text(1).lstrip("\ufeff"))
    lead = doc.text[start:]
    if lead.strip() and lead.lstrip().startswith("---") and not lead.startswith("---"):
        message = t(
            'front matter must start on the first line: something comes before "---", '
            "so Jekyll will not treat the file as a post"
        )
    else:
        message = t(
            'no front matter: the file does not start with a "---" line, '
            "so Jekyll will not treat it as a post"
        )
    yield Finding(start, end, message)
