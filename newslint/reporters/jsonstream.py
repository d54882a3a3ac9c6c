"""Write a JSON document whose long arrays arrive one item at a time (reports that stream).

A value may be a ``Streamed`` iterable (written item by item, one per line, as it is consumed)
or a ``Later`` function (called when the writer reaches it, so it can count what streamed
before it). Everything else is written as ``json.dumps(..., indent=2)`` would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO


@dataclass(frozen=True)
class Streamed:
    """An array written item by item."""

    items: Iterable[Any]


@dataclass(frozen=True)
class Later:
    """A value computed when the writer reaches it."""

    compute: Callable[[], Any]


_encode_item = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(item, ensure_ascii=False)`` without building an encoder for every item."""


def _has_markers(value: Any) -> bool:
    if isinstance(value, (Streamed, Later)):
        return True
    if isinstance(value, dict):
        return any(_has_markers(v) for v in value.values())
    return isinstance(value, list) and any(_has_markers(v) for v in value)


def write(out: TextIO, value: Any, indent: str = "") -> None:
    """Write ``value`` (which may hold ``Streamed`` and ``Later`` values) to ``out``."""
    inner = indent + "  "
    if isinstance(value, Later):
        value = value.compute()
    if isinstance(value, Streamed):
        # One item behind, so what is written always ends a line (a progress line can follow).
        pending: str | None = None
        for item in value.items:
            out.write("[\n" if pending is None else f"{inner}{pending},\n")
            pending = _encode_item(item)
        out.write("[]" if pending is None else f"{inner}{pending}\n{indent}]")
    elif isinstance(value, dict) and _has_markers(value):
        for n, (key, item) in enumerate(value.items()):
            out.write(("{\n" if n == 0 else ",\n") + inner + json.dumps(key) + ": ")
            write(out, item, inner)
        out.write(f"\n{indent}}}")
    elif isinstance(value, list) and _has_markers(value):
        for n, item in enumerate(value):
            out.write(("[\n" if n == 0 else ",\n") + inner)
            write(out, item, inner)
        out.write(f"\n{indent}]")
    else:
        out.write(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent))
