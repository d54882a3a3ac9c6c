"""HT014 misplaced-content: a tag or text where HTML does not allow it, moved or dropped.

A ``<td>`` or ``<tr>`` outside a table and a ``<select>`` inside a ``<select>`` are ignored; text
or a ``<p>`` directly inside ``<table>`` (not in a cell) is moved before the table ("foster
parenting"); ``<image>`` is read as ``<img>``; an HTML element inside ``<svg>`` or ``<math>``
ends it. The finding spans the tag (or the text) that was moved, ignored or rewritten; for an
ignored start tag, its end tag (ignored too, and not reported by HT001) is a related location.

In a Markdown post, block tags written inside a paragraph of Markdown text (``…입니다.<p>…</p>``)
are printed by kramdown as text, with their end tags: one finding per paragraph. A bare name
with neither attributes nor an end tag (``<main>`` quoted from a stack trace) is shown as typed,
and is not reported.

One pasted table is one defect: the tags ignored in one element (the rows and cells of a table
pasted without its ``<table>``), and what was moved out of one table (a ``<br>`` after every
cell), are one finding at the first, with the count and the others as related locations.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.query import ElementSpans, HtmlParse, Tag
from newslint.markdown.elements import VOID_ELEMENTS
from newslint.messages import t
from newslint.rules.html._kramdown import Reading, kramdown_reading
from newslint.rules.html._markup import listing
from newslint.rules.html._shared import DOCUMENT_TAGS, analyse, markup

IGNORED = frozenset(
    {
        "unexpected-start-tag-ignored",
        "unexpected-start-tag",
        "unexpected-select-in-select",
        "unexpected-input-in-select",
        "unexpected-start-tag-in-select",
        "unexpected-start-tag-in-frameset",
        "unexpected-start-tag-after-frameset",
        "unexpected-start-tag-after-body",
        "two-heads-are-not-better-than-one",
        "expected-eof-but-got-start-tag",
        "unexpected-form-in-table",
        "unexpected-cell-in-table-body",
        "unexpected-table-element-start-tag-in-select-in-table",
        "unexpected-inhead-noscript-tag",
        "unexpected-start-tag-out-of-my-head",
    }
)
MOVED = frozenset(
    {
        "unexpected-start-tag-implies-table-voodoo",
        "unexpected-char-implies-table-voodoo",
        "unexpected-hidden-input-in-table",
    }
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per group of tags (or text) the parser moved or ignored in one element,
    and per tag it rewrote."""
    text = ctx.doc.text
    analysis = analyse(ctx.doc)
    parse = analysis.parse
    groups: dict[tuple[bool, int], list[tuple[int, int, Tag | None]]] = {}
    for error in parse.errors:
        code, tag = error.code, error.tag
        if code in MOVED:
            groups.setdefault((True, error.start), []).append((error.start, error.end, tag))
        if tag is None or analysis.run_on(tag.start) or tag.start in analysis.closers:
            continue
        shown = markup(text, tag)
        if code in IGNORED and tag.name not in DOCUMENT_TAGS and not tag.matched:
            groups.setdefault((False, tag.start), []).append((tag.start, tag.end, tag))
        elif code == "unexpected-start-tag-treated-as":
            new = error.data.get("newName", "")
            message = t(
                "{tag} is not an element: browsers read it as <{name}>", tag=shown, name=new
            )
            yield Finding(tag.start, tag.end, message)
        elif code == "unexpected-html-element-in-foreign-content":
            yield Finding(tag.start, tag.end, t("{tag} inside <svg> or <math> ends it", tag=shown))
    reading = kramdown_reading(ctx.doc)
    if groups:
        printed = reading.printed if reading is not None else frozenset()
        for (moved, _), found in _by_container(parse, groups).items():
            yield _moved(text, found) if moved else _ignored(text, parse, found, printed)
    if reading is not None and reading.in_text:
        reported = {start for found in groups.values() for start, _, _ in found}
        yield from _in_markdown_text(text, parse, reading, reported)


def _in_markdown_text(
    text: str, parse: HtmlParse, reading: Reading, reported: set[int]
) -> Iterator[Finding]:
    """One finding per paragraph of Markdown text with block tags in it (``…입니다.<p>뉴스다오
    </p>``, the footer of a Tistory export), which kramdown prints as text with their end tags."""
    ends: dict[int, list[int]] = {}
    for end, start in reading.companions.items():
        ends.setdefault(start, []).append(end)
    paragraphs: dict[int, list[tuple[int, int, Tag | None]]] = {}
    for start, until in sorted(reading.in_text.items()):
        tag = parse.tag_at(start)
        if tag is None or start in reported or start in reading.in_code:
            continue
        if tag.attrs or tag.name in VOID_ELEMENTS or start in ends:
            paragraphs.setdefault(until, []).append((tag.start, tag.end, tag))
        # else a bare "<main>" in prose, with no end tag: readers see what was typed
    for found in paragraphs.values():
        start, end, _ = found[0]
        printed = sorted(e for s, _, _ in found for e in ends.get(s, ()))
        with_ends: str = ""
        if len(found) == 1:
            if printed:
                with_ends = (
                    t(", with its end tags") if len(printed) > 1 else t(", with its end tag")
                )
            message = t(
                "{tags} inside a paragraph of Markdown text (misplaced content): kramdown prints "
                "it as text{with_ends}; start it on a line of its own",
                tags=_names(text, found),
                with_ends=with_ends,
            )
        else:
            if printed:
                with_ends = (
                    t(", with their end tags") if len(printed) > 1 else t(", with their end tag")
                )
            message = t(
                "{tags} inside a paragraph of Markdown text ({count} tags, misplaced content): "
                "kramdown prints them as text{with_ends}; start them on a line of their own",
                tags=_names(text, found),
                count=len(found),
                with_ends=with_ends,
            )
        end_tags = tuple((e, t("its end tag, printed too")) for e in printed)
        yield Finding(start, end, message, related=tuple(sorted(_others(text, found) + end_tags)))


