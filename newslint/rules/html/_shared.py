"""What several HTML parse-error rules need to agree on, computed once per document.

Each html5lib parse error is reported by exactly one rule. Where two errors come from one
construct, the analysis here decides which rule explains it:

* an element that a later token closed implicitly is *misnested* (HT003) when the author
  wrote its end tag after the token that closed it (``<b><i>x</b></i>``), else *unclosed*
  (HT002); the end tag written too late is then not a stray end tag (HT001);
* a tag with a ``<`` inside it is *unterminated* (HT006): its ``>`` is missing and it
  swallowed the text up to the next ``>``; no other rule reports on that tag, nor on the element
  whose end tag lost its ``>`` (``<b>x</b고 …``: the ``<b>`` is not also unclosed);
* a quoted attribute value that runs on to a later quote has a *missing quote*: HT006 reports it
  when the value swallowed the tag's ``>`` and the text after it, HT005 when it swallowed the
  next attribute (``alt="a photo src="a.png"``); no other rule reports on that tag.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from newslint.document import Document
from newslint.html.parse import parse_html
from newslint.html.query import HtmlParse, Tag
from newslint.markdown.elements import VOID_ELEMENTS
from newslint.markdown.mask import markdown_text
from newslint.rules.html._markup import extent

VOID = VOID_ELEMENTS
"""Elements that never have content or an end tag."""

EOF_IN_TAG = frozenset(
    {
        "eof-in-tag-name",
        "expected-attribute-name-but-got-eof",
        "eof-in-attribute-name",
        "expected-end-of-tag-but-got-eof",
        "expected-end-of-tag-name-but-got-eof",
        "expected-attribute-value-but-got-eof",
        "eof-in-attribute-value-double-quote",
        "eof-in-attribute-value-single-quote",
        "eof-in-attribute-value-no-quotes",
        "unexpected-EOF-after-solidus-in-tag",
        "unexpected-EOF-after-attribute-value",
    }
)
"""html5lib codes for a post that ends inside a tag (its ``>`` never comes)."""

EOF_IN_COMMENT = frozenset(
    {
        "eof-in-comment",
        "eof-in-comment-end-dash",
        "eof-in-comment-double-dash",
        "eof-in-comment-end-space-state",
        "eof-in-comment-end-bang-state",
    }
)
"""html5lib codes for a post that ends inside a comment."""

OPTIONAL_END = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "rb",
        "rt",
        "rtc",
        "rp",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
        "html",
        "head",
        "body",
    ]
)
"""Elements whose end tag may be left out: closing them implicitly is not an error."""

_NEVER_UNCLOSED = VOID | OPTIONAL_END
"""Elements that are never unclosed: they have no end tag, or may leave it out."""

DOCUMENT_TAGS = frozenset({"html", "head", "body"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def written(text: str, tag: Tag) -> str:
    """The tag's name as the author wrote it (case kept)."""
    skip = 2 if tag.kind == "end" else 1
    return text[tag.start + skip : tag.start + skip + len(tag.name)]


def markup(text: str, tag: Tag) -> str:
    """A short quotation of ``tag``: ``<b>`` or ``</b>``, attributes left out."""
    name = written(text, tag)
    return f"</{name}>" if tag.kind == "end" else f"<{name}>"


@dataclass(frozen=True, slots=True)
class Closing:
    """An element with a start tag that a later token (or the end of the body) closed."""

    start_tag: Tag
    closer: Tag | None
    """The tag that closed it; ``None`` at the end of the body or for a non-tag token."""
    at: int | None
    """Where it was closed; ``None`` when still open at the end of the body."""
    partner: Tag | None
    """The element's own end tag, written after ``at`` (misnesting); ``None`` if there is none."""
    reopenings: tuple[int, ...] = ()
    """Where the parser reopened it after ``at``: a formatting element (``<b>``, ``<a>``, …)
    left open is carried on into the following blocks."""


class MissingQuote(NamedTuple):
    """A quoted attribute value whose closing quote is missing: it ran on to a later quote."""

    start: int
    """The attribute's name."""
    at: int
    """Where the quote is missing: at the tag's ``>`` the value swallowed, or before the next
    attribute's name."""
    end: int
    """Where the value the parser read ends (its closing quote, or the end of the post)."""
    past_tag: bool
    """Whether the value swallowed the tag's ``>`` and the text after it (else an attribute)."""


