"""What a reader of a post sees as text, as spans of ``doc.text``.

The front-matter values a theme shows (``title``, ``excerpt``, ``feature_text``…) or that name
the post elsewhere (``tags``, ``author``…), and the body outside code, Liquid, tags, comments,
the content of ``<script>``/``<style>``/``<pre>``/``<code>``, Markdown link targets and
kramdown's ``{: …}`` attribute lists; the ``alt`` and ``title`` attribute values, which readers
get as text (screen readers, tooltips, a missing image), count as text too. Other attribute
values and link targets are names of files and addresses: an NFD file name there must stay as
the file is named.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from newslint.document import Document
from newslint.frontmatter import YNode, parse
from newslint.html.parse import parse_html
from newslint.yamlscalars import resolve_scalar

SHOWN_KEYS = frozenset(
    {"title", "subtitle", "excerpt", "description", "summary", "feature_text", "tagline", "lead"}
)
"""Front-matter keys whose values themes print as the post's text."""
NOT_TEXT_KEYS = frozenset(
    {
        "image",
        "feature_image",
        "thumbnail",
        "teaser",
        "cover",
        "og_image",
        "permalink",
        "redirect_from",
        "redirect_to",
        "url",
        "link",
        "canonical_url",
        "layout",
        "path",
        "file",
        "src",
        "slug",
        "date",
    }
)
"""Front-matter keys whose values are file names, addresses or settings, never text."""
TEXT_ATTRIBUTES = frozenset({"alt", "title"})
_RAW_ELEMENTS = ("script", "style", "pre", "code", "textarea", "kbd", "samp")
_MARKDOWN_NOT_TEXT = re.compile(
    r"\]\([^)\n]*\)"  # an inline link's or image's target (and its title)
    r"|^[ ]{0,3}\[[^\]\n]+\]:[^\n]*"  # a reference definition
    r"|\{:[^}\n]*\}",  # a kramdown attribute list or extension ({:toc}, {: .class})
    re.M,
)
_VALUE = re.compile(r"\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")

Span = tuple[int, int]


def value_nodes(doc: Document, *, shown_only: bool = False) -> list[tuple[str, YNode]]:
    """The front matter's string values with their top-level key, in source order: every one
    but those under ``NOT_TEXT_KEYS`` (or, with ``shown_only``, those under ``SHOWN_KEYS``)."""
    front = parse(doc)
    if front is None or front.root is None or front.root.kind != "map":
        return []
    found: list[tuple[str, YNode]] = []
    for key, value in front.root.pairs:
        name = key.value if isinstance(key.value, str) else ""
        if name in NOT_TEXT_KEYS or (shown_only and name not in SHOWN_KEYS):
            continue
        _strings(name, value, found)
    return found


def _strings(name: str, node: YNode, found: list[tuple[str, YNode]]) -> None:
    if node.kind == "scalar":
        if node.tag == "str":
            found.append((name, node))
        return
    for item in node.items:
        _strings(name, item, found)
    for key, value in node.pairs:
        if not (isinstance(key.value, str) and key.value in NOT_TEXT_KEYS):
            _strings(name, value, found)


def body_text(doc: Document, *, attributes: bool = True) -> tuple[Span, ...]:
    """The spans of the body that readers see as text, sorted and apart, with the ``alt`` and
    ``title`` values (``attributes``) or without; computed once per document."""
    if not attributes:
        return doc.memo("korean-body-text", lambda: _body_text(doc))
    return doc.memo(
        "korean-body-text-and-attributes",
        lambda: tuple(sorted(body_text(doc, attributes=False) + attribute_text(doc))),
    )


def attribute_text(doc: Document) -> tuple[Span, ...]:
    """The spans of the ``alt`` and ``title`` values of the body's tags, as written."""
    return doc.memo("korean-attribute-text", lambda: tuple(_attribute_values(doc)))


