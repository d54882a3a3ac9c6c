"""Messages that can be said in another language: English text that remembers its template.

A rule writes ``t("closing tag </{name}> has nothing to close", name=name)``: the result is the
English message, a ``str`` like any other, that also keeps its template and arguments, so a
report can look the template up in a translation catalogue (``newslint/locale``) and fill in the
same arguments. Arguments that are themselves ``Text`` are translated too, so a message made of
parts (``t("{what}: {effect}", what=..., effect=...)``) is translated part by part.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Text(str):
    """An English message with the template and arguments it was made from."""

    template: str
    args: Mapping[str, str | int | Text]

    def __new__(cls, template: str, args: Mapping[str, str | int | Text]) -> Text:
        value = template.format_map(args) if args else template
        made = super().__new__(cls, value)
        made.template = template
        made.args = args
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.template, dict(self.args)))


def t(template: str, /, **args: str | int | Text) -> Text:
    """The message ``template`` with ``args`` filled in (``str.format`` fields by name)."""
    return Text(template, args)


def N_(template: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Mark a constant for translation where it is written; it is looked up when said."""
    return template
