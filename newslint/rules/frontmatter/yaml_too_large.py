"""FM008 yaml-too-large: aliases that expand beyond a safe size, or nesting too deep."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import (
    MAX_DEPTH,
    MAX_NODES,
    LimitExceeded,
    RecursiveAlias,
    TooDeep,
    TooManyValues,
)
from newslint.rules.frontmatter._common import yaml_facts


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter whose aliases expand beyond a safe size, or that nests too deep."""
    for fact in yaml_facts(ctx, LimitExceeded):
        yield Finding(fact.start, fact.end, _explain(fact))


def _explain(fact: LimitExceeded) -> str:
    match fact:
        case TooManyValues(via_alias=via_alias):
            what = "aliases expand" if via_alias else "it grows"
            return (
                f"front matter too large: {what} beyond {MAX_NODES:,} values "
                "(a YAML bomb?); it was not loaded; remove the nested aliases"
            )
        case RecursiveAlias(name=name):
            return (
                f"alias *{name} refers to its own anchor (a recursive structure); "
                "Jekyll cannot use it; remove the alias"
            )
        case TooDeep():
            return (
                f"front matter nested deeper than {MAX_DEPTH} levels; it was not loaded; flatten it"
            )
    raise AssertionError(fact)