def _body_text(doc: Document) -> tuple[Span, ...]:
    base = doc.body_start
    parse = parse_html(doc)
    hidden: list[Span] = [(base + s, base + e) for s, e in parse.mask.ranges]
    hidden += [(tag.start, tag.end) for tag in parse.tags]
    hidden += [(comment.start, comment.end) for comment in parse.comments]
    for element, tag in parse.authored_named(*_RAW_ELEMENTS):
        spans = parse.spans(element)
        end = spans.closed_at if spans is not None and spans.closed_at is not None else None
        hidden.append((tag.end, len(doc.text) if end is None else end))
    if not doc.is_html_file:
        body = doc.body
        hidden += [(base + m.start(), base + m.end()) for m in _MARKDOWN_NOT_TEXT.finditer(body)]
    return tuple(_complement(hidden, base, len(doc.text)))


def _attribute_values(doc: Document) -> list[Span]:
    """The spans of the ``alt`` and ``title`` values of ``tags``, as written."""
    parse = parse_html(doc)
    text = doc.text
    spans: list[Span] = []
    for tag in parse.start_tags_with(TEXT_ATTRIBUTES):
        if parse.masked(tag.start, tag.end):
            continue
        for attribute in parse.attributes(tag):
            if attribute.name.lower() not in TEXT_ATTRIBUTES:
                continue
            m = _VALUE.match(text, attribute.end, tag.end)
            if m is not None:
                group = 1 if m.group(1) is not None else 2 if m.group(2) is not None else 3
                spans.append((m.start(group), m.end(group)))
    return spans


def _complement(hidden: list[Span], start: int, end: int) -> list[Span]:
    """The parts of ``[start, end)`` that no span of ``hidden`` covers."""
    out: list[Span] = []
    at = start
    for s, e in sorted(hidden):
        if s > at:
            out.append((at, min(s, end)))
        at = max(at, e)
    if at < end:
        out.append((at, end))
    return [(s, e) for s, e in out if s < e]


def text_spans(doc: Document, *, shown_only: bool = False) -> list[Span]:
    """Every span of ``doc.text`` a reader sees as text: front-matter values, then the body.

    When YAML cannot read the front matter there are no values; then (unless ``shown_only``)
    its lines count, after their key, but for the keys of ``NOT_TEXT_KEYS``: a title Jekyll
    drops still holds what was pasted into it."""
    spans = [(node.start, node.end) for _, node in value_nodes(doc, shown_only=shown_only)]
    block = doc.front_matter
    if not spans and not shown_only and block is not None:
        front = parse(doc)
        if front is None or front.root is None:
            spans = _unread_lines(doc.text, block.content_start, block.content_end)
    return spans + list(body_text(doc))


_KEY_LINE = re.compile(r"[ \t]*(?:- )?([A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)")


def _unread_lines(text: str, start: int, end: int) -> list[Span]:
    """The lines of front matter YAML could not read, after their key, but those whose key
    names a file, an address or a setting."""
    spans: list[Span] = []
    at = start
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        key = _KEY_LINE.match(text, at, line_end)
        if key is None:
            spans.append((at, line_end))
        elif key.group(1) not in NOT_TEXT_KEYS:
            spans.append((key.end(), line_end))
        at = line_end + 1
    return [(s, e) for s, e in spans if s < e]


def in_spans(spans: list[Span] | tuple[Span, ...], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one span of ``spans`` (sorted, apart)."""
    at = bisect.bisect_right(spans, start, key=_first) - 1
    return at >= 0 and spans[at][0] <= start and end <= spans[at][1]


def _first(span: Span) -> int:
    return span[0]


def found_in_text(
    doc: Document, pattern: re.Pattern[str], *, shown_only: bool = False
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``doc.text`` that lie in text a reader sees; the text's
    spans are worked out only when the pattern matches somewhere at all."""
    matches = list(pattern.finditer(doc.text))
    if not matches:
        return
    spans = sorted(text_spans(doc, shown_only=shown_only))
    for m in matches:
        if in_spans(spans, m.start(), m.end()):
            yield m


def changes_type(doc: Document, start: int, end: int, replacement: str) -> bool:
    """Whether writing ``replacement`` over ``[start, end)`` turns the unquoted front-matter
    value holding it into a number, date or boolean (``title: 2024`` is a number to YAML)."""
    for _, node in value_nodes(doc):
        if node.plain and node.start <= start < node.end:
            source = doc.text[node.start : node.end]
            written = source[: start - node.start] + replacement + source[end - node.start :]
            return resolve_scalar(written, True, None)[0] != "str"
    return False
