"""FM005: Report top-level keys that YAML reads as a number, boolean, date or null."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import yaml_problems


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report top-level keys that YAML reads as a number, boolean, date or null."""
    yield from yaml_problems(ctx, "FM005")
