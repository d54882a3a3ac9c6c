"""FM020 feature-text-mismatch: feature_text repeats the excerpt (after a heading, or a template).

Values are compared as loaded (YAML folding applied) with whitespace normalised. The fix
rewrites only the ``feature_text`` value, in the author's YAML style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.document import Document
from newslint.frontmatter import YNode, parse, quote
from newslint.messages import t

_HEADING = re.compile(r"[ \t]*#{1,6}[ \t][^\n]*(\n|$)")
_WORD = re.compile(r"\S+")
_SHOWN = 3


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a ``feature_text`` whose text is not the excerpt (or the configured template)."""
    fm = parse(ctx.doc)
    if fm is None or not fm.readable:
        return
    excerpt = fm.fields.get("excerpt")
    feature = fm.fields.get("feature_text")
    if excerpt is None or feature is None:
        return
    node = feature[1]
    if not isinstance(excerpt[1].value, str) or not isinstance(node.value, str):
        return
    excerpt_text = excerpt[1].value.strip()
    actual = node.value
    template = ctx.settings.feature_text_template
    if template is not None:
        visual = template.replace("{excerpt}", excerpt_text)
        compared, body_offset, what = visual, 0, t("the feature_text template")
    else:
        heading = _HEADING.match(actual)
        body_offset = heading.end() if heading else 0
        compared, what = excerpt_text, t("excerpt")
        visual = _with_heading(ctx.doc, node, excerpt_text)
    have = [m.group() for m in _WORD.finditer(actual, body_offset)]
    want = compared.split()
    if have == want:
        return
    pairs = enumerate(zip(have, want, strict=False))
    index = next((i for i, (a, b) in pairs if a != b), min(len(have), len(want)))
    start, end = _locate(ctx.doc, node, have, index, body_offset > 0)
    if index < len(have) and index < len(want):
        message = t(
            'feature_text does not match {what}: it has "{have}" where {what} has "{want}"',
            what=what,
            have=_words(have, index),
            want=_words(want, index),
        )
    elif index < len(want):
        message = t(
            'feature_text stops short of {what}: "{words}" is missing',
            what=what,
            words=_words(want, index),
        )
    else:
        message = t(
            'feature_text goes on after {what} ends: "{words}"',
            what=what,
            words=_words(have, index),
        )
    replacement = _render(ctx.doc, node, visual)
    fix = Fix(
        t("regenerate feature_text from the template")
        if template is not None
        else t("regenerate feature_text from excerpt"),
        (Edit(node.start, node.end, replacement),),
        Applicability.UNSAFE,  # which of the two texts is stale is the editor's call
    )
    yield Finding(start, end, message, fix)


def _words(words: list[str], index: int) -> str:
    shown = " ".join(words[index : index + _SHOWN])
    return shown + (" …" if len(words) > index + _SHOWN else "")


def _first_break(source: str, start: int) -> int:
    """Where the heading of a quoted or plain value ends (a line break or ``\\n`` escape)."""
    breaks = [i for i in (source.find("\n", start), source.find("\\n", start)) if i >= 0]
    return min(breaks) if breaks else start


def _locate(
    doc: Document, node: YNode, words: list[str], index: int, skip_heading: bool
) -> tuple[int, int]:
    """Source span of the ``index``-th word of the value (its end when the value is shorter)."""
    source = doc.text[node.start : node.end]
    cursor = 0
    if node.style in ("|", ">"):
        cursor = source.find("\n") + 1
    elif node.style in ("'", '"'):
        cursor = 1
    if skip_heading and node.style in ("|", ">"):
        cursor = source.find("\n", cursor) + 1 or len(source)
    elif skip_heading:
        cursor = source.find("#", cursor)
        cursor = source.find(" ", cursor) + 1 if cursor >= 0 else 0
        cursor = max(cursor, _first_break(source, cursor))
    # The words before ``index`` appear in order in the source.
    for word in words[:index]:
        found = source.find(word, cursor)
        if found < 0:
            return node.start, node.end
        cursor = found + len(word)
    if index < len(words):
        found = source.find(words[index], cursor)
        if found >= 0:
            return node.start + found, node.start + found + len(words[index])
        return node.start, node.end
    end = len(source.rstrip("'\""))
    return node.start + max(end - 1, 0), node.start + end


def _with_heading(doc: Document, node: YNode, excerpt: str) -> str:
    """The feature_text an author meant: its own heading line (if any), then the excerpt."""
    heading = _HEADING.match(node.value)
    if heading is None:
        return excerpt
    gap = re.match(r"\n*", node.value[heading.end() :])
    breaks = "\n" + (gap.group() if gap else "")
    if node.style == ">":
        breaks = "\n\n"
    return heading.group().rstrip("\n").strip() + breaks + excerpt


def _render(doc: Document, node: YNode, visual: str) -> str:
    """``visual`` (Markdown as the author would read it) written in ``node``'s YAML style."""
    source = doc.text[node.start : node.end]
    newline = "\r\n" if "\r\n" in doc.text[: doc.body_start] else "\n"
    if node.style in ("|", ">"):
        header, _, rest = source.partition("\n")
        header = header.rstrip("\r")
        body_lines = [line for line in rest.split("\n") if line.strip()]
        indent = (
            re.match(r"[ ]*", body_lines[0]).group()  # type: ignore[union-attr]
            if body_lines
            else "  "
        )
        if node.style == ">":
            paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", visual.strip())]
            lines: list[str] = []
            for paragraph in paragraphs:
                if lines:
                    lines.append("")
                lines.append(paragraph)
        else:
            lines = visual.strip("\n").split("\n")
        rendered = [indent + line if line.strip() else "" for line in lines]
        return header + newline + newline.join(rendered)
    flat = visual.strip()
    if node.style == "'" and "\n" not in flat:
        return "'" + flat.replace("'", "''") + "'"
    return quote(flat)