def _by_container(
    parse: HtmlParse, groups: dict[tuple[bool, int], list[tuple[int, int, Tag | None]]]
) -> dict[tuple[bool, int], list[tuple[int, int, Tag | None]]]:
    """The found places merged per kind and per element around them: what was moved out of
    one table, the tags ignored in one element (one pasted table's cells), in order."""
    elements = [spans for spans in parse.elements.values() if spans.start_tag is not None]
    extents = {
        moved: sorted(
            (spans.start_tag.start, _stop(spans))
            for spans in elements
            if spans.start_tag is not None and (not moved or spans.start_tag.name == "table")
        )
        for moved in (False, True)
    }
    merged: dict[tuple[bool, int], list[tuple[int, int, Tag | None]]] = {}
    around: dict[bool, list[tuple[int, int]]] = {False: [], True: []}
    index = {False: 0, True: 0}
    for moved, at in sorted(groups, key=lambda key: key[1]):
        ahead, stack = extents[moved], around[moved]
        while index[moved] < len(ahead) and ahead[index[moved]][0] < at:
            stack.append(ahead[index[moved]])
            index[moved] += 1
        while stack and stack[-1][1] <= at:
            stack.pop()
        container = stack[-1][0] if stack else -1
        merged.setdefault((moved, container), []).extend(groups[moved, at])
    return merged


def _stop(spans: ElementSpans) -> int:
    """Where an element ends: its end tag, where it was closed, or (still open) never."""
    if spans.end_tag is not None:
        return spans.end_tag.end
    return spans.closed_at if spans.closed_at is not None else sys.maxsize


def _names(text: str, found: list[tuple[int, int, Tag | None]]) -> str:
    """The distinct tags found, as written (``<tr>, <td>``), or ``text``; three at most."""
    names = dict.fromkeys(markup(text, tag) if tag is not None else "" for *_, tag in found)
    listed = [name or t("text") for name in names][:3]
    return listing([*listed, "…"] if len(names) > 3 else listed)


def _others(text: str, found: list[tuple[int, int, Tag | None]]) -> tuple[tuple[int, str], ...]:
    return tuple(
        (start, t("{tag} here too", tag=markup(text, tag) if tag is not None else t("text")))
        for start, _, tag in found[1:]
    )


def _moved(text: str, found: list[tuple[int, int, Tag | None]]) -> Finding:
    """One finding for what the parser moved out of one table."""
    start, end, _ = found[0]
    if len(found) > 1:
        message = t(
            "{tags} directly inside <table> ({count} times, misplaced content): "
            "browsers move them before the table",
            tags=_names(text, found),
            count=len(found),
        )
    else:
        message = t(
            "{tags} directly inside <table> (misplaced content): browsers move it before the table",
            tags=_names(text, found),
        )
    return Finding(start, end, message, related=_others(text, found))


def _ignored(
    text: str, parse: HtmlParse, found: list[tuple[int, int, Tag | None]], printed: frozenset[int]
) -> Finding:
    """One finding for the start tags the parser ignored in one element."""
    start, end, tag = found[0]
    assert tag is not None  # an ignored start tag is a tag
    table = all(e is not None and e.name in TABLE_PARTS for *_, e in found)
    where = t("outside a <table>") if table else t("not allowed here")
    if start in printed:
        effect = (
            t("kramdown prints them as text") if len(found) > 1 else t("kramdown prints it as text")
        )
    elif len(found) > 1 and table:
        effect = t("browsers ignore them, so the cells' text runs together")
    elif len(found) > 1:
        effect = t("browsers ignore these tags and their end tags")
    else:
        effect = t("browsers ignore it and its end tag")
    ends = [end_tag for *_, e in found if e is not None and (end_tag := _ignored_end(parse, e))]
    if len(found) == 1:
        related = tuple((e.start, t("its end tag, ignored too")) for e in ends)
        message = t(
            "{tag} {where} (misplaced content): {effect}",
            tag=markup(text, tag),
            where=where,
            effect=effect,
        )
        return Finding(start, end, message, related=related)
    message = t(
        "{tags} {where} ({count} tags, misplaced content): {effect}",
        tags=_names(text, found),
        where=where,
        count=len(found),
        effect=effect,
    )
    ignored_ends = tuple((e.start, t("{tag} ignored too", tag=markup(text, e))) for e in ends)
    return Finding(start, end, message, related=tuple(sorted(_others(text, found) + ignored_ends)))


TABLE_PARTS = frozenset({"caption", "col", "colgroup", "tbody", "thead", "tfoot", "tr", "td", "th"})
"""Elements that belong inside a ``<table>``."""


def _ignored_end(parse: HtmlParse, start_tag: Tag) -> Tag | None:
    """The end tag of the ignored ``start_tag``: the next tag of its name, if it is an end tag
    that closed nothing (a start tag of the name first: there is none)."""
    tag = parse.next_tag_named(start_tag.name, start_tag)
    return tag if tag is not None and tag.kind == "end" and not tag.matched else None
