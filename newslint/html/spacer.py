"""Paragraphs that hold nothing a reader sees: the spacers editors insert (``<p>&nbsp;</p>``)."""

from __future__ import annotations

from xml.etree.ElementTree import Element

BLANK = " \t\n\r\f\u00a0"
"""What counts as empty space in a paragraph's text (a no-break space too)."""
HOLLOW = frozenset({"br", "span", "b", "i", "strong", "em", "u", "font", "small"})
"""Inline elements that show nothing when they hold nothing."""


def is_empty_paragraph(paragraph: Element) -> bool:
    """Whether ``paragraph`` holds only blanks and hollow inline elements holding nothing."""
    if (paragraph.text or "").strip(BLANK):
        return False
    for node in paragraph.iter():
        if node is paragraph:
            continue
        if not isinstance(node.tag, str) or node.tag not in HOLLOW:
            return False
        if (node.text or "").strip(BLANK) or (node.tail or "").strip(BLANK):
            return False
    return True
