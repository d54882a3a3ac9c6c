"""FM012 value-not-allowed: a value outside a field's allowed set, with a did-you-mean."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.validation import NotAllowed


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a value outside the allowed ones, at the word itself when it can be found."""
    for fact in schema_violations(ctx, NotAllowed):
        data = str(fact.value)
        texts = [str(a) for a in fact.allowed]
        hint = difflib.get_close_matches(data, texts, n=1, cutoff=0.6)
        if not hint:
            lowered = {t.lower(): t for t in texts}
            hint = [lowered[data.lower()]] if data.lower() in lowered else []
        if hint:
            tail = f'; did you mean "{hint[0]}"?'
        else:
            shown = ", ".join(texts[:8]) + (", …" if len(texts) > 8 else "")
            tail = f"; allowed: {shown}"
        node = fact.node
        start, end = node.start, node.end
        where = ctx.doc.text[start:end].find(data)
        if where >= 0 and node.kind == "scalar":
            start, end = start + where, start + where + len(data)
        message = f"{label(fact)} value {quote(data)} is not allowed{tail}"
        yield Finding(start, end, message)
