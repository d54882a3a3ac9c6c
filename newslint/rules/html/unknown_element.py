"""HT037 unknown-element: a start tag whose name is no HTML element.

Browsers keep an unknown element and show its content, so ``<person>`` or ``<insert language
here>`` written in prose disappears from the page, and a typo such as ``<aa href=…>`` loses
what the real element would do. Custom elements (names with a hyphen), SVG and MathML
content, obsolete elements (HT023), Office residue (``<o:p>``, HT028) and names in the
``allowed`` option are not reported, nor a tag missing its ``>`` (HT006) or one kramdown prints
as text in a Markdown post (``<top (required)>``: the reader sees it as written). A tag with
no end tag and no attribute value was most likely meant as text: the fix (unsafe: it changes
what the page shows) escapes its ``<``.

Tags that only wrap a line or a table cell of text, with an end tag and no attribute, are left
alone: browsers and kramdown show what is inside, so readers miss nothing (``<notextile>``
around every cell of a post converted from Textile, a generator's ``<c>`` around paragraphs).

A name is one finding per post, at its first start tag, with the count in the message and the
other start tags as related locations. Its fix (unsafe: the page then shows the text) takes them
all and writes the tags as text.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.html.parse import parse_html
from newslint.html.query import Tag
from newslint.markdown.elements import VOID_ELEMENTS
from newslint.messages import t
from newslint.rules.html._kramdown import kramdown_reading
from newslint.rules.html._markup import shown, string_list
from newslint.rules.html._shared import analyse
from newslint.rules.html.editor_residue import OFFICE_PREFIXES
from newslint.rules.html.obsolete_element import INSTEAD

CODE = "HT037"

_STANDARD = """
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input
ins kbd label legend li link main map mark math menu meta meter nav noscript object ol optgroup
option output p param picture pre progress q rp rt ruby s samp script search section select
slot small source span strong style sub summary sup svg table tbody td template textarea tfoot
th thead time title tr track u ul var video wbr
"""
HTML_ELEMENTS = frozenset(_STANDARD.split())
"""The elements of the HTML standard."""
KNOWN = HTML_ELEMENTS | frozenset(INSTEAD)
"""The names of the elements of the HTML standard and of the obsolete ones."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per name HTML does not define, at its first start tag."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    unknown = [n for n in parse.tag_names if _reported(ctx, n)]
    if not unknown:
        return
    analysis = analyse(ctx.doc)
    reading = kramdown_reading(ctx.doc)
    shown_as_text = reading.printed if reading is not None else frozenset()
    by_name: dict[str, list[_Written]] = {}
    for element, tag in parse.authored_named(*unknown):
        if analysis.run_on(tag.start) or tag.start in shown_as_text:
            continue  # a tag missing its '>' or a quote (HT006), or text on the page
        spans = parse.spans(element)
        end_tag = spans.end_tag if spans is not None else None
        by_name.setdefault(str(element.tag), []).append(_Written(tag, end_tag))
    for name, tags in by_name.items():
        if not _inert_wrappers(text, name, tags):
            yield _finding(text, name, tags)


_TAGS = re.compile(r"<[^<>]*>")


def _inert_wrappers(text: str, name: str, tags: list[_Written]) -> bool:
    """Whether every tag only wraps a line or a table cell of text (``<notextile>`` in a post
    converted from Textile, a generator's ``<c>``): readers see all that is inside, and nothing
    was meant by the name. A name written inside a sentence (``<person>`` in an XML example),
    a namespaced macro (``<typo:code>``) or a likely typo of an element that wraps content
    stays a finding (``<elink>…</elink>`` is no typo of the void ``<link>``)."""
    if ":" in name or not all(t.wrapper for t in tags):
        return False
    guess = closest_element(name)
    if guess is not None and guess not in VOID_ELEMENTS:  # a typo of an element that wraps
        return False
    for written in tags:
        start = written.tag.start
        before = text[text.rfind("\n", 0, start) + 1 : start].rsplit("|", 1)[-1]
        if _TAGS.sub("", before).strip():
            return False
    return True


