"""The outcome of linting one file, as reporters, the cache and the site pass see it."""

from __future__ import annotations

from dataclasses import dataclass, field

from newslint.diagnostics import INTERNAL, Diagnostic


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file: its diagnostics, or why it could not be linted."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    source: str | None = None
    """The decoded text, kept only when there are diagnostics to show in context (and the run
    keeps it: ``Options.keep_source``)."""
    fixed: int = 0
    """How many fixes were applied (or, with ``--diff``, would be)."""
    fixed_codes: dict[str, int] = field(default_factory=dict)
    """``fixed`` by rule code."""
    diff: str | None = None
    fixed_text: str | None = None
    """The fixed text of standard input, to print instead of writing a file."""
    warning: str | None = None
    baselined: int = 0
    """How many findings ``--baseline`` hid."""
    deps: dict[str, bool] = field(default_factory=dict)
    """Other files whose existence the findings depend on (for the cache)."""
    site: str | None = None
    """The file's site-index entry as JSON text (only when site rules are enabled)."""
    site_key: str | None = None
    """The cache key under which the file's site-index entry is stored (read when needed)."""
    encoded: str | None = field(default=None, compare=False, repr=False)
    """``diagnostics`` as the cache stores them, when the runner has them so: the result
    spill writes them as they are. Not kept up to date by ``replace``; only the runner reads
    it."""

    @property
    def failed_internally(self) -> bool:
        if self.error is not None:
            return True
        return bool(self.diagnostics) and any(d.code == INTERNAL for d in self.diagnostics)
