"""FM006: Report tabs used to indent front matter (YAML allows spaces only)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import yaml_problems


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report tabs used to indent front matter."""
    yield from yaml_problems(ctx, "FM006")
