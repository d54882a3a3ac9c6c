"""Diagnostics as compact JSON-ready data and back (for the cache and the result spill).

Decoding checks types as it goes: a malformed item raises ``KeyError``, ``TypeError`` or
``ValueError``, which callers treat as a miss, never as a result.
"""

from __future__ import annotations

from typing import Any

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from newslint.messages import Data, from_data, to_data
from newslint.positions import Position


def _position(pos: Position) -> list[int]:
    return [pos.line, pos.column, pos.offset]


def encode_diagnostic(diag: Diagnostic) -> dict[str, Any]:
    fix = None
    if diag.fix is not None:
        fix = [
            to_data(diag.fix.message),
            diag.fix.applicability.value,
            [[e.start, e.end, e.replacement] for e in diag.fix.edits],
        ]
    return {
        "c": diag.code,
        "r": diag.rule,
        "s": diag.severity.value,
        "m": to_data(diag.message),
        "a": _position(diag.start),
        "b": _position(diag.end),
        "f": fix,
        "x": [[to_data(r.message), *_position(r.position)] for r in diag.related],
    }


_SEVERITIES = {severity.value: severity for severity in Severity}
_APPLICABILITIES = {applicability.value: applicability for applicability in Applicability}
"""Members by value: a lookup, not a call of the enumeration, per decoded item."""


def decode_diagnostic(path: str, item: dict[str, Any]) -> Diagnostic:
    fix = None
    if item["f"] is not None:
        message, applicability, edits = item["f"]
        fix = Fix(
            _message(message),
            tuple(Edit(int(s), int(e), str(r)) for s, e, r in edits),
            _APPLICABILITIES[applicability],
        )
    return Diagnostic(
        path=path,
        code=str(item["c"]),
        rule=str(item["r"]),
        severity=_SEVERITIES[item["s"]],
        message=_message(item["m"]),
        start=Position(*map(int, item["a"])),
        end=Position(*map(int, item["b"])),
        fix=fix,
        related=tuple(
            Related(Position(int(ln), int(c), int(o)), _message(m)) for m, ln, c, o in item["x"]
        ),
    )


def _message(data: Data) -> str:
    """A message from its data: a ``Text`` when it was one, else a plain string."""
    message = from_data(data)
    return message if isinstance(message, str) else str(message)
