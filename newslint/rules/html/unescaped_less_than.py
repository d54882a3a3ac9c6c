"""HT010 unescaped-less-than: a ``<`` that the page does not show as written.

Browsers show a ``<`` as text unless an ASCII letter, ``/``, ``!`` or ``?`` follows it, so
``a < b``, ``<3`` and a title in angle brackets (``<귀농다큐>``) are shown as written: none is
reported. (A ``<`` before a letter starts a tag, which the tag rules judge.) Two cases are:

* in a Markdown post, kramdown (which renders it first) reads a tag wherever a name in any script
  follows the ``<``: ``<귀농다큐 살어리랏다>`` becomes an element, its words attributes it writes
  back as ``살어리랏다=""``, and the element stays open to its end tag, at most to the end of the
  paragraph in Markdown text or of the post in an HTML block. Reported when readers see it: the
  added ``=""``, the end tag of an element around it printed as text (``</span>``), or Markdown
  after it left unformatted. The finding spans that tag; the safe fix writes ``&lt;`` (no browser
  reads a tag there, so text is what was meant). With its own end tag (``<리스트>…</리스트>``)
  it is not reported here: HT011 reports that end tag, which browsers hide;
* ``</>`` in an ``.html`` post, which browsers drop: reported, with no fix (kramdown shows it);
* an example of markup in a sentence, a pair of inline tags around nothing but an ellipsis
  (``Use <tt>...</tt> instead of +...+``): browsers and kramdown make it an element and hide
  both tags. The unsafe fix writes both ``<`` as ``&lt;``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.document import Document
from newslint.html.parse import parse_html
from newslint.markdown.elements import SPAN_ELEMENTS, VOID_ELEMENTS
from newslint.markdown.mask import markdown_text, mask_document
from newslint.messages import Text, t
from newslint.rules.html._markup import shown

_SPACE = r"[ \t\n\r\f\v]"
_NCNAME = r"[^\W\d][\w.\-]*"
_NAME = rf"(?:{_NCNAME}:)?{_NCNAME}"
_ATTRIBUTE = rf"{_SPACE}+(?P<attr>{_NAME})(?:{_SPACE}*={_SPACE}*(?P<value>\w+|\"[^\"]*\"|'[^']*'))?"
# kramdown's HTML_TAG_RE and HTML_TAG_CLOSE_RE: names in any script; its atomic groups written
# as (?=(?P<g>…))(?P=g), which Python before 3.11 lacks.
_START_TAG = re.compile(
    rf"<(?=(?P<name>{_NAME}))(?P=name){_SPACE}*"
    rf"(?=(?P<attrs>(?:{_ATTRIBUTE})*))(?P=attrs){_SPACE}*/?>"
)
_ANY_TAG = re.compile(rf"{_START_TAG.pattern}|</(?P<end>{_NAME}){_SPACE}*>")
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_MARKDOWN = re.compile(r"\*\*?[^\s*]|\]\(")
"""Emphasis or a link, which kramdown leaves as written inside an element it keeps raw."""
_EXAMPLE = re.compile(r"<([A-Za-z][A-Za-z0-9]*)>(?:\.\.\.|…)</\1>")
"""A tag pair around an ellipsis: an example of markup, written as if it were text."""
_WORD = re.compile(r"\w")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per ``<`` that kramdown turns into a tag readers notice, or ``</>``."""
    doc = ctx.doc
    for error in parse_html(doc).errors:
        if doc.is_html_file:
            if error.code == "expected-closing-tag-but-got-right-bracket":
                yield Finding(error.start, error.end, t('"</>" is not a tag: browsers drop it'))
        elif error.code == "expected-tag-name":
            yield from _read_as_a_tag(doc, error.start)
    yield from _markup_examples(doc)


