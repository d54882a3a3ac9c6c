"""YAML 1.1 scalars typed as Jekyll's Psych types them: text, numbers, booleans, dates, null.

Nothing is constructed from a tag: a standard tag or YAML 1.1's implicit rules give the type, and
a scalar shaped like a number or a date that is not one stays text, as Psych keeps it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

TAG_PREFIX = "tag:yaml.org,2002:"
"""What a ``!!name`` tag expands to: ``!!str`` is ``tag:yaml.org,2002:str``."""
STANDARD_TAGS = {
    f"{TAG_PREFIX}{name}": name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "merge")
}
"""The scalar tags a safe loader knows, by the type they name."""
_RESOLVER = yaml.resolver.Resolver()

_PSYCH_DATE = re.compile(r"^(\d{4})-(1[012]|0\d|\d)-([12]\d|3[01]|0\d|\d)$")
_PSYCH_TIME = re.compile(
    r"^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)(?:\.(\d*))?"
    r"(?:\s*(Z|[-+]\d{1,2}):?(\d\d)?)?$"
)
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


def _text_starts() -> frozenset[str]:
    """ASCII characters that begin no typed plain scalar: such a scalar is read as text.

    Not a resolver's first character (nor one of a wildcard resolver), not a digit or ``-``
    (a Psych date or time), nor a letter that lowers to the first letter of a boolean.
    """
    resolvers = _RESOLVER.yaml_implicit_resolvers
    if None in resolvers:
        return frozenset()
    initials = {word[0] for word in _BOOLS}
    return frozenset(
        ch
        for ch in map(chr, range(0x21, 0x7F))
        if ch not in resolvers and not ch.isdigit() and ch != "-" and ch.lower() not in initials
    )


TEXT_STARTS = _text_starts()
"""First characters of a plain scalar that is text whatever follows (no resolver needed)."""


def _int(text: str) -> int:
    text = text.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text == "0":
        return 0
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text.startswith("0") and ":" not in text:
        return sign * int(text, 8)
    if ":" in text:
        total = 0
        for part in text.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(text)


def _float(text: str) -> float:
    text = text.replace("_", "").lower()
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-")
    if text == ".inf":
        return sign * float("inf")
    if text == ".nan":
        return float("nan")
    if ":" in text:
        total = 0.0
        for part in text.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(text)


def _time(m: re.Match[str]) -> dt.datetime:
    year, month, day, hour, minute, second, frac, zone, zmin = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    tz: dt.tzinfo | None = None
    if zone == "Z":
        tz = dt.timezone.utc
    elif zone:
        hours = int(zone)
        delta = dt.timedelta(hours=abs(hours), minutes=int(zmin or 0))
        tz = dt.timezone(-delta if zone.startswith("-") else delta)
    return dt.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz
    )


def resolve_scalar(text: str, plain: bool, tag: str | None) -> tuple[str, Any]:
    """The YAML 1.1 type and value of a scalar, as Psych (Jekyll) reads it.

    A scalar shaped like a number or a date that is not one (``2024-02-30``, ``0x_``,
    ``10:00:00 +99``) stays text, as Psych keeps an invalid date as a string.
    """
    try:
        return _resolve_typed(text, plain, tag)
    except (ValueError, OverflowError):
        return "str", text


def _resolve_typed(text: str, plain: bool, tag: str | None) -> tuple[str, Any]:
    if tag == "!" or (tag is None and not plain):
        return "str", text
    if tag is None:
        implicit = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        resolved = STANDARD_TAGS.get(implicit, "str")
    else:
        resolved = STANDARD_TAGS.get(tag, tag)
    if resolved == "str":
        if plain:
            lowered = text.lower()
            if lowered in _BOOLS:
                return "bool", _BOOLS[lowered]
            when = _date_or_time(text)
            if when is not None:
                return when
        return "str", text
    if resolved == "null":
        return "null", None
    if resolved == "bool":
        return "bool", _BOOLS[text.lower()]
    if resolved == "int":
        return "int", _int(text)
    if resolved == "float":
        return "float", _float(text)
    if resolved == "timestamp":
        return _date_or_time(text) or ("str", text)
    return resolved, text


def _date_or_time(text: str) -> tuple[str, Any] | None:
    """A date or a time as Psych reads it from ``text``, or ``None``."""
    m = _PSYCH_DATE.match(text)
    if m:
        return "date", dt.date(int(m[1]), int(m[2]), int(m[3]))
    t = _PSYCH_TIME.match(text)
    if t:
        return "datetime", _time(t)
    return None
