"""FM004: Report a key given twice in one mapping (YAML keeps only the last value)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import yaml_problems


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a key given twice in one mapping."""
    yield from yaml_problems(ctx, "FM004")
