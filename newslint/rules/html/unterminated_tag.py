"""HT006 unterminated-tag: a tag whose ``>`` is missing, or whose quote runs past its ``>``.

``</b고 전했습니다. … <b>``: without its ``>``, a tag runs on to the next ``>`` it finds and the
text in between is read as attribute names and disappears from the page. The finding spans the
tag up to the ``<`` where the next tag starts (or to the end of the post); that swallowed tag,
whose ``>`` ends the run-on tag, is a related location. When the lost tag was the end tag of an
element (``<b>…</b고``), the message says that element stays open and HT002 does not report it.

``<a href="/x>link</a> …"``: an attribute value whose closing quote is missing runs on to the
next quote, swallowing the tag's ``>`` and the text after it. It is reported once, where the
quote is missing, quoting the swallowed text.

In a Markdown post kramdown reads neither as a tag: it prints the tag as text, and the text is
not lost. No other rule reports on such a tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import N_, t
from newslint.rules.html._kramdown import Reading, kramdown_reading, renders_markdown, runs_on
from newslint.rules.html._markup import shown
from newslint.rules.html._shared import EOF_IN_TAG, Analysis, analyse, written


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per tag with no ``>`` of its own."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    in_markdown = renders_markdown(ctx.doc)
    reading = kramdown_reading(ctx.doc) if _needs_reading(analysis) else None
    for error in analysis.parse.errors:
        if error.code in EOF_IN_TAG:
            end = error.start + len(text[error.start : error.end].rstrip())
            name = _quote_at_end(text, error.start, end)
            if name is not None:
                yield _missing_quote_at_end(text, name, end, in_markdown)
                continue
            effect = (
                t("kramdown prints it as text") if in_markdown else t("the post ends inside it")
            )
            message = t(_TERM, tag=shown(text[error.start : end], 24), effect=effect)
            yield Finding(error.start, end, message)
    for start, missing in sorted(analysis.missing_quotes.items()):
        if missing.past_tag:
            yield _missing_quote(text, start, analysis, reading)
    for start in sorted(analysis.unterminated):
        if start not in analysis.missing_quotes:
            yield _run_on(text, start, analysis, reading)


def _needs_reading(analysis: Analysis) -> bool:
    return bool(analysis.unterminated or analysis.missing_quotes)


def _run_on(text: str, start: int, analysis: Analysis, reading: Reading | None) -> Finding:
    """The finding for the tag at ``start``, which runs on past a ``<`` to the next ``>``."""
    tag = analysis.parse.tag_at(start)
    assert tag is not None  # an unterminated tag is a tag
    lt = text.index("<", start + 1, tag.end)
    stop = start + len(text[start:lt].rstrip())
    quoted = shown(text[start:stop], 24)
    swallowed = _TAG_START.match(text, lt)
    related = (
        ()
        if swallowed is None
        else ((lt, t("{tag}> here is swallowed with it", tag=swallowed.group())),)
    )
    if reading is not None and start in reading.printed:
        effect = t("kramdown prints it as text")
    else:
        effect = t("browsers hide the text up to the next '>'")
    opened = analysis.lost_ends.get(start)
    if opened is not None:
        name = written(text, opened)
        rest = runs_on(reading, opened, name) if reading is not None else None
        if rest:
            effect = t(
                "{effect}, so <{name}> is never closed and {rest}",
                effect=effect,
                name=name,
                rest=rest,
            )
        else:
            effect = t("{effect}, so <{name}> is never closed", effect=effect, name=name)
        related = ((opened.start, t("<{name}> opened here", name=name)), *related)
    message = t(_TERM, tag=quoted, effect=effect)
    return Finding(start, stop, message, related=related)


def _missing_quote(text: str, start: int, analysis: Analysis, reading: Reading | None) -> Finding:
    """The finding for the tag at ``start``, whose quoted value ran past the tag's ``>``."""
    quote = analysis.missing_quotes[start]
    attribute = shown(text[quote.start : quote.at], 30)
    if reading is not None and start in reading.printed:
        effect = t("kramdown prints the tag as text")
    else:
        hidden = shown(text[quote.at + 1 : quote.end], 30)
        effect = t('browsers hide "{text}" in the attribute', text=hidden)
    message = t(_QUOTE, attribute=attribute, effect=effect)
    return Finding(quote.start, quote.at, message)


_OPEN_QUOTE = re.compile(r"""=[ \t\n\r\f]*(["'])""")


def _quote_at_end(text: str, start: int, end: int) -> int | None:
    """In a tag from ``start`` that runs to the end of the post, the name of the attribute
    whose quoted value never closes, if that value holds a ``>`` (its quote is missing)."""
    pos = start
    while (found := _OPEN_QUOTE.search(text, pos, end)) is not None:
        close = text.find(found.group(1), found.end(), end)
        if close < 0:
            if ">" not in text[found.end() : end]:
                return None
            name = text.rfind(" ", start, found.start()) + 1
            return max(name, start)
        pos = close + 1
    return None


def _missing_quote_at_end(text: str, name: int, end: int, in_markdown: bool) -> Finding:
    """The finding for a value from ``name`` whose quote is missing, running to the end."""
    gt = text.index(">", name, end)
    attribute = shown(text[name:gt], 30)
    if in_markdown:
        effect = t("kramdown prints the tag as text")
    else:
        effect = t("the rest of the post is hidden")
    return Finding(name, gt, t(_QUOTE, attribute=attribute, effect=effect))


_TERM = N_("{tag} is missing its '>' (unterminated tag): {effect}")
_QUOTE = N_("{attribute} has no closing quote (missing quote): {effect}")

_TAG_START = re.compile(r"</?[A-Za-z][^\s/<>]*")
"""The ``<`` and name of a tag as written."""
