"""HT001 stray-end-tag: an end tag that closes no open element.

Browsers drop such a tag, so it betrays markup that is not what the author meant (a deleted
``<b>`` whose ``</b>`` stayed); in a Markdown post kramdown prints it on the page as text, and the
message says which. An end tag that closes an element for browsers but nothing for kramdown
(``<p></ul></p>``) is reported too, since kramdown prints it. Not reported, because nothing shows
on the page: a stray ``</p>`` that kramdown passes on (browsers make it an empty paragraph, which
takes no room), the end tag of a void element it passes on (``</param>``, ``</embed>`` in embed
code), and an end tag kramdown shows as written in a ``<pre>`` or ``<code>`` sample.

The finding spans the end tag; when an element of that name was open earlier but was closed by
another tag (``<td>`` closed by a ``<td>``), the finding says so and points at both. An end tag
written after the tag that closed its element (``<b><i>x</b></i>``) is left to HT003 (misnested
tags), a tag missing its ``>`` to HT006, the end tag of an ignored start tag (``<td>`` outside a
table) to HT014, the end tag of an element whose start tag has a typo in its name (``<aa
href=…>…</a>``) to HT037, and ``</html>``, ``</head>``, ``</body>`` to HT012 (document tags in a
post).

The fix removes the end tag's characters and nothing else (``</br>``, which browsers read as
``<br>``, becomes ``<br>``): the page is the same, since browsers ignore the tag. There is none
for an end tag kramdown matches (``<td><td>…</td></td>``): without it kramdown would leave its
element open.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.html.query import HtmlParse, Tag
from newslint.messages import t
from newslint.rules.html import unknown_element
from newslint.rules.html._kramdown import html_pairs, kramdown_reading
from newslint.rules.html._shared import DOCUMENT_TAGS, VOID, Analysis, analyse, markup, written
from newslint.rules.html.unknown_element import closest_element

# html5lib codes raised for an end tag that the tree construction then ignores.
STRAY_CODES = frozenset(
    {
        "unexpected-end-tag",
        "end-tag-too-early",
        "end-tag-too-early-ignored",
        "end-tag-too-early-named",
        "adoption-agency-1.1",
        "adoption-agency-1.2",
        "adoption-agency-4.4",
        "unexpected-end-tag-treated-as",
        "unexpected-end-tag-in-table-body",
        "unexpected-end-tag-in-table-row",
        "unexpected-end-tag-in-select",
        "unexpected-end-tag-implies-table-voodoo",
        "unexpected-end-tag-after-body",
        "unexpected-end-tag-after-body-innerhtml",
        "unexpected-end-tag-before-html",
        "unexpected-end-tag-in-frameset",
        "unexpected-end-tag-after-frameset",
        "expected-eof-but-got-end-tag",
        "unexpected-table-element-end-tag-in-select-in-table",
        "unexpected-cell-end-tag",
        "unexpected-implied-end-tag-in-table-row",
    }
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per end tag the parser ignored because nothing it names is open."""
    analysis = analyse(ctx.doc)
    parse = analysis.parse
    text = ctx.doc.text
    earlier = _Earlier(parse)
    reported: set[int] = set()
    for error in parse.errors:
        tag = error.tag
        if (
            tag is None
            or tag.kind != "end"
            or tag.matched
            or error.code not in STRAY_CODES
            or tag.name in DOCUMENT_TAGS
            or tag.start in reported
            or tag.start in analysis.partners
            or analysis.run_on(tag.start)
            or tag.start in analysis.closers
            or earlier.ignored_start(tag) is not None
            or _typo_start(ctx, analysis, tag)
        ):
            continue
        reported.add(tag.start)
        reading = kramdown_reading(ctx.doc)
        printed = reading is not None and tag.start in reading.printed
        if reading is not None and (
            tag.start in reading.in_code or tag.start in reading.companions
        ):
            continue  # shown in a code sample as written, or the end of a block tag HT014 reports
        if not printed and (tag.name == "p" or (tag.name in VOID and tag.name != "br")):
            continue  # an empty paragraph, which takes no room on the page; </embed> is ignored
        matched = reading is not None and not printed
        yield _finding(earlier, tag, text, printed, matched=matched)
    yield from _stray_for_kramdown(ctx, analysis, earlier, reported)


