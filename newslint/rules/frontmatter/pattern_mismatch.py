"""FM017: Report values that do not match a field's pattern or format (URL)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report values that do not match a field's pattern or format."""
    yield from schema_findings(ctx, "FM017")
