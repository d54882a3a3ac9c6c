"""The language a post is written in, for the rules of a language pack (``language: ko``).

A post's own ``lang`` (or ``locale``) key decides, with ``_config.yml`` ``defaults:`` applied;
a post that does not say is in its site's language when ``_config.yml`` names one, and is also
Korean when most of its letters are Hangul (Korean sites often keep a theme's ``lang: en``).
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

from newslint.document import Document
from newslint.frontmatter import parse
from newslint.site import SiteConfigError, defaults_for, find_site_root, load_site

SAMPLE = 4_000
"""How many characters of the body are looked at to tell the script."""
HANGUL_SHARE = 0.3
"""A post whose sampled letters are at least this share Hangul syllables is Korean."""
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u1112]")
"""A syllable, composed or decomposed (a leading consonant jamo starts one)."""
_LATIN = re.compile(r"[A-Za-z]")


def primary(tag: object) -> str:
    """The primary subtag of a language tag (``ko-KR``, ``ko_KR.UTF-8`` → ``ko``); ``""``."""
    if not isinstance(tag, str):
        return ""
    return re.split(r"[-_.@]", tag.strip(), maxsplit=1)[0].lower()


def _declared(values: dict[str, Any]) -> str:
    return primary(values.get("lang")) or primary(values.get("locale"))


def site_language(path: Path | None) -> str:
    """The language ``_config.yml`` gives the site holding ``path`` (``lang``, ``locale``)."""
    root = None if path is None else find_site_root(path)
    if root is None:
        return ""
    try:
        return _declared(load_site(root).config)
    except SiteConfigError:
        return ""


def _mostly_hangul(doc: Document) -> bool:
    """Whether at least ``HANGUL_SHARE`` of the letters of the front matter and the start of
    the body are Hangul syllables (and there are ten or more)."""
    sample = doc.text[: doc.body_start + SAMPLE]
    if _HANGUL.search(sample) is None:
        return False  # most posts of most sites: no list of letters is made
    hangul = len(_HANGUL.findall(sample))
    if hangul < 10:
        return False
    latin = len(_LATIN.findall(sample))
    return hangul >= HANGUL_SHARE * (hangul + latin)


def languages(
    doc: Document, path: Path | None, values: dict[str, Any] | None = None
) -> frozenset[str]:
    """The languages whose pack rules apply to ``doc`` (the file at ``path``, when known);
    ``values``: its front matter with ``_config.yml`` defaults applied, when the caller has it."""
    return doc.memo("languages", lambda: _languages(doc, path, values))


def _languages(doc: Document, path: Path | None, values: dict[str, Any] | None) -> frozenset[str]:
    if values is None:
        front = parse(doc)
        values = {}
        if path is not None:
            with contextlib.suppress(SiteConfigError):  # the schema rules report it
                values.update(defaults_for(path))
        if front is not None:
            values.update(front.data)
    declared = _declared(values)
    if declared:
        return frozenset({declared})
    found = {site_language(path)} - {""}
    if "ko" not in found and _mostly_hangul(doc):
        found.add("ko")
    return frozenset(found)
