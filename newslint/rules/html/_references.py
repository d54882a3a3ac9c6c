"""What a ``&`` in a post's text or attribute values shows, and what its author meant by it.

Browsers read character references by the HTML standard. In a Markdown post kramdown reads them
first: it writes ``&amp;`` for every ``&`` that does not start a complete reference (``&name;``,
``&#169;``), so there a reference without its ``;`` is shown as written. html5lib's reference
errors say where a ``&`` starts something like a reference in text or an attribute value (never
in code, comments or scripts); each is one of:

* ``AMBIGUOUS``: ``&``, letters and digits, ``;``, naming no character (``&8217;``, ``&nbps;``),
  the standard's *ambiguous ampersand*: shown as written everywhere;
* ``READ_AS_CHARACTER``: a ``&`` meant as text that browsers decode (``?lang=ko&region=kr`` in
  text shows ``®ion``); only in an ``.html`` post, since kramdown escapes it;
* ``NO_SEMICOLON``: a reference meant as a character, written without its ``;`` (``&nbsp``,
  ``R&eacutemi``, ``&#169``, ``&hellip``): browsers decode the old names and numbers only by
  error recovery, kramdown shows every one as written;
* ``FORBIDDEN``: a numeric reference to a code point HTML forbids (``&#128;``, ``&#0;``).

A ``&`` before a word that names nothing (``S&P 500``, ``R&D``, ``?a=1&hp=1``) is conforming,
shown as written everywhere, and none of these.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from html5lib.constants import entities

from newslint.diagnostics import Applicability, Edit, Fix
from newslint.document import Document
from newslint.html.parse import parse_html
from newslint.html.query import HtmlError, HtmlParse
from newslint.messages import t


class Kind(Enum):
    """How a reference-like ``&`` goes wrong (see the module docstring)."""

    AMBIGUOUS = "ambiguous"
    READ_AS_CHARACTER = "read as a character"
    NO_SEMICOLON = "no semicolon"
    FORBIDDEN = "forbidden code point"


@dataclass(frozen=True, slots=True)
class Reference:
    """A ``&`` that readers see otherwise than its author meant, and what to write instead."""

    kind: Kind
    start: int
    """The ``&``."""
    end: int
    """End of the reference as read (``&reg`` of ``&region``), or as written when unread."""
    in_attribute: bool
    decoded: str | None
    """The character readers see for ``text[start:end]``, or ``None`` if it is shown as written."""
    meant: str
    """The character meant (``NO_SEMICOLON``), the code point named (``FORBIDDEN``: ``U+0080``,
    or ``no valid character``), else ``""``."""
    write: str
    """What to write for ``text[start:end]`` to say what was meant."""
    certain: bool
    """Whether ``write`` surely shows what was meant (a safe fix)."""


NAMED_CODES = frozenset({"expected-named-entity", "named-entity-without-semicolon"})
NUMERIC_CODES = frozenset({"numeric-entity-without-semicolon"})
FORBIDDEN_CODES = frozenset(
    {
        "illegal-codepoint-for-numeric-entity",
        "cant-convert-numeric-entity",
        "illegal-windows-1252-entity",
        "incorrect-cr-newline-entity",
    }
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "cite", "data", "poster", "background"}
)
"""Attributes holding a URL, where a raw ``©`` cannot be meant: a ``&copy`` there is text."""

_NAMES = tuple(sorted(name[:-1] for name in entities if name.endswith(";")))
_COMPLETE = frozenset(_NAMES)
_LEGACY = frozenset(name for name in entities if not name.endswith(";"))
"""Names browsers decode even without ``;`` (``nbsp``, ``copy``, ``eacute``, …)."""
_LONGEST_LEGACY = max(map(len, _LEGACY))
_HEX = re.compile(r"[xX][0-9A-Fa-f]+")
_URL_STOP = frozenset(" \t\r\n\f<>()[]\"'")
"""What ends a URL written in text, looking back from a ``&`` in it."""


def references(doc: Document) -> Iterator[Reference]:
    """Every ``&`` in ``doc`` whose page shows otherwise than meant, in source order."""
    parse = parse_html(doc)
    kramdown = not doc.is_html_file
    seen = -1
    for error in parse.errors:
        if error.start == seen or doc.text[error.start : error.start + 1] != "&":
            continue
        found = _reference(doc.text, parse, error, kramdown)
        if found is not None:
            seen = error.start
            yield found


def _reference(text: str, parse: HtmlParse, error: HtmlError, kramdown: bool) -> Reference | None:
    """What the reference error ``error`` is about, if readers see otherwise than meant."""
    at, code = error.start, error.code
    url = _url_attribute(parse, at)
    in_attribute = url is not None
    if code in FORBIDDEN_CODES:
        number = error.data.get("charAsInt")
        named = f"U+{number:04X}" if isinstance(number, int) else t("no valid character")
        return Reference(Kind.FORBIDDEN, at, error.end, in_attribute, None, named, "", False)
    if code in NUMERIC_CODES:
        digits = text[at + 2 : error.end].lstrip("xX")
        meant = chr(int(digits, 16 if text[at + 2] in "xX" else 10))
        decoded = None if kramdown else meant
        written = text[at : error.end]
        return Reference(
            Kind.NO_SEMICOLON, at, error.end, in_attribute, decoded, meant, written + ";", True
        )
    if code in NAMED_CODES:
        in_url = url if in_attribute else _in_url(text, at)
        return _named(text, at, in_attribute, bool(in_url), kramdown)
    return None


def _named(text: str, at: int, in_attribute: bool, url: bool, kramdown: bool) -> Reference | None:
    """A ``&`` followed by letters or digits: what readers see and what was meant."""
    word_end = end_of_word(text, at + 1)
    word = text[at + 1 : word_end]
    after = text[word_end : word_end + 1]
    legacy = _legacy_end(text, at + 1, word_end)
    if legacy is None:
        if after == ";" and word:
            if text[at - 2 : at] == "\\#" and word.isdigit() and _allowed(int(word)):
                at -= 2  # "\#&8217;" (haacked.com): the "#" went astray, escaped for Markdown
            return _ambiguous(at, word_end + 1, word, in_attribute)
        if after != "=" and not url and len(word) >= 4 and word in _COMPLETE:  # "&hellip"
            meant = entities[word + ";"]
            return Reference(
                Kind.NO_SEMICOLON, at, word_end, in_attribute, None, meant, f"&{word};", True
            )
        return None
    name, rest = text[at + 1 : legacy], text[legacy:word_end]
    character = entities[name]
    following = text[legacy : legacy + 1]
    decoded = None
    if not kramdown and not (in_attribute and (following == "=" or _ascii_alnum(following))):
        decoded = character
    if _meant_as_character(character, rest, after, url):
        return Reference(
            Kind.NO_SEMICOLON, at, legacy, in_attribute, decoded, character, f"&{name};", True
        )
    if decoded is None:
        return None  # kramdown writes &amp; for it, or browsers leave it: shown as written
    certain = after == "=" or url  # a URL parameter: a raw "®" cannot be meant there
    return Reference(
        Kind.READ_AS_CHARACTER, at, legacy, in_attribute, decoded, "", f"&amp;{name}", certain
    )


def _meant_as_character(character: str, rest: str, after: str, url: bool) -> bool:
    """Whether a legacy reference was meant as its character, by what surrounds it.

    ``?a=1&region=2`` (a URL parameter), a URL attribute's ``&copy`` and ``&notify`` are text;
    ``&copy 2024``, ``&copy2024`` and ``R&eacutemi`` (an accented letter inside a word) are
    characters.
    """
    if after == "=" or url:
        return False
    return not rest or rest[0].isdigit() or character.isalpha()


def _ambiguous(at: int, end: int, word: str, in_attribute: bool) -> Reference:
    """``&word;`` naming no character: suggest the reference that was likely meant."""
    if word.isdigit() or _HEX.fullmatch(word):
        number = int(word.lstrip("xX"), 16 if word[0] in "xX" else 10)
        if _allowed(number):
            write = f"&#{word};"
            return Reference(Kind.AMBIGUOUS, at, end, in_attribute, None, "", write, True)
    near = _near_name(word)
    if near is not None:
        return Reference(Kind.AMBIGUOUS, at, end, in_attribute, None, "", f"&{near};", False)
    return Reference(Kind.AMBIGUOUS, at, end, in_attribute, None, "", f"&amp;{word};", True)


def _near_name(word: str) -> str | None:
    """The character reference name ``word`` most likely misspells, if one is close."""
    folded = [name for name in _NAMES if name.lower() == word.lower()]
    if len(folded) == 1:
        return folded[0]
    if word.lower() in folded:  # &Amp; is &amp; (not &AMP;, nor a name one letter away)
        return word.lower()
    close = difflib.get_close_matches(word, _NAMES, n=1, cutoff=0.75)
    return close[0] if close else None


def _allowed(number: int) -> bool:
    """Whether a numeric reference to ``number`` names a character HTML allows."""
    if number > 0x10FFFF or 0xD800 <= number <= 0xDFFF or 0x7F <= number <= 0x9F:
        return False
    return number >= 0x20 or chr(number) in "\t\n\f\r"


def _legacy_end(text: str, first: int, stop: int) -> int | None:
    """End of the longest name browsers decode without ``;`` at ``first``, if any.

    html5lib reports the error where its lookahead stopped (``&noti`` while trying ``&notin;``);
    the reference it decodes is the longest such name, ``&not``.
    """
    for end in range(min(stop, first + _LONGEST_LEGACY), first, -1):
        if text[first:end] in _LEGACY:
            return end
    return None


def _url_attribute(parse: HtmlParse, at: int) -> bool | None:
    """``None`` when ``at`` is in text; else whether the attribute value it is in holds a URL."""
    tag = parse.tag_around(at)
    if tag is None:
        return None
    names = [attribute for attribute in parse.attributes(tag) if attribute.start < at]
    return bool(names) and names[-1].name.lower() in URL_ATTRIBUTES


def _in_url(text: str, at: int) -> bool:
    """Whether the ``&`` at ``at`` in text continues a URL (``https://x/?a=1&copy``, a link's)."""
    start = at
    while start > max(0, at - 300) and text[start - 1] not in _URL_STOP:
        start -= 1
    return any(mark in text[start:at] for mark in "?=/")


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def end_of_word(text: str, start: int) -> int:
    """End of the ASCII letters and digits from ``start`` (the name a reference may have)."""
    end = start
    while end < len(text) and _ascii_alnum(text[end]):
        end += 1
    return end


def describe(character: str) -> str:
    """A character as a message shows it: ``"é"``, or its name when it is invisible."""
    if len(character) > 1 or (character.isprintable() and not character.isspace()):
        return f'"{character}"'
    name = unicodedata.name(character, "")
    if not name:
        return t("a control character")
    return t("a {name}", name=name.lower())


def fix(reference: Reference) -> Fix:
    """The edit that writes what was meant: safe when it surely shows that."""
    applicability = Applicability.SAFE if reference.certain else Applicability.UNSAFE
    edit = Edit(reference.start, reference.end, reference.write)
    return Fix(t("write {text}", text=reference.write), (edit,), applicability)
