"""HT009 character-reference: a reference missing its ``;`` or naming a character HTML forbids.

``&nbsp`` and ``&#169`` without ``;`` are read as references only by the error-recovery rules;
``&#128;`` (a Windows-1252 code), ``&#0;`` or ``&#xD800;`` name no valid character and browsers
substitute one. The finding spans the reference. In text, the safe fix adds the missing ``;``
(browsers already read it so: the page is the same); in an attribute, where such a reference is
most often a URL's literal ``&``, no fix is offered. A ``&`` meant literally is HT008.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.html import parse_html
from newslint.rules.html._references import references


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per malformed character reference that browsers decode."""
    text = ctx.doc.text
    for ref in references(text, parse_html(ctx.doc)):
        error = ref.error
        if ref.literal:
            continue
        end = ref.end
        shown = text[error.start : end]
        if error.code in ("named-entity-without-semicolon", "numeric-entity-without-semicolon"):
            if text[end : end + 1].isalnum() and error.code.startswith("named"):
                continue  # "&region": HT008
            message = f"character reference {shown} has no ';'"
            if ref.in_attribute:  # in a URL it is most often a literal "&": no blind fix
                yield Finding(error.start, end, message + " (in a URL, write &amp;)")
                continue
            fix = Fix(f"write {shown};", (Edit(end, end, ";"),))
            yield Finding(error.start, end, message, fix)
        else:
            code = error.data.get("charAsInt")
            what = f"U+{code:04X}" if isinstance(code, int) else "no valid character"
            message = f"character reference {shown} names {what}, which HTML does not allow"
            yield Finding(error.start, error.end, message)
