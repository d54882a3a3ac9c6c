"""FM013: Report text or lists shorter or longer than the schema allows."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report text or lists shorter or longer than the schema allows."""
    yield from schema_findings(ctx, "FM013")
