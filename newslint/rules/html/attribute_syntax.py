"""HT005 attribute-syntax: attributes written in a way HTML does not allow.

A missing space between attributes (``href="x"title="y"``), a quote, ``=`` or backtick in an
unquoted value or in a name (``<a href=x"y>``, ``<p =x>``), an ``=`` with no value, a ``/``
inside a tag, or attributes and ``/`` on an end tag. Browsers recover in ways that differ from
what was meant (the quote becomes part of the URL). The finding spans the attribute as far as
the parser read it; several problems in one tag are one finding, spanning them all. A quoted
value whose closing quote is missing and that swallowed the next attribute (``alt="a photo
src="a.png"``) is reported once, where the quote is missing. In a Markdown post, kramdown does not
read a tag with such problems as a tag: it prints it as text, and the message says so.

A ``<`` inside a tag, or a quote that runs past the tag's ``>``, is HT006.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.query import HtmlError, Tag
from newslint.messages import N_, Text, t
from newslint.rules.html._kramdown import kramdown_reading
from newslint.rules.html._markup import shown
from newslint.rules.html._shared import Analysis, MissingQuote, analyse, markup

_ATTRIBUTE_MESSAGES = {
    "unexpected-character-after-attribute-value": N_("no space after {attr}: separate attributes"),
    "invalid-character-in-attribute-name": N_("{char} in attribute name {attr}"),
    "invalid-character-after-attribute-name": N_("{char} after attribute name {attr}"),
    "unexpected-character-in-unquoted-attribute-value": N_(
        "{char} in unquoted value {attr}: quote it"
    ),
    "equals-in-unquoted-attribute-value": N_(
        "{char} at the start of unquoted value {attr}: quote it"
    ),
    "expected-attribute-value-but-got-right-bracket": N_("{attr} has no value"),
}
_TAG_MESSAGES = {
    "unexpected-character-after-solidus-in-tag": N_("'/' inside {tag}: it belongs to no attribute"),
    "attributes-in-end-tag": N_("attributes on end tag {tag}: end tags take none"),
    "self-closing-flag-on-end-tag": N_("'/' at the end of end tag {tag}"),
}
CODES = frozenset(_ATTRIBUTE_MESSAGES) | frozenset(_TAG_MESSAGES)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per tag with attribute-syntax errors, outside run-on tags."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    by_tag: dict[int, list[Finding]] = {}
    for error in analysis.parse.errors:
        if error.code not in CODES or error.start in analysis.unterminated:
            continue
        tag = analysis.parse.tag_at(error.start)
        if tag is None:
            continue  # the tag never ended: HT006
        quote = analysis.missing_quotes.get(tag.start)
        if quote is not None and quote.past_tag:
            continue  # HT006
        found = by_tag.setdefault(tag.start, [])
        if quote is not None:
            if not found:
                found.append(_missing_quote(text, quote))
        elif error.code in _TAG_MESSAGES:
            found.append(_tag_finding(text, error, tag))
        else:
            found.append(_attribute_finding(text, analysis, error, tag))
    if not by_tag:
        return
    reading = kramdown_reading(ctx.doc)
    for start, found in by_tag.items():
        first, last = found[0], max(found, key=lambda f: f.end)
        message: str = first.message
        if len(found) > 1:
            message = t(
                "{message} ({count} problems in this tag)", message=message, count=len(found)
            )
        if reading is not None and start in reading.printed:
            quote = analysis.missing_quotes.get(start)
            if quote is not None:  # the browser's reading of the value does not matter
                message = _quote_missing(text, quote, t("kramdown prints the tag as text"))
            else:
                message = t("{message}; kramdown prints the tag as text", message=message)
        yield Finding(first.start, last.end, message)


def _quote_missing(text: str, quote: MissingQuote, effect: Text) -> Text:
    return t(
        "{attribute} has no closing quote (missing quote): {effect}",
        attribute=shown(text[quote.start : quote.at], 30),
        effect=effect,
    )


def _missing_quote(text: str, quote: MissingQuote) -> Finding:
    """The finding for a quoted value that swallowed the next attribute."""
    swallowed = shown(text[quote.at : quote.end].strip(), 30)
    message = _quote_missing(text, quote, t('"{text}" is read as part of it', text=swallowed))
    return Finding(quote.start, quote.at, message)


def _attribute_finding(text: str, analysis: Analysis, error: HtmlError, tag: Tag) -> Finding:
    """The finding for an error inside one attribute: from its name to where it went wrong."""
    names = [a.start for a in analysis.parse.attributes(tag) if a.start < error.end]
    start = names[-1] if names else error.end - 1
    end = max(error.end, start + 1)
    if error.code == "expected-attribute-value-but-got-right-bracket":
        end -= 1  # the ">" that came instead of a value is not part of the attribute
    char = repr(text[error.end - 1])
    message = t(_ATTRIBUTE_MESSAGES[error.code], attr=text[start:end], char=char)
    return Finding(start, end, t("{message} on {tag}", message=message, tag=markup(text, tag)))


def _tag_finding(text: str, error: HtmlError, tag: Tag) -> Finding:
    """The finding for a tag-level error: the stray ``/`` or the end tag's extra part."""
    shown = markup(text, tag)
    message = t(_TAG_MESSAGES[error.code], tag=shown)
    if error.code == "unexpected-character-after-solidus-in-tag":
        slash = error.end - 1 if text[error.end - 1] == "/" else error.end - 2
        return Finding(slash, slash + 1, message)
    after_name = tag.start + 2 + len(tag.name)
    return Finding(after_name, tag.end - 1, message)
