"""Write a fixed file atomically, keeping its mode, and only if nobody changed it meanwhile."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


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
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".newslint", dir=target.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(mode)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes) -> None:
    """Write a report to ``path``: atomically for a regular file (or a new one), straight into
    anything else (``/dev/null``, ``/dev/stdout``, a FIFO), which a rename would replace."""
    try:
        special = not stat.S_ISREG(path.stat().st_mode)
    except FileNotFoundError:
        special = False
    if special:
        with path.open("wb") as handle:
            handle.write(data)
    else:
        write_atomically(path, data)
