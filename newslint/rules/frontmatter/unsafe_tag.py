"""FM007: Report explicit YAML tags other than the standard ones; they are never constructed."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import yaml_problems


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report explicit YAML tags other than the standard ones; they are never constructed."""
    yield from yaml_problems(ctx, "FM007")
