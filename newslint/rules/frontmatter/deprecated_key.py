"""FM018 deprecated-key: a deprecated key, naming its replacement."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.messages import t
from newslint.rules.frontmatter._common import schema_violations
from newslint.validation import DeprecatedKey


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report deprecated keys; rename one to its replacement when that key is not given too."""
    for fact in schema_violations(ctx, DeprecatedKey):
        spec, node = fact.spec, fact.node
        reason = f" ({spec.deprecated})" if isinstance(spec.deprecated, str) else ""
        if not spec.replacement:
            message = t('"{key}" is deprecated{reason}; remove it', key=fact.key, reason=reason)
            yield Finding(node.start, node.end, message)
            continue
        fix = None
        if not fact.replaced:
            fix = Fix(
                t('rename "{key}" to "{replacement}"', key=fact.key, replacement=spec.replacement),
                (Edit(node.start, node.end, spec.replacement),),
                Applicability.UNSAFE,
            )
        message = t(
            '"{key}" is deprecated{reason}; use "{replacement}" instead',
            key=fact.key,
            reason=reason,
            replacement=spec.replacement,
        )
        yield Finding(node.start, node.end, message, fix)
