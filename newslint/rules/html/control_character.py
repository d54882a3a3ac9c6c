"""HT013 control-character: a NUL, control character or noncharacter in the body.

Characters such as U+0008 (backspace) or U+001C come from copying out of other programs; they
are invisible or shown as boxes, and HTML does not allow them. The finding spans the character.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import t


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per character HTML does not allow in text."""
    text = ctx.doc.text
    for error in parse_html(ctx.doc).errors_of("invalid-codepoint", "null-character"):
        char = text[error.start : error.end]
        if len(char) == 1:
            code = f"U+{ord(char):04X}"
            yield Finding(
                error.start, error.end, t("control character {code}: remove it", code=code)
            )
