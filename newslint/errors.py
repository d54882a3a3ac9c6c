"""Errors that end a run with exit status 2 and a message the user can act on."""

from __future__ import annotations

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
"""Exit statuses: nothing at error level; error-level findings; usage, read or internal error."""


class UsageError(Exception):
    """Bad usage, configuration, schema or catalogue; the message says what is wrong and where."""
