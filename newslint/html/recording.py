"""What one html5lib parse records: flat lists of offsets, names and flags, and their values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree.ElementTree import Element

from html5lib.constants import tokenTypes

Token = dict[str, Any]
"""An html5lib token: a dict (tokenizer errors are also stamped with ``nl_start``/``nl_end``)."""
START = tokenTypes["StartTag"]
END = tokenTypes["EndTag"]
TAG_TYPES = frozenset({START, END})
IS_START = 1
SELF_CLOSING = 2
NONE = -1
"""No tag: an element's start tag index when the parser implied it, its end tag index when none
closed it."""
OPEN = -2
"""Where an element was closed when nothing closed it."""


class Recording:
    """What one parse records, kept apart from html5lib's objects so they can be freed at once.

    Flat lists of numbers and strings: per tag (in source order) its offsets, name and flags
    (``IS_START``, ``SELF_CLOSING``) and whether it did something (``matched``); the errors as
    ``(code, datavars, start, end, tag index)``; the comments as ``(start, end, data)``; per
    ElementTree element (``elements``, in creation order) its start tag index, end tag index
    (``NONE``: none), where it was closed (``OPEN`` or an offset) and how many tags had been
    read when it was created; ``created``, the element each start tag created; and each
    reopening of a formatting element as ``(index of the element the author opened, index of
    the copy, offset of the token that reopened it)``. ``current`` is the token the parser is
    processing (``None`` once the tokens ran out).
    """

    __slots__ = (
        "comments",
        "created",
        "current",
        "el_born",
        "el_closed",
        "el_end",
        "el_start",
        "elements",
        "errors",
        "matched",
        "reopened",
        "tag_end",
        "tag_flags",
        "tag_name",
        "tag_start",
    )

    def __init__(self) -> None:
        self.current: Token | None = None
        self.tag_start: list[int] = []
        self.tag_end: list[int] = []
        self.tag_name: list[str] = []
        self.tag_flags = bytearray()
        self.matched = bytearray()
        self.errors: list[tuple[str, Mapping[str, Any], int, int, int]] = []
        self.comments: list[tuple[int, int, str]] = []
        self.elements: list[Element] = []
        self.created: dict[int, Element] = {}
        self.el_start: list[int] = []
        self.el_end: list[int] = []
        self.el_closed: list[int] = []
        self.el_born: list[int] = []
        self.reopened: list[tuple[int, int, int]] = []
