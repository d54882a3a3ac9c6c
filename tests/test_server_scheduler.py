"""The lint queue: debounced, one lint per document at a time, a change during a lint
coalesced into one more lint of the latest text."""

from __future__ import annotations

import asyncio

from newslint.server.scheduler import LintQueue


class SlowLinter:
    """Records each lint and the text version it saw; each lint takes ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.version = 0
        self.seen: list[tuple[str, int]] = []
        self.running = 0
        self.most = 0

    async def run(self, uri: str) -> None:
        self.running += 1
        self.most = max(self.most, self.running)
        self.seen.append((uri, self.version))
        await asyncio.sleep(self.seconds)
        self.running -= 1


async def _settle(queue: LintQueue) -> None:
    while queue.busy():
        await asyncio.sleep(0.01)


def test_a_burst_of_changes_is_linted_once_after_the_pause() -> None:
    async def scenario() -> list[tuple[str, int]]:
        linter = SlowLinter(0.0)
        queue = LintQueue(linter.run)
        for version in range(1, 30):
            linter.version = version
            queue.schedule("a", 0.05)
            await asyncio.sleep(0.001)
        await _settle(queue)
        return linter.seen

    assert asyncio.run(scenario()) == [("a", 29)]


def test_changes_during_a_slow_lint_give_one_more_lint_of_the_latest_text() -> None:
    async def scenario() -> SlowLinter:
        linter = SlowLinter(0.2)
        queue = LintQueue(linter.run)
        linter.version = 1
        queue.schedule("a", 0)
        await asyncio.sleep(0.02)
        for version in range(2, 50):  # typed while version 1 is linted
            linter.version = version
            queue.schedule("a", 0)
        await _settle(queue)
        return linter

    linter = asyncio.run(scenario())
    assert linter.seen == [("a", 1), ("a", 49)]
    assert linter.most == 1


def test_documents_are_linted_independently_and_a_closed_one_is_dropped() -> None:
    async def scenario() -> list[tuple[str, int]]:
        linter = SlowLinter(0.0)
        queue = LintQueue(linter.run)
        queue.schedule("a", 0.05)
        queue.schedule("b", 0.05)
        queue.cancel("a")
        await _settle(queue)
        return linter.seen

    assert asyncio.run(scenario()) == [("b", 0)]
