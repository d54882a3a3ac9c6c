"""FM017 pattern-mismatch: a value its field's pattern or format (URL) does not match."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.messages import t
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.validation import NotAUrl, PatternMismatch


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a value its field's pattern does not match, or a ``url`` field that is no URL."""
    for fact in schema_violations(ctx, PatternMismatch, NotAUrl):
        if isinstance(fact, PatternMismatch):
            spec = fact.rule.spec
            hint = spec.pattern_hint or t("matching {pattern}", pattern=str(spec.pattern))
            message = t(
                "{field} is not {hint}: {value}",
                field=label(fact),
                hint=hint,
                value=quote(fact.text),
            )
        else:
            message = t(
                "{field} is not a URL: {value}; write it as https://…",
                field=label(fact),
                value=quote(fact.text),
            )
        yield Finding(fact.node.start, fact.node.end, message)
