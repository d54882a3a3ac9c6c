"""What a kind of house rule finds: a span, the values its message may quote, and a fix."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from newslint.diagnostics import Fix


class Hit(NamedTuple):
    """One match of a house rule: character offsets into ``doc.text``, the values the rule's
    ``message`` may name (``{match}``, ``{attr[src]}``, ``{value}``…) and an optional fix."""

    start: int
    end: int
    values: Mapping[str, object]
    fix: Fix | None = None


class Blanks(dict[Any, Any]):
    """Values a rule's message reads, where one that is missing (an attribute the element
    lacks, a group that took no part, a placeholder the kind does not fill) reads as empty."""

    def __missing__(self, key: object) -> str:
        return ""
