"""FM009: Report front matter that is a list or a single value instead of key: value lines."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import yaml_problems


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter that is a list or a single value instead of key: value lines."""
    yield from yaml_problems(ctx, "FM009")
