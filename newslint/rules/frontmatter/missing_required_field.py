"""FM010 missing-required-field: a required field neither the post nor site defaults give."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.frontmatter._common import schema_violations
from newslint.validation import MissingField


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report each required field missing, at the opening ``---``."""
    for fact in schema_violations(ctx, MissingField):
        message = t('required field "{name}" is missing from the front matter', name=fact.name)
        yield Finding(fact.at, fact.at + 3, message)
