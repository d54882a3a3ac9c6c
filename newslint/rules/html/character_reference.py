"""HT009 character-reference: a reference missing its ``;`` or naming a character HTML forbids.

A reference meant as its character but written without ``;`` (``&nbsp``, ``&#169``,
``R&eacutemi``, ``&hellip``): in a Markdown post kramdown shows it as written, so readers see the
code; in an ``.html`` post browsers decode the old names and the numbers only by error recovery
(and never ``&hellip``). Whether it was meant as a character is read from what surrounds it: a
word of its own, digits after it or an accented letter inside a word; not a URL parameter
(``?a=1&copy=2``, a URL attribute), which is HT008's when browsers decode it. The finding spans
the reference; the safe fix adds the ``;``. ``&#128;`` (a Windows-1252 code), ``&#0;`` or
``&#xD800;`` name no valid character and browsers substitute one: reported, with no fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.html._references import Kind, describe, fix, references


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per reference meant as a character but written wrong."""
    text = ctx.doc.text
    html = ctx.doc.is_html_file
    for ref in references(ctx.doc):
        written = text[ref.start : ref.end]
        if ref.kind is Kind.NO_SEMICOLON:
            meant = describe(ref.meant)
            if ref.decoded is not None:
                effect = t("browsers show {meant} only by error recovery", meant=meant)
            elif html:
                effect = t("browsers show it as written, not as {meant}", meant=meant)
            else:
                effect = t("kramdown shows it as written, not as {meant}", meant=meant)
            message = t(
                '"{written}" has no ";": {effect}; write {write}',
                written=written,
                effect=effect,
                write=ref.write,
            )
            yield Finding(ref.start, ref.end, message, fix(ref))
        elif ref.kind is Kind.FORBIDDEN:
            message = t(
                "character reference {written} names {meant}, which HTML does not allow",
                written=written,
                meant=ref.meant,
            )
            yield Finding(ref.start, ref.end, message)
