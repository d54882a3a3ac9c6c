"""FM008: Report front matter whose aliases expand beyond a safe size, or that nests too deep."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import yaml_problems


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter whose aliases expand beyond a safe size, or that nests too deep."""
    yield from yaml_problems(ctx, "FM008")