class Analysis(NamedTuple):
    """The parse-error constructs of one document that more than one rule looks at."""

    parse: HtmlParse
    closings: tuple[Closing, ...]
    partners: frozenset[int]
    """Start offsets of end tags that a misnesting explains (not stray)."""
    unterminated: frozenset[int]
    """Start offsets of tags with a ``<`` inside: their ``>`` is missing."""
    closers: frozenset[int]
    """Start offsets of end tags that closed an element of another name (HT002 explains them)."""
    lost_ends: dict[int, Tag]
    """Unterminated end tag (its start offset) → the start tag it was meant to close."""
    missing_quotes: dict[int, MissingQuote]
    """Tag (its start offset) → its attribute value with a missing closing quote."""

    def run_on(self, start: int) -> bool:
        """Whether the tag at ``start`` lost its end (a ``>`` or a quote): HT005/HT006 say so."""
        return start in self.unterminated or start in self.missing_quotes


def analyse(doc: Document) -> Analysis:
    """The shared analysis of ``doc``'s HTML, computed once."""
    return doc.memo("html-error-analysis", lambda: _analyse(doc.text, parse_html(doc)))


_LT_IN_TAG = frozenset(
    {
        "invalid-character-in-attribute-name",
        "invalid-character-after-attribute-name",
        "unexpected-character-in-unquoted-attribute-value",
        "expected-attribute-value-but-got-right-bracket",
    }
)


def _analyse(text: str, parse: HtmlParse) -> Analysis:
    unterminated = frozenset(
        error.start
        for error in parse.errors
        if error.code in _LT_IN_TAG
        and parse.tag_at(error.start) is not None
        and text[error.end - 1] == "<"
    )
    closings: list[Closing] = []
    partners: set[int] = set()
    reopened = _ReopenedEnds(parse)
    unended = parse.unended(skip=_NEVER_UNCLOSED)
    open_with_gt = [
        spans.start_tag.start
        for _, spans in unended
        if spans.start_tag is not None and any(">" in v for v in spans.start_tag.attrs.values())
    ]
    missing_quotes = _missing_quotes(text, parse, unterminated, open_with_gt)
    for element, spans in unended:
        start = spans.start_tag
        if (
            start is None
            or start.self_closing
            or start.start in unterminated
            or start.start in missing_quotes
        ):
            continue
        at = spans.closed_at
        closer = parse.tag_at(at) if at is not None else None
        if closer is start:
            continue
        partner = None
        if at is not None:
            partner = _partner(parse, closer, start.name, reopened)
            if partner is not None and not partner.matched:
                partners.add(partner.start)
        closings.append(Closing(start, closer, at, partner, parse.reopenings(element)))
    closings.sort(key=lambda c: c.start_tag.start)
    partners.update(_swallowed_ends(text, parse, unterminated))
    lost_ends = _lost_ends(parse, unterminated, closings)
    if lost_ends:
        meant = {tag.start for tag in lost_ends.values()}
        closings = [c for c in closings if c.start_tag.start not in meant]
    closers = frozenset(
        c.closer.start for c in closings if c.closer is not None and c.closer.kind == "end"
    )
    return Analysis(
        parse,
        tuple(closings),
        frozenset(partners),
        unterminated,
        closers,
        lost_ends,
        missing_quotes,
    )


def _lost_ends(
    parse: HtmlParse, unterminated: frozenset[int], closings: list[Closing]
) -> dict[int, Tag]:
    """Unterminated end tags that were meant to close an element left open (``<b>x</b고 …``,
    read as an end tag named ``b고``), with the start tag of that element."""
    found: dict[int, Tag] = {}
    for start in sorted(unterminated):
        tag = parse.tag_at(start)
        if tag is None or tag.kind != "end":
            continue
        for closing in reversed(closings):
            opened = closing.start_tag
            rest = tag.name[len(opened.name) :]
            if (
                opened.start < start
                and (closing.at is None or closing.at > start)
                and tag.name.startswith(opened.name)
                and not (rest and rest[0].isascii())
                and opened not in found.values()
            ):
                found[start] = opened
                break
    return found


_QUOTE_CLUES = frozenset(
    {
        "unexpected-character-after-attribute-value",
        "invalid-character-in-attribute-name",
        "invalid-character-after-attribute-name",
        "unexpected-character-after-solidus-in-tag",
        "unexpected-character-in-unquoted-attribute-value",
    }
)
"""html5lib codes raised after a quoted value that ran on: the text after it is junk."""
_NEXT_NAME = re.compile(r"[ \t\n\r\f]+[A-Za-z_:][\w:.-]*=[ \t\n\r\f]*\Z")
"""The end of a value that swallowed the next attribute's name: `` src=``."""


def _junk_after(text: str, at: int, end: int) -> bool:
    """Whether what follows a quoted value at ``at`` is neither space nor the tag's end."""
    return at < end and text[at] not in " \t\n\r\f>" and not text.startswith("/>", at)


