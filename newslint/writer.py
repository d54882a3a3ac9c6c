"""Write a fixed file atomically, keeping its mode, and only if nobody changed it meanwhile."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO


class ChangedOnDisk(Exception):
    """The file's bytes differ from what was read: it was edited while newslint ran."""


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, new: bytes, original: bytes | None = None) -> None:
    """Replace ``path`` with ``new`` via a temporary file in the same directory and a rename.

    A reader sees either the old or the new file, never a mix. An existing file's mode is kept;
    a symlink is followed so that the link stays a link. With ``original``, the write is refused
    (``ChangedOnDisk``) when the file no longer holds exactly those bytes.
    """
    target = Path(os.path.realpath(path))
    if original is not None and target.read_bytes() != original:
        raise ChangedOnDisk(str(path))
    with _replacing(target) as handle:
        handle.write(new)


@contextmanager
def _replacing(target: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``target`` that replaces it when the block ends without error.

    The data is flushed to disk before the rename; on any error the temporary file is removed
    and ``target`` keeps its old bytes. An existing file's mode is kept.
    """
    import tempfile  # here: a run that writes nothing does not import it (~4 ms)

    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".newslint", dir=target.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(mode)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def output_stream(path: Path) -> Iterator[TextIO]:
    """A text stream for a report written to ``path`` as it is produced.

    A regular file (or a new one) is replaced atomically at the end, so a failed run leaves the
    old report; anything else (``/dev/null``, ``/dev/stdout``, a FIFO), which a rename would
    replace, is written straight into.
    """
    try:
        special = not stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        special = False
    if special:
        with path.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    with _replacing(Path(os.path.realpath(path))) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False)
        yield text
        text.flush()
        text.detach()