def _markup_examples(doc: Document) -> Iterator[Finding]:
    """A finding per example of markup (``<tt>...</tt>``) outside code, which readers never see."""
    if "</" not in doc.body:
        return
    base = doc.body_start
    masked = mask_document(doc).text
    for example in _EXAMPLE.finditer(masked):
        line = masked[masked.rfind("\n", 0, example.start()) + 1 : example.start()]
        if example.group(1).lower() not in SPAN_ELEMENTS or not _WORD.search(line):
            continue  # a block (<li>...</li>, a list's step left out) or not inside a sentence
        start, end = base + example.start(), base + example.end()
        closing = base + example.start() + example.group(0).index("</")
        message = t(
            '"{example}" reads as an example of markup, but browsers make it a '
            "<{name}> element and hide both tags; write &lt; to show them",
            example=example.group(0),
            name=example.group(1),
        )
        edits = (Edit(start, start + 1, "&lt;"), Edit(closing, closing + 1, "&lt;"))
        fix = Fix(t("write &lt; twice"), edits, Applicability.UNSAFE)
        yield Finding(start, end, message, fix)


def _read_as_a_tag(doc: Document, at: int) -> Iterator[Finding]:
    """A finding if kramdown reads a tag at the ``<`` at ``at`` and readers see the effect."""
    text = doc.text
    if text[at] != "<" or not _kramdown_only(text[at + 1 : at + 2]):
        return
    tag = _START_TAG.match(text, at)
    effect = None if tag is None else _effect(doc, tag)
    if tag is not None and effect is not None:
        message = t(
            'kramdown reads "{tag}" as a tag, so {effect}: write &lt;',
            tag=shown(tag[0], 30),
            effect=effect,
        )
        yield Finding(at, tag.end(), message, Fix(t("write &lt;"), (Edit(at, at + 1, "&lt;"),)))


def _kramdown_only(char: str) -> bool:
    """Whether a tag name may start with ``char`` for kramdown but not for browsers."""
    return char == "_" or (not char.isascii() and char.isalpha())


def _effect(doc: Document, tag: re.Match[str]) -> Text | None:
    """What readers see of kramdown's reading of ``tag``, or ``None`` if nothing shows."""
    text = doc.text
    if tag["attrs"]:
        rewritten = _ATTRIBUTES.sub(_as_kramdown_writes, tag[0])
        return t("readers see {text}", text=shown(rewritten, 40))
    name = tag["name"]
    end, in_paragraph = _element_end(doc, tag.start())
    closing = re.compile(rf"</{re.escape(name)}{_SPACE}*>").search(text, tag.end(), end)
    if closing is not None:
        end = closing.start()
    open_inside: list[str] = []
    for inner in _ANY_TAG.finditer(text, tag.end(), end):
        if inner["end"] is None:
            if not inner[0].endswith("/>") and inner["name"].lower() not in VOID_ELEMENTS:
                open_inside.append(inner["name"])
        elif open_inside and open_inside[-1] == inner["end"]:
            open_inside.pop()
        else:
            return t('the "{tag}" after it shows as text', tag=inner[0])
    if in_paragraph and _MARKDOWN.search(text, tag.end(), end):
        return t("the Markdown after it in the paragraph is left unformatted")
    if not in_paragraph and _markdown_after(doc, tag.end(), end):
        return t("the rest of the post is not rendered as Markdown")
    return None


def _as_kramdown_writes(attribute: re.Match[str]) -> str:
    """An attribute as kramdown writes it back: ``name="value"``, ``name=""`` for a bare word."""
    value = attribute["value"]
    if value is None:
        value = '""'
    elif value[0] not in "\"'":
        value = f'"{value}"'
    return f" {attribute['attr']}={value}"


def _element_end(doc: Document, at: int) -> tuple[int, bool]:
    """How far an element kramdown opens at ``at`` can reach, and whether that is a paragraph.

    In Markdown text it ends with its paragraph, unless it starts the line: then it is an HTML
    block, as it is inside one, and runs to the end of the post.
    """
    runs = markdown_text(doc)
    index = bisect.bisect_right(runs, (at, len(doc.text))) - 1
    line = doc.text.rfind("\n", 0, at) + 1
    if index >= 0 and at < runs[index][1] and doc.text[line:at].strip(" "):
        return runs[index][1], True
    return len(doc.text), False


def _markdown_after(doc: Document, start: int, end: int) -> bool:
    """Whether Markdown text begins between ``start`` and ``end``."""
    runs = markdown_text(doc)
    index = bisect.bisect_left(runs, (start, start))
    return index < len(runs) and runs[index][0] < end
