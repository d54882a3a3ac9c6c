"""HT007 self-closing-non-void: ``<div/>`` or ``<span />`` on an element that needs an end tag.

In HTML the ``/`` of ``/>`` means nothing except on void elements (``<br/>``, ``<img/>``) and
inside SVG and MathML: ``<span/>`` opens a ``<span>`` that swallows everything after it up to
the end of its parent. The finding spans the start tag; HT002 does not report it again.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.html._shared import analyse, written


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per non-void start tag written as self-closing."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    for error in analysis.parse.errors_of("non-void-element-with-trailing-solidus"):
        tag = error.tag
        if tag is None or tag.start in analysis.unterminated:
            continue
        name = written(text, tag)
        message = t("<{name}/> does not close itself in HTML: <{name}> stays open", name=name)
        yield Finding(tag.start, tag.end, message)
