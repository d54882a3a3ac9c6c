"""When to lint a buffer: after the typing pauses (debounced), one lint at a time per
document, and a change during a lint coalesced into one more lint of the latest text."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


class LintQueue:
    """Per document at most one lint running and one more wanted: work stays bounded however
    fast the edits come and however slow a lint is."""

    def __init__(self, run: Callable[[str], Awaitable[None]]) -> None:
        self._run = run
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._running: dict[str, asyncio.Task[None]] = {}
        self._again: set[str] = set()

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` once ``delay`` seconds pass with no other call for it."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if delay <= 0:
            self._start(uri)
        else:
            self._timers[uri] = asyncio.get_running_loop().call_later(delay, self._start, uri)

    def cancel(self, uri: str) -> None:
        """Forget what is wanted for ``uri`` (closed); a lint running ends unpublished."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._again.discard(uri)

    def busy(self) -> bool:
        """Whether a lint is running or waiting (for tests and the benchmark)."""
        return bool(self._timers or self._running)

    def _start(self, uri: str) -> None:
        self._timers.pop(uri, None)
        if uri in self._running:
            self._again.add(uri)  # the running lint is of an older text: one more, after it
            return
        self._running[uri] = asyncio.ensure_future(self._drain(uri))

    async def _drain(self, uri: str) -> None:
        try:
            while True:
                self._again.discard(uri)
                await self._run(uri)
                if uri not in self._again:
                    return
        finally:
            self._running.pop(uri, None)
