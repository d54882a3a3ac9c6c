"""Read a file of a run safely: no symbolic link out of the paths given, nothing over the size
limit, each file's state taken before its bytes."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from pathlib import Path

from newslint.discovery import Target
from newslint.engine import file_diagnostic
from newslint.messages import t
from newslint.positions import Position
from newslint.results import FileResult
from newslint.selection import Selection

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are skipped with an ``NL003`` warning (a post is kilobytes)."""
TOO_LARGE = "NL003"
OUTSIDE = "NL004"
"""A symbolic link to a file outside the paths given is reported, not read (``NL004``)."""

Read = tuple[Path, bytes, os.stat_result]
"""A file read: its path, its bytes and its state taken before reading them."""


class Reader:
    """Reads the files of a run, as its ``Selection`` excludes them and its options confine
    them (``Options.given``)."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection

    def read_target(self, target: Target) -> Read | FileResult | None:
        """A file's bytes and its state taken before reading them; an error result; ``None``.

        ``None`` is an excluded file.
        """
        path = target.path
        assert path is not None
        if self.selection.excluded(path):
            return None
        given = self.selection.options.given
        try:
            try:
                data, state = _read_file(os.fspath(path), follow=False)
            except OSError:  # a symbolic link is refused (ELOOP; EMLINK on some systems)
                if not path.is_symlink():
                    raise
                real = Path(os.path.realpath(path))
                if given and not within(real, given):
                    return self._outside(target.display, path)
                data, state = _read_file(os.fspath(path), follow=True)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return FileResult(target.display, error=t("cannot read file: {reason}", reason=reason))
        if len(data) > MAX_FILE_BYTES:
            return self._too_large(target.display, path)
        return path, data, state

    def _too_large(self, display: str, path: Path) -> FileResult:
        """A file over ``MAX_FILE_BYTES``: skipped with one ``NL003`` diagnostic (a warning)."""
        limit = MAX_FILE_BYTES // (1024 * 1024)
        message = t(
            "file is larger than {limit} MB (the size limit); it was not linted", limit=limit
        )
        return self._skipped(display, path, TOO_LARGE, message)

    def _outside(self, display: str, path: Path) -> FileResult:
        """A symbolic link out of the paths given: not read (a pull request could point one at
        a secret of the CI machine), reported with one ``NL004`` diagnostic (a warning)."""
        message = t(
            "not read: it is a symbolic link to a file outside the paths given; "
            "lint the file it points to by its own path"
        )
        return self._skipped(display, path, OUTSIDE, message)

    def _skipped(self, display: str, path: Path, code: str, message: str) -> FileResult:
        """A file not linted, with one file-level diagnostic of ``code`` at its start."""
        diag = file_diagnostic(display, code, message, Position(1, 1, 0))
        _, settings = self.selection.settings_for(path)
        severity = settings.severity.get(code)
        if severity is not None:
            diag = replace(diag, severity=severity)
        return FileResult(display, [diag])


_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
"""Opening a symbolic link with it fails, so a plain file costs no extra lstat."""


def _read_file(file: str, *, follow: bool) -> tuple[bytes, os.stat_result]:
    """Up to ``MAX_FILE_BYTES + 1`` bytes of ``file`` and its state, taken before reading.

    Without ``follow``, a symbolic link is not opened (``OSError``: ``ELOOP``, or ``EMLINK`` on
    some systems); where the system cannot refuse one, it is asked first.
    """
    if not follow and not _NOFOLLOW and Path(file).is_symlink():
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), file)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | (0 if follow else _NOFOLLOW)
    descriptor = os.open(file, flags)
    try:
        state = os.fstat(descriptor)
        # A buffer of the file's size, not of the limit (which reading would allocate).
        data = _read_up_to(descriptor, min(state.st_size, MAX_FILE_BYTES) + 1)
        if len(data) > state.st_size:  # it grew, or it is not a regular file
            data += _read_up_to(descriptor, MAX_FILE_BYTES + 1 - len(data))
    finally:
        os.close(descriptor)
    return data, state


def _read_up_to(descriptor: int, size: int) -> bytes:
    """``size`` bytes from ``descriptor``, or fewer at its end."""
    chunks: list[bytes] = []
    while size > 0 and (chunk := os.read(descriptor, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def within(real: Path, given: tuple[str, ...]) -> bool:
    """Whether the resolved ``real`` is a file named in ``given`` or under a directory in it.

    A named file counts as itself (its directory resolved, its own name not), so a named
    symbolic link to a file elsewhere is outside unless that file is under another given path.
    """
    for raw in given:
        named = Path(raw)
        if named.is_dir():
            if real.is_relative_to(os.path.realpath(named)):
                return True
        elif real == Path(os.path.realpath(named.parent)) / named.name:
            return True
    return False
