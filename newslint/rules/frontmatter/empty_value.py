"""FM015: Report required or non-empty fields given an empty value."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report required or non-empty fields given an empty value."""
    yield from schema_findings(ctx, "FM015")
