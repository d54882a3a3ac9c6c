"""FM008 yaml-too-large: aliases that expand beyond a safe size, or nesting too deep."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import LimitExceeded, refusal
from newslint.rules.frontmatter._common import yaml_facts


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter whose aliases expand beyond a safe size, or that nests too deep."""
    for fact in yaml_facts(ctx, LimitExceeded):
        yield Finding(fact.start, fact.end, refusal(fact))
