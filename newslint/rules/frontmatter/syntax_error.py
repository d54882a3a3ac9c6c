"""FM003: Report front matter that YAML cannot read, at the place it stops, in plain words."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import yaml_problems


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter that YAML cannot read, at the place it stops, in plain words."""
    yield from yaml_problems(ctx, "FM003")
