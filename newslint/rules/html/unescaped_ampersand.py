"""HT008 unescaped-ampersand: a ``&`` that should be written ``&amp;``.

A ``&`` that starts no character reference (``Drag&Drop``, ``?v=1&list=2``, ``&#`` without
digits) works today only because browsers guess; the same ``&`` before a word that begins like a
reference is read as one: ``?a=1&region=2`` in text shows ``?a=1®ion=2``. The finding spans the
``&``. When browsers keep the ``&`` as it is, the safe fix writes ``&amp;``; when they read a
reference into it, no fix is offered: say which one you meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.html import parse_html
from newslint.rules.html._references import references, word_after
from newslint.rules.html._shared import in_markdown_text


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per ``&`` meant literally."""
    text = ctx.doc.text
    for ref in references(text, parse_html(ctx.doc)):
        error = ref.error
        at = error.start
        read_as_reference = (
            error.code == "named-entity-without-semicolon" and text[ref.end : ref.end + 1].isalnum()
        )
        if not (ref.literal or read_as_reference):
            continue
        if not ref.in_attribute and in_markdown_text(ctx.doc, at):
            continue  # kramdown writes &amp; for it
        shown = word_after(text, at)
        where = "attribute value" if ref.in_attribute else "text"
        if ref.literal:
            fix = Fix("write &amp;", (Edit(at, at + 1, "&amp;"),))
            yield Finding(at, at + 1, f'unescaped "&" in {where}: "{shown}"', fix)
        else:
            read = text[at : ref.end]
            yield Finding(
                at, at + 1, f'"{shown}" in {where} is read as the reference {read};: write &amp;'
            )
