"""FM007 unsafe-yaml-tag: an explicit tag other than the standard ones (never constructed)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import UnknownTag, refusal
from newslint.rules.frontmatter._common import yaml_facts


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report each tag that is not a standard one, naming the danger of a language's own."""
    for fact in yaml_facts(ctx, UnknownTag):
        yield Finding(fact.start, fact.end, refusal(fact))
