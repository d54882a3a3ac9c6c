"""FM011: Report field values of the wrong type, explaining YAML 1.1 readings of unquoted text."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import schema_findings


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report field values of the wrong type, explaining YAML 1.1 readings of unquoted text."""
    yield from schema_findings(ctx, "FM011")
