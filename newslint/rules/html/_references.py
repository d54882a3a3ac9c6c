"""Where a character-reference error sits: in text or in an attribute value, and what follows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from html5lib.constants import entities

from newslint.html import HtmlError, HtmlParse

REFERENCE_CODES = frozenset(
    {
        "expected-named-entity",
        "expected-numeric-entity",
        "expected-numeric-entity-but-got-eof",
        "named-entity-without-semicolon",
        "numeric-entity-without-semicolon",
        "illegal-codepoint-for-numeric-entity",
        "cant-convert-numeric-entity",
        "illegal-windows-1252-entity",
        "incorrect-cr-newline-entity",
    }
)


LONGEST_NAME = max(len(name) for name in entities)


@dataclass(frozen=True, slots=True)
class Reference:
    """A character-reference error: the ``&…`` html5lib read, and where it is."""

    error: HtmlError
    in_attribute: bool
    literal: bool
    """Whether the ``&`` stays a literal ``&`` (no reference was decoded)."""
    end: int
    """End of the reference as browsers read it: ``&noti`` is read as ``&not`` then ``i``."""


def references(text: str, parse: HtmlParse) -> Iterator[Reference]:
    """Every character-reference error, with its context."""
    for error in parse.errors:
        if error.code not in REFERENCE_CODES:
            continue
        in_attribute = parse.tag_around(error.start) is not None
        end = error.end
        if error.code == "named-entity-without-semicolon":
            end = named_reference_end(text, error.start)
            after = text[end : end + 1]
            literal = in_attribute and (after.isalnum() or after == "=")
        else:
            literal = error.code in ("expected-named-entity", "expected-numeric-entity")
        yield Reference(error, in_attribute, literal, end)


def named_reference_end(text: str, start: int) -> int:
    """End of the longest reference name without ``;`` that browsers match at ``&`` ``start``.

    html5lib reports the error where its lookahead stopped (``&noti`` while trying ``&notin;``);
    the reference it decodes is the longest known name, ``&not``.
    """
    first = start + 1
    stop = first
    while stop < len(text) and stop - first < LONGEST_NAME and text[stop].isalnum():
        stop += 1
    for end in range(stop, first, -1):
        if text[first:end] in entities:
            return end
    return stop


def word_after(text: str, start: int, limit: int = 16) -> str:
    """``text`` from ``start`` (an ``&``) through the letters, digits, ``#`` and ``;`` after it."""
    end = start + 1
    while end < len(text) and end - start < limit and (text[end].isalnum() or text[end] in "#;"):
        end += 1
        if text[end - 1] == ";":
            break
    return text[start:end]
