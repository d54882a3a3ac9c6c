"""FM013 length-out-of-range: text or a list shorter or longer than the schema allows."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.validation import BadLength


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a text's characters or a list's items past the schema's bounds."""
    for fact in schema_violations(ctx, BadLength):
        noun = f"{fact.count} {fact.unit}{'' if fact.count == 1 else 's'}"
        bound = (
            f"at most {fact.limit} allowed" if fact.too_long else f"at least {fact.limit} needed"
        )
        yield Finding(fact.node.start, fact.node.end, f"{label(fact)} has {noun}; {bound}")
