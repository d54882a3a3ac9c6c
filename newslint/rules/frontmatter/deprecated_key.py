"""FM018: Report deprecated keys, naming their replacement."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report deprecated keys, naming their replacement."""
    yield from schema_findings(ctx, "FM018")