def _missing_quotes(
    text: str, parse: HtmlParse, unterminated: frozenset[int], unclosed: list[int]
) -> dict[int, MissingQuote]:
    """The tags with a quoted value that ran on to a later quote, by their start offset.

    A value that holds a ``>`` swallowed the tag's end, when the tag also has junk after the
    value (a parse error) or a ``<`` in the value; a value ending in `` name=`` followed by junk
    swallowed the next attribute. Only tags with such an error, or ``unclosed`` start tags with
    a ``>`` in a value, are looked at.
    """
    clues = dict.fromkeys(unclosed, False)
    for error in parse.errors:
        if error.code in _QUOTE_CLUES:
            clues[error.start] = True
    clues.update(dict.fromkeys(unterminated, True))
    found: dict[int, MissingQuote] = {}
    for start, junk in clues.items():
        tag = parse.tag_at(start)
        if tag is None or tag.kind != "start":
            continue
        for attribute in parse.attributes(tag):
            where = extent(text, attribute)
            if where.value_start == where.end or text[where.value_start - 1] not in "\"'":
                continue  # no value, or not quoted
            value = text[where.value_start : where.value_end]
            gt = value.find(">")
            if gt >= 0 and (junk or "<" in value[gt:]):
                found[start] = MissingQuote(
                    attribute.start, where.value_start + gt, where.value_end, True
                )
                break
            name = _NEXT_NAME.search(value)
            if name is not None and _junk_after(text, where.end, tag.end):
                found[start] = MissingQuote(
                    attribute.start, where.value_start + name.start(), where.value_end, False
                )
                break
    return found


def _swallowed_ends(text: str, parse: HtmlParse, unterminated: frozenset[int]) -> Iterator[int]:
    """End tags left stray because an unterminated tag swallowed their start tag, or was
    itself their start tag (``<code. <span>…</code>``: read as an element named ``code.``)."""
    for start in unterminated:
        tag = parse.tag_at(start)
        assert tag is not None  # an unterminated tag is a tag
        meant = tag.name.rstrip(".,;:!?")
        if tag.kind == "start" and meant != tag.name and meant:
            later = parse.next_tag_named(meant, tag)
            if later is not None and later.kind == "end" and not later.matched:
                yield later.start
        lt = text.index("<", start + 1, tag.end) + 1
        stop = lt
        while stop < tag.end and text[stop].isalnum():
            stop += 1
        later = parse.next_tag_named(text[lt:stop].lower(), tag)
        if later is not None and later.kind == "end" and not later.matched:
            yield later.start


class _ReopenedEnds:
    """Start offsets of the end tags that closed an element the parser created itself (implied,
    or a formatting element it reopened), worked out on first use: few posts need them."""

    def __init__(self, parse: HtmlParse) -> None:
        self._parse = parse
        self._found: frozenset[int] | None = None

    def __contains__(self, start: int) -> bool:
        if self._found is None:
            self._found = frozenset(
                spans.end_tag.start
                for spans in self._parse.elements.values()
                if spans.end_tag is not None and spans.start_tag is None
            )
        return start in self._found


def _partner(parse: HtmlParse, after: Tag | None, name: str, reopened: _ReopenedEnds) -> Tag | None:
    """The next ``</name>`` after the tag ``after`` (from the first tag when ``None``), if it
    closes no element the author opened.

    A start tag of the same name first means the author moved on: there is no partner.
    """
    tag = parse.next_tag_named(name, after)
    if tag is None or tag.kind == "start":
        return None
    return tag if not tag.matched or tag.start in reopened else None


def attribute_end(text: str, tag: Tag, following: int | None) -> int:
    """Where an attribute ends: before the whitespace ahead of ``following`` (the next
    attribute's start) or, for the last one, before the tag's ``/>`` or ``>``."""
    end = following if following is not None else tag.end - 1
    if following is None and tag.self_closing and text[end - 1] == "/":
        end -= 1
    while end > tag.start and text[end - 1] in " \t\n\r\f":
        end -= 1
    return end


def in_markdown_text(doc: Document, offset: int) -> bool:
    """Whether ``offset`` is Markdown text, which kramdown escapes itself (``&``, ``<``).

    In a Markdown post, text outside the raw HTML blocks (as the masker finds them, by kramdown's
    rules) is Markdown: kramdown turns a bare ``&`` or ``<`` there into ``&amp;`` or ``&lt;``.
    Inside an HTML block, and anywhere in an ``.html`` post, the text reaches the page as written.
    """
    runs = markdown_text(doc)
    index = bisect.bisect_right(runs, (offset, len(doc.text))) - 1
    return index >= 0 and offset < runs[index][1]
