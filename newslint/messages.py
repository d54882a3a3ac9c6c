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
        value = template.format_map(args)
        made = super().__new__(cls, value)
        made.template = template
        made.args = args
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.template, dict(self.args)))


Data = str | int | list[Any]
"""A message as JSON-ready data: a plain string or number, or ``[template, {name: data}]``."""


def to_data(message: str | int) -> Data:
    """``message`` as JSON-ready data that ``from_data`` turns back into the same ``Text``."""
    if not isinstance(message, Text):
        return message
    return [message.template, {key: to_data(value) for key, value in message.args.items()}]


def from_data(data: Data) -> str | int | Text:
    """The message ``to_data`` made ``data`` of; raises ``ValueError`` for malformed data."""
    if isinstance(data, (str, int)):
        return data
    if not isinstance(data, list) or len(data) != 2 or not isinstance(data[1], dict):
        raise ValueError(f"not a message: {data!r}")
    template, args = data
    return Text(str(template), {str(key): from_data(value) for key, value in args.items()})


def t(template: str, /, **args: str | int | Text) -> Text:
    """The message ``template`` with ``args`` filled in (``str.format`` fields by name)."""
    return Text(template, args)


def N_(template: str) -> str:
    """Mark a constant for translation where it is written; it is looked up when said."""
    return template
