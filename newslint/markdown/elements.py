"""The HTML element names kramdown treats apart: span-level elements and void elements."""

from __future__ import annotations

# kramdown's span-level elements: a line starting with one of them is a paragraph, not an HTML
# block. Elements without a body end their block on the line that opens it.
SPAN_NAMES = (
    "a",
    "abbr",
    "acronym",
    "b",
    "big",
    "bdo",
    "br",
    "button",
    "cite",
    "code",
    "del",
    "dfn",
    "em",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "mark",
    "option",
    "q",
    "rb",
    "rbc",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "samp",
    "select",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "tt",
    "u",
    "var",
)
SPAN_ELEMENTS = frozenset(SPAN_NAMES)
"""kramdown's span-level elements (its HTML_SPAN_ELEMENTS)."""

VOID_ELEMENTS = frozenset(  # elements that never have content or an end tag
    [
        "area",
        "base",
        "br",
        "col",
        "command",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
