"""Saying newslint's messages in the reader's language, from gettext catalogues.

The catalogues are ``newslint/locale/<lang>/LC_MESSAGES/newslint.mo``, compiled by Babel from the
``.po`` files beside them (``python scripts/messages.py``). English is the source language: its
messages need no catalogue. A message made with ``messages.t`` is translated template first, then
its arguments, so a message built of parts is translated part by part; a plain string is looked up
as it is, and said in English when the catalogue does not have it.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Mapping
from pathlib import Path

from newslint.messages import Text

SOURCE = "en"
LANGUAGES = ("en", "ko")
"""The languages newslint speaks; any other asks for English."""
DOMAIN = "newslint"
LOCALE_DIR = Path(__file__).parent / "locale"


def supported(tag: str) -> str:
    """The language newslint speaks for a language tag (``ko_KR.UTF-8`` → ``ko``), or ``""``."""
    primary = tag.strip().replace("_", "-").split("-", 1)[0].split(".", 1)[0].lower()
    return primary if primary in LANGUAGES else ""


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the environment, as gettext reads it: the first of ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG`` that is set (``LANGUAGE`` lists fallbacks); ``""`` if unsupported."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            if value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
                return ""
            return supported(value)
    return ""


class Translator:
    """Says messages in one language; English passes them through unchanged."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else SOURCE
        self._catalogue: gettext.NullTranslations = gettext.NullTranslations()
        if self.language != SOURCE:
            self._catalogue = gettext.translation(
                DOMAIN, LOCALE_DIR, languages=[self.language], fallback=True
            )

    @property
    def is_source(self) -> bool:
        """Whether this is English, in which messages are written."""
        return self.language == SOURCE

    def gettext(self, message: str) -> str:
        """``message`` (a constant) in this language."""
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of ``singular``/``plural`` for ``count`` in this language."""
        return self._catalogue.ngettext(singular, plural, count)

    def say(self, message: str) -> str:
        """``message`` in this language: a ``Text`` by its template and the arguments that are
        ``Text`` too (others are data: a tag name, a path), a plain string as a whole; English
        when the catalogue does not have it."""
        if self.is_source:
            return str(message)
        if not isinstance(message, Text):
            return self._catalogue.gettext(message)
        template = self._catalogue.gettext(message.template)
        if template is message.template and not message.args:
            return str(message)
        args = {
            key: self.say(value) if isinstance(value, Text) else value
            for key, value in message.args.items()
        }
        try:
            return template.format_map(args)
        except (KeyError, IndexError, ValueError):
            return str(message)  # a catalogue whose fields differ: English, never a crash


@functools.cache
def translator(language: str) -> Translator:
    """The translator for ``language`` (one per process)."""
    return Translator(language)
