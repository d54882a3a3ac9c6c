"""Resource bounds that keep one hostile file from stalling or exhausting a run.

The other bounds live beside what they bound: ``reading.MAX_FILE_BYTES`` (file size),
``frontmatter.MAX_NODES`` and ``frontmatter.MAX_DEPTH`` (YAML aliases and nesting),
``fixer.MAX_PASSES`` (fix passes). docs/security.md lists them all.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

FILE_TIME_LIMIT = 60.0
"""Seconds one file may take to lint and fix (a normal post takes milliseconds)."""


class FileTimeout(BaseException):
    """Raised inside a file's lint when its time is up.

    A ``BaseException``, so that the engine's per-rule boundary (``except Exception``) does not
    turn it into an ``NL900`` and carry on with the next rule of the same file.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`FileTimeout` in the block once ``seconds`` of wall time have passed.

    It uses ``SIGALRM`` (a real-time interval timer), so it works the same in the main process
    and in each worker process, whose tasks run on their main thread; Python checks for the
    signal between bytecodes and inside the ``re`` engine, so a slow parse, rule or regular
    expression is stopped. Where no alarm can be set (Windows, a thread other than the main
    one) or ``seconds`` is ``None`` or 0, the block runs unbounded.
    """
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise FileTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
