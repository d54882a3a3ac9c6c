"""FM019: Report path fields naming a file that does not exist under the site root."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report path fields naming a file that does not exist under the site root."""
    yield from schema_findings(ctx, "FM019")
