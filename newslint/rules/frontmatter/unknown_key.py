"""FM014 unknown-key: a key the schema does not know, with a did-you-mean."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.frontmatter._common import schema_violations
from newslint.validation import UnknownKey


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report keys the schema does not know, suggesting a close known name."""
    for fact in schema_violations(ctx, UnknownKey):
        schema = fact.schema
        names = [*schema.fields, *schema.aliases]
        hint = difflib.get_close_matches(fact.key, names, n=1, cutoff=0.8)
        if hint:
            extra = t('; did you mean "{value}"?', value=hint[0])
        else:
            extra = t(" in schema {schema}", schema=schema.name)
        message = t('unknown key "{key}"{extra}', key=fact.key, extra=extra)
        yield Finding(fact.node.start, fact.node.end, message)
