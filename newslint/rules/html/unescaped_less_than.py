"""HT010 unescaped-less-than: a ``<`` in text that starts no tag.

``a < b``, ``<3``, ``<>`` and a ``</`` at the very end are shown as written, but only through
error recovery, and the same ``<`` followed by a letter would start a tag and hide the text
after it. The finding spans the ``<``; the safe fix writes ``&lt;`` (the page is the same).
``</>`` is dropped by browsers altogether: it is reported, with no fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.html import parse_html
from newslint.rules.html._shared import in_markdown_text

_AS_TEXT = frozenset(
    {
        "expected-tag-name",
        "expected-tag-name-but-got-right-bracket",
        "expected-closing-tag-but-got-eof",
    }
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per ``<`` that browsers show as text or drop."""
    text = ctx.doc.text
    for error in parse_html(ctx.doc).errors:
        at = error.start
        as_text = error.code in _AS_TEXT and error.end > at and text[at] == "<"
        dropped = error.code == "expected-closing-tag-but-got-right-bracket"
        if not (as_text or dropped) or in_markdown_text(ctx.doc, at):
            continue  # no stray "<"; or in Markdown text, where kramdown writes &lt; for it
        if as_text:
            shown = text[at : at + 6].split()[0].split("<")[1]
            fix = Fix("write &lt;", (Edit(at, at + 1, "&lt;"),))
            yield Finding(at, at + 1, f'unescaped "<" in text: "<{shown}"', fix)
        else:
            yield Finding(at, error.end, '"</>" is not a tag: browsers drop it')
