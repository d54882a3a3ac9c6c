"""HT037 unknown-element: a start tag whose name is no HTML element.

Browsers keep an unknown element and show its content, so ``<person>`` or ``<insert language
here>`` written in prose disappears from the page, and a typo such as ``<aa href=…>`` loses
what the real element would do. Custom elements (names with a hyphen), SVG and MathML
content, obsolete elements (HT023), Office residue (``<o:p>``, HT028) and names in the
``allowed`` option are not reported. A tag with no end tag and no attribute value was most
likely meant as text: the fix (unsafe: it changes what the page shows) escapes its ``<``.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.html import parse_html
from newslint.rules.html._markup import shown, string_list
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
    """Yield a finding on each start tag of an element HTML does not define."""
    allowed = {name.lower() for name in string_list(ctx, CODE, "allowed", ())}
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    unknown = [n for n in parse.tag_names if not known_element(n) and n not in allowed]
    for element, tag in parse.authored_named(*unknown):
        name = str(element.tag)
        spans = parse.spans(element)
        written = shown(text[tag.start : tag.end], 50)
        if (spans is not None and spans.end_tag is not None) or any(tag.attrs.values()):
            # An end tag or an attribute with a value: markup with a wrong name, not text.
            guess = _guess(name)
            message = f"{written} is not an HTML element" + (f"; {guess}" if guess else "")
            yield Finding(tag.start, tag.end, message)
            continue
        message = (
            f"{written} is not an HTML element, so browsers do not show it; if it is text, "
            f"write &lt;{written[1:]}"
        )
        escape = Edit(tag.start, tag.start + 1, "&lt;")
        fix = Fix(f"write &lt;{name}… as text", (escape,), Applicability.UNSAFE)
        yield Finding(tag.start, tag.end, message, fix)


@functools.lru_cache(maxsize=1024)
def _guess(name: str) -> str:
    """ "did you mean <a>?" for a name that looks like a typo of an element's, else ""."""
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
    return f"did you mean <{best}>?" if best else ""


_BY_NAME = tuple((element, Counter(element)) for element in sorted(HTML_ELEMENTS))
"""Each element name, in order, with its letters counted (for ``_guess``)."""


def known_element(name: str) -> bool:
    """Whether ``name`` is an element browsers know, a custom element, or foreign or Office."""
    return name in KNOWN or "-" in name or name.startswith(("{", *OFFICE_PREFIXES))
