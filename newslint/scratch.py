"""A temporary file that exists only once something is written to it."""

from __future__ import annotations

from types import TracebackType
from typing import IO, TypeVar

_Owner = TypeVar("_Owner", bound="Scratch")


class Scratch:
    """Owns a temporary file, made on first use (a run that never needs one never imports
    ``tempfile``) and closed, so deleted, when the ``with`` block ends."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None

    def __enter__(self: _Owner) -> _Owner:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()

    def _scratch(self) -> IO[bytes]:
        """The temporary file, made now if this is its first use."""
        if self._file is None:
            import tempfile

            self._file = tempfile.TemporaryFile("w+b")  # noqa: SIM115 - closed on exit
        return self._file
