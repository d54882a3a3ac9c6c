"""FM010: Report required fields the front matter (and the site defaults) do not give."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report required fields the front matter."""
    yield from schema_findings(ctx, "FM010")
