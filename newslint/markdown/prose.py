"""The prose of a post body: what is left of it once code, Liquid and markup are blanked.

Blanked at the same offsets (line breaks kept), so a match in the prose is a span of the body:
Markdown code and Liquid (``mask_document``), HTML comments, the content of ``<pre>``,
``<code>``, ``<script>``, ``<style>``, ``<kbd>`` and ``<samp>``, and every tag with its
attributes (file names and addresses are not prose). Shared by the Korean pack and the
``pattern`` house rules.
"""

from __future__ import annotations

import re

from newslint.document import Document
from newslint.markdown.mask import mask_document

__all__ = ["prose"]

_HIDDEN = re.compile(
    r"<!--.*?-->|<(pre|code|script|style|kbd|samp)\b[^>]*>.*?</\1\s*>|<[A-Za-z/!][^<>]*>",
    re.S | re.I,
)
_NOT_EOL = re.compile(r"[^\r\n]+")


def prose(doc: Document) -> str:
    """``doc``'s body with everything but its prose blanked (offsets from ``doc.body_start``)."""

    def compute() -> str:
        text = mask_document(doc).text
        return _HIDDEN.sub(lambda m: _NOT_EOL.sub(lambda r: " " * len(r.group()), m.group()), text)

    return doc.memo("prose", compute)