def _stray_for_kramdown(
    ctx: RuleContext, analysis: Analysis, earlier: _Earlier, reported: set[int]
) -> Iterator[Finding]:
    """End tags that close an element for browsers but nothing for kramdown, which prints them
    (``<p></ul></p>``: the ``<p>`` is open, no ``<ul>``), unless another finding explains them:
    the end tag of a block tag printed in Markdown text (HT014), a misnesting (HT003), an
    element left open (HT002), a start tag kramdown printed (HT005, HT006)."""
    reading = kramdown_reading(ctx.doc)
    if reading is None or not reading.stray:
        return
    explained = analysis.closers | analysis.partners | reading.in_code | reading.companions.keys()
    pairs = html_pairs(ctx.doc)
    for start in sorted(reading.stray - explained):
        tag = analysis.parse.tag_at(start)
        if (
            tag is None
            or not tag.matched
            or start in reported
            or analysis.run_on(start)
            or pairs.get(start) in reading.printed  # kramdown printed its start tag: a cascade
        ):
            continue
        yield _finding(earlier, tag, ctx.doc.text, printed=True)


def _finding(
    earlier: _Earlier, tag: Tag, text: str, printed: bool, matched: bool = False
) -> Finding:
    """The finding for stray ``tag``; ``printed`` when kramdown prints it as text, ``matched``
    when kramdown closes an element with it (removing it would leave that element open, so
    there is no fix)."""
    name = written(text, tag)
    remove = None if matched else Fix(t("remove </{name}>", name=name), (Edit(tag.start, tag.end),))
    if tag.name == "br":
        to_br = Fix(t("write <br>"), (Edit(tag.start, tag.end, "<br>"),))
        if printed:
            message = t(
                "</{name}> is not a tag (write <br>): kramdown prints it as text", name=name
            )
        else:
            message = t("</{name}> is not a tag: browsers read it as <br>", name=name)
        return Finding(tag.start, tag.end, message, to_br)
    stray = t("closing tag </{name}> has nothing to close (stray end tag)", name=name)
    effect = t("kramdown prints it as text") if printed else t("browsers ignore it")
    if tag.name in VOID:
        message = t(
            "{message}: <{name}> takes no closing tag; {effect}",
            message=stray,
            name=name,
            effect=effect,
        )
        return Finding(tag.start, tag.end, message, remove)
    closed = earlier.closed_before(tag)
    if closed is not None:
        opened, closed_at = closed
        closer = earlier.parse.tag_at(closed_at)
        by = markup(text, closer) if closer is not None else t("the parser")
        related = (
            (opened, t("<{name}> opened here", name=name)),
            (closed_at, t("and closed here")),
        )
        message = t(
            "{message}: {by} closed the <{name}> before it; {effect}",
            message=stray,
            by=by,
            name=name,
            effect=effect,
        )
        return Finding(tag.start, tag.end, message, remove, related)
    message = t("{message}: {effect}", message=stray, effect=effect)
    return Finding(tag.start, tag.end, message, remove)


def _typo_start(ctx: RuleContext, analysis: Analysis, tag: Tag) -> bool:
    """Whether the end tag closes an element whose start tag has a typo in its name (``<aa
    href=…>…</a>``, ``<llinks>…</links>``): HT037 reports the start tag."""
    for closing in reversed(analysis.closings):
        opened = closing.start_tag
        if opened.start > tag.start or not (closing.at is None or closing.at > tag.start):
            continue
        if unknown_element.leaves_to_it(ctx, opened.name) and (
            closest_element(opened.name) == tag.name
            or SequenceMatcher(None, opened.name, tag.name).ratio() >= 0.8
        ):
            return True
    return False


class _Earlier:
    """What came before an end tag, gathered once per file when first asked (a long post has
    many stray tags and tens of thousands of others)."""

    def __init__(self, parse: HtmlParse) -> None:
        self.parse = parse
        self._starts: dict[str, tuple[list[int], list[bool]]] = {}
        self._closed: dict[str, list[tuple[int, int]]] | None = None

    def ignored_start(self, tag: Tag) -> int | None:
        """Offset of an ignored start tag of the same name since the last one that took
        effect."""
        found = self._starts.get(tag.name)
        if found is None:
            named = self.parse.start_tags_named(tag.name)
            found = self._starts[tag.name] = ([t.start for t in named], [t.matched for t in named])
        starts, matched = found
        last = bisect.bisect_left(starts, tag.start) - 1
        return starts[last] if last >= 0 and not matched[last] else None

    def closed_before(self, tag: Tag) -> tuple[int, int] | None:
        """Start and closing offsets of the latest element named like ``tag`` closed before it
        by another tag."""
        if self._closed is None:
            self._closed = defaultdict(list)
            for _, spans in self.parse.unended():
                start_tag, closed_at = spans.start_tag, spans.closed_at
                if start_tag is not None and closed_at is not None:
                    self._closed[start_tag.name].append((start_tag.start, closed_at))
        best: tuple[int, int] | None = None
        for start, closed_at in self._closed.get(tag.name, ()):
            if closed_at <= tag.start and (best is None or start > best[0]):
                best = (start, closed_at)
        return best
