"""Errors that end a run with exit status 2 and a message the user can act on."""

from __future__ import annotations


class UsageError(Exception):
    """Bad command-line usage, configuration, schema or catalogue; the message says what and where."""