class _Written(NamedTuple):
    """A start tag of an unknown element, with its end tag if the author wrote one."""

    tag: Tag
    end_tag: Tag | None

    @property
    def wrapper(self) -> bool:
        """An end tag and no attribute: it only wraps what is inside (``<notextile>``)."""
        return self.end_tag is not None and not self.tag.attrs

    @property
    def markup(self) -> bool:
        """An end tag or an attribute with a value: markup with a wrong name, not text."""
        return self.end_tag is not None or any(self.tag.attrs.values())


def _finding(text: str, name: str, tags: list[_Written]) -> Finding:
    """The finding for every start tag named ``name``: at the first, the others related."""
    first = tags[0].tag
    written = shown(text[first.start : first.end], 50)
    times = t(" ({count} times)", count=len(tags)) if len(tags) > 1 else ""
    related = tuple((w.tag.start, t("<{name}> here too", name=name)) for w in tags[1:])
    if all(w.wrapper for w in tags) and not _guess(name):
        # Inside a sentence (wrappers of whole lines or cells are left alone): most likely an
        # example of markup meant as text, such as XML in prose.
        message = t(
            "{tag} is not an HTML element{times}: browsers hide the tags and show only "
            "what is inside; if the tags are text, write &lt;{rest}",
            tag=written,
            times=times,
            rest=written[1:],
        )
        escapes = tuple(
            Edit(tag.start, tag.start + 1, "&lt;")
            for w in tags
            for tag in (w.tag, w.end_tag)
            if tag is not None
        )
        fix = Fix(
            t("write <{name}> and </{name}> as text", name=name), escapes, Applicability.UNSAFE
        )
        return Finding(first.start, first.end, message, fix, related)
    if any(w.markup for w in tags):
        guess = _guess(name)
        if guess:
            message = t(
                "{tag} is not an HTML element{times}; {guess}",
                tag=written,
                times=times,
                guess=guess,
            )
        else:
            message = t("{tag} is not an HTML element{times}", tag=written, times=times)
        return Finding(first.start, first.end, message, related=related)
    message = t(
        "{tag} is not an HTML element{times}, so browsers do not show it; if it is text, "
        "write &lt;{rest}",
        tag=written,
        times=times,
        rest=written[1:],
    )
    escapes = tuple(Edit(w.tag.start, w.tag.start + 1, "&lt;") for w in tags)
    fix = Fix(t("write &lt;{name}… as text", name=name), escapes, Applicability.UNSAFE)
    return Finding(first.start, first.end, message, fix, related)


def _reported(ctx: RuleContext, name: str) -> bool:
    """Whether this rule reports start tags named ``name`` (unknown, not allowed) when it runs."""
    if known_element(name):
        return False
    return name not in string_list(ctx, CODE, "allowed", ())


def leaves_to_it(ctx: RuleContext, name: str) -> bool:
    """Whether another rule leaves an element named ``name`` to this one, which runs and reports
    it: HT002 its missing end tag, HT001 the end tag its misspelt name left stray."""
    return CODE in ctx.enabled and _reported(ctx, name)


def _guess(name: str) -> str:
    """ "did you mean <a>?" for a name that looks like a typo of an element's, else ""."""
    best = closest_element(name)
    return t("did you mean <{name}>?", name=best) if best else ""


@functools.lru_cache(maxsize=1024)
def closest_element(name: str) -> str | None:
    """The HTML element ``name`` looks like a typo of, if any."""
    best, score = "", 0.0
    letters = Counter(name)
    for element, element_letters in _BY_NAME:
        close = 0.6 if abs(len(name) - len(element)) <= 1 else 0.75
        # The letters the two names share bound how similar they can be: skip the full
        # comparison for an element that could be neither near nor better than the best.
        bound = 2.0 * (letters & element_letters).total() / (len(name) + len(element))
        if bound < close or bound <= score:
            continue
        ratio = difflib.SequenceMatcher(None, name, element).ratio()
        if ratio >= close and ratio > score:
            best, score = element, ratio
    return best or None


_BY_NAME = tuple((element, Counter(element)) for element in sorted(HTML_ELEMENTS))
"""Each element name, in order, with its letters counted (for ``_guess``)."""


def known_element(name: str) -> bool:
    """Whether ``name`` is an element browsers know, a custom element, or foreign or Office."""
    return name in KNOWN or "-" in name or name.startswith(("{", *OFFICE_PREFIXES))
