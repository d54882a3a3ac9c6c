"""What the residue rules (KO011 to KO014) share: the body's headings as kramdown reads them, and
the text a reader sees in a bit of markup.

An HTML heading is an ``<h1>`` to ``<h6>`` element the author wrote (outside code and Liquid). A
Markdown heading (ATX, ``## 제목``) is a line of Markdown text that starts with one to six ``#``
after a blank line or at the start of the body: kramdown reads a ``##`` line right after text,
a tag or another heading as part of a paragraph, and prints the ``#`` marks.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from newslint.document import Document
from newslint.html.parse import parse_html
from newslint.markdown.mask import markdown_text

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]*([^ \t\r\n#][^\r\n]*?)[ \t]*#*[ \t]*\r?$", re.M)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class Heading(NamedTuple):
    """A heading of the body: its level, the span of its markup and the text readers see."""

    level: int
    start: int
    end: int
    text: str


def plain(markup: str) -> str:
    """``markup`` as a reader sees it: tags and Markdown emphasis marks dropped, references
    decoded, white space collapsed."""
    text = html.unescape(_TAG.sub("", markup)).replace("**", "").replace("__", "")
    return _SPACE.sub(" ", text).strip()


def shown(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters for a message, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def headings(doc: Document) -> tuple[Heading, ...]:
    """The body's headings in source order, HTML and Markdown; computed once per document."""
    return doc.memo("korean-headings", lambda: _headings(doc))


def _headings(doc: Document) -> tuple[Heading, ...]:
    text = doc.text
    parse = parse_html(doc)
    found: list[Heading] = []
    for element, tag in parse.authored_named(*_HEADINGS):
        spans = parse.spans(element)
        if spans is None or spans.end_tag is None:
            continue  # left open: where it ends is the browser's guess
        end = spans.end_tag.end
        if parse.masked(tag.start, end):
            continue
        words = plain(text[tag.end : spans.end_tag.start])
        found.append(Heading(int(element.tag[1]), tag.start, end, words))
    if not doc.is_html_file:
        for start, end in markdown_text(doc):
            for m in _ATX.finditer(text, start, end):
                if _opens_block(text, m.start(), doc.body_start):
                    found.append(Heading(len(m.group(1)), m.start(), m.end(), plain(m.group(2))))
    found.sort(key=lambda heading: heading.start)
    return tuple(found)


def _opens_block(text: str, at: int, body_start: int) -> bool:
    """Whether the line starting at ``at`` follows a blank line or starts the body."""
    if at <= body_start:
        return True
    before = text.rfind("\n", body_start, at - 1)
    line = text[before + 1 if before >= 0 else body_start : at - 1]
    return not line.strip()
