"""The HTML parse of a post's masked body (memoised per document), or of any text as a fragment."""

from __future__ import annotations

import functools

from newslint.document import Document
from newslint.html.offsets import Offsets, normalise_newlines
from newslint.html.parser import SpanParser
from newslint.html.query import HtmlParse
from newslint.html.recording import Recording
from newslint.markdown.mask import Mask, mask_document

__all__ = ["MAX_MARKUP", "parse_fragment", "parse_html"]

MAX_MARKUP = 100_000
"""A body with more ``<`` than this outside code is not parsed (``HT038``): a real post has a
few thousand at most, and parsing a million tags takes half a minute and over a gigabyte."""


def parse_html(doc: Document) -> HtmlParse:
    """The HTML parse of ``doc``'s masked body, computed once per document and shared."""
    return doc.memo("html", lambda: _parse_document(doc))


def _parse_document(doc: Document) -> HtmlParse:
    mask = mask_document(doc)
    markup = mask.text.count("<")
    if markup > MAX_MARKUP:  # not parsed: an empty body, and HT038 says why
        parsed = parse_fragment("", offset=doc.body_start, mask=mask)
        parsed.unparsed_markup = markup
        return parsed
    return parse_fragment(mask.text, offset=doc.body_start, mask=mask)


def parse_fragment(text: str, *, offset: int = 0, mask: Mask | None = None) -> HtmlParse:
    """Parse ``text`` as the content of a ``<div>``; offsets in the result are ``offset`` + index.

    ``mask`` (the mask ``text`` came from, if any) is only carried into the result.
    """
    normal, dropped = normalise_newlines(text)
    rec = Recording()
    root = _parser().parse_text(normal, rec)
    return HtmlParse(root, normal, Offsets(offset, dropped), mask or Mask(text, ()), rec)


@functools.cache
def _parser() -> SpanParser:
    """This process's parser: html5lib parsers are reusable, and building one costs a tenth of
    parsing a typical post."""
    return SpanParser()
