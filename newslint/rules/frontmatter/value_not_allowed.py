"""FM012: Report values outside a field's allowed set, with a did-you-mean."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report values outside a field's allowed set, with a did-you-mean."""
    yield from schema_findings(ctx, "FM012")
