"""A one-line progress display on a terminal's stderr for long runs; silent anywhere else."""

from __future__ import annotations

import time
from typing import TextIO

MIN_ITEMS = 200
"""Runs shorter than this finish before a progress line would help."""
INTERVAL = 0.1
"""Seconds between redraws."""


class ProgressLine:
    """Draws ``newslint: done/total files`` in place; ``close`` clears it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self._drawn = False
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        """Report that ``done`` of ``total`` files are linted."""
        if not self.enabled or total < MIN_ITEMS:
            return
        now = time.monotonic()
        if now - self._last < INTERVAL and done != total:
            return
        self._last = now
        self._drawn = True
        self.stream.write(f"\rnewslint: {done}/{total} files ({100 * done // total}%)")
        self.stream.flush()

    def close(self) -> None:
        """Clear the line (until the next draw), so that report lines start on a clean line."""
        if self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._drawn = False
