"""FM004 duplicate-key: a key given twice in one mapping; YAML keeps only the last value."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import DuplicateKey, refusal
from newslint.messages import t
from newslint.rules.frontmatter._common import yaml_facts


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a key given twice in one mapping, at the second, noting where the first is."""
    for fact in yaml_facts(ctx, DuplicateKey):
        related = ((fact.first, t("first defined here")),)
        yield Finding(fact.start, fact.end, refusal(fact), related=related)
