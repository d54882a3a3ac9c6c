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
from newslint.messages import Text, t
from newslint.rules.frontmatter._common import yaml_facts


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter whose aliases expand beyond a safe size, or that nests too deep."""
    for fact in yaml_facts(ctx, LimitExceeded):
        yield Finding(fact.start, fact.end, _explain(fact))


def _explain(fact: LimitExceeded) -> Text:
    match fact:
        case TooManyValues(via_alias=via_alias):
            count = f"{MAX_NODES:,}"
            if via_alias:
                return t(
                    "front matter too large: aliases expand beyond {count} values "
                    "(a YAML bomb?); it was not loaded; remove the nested aliases",
                    count=count,
                )
            return t(
                "front matter too large: it grows beyond {count} values "
                "(a YAML bomb?); it was not loaded; remove the nested aliases",
                count=count,
            )
        case RecursiveAlias(name=name):
            return t(
                "alias *{name} refers to its own anchor (a recursive structure); "
                "Jekyll cannot use it; remove the alias",
                name=name,
            )
        case TooDeep():
            return t(
                "front matter nested deeper than {depth} levels; it was not loaded; flatten it",
                depth=MAX_DEPTH,
            )
    raise AssertionError(fact)
