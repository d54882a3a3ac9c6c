"""FM015 empty-value: a required or non-empty field given an empty value."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.validation import EmptyValue


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report an empty value at its key (an empty list item at the item)."""
    for fact in schema_violations(ctx, EmptyValue):
        where = fact.key_node if fact.item is None else fact.node
        end = where.end if where.end > where.start else where.start + 1
        yield Finding(where.start, end, t("{field} is empty; give it a value", field=label(fact)))
