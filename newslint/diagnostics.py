"""What rules produce (findings) and what reporters consume (diagnostics)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from newslint.positions import Position

INTERNAL = "NL900"
"""The code of a rule that failed on a file (its error boundary), reported in that file."""


class Severity(str, enum.Enum):
    """How serious a diagnostic is; ``error`` fails the run by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, enum.Enum):
    """Whether ``--fix`` may apply a fix on its own (safe) or only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the characters ``[start, end)`` of the decoded text with ``replacement``."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that together repair one finding."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: a span of the file and a message; the engine adds who and how bad."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    related: tuple[tuple[int, str], ...] = ()
    """Other places that explain this one, as (offset, note): e.g. the first of two duplicates."""


@dataclass(frozen=True, slots=True)
class Related:
    """A secondary location attached to a diagnostic."""

    position: Position
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding stamped with its rule, severity and resolved positions in one file."""

    path: str
    code: str
    rule: str
    severity: Severity
    message: str
    start: Position
    end: Position
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default=())

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start.offset, self.end.offset, self.code)
