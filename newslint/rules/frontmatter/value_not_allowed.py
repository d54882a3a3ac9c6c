"""FM012 value-not-allowed: a value outside a field's allowed set, with a did-you-mean."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.messages import t
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.validation import NotAllowed


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a value outside the allowed ones, at the word itself when it can be found."""
    for fact in schema_violations(ctx, NotAllowed):
        data = str(fact.value)
        texts = [str(a) for a in fact.allowed]
        hint = difflib.get_close_matches(data, texts, n=1, cutoff=0.6)
        if not hint:
            lowered = {text.lower(): text for text in texts}
            hint = [lowered[data.lower()]] if data.lower() in lowered else []
        if hint:
            tail = t('; did you mean "{value}"?', value=hint[0])
        else:
            shown = ", ".join(texts[:8]) + (", …" if len(texts) > 8 else "")
            tail = t("; allowed: {values}", values=shown)
        node = fact.node
        start, end = node.start, node.end
        where = ctx.doc.text[start:end].find(data)
        if where >= 0 and node.kind == "scalar":
            start, end = start + where, start + where + len(data)
        message = t(
            "{field} value {value} is not allowed{tail}",
            field=label(fact),
            value=quote(data),
            tail=tail,
        )
        yield Finding(start, end, message)
