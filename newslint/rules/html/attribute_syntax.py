"""HT005 attribute-syntax: attributes written in a way HTML does not allow.

A missing space between attributes (``href="x"title="y"``), a quote, ``=`` or backtick in an
unquoted value or in a name (``<a href=x"y>``, ``<p =x>``), an ``=`` with no value, a ``/``
inside a tag, or attributes and ``/`` on an end tag. Browsers recover in ways that differ from
what was meant (the quote becomes part of the URL). The finding spans the attribute as far as
the parser read it. A ``<`` inside a tag is HT006 (its ``>`` is missing).
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html import HtmlError, Tag
from newslint.rules.html._shared import Analysis, analyse, markup

_ATTRIBUTE_MESSAGES = {
    "unexpected-character-after-attribute-value": "no space after {attr}: separate attributes",
    "invalid-character-in-attribute-name": "{char} in attribute name {attr}",
    "invalid-character-after-attribute-name": "{char} after attribute name {attr}",
    "unexpected-character-in-unquoted-attribute-value": "{char} in unquoted value {attr}: quote it",
    "equals-in-unquoted-attribute-value": "{char} at the start of unquoted value {attr}: quote it",
    "expected-attribute-value-but-got-right-bracket": "{attr} has no value",
}
_TAG_MESSAGES = {
    "unexpected-character-after-solidus-in-tag": "'/' inside {tag}: it belongs to no attribute",
    "attributes-in-end-tag": "attributes on end tag {tag}: end tags take none",
    "self-closing-flag-on-end-tag": "'/' at the end of end tag {tag}",
}
CODES = frozenset(_ATTRIBUTE_MESSAGES) | frozenset(_TAG_MESSAGES)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per attribute-syntax error outside unterminated tags."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    for error in analysis.parse.errors:
        if error.code not in CODES or error.start in analysis.unterminated:
            continue
        tag = analysis.parse.tag_at(error.start)
        if tag is None:
            continue  # the tag never ended: HT006
        if error.code in _TAG_MESSAGES:
            yield _tag_finding(text, analysis, error, tag)
        else:
            yield _attribute_finding(text, analysis, error, tag)


def _attribute_finding(text: str, analysis: Analysis, error: HtmlError, tag: Tag) -> Finding:
    """The finding for an error inside one attribute: from its name to where it went wrong."""
    names = [a.start for a in analysis.parse.attributes(tag) if a.start < error.end]
    start = names[-1] if names else error.end - 1
    end = max(error.end, start + 1)
    if error.code == "expected-attribute-value-but-got-right-bracket":
        end -= 1  # the ">" that came instead of a value is not part of the attribute
    char = repr(text[error.end - 1])
    message = _ATTRIBUTE_MESSAGES[error.code].format(attr=text[start:end], char=char)
    return Finding(start, end, f"{message} on {markup(text, tag)}")


def _tag_finding(text: str, analysis: Analysis, error: HtmlError, tag: Tag) -> Finding:
    """The finding for a tag-level error: the stray ``/`` or the end tag's extra part."""
    shown = markup(text, tag)
    message = _TAG_MESSAGES[error.code].format(tag=shown)
    if error.code == "unexpected-character-after-solidus-in-tag":
        slash = error.end - 1 if text[error.end - 1] == "/" else error.end - 2
        return Finding(slash, slash + 1, message)
    after_name = tag.start + 2 + len(tag.name)
    return Finding(after_name, tag.end - 1, message)
