"""FM016: Report HTML or Markdown in fields that are shown as plain text."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report HTML or Markdown in fields that are shown as plain text."""
    yield from schema_findings(ctx, "FM016")
