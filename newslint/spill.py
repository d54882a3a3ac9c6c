"""Results parked until the site rules have seen every file, in order, mostly on disk.

The site rules can only judge a file once the whole site is indexed, so the results wait. The
first ones wait in memory, up to a fixed budget (a small run never touches the disk); the rest
in a temporary file of JSON lines, so a run's memory does not grow with the corpus.
"""

from __future__ import annotations

import json
import tempfile
from collections import deque
from collections.abc import Iterator
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from newslint.codec import decode_diagnostic, encode_diagnostic

if TYPE_CHECKING:
    from newslint.runner import FileResult

BUDGET = 2_000_000
"""Characters of results kept in memory (paths, source texts, a little for each finding)."""
RESULT_COST = 200
"""What a result with findings counts against the budget besides its path and text."""


class ResultSpill:
    """Take results once, give them back once, in the same order."""

    def __init__(self, budget: int = BUDGET) -> None:
        self._held: deque[FileResult | str] = deque()
        """Results, or just the path of a file that is clean."""
        self._room = budget
        self._file: IO[str] | None = None

    def __enter__(self) -> ResultSpill:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()

    def put(self, result: FileResult) -> None:
        """Park ``result``; on disk, without its site entry (the site pass holds that)."""
        clean = not (
            result.diagnostics
            or result.error
            or result.source
            or result.warning
            or result.fixed
            or result.baselined
        )
        if self._file is None:
            cost = len(result.path) + (0 if clean else RESULT_COST + len(result.source or ""))
            if cost <= self._room:
                self._room -= cost
                self._held.append(result.path if clean else result)
                return
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - on exit
        record = result.path if clean else _record(result)
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")

    def __iter__(self) -> Iterator[FileResult]:
        from newslint.runner import FileResult

        while self._held:
            held = self._held.popleft()
            yield FileResult(held) if isinstance(held, str) else held
        if self._file is None:
            return
        self._file.seek(0)
        for line in self._file:
            record = json.loads(line)
            if isinstance(record, str):
                yield FileResult(record)
                continue
            path, diags, error, source, warning, fixed, baselined = record
            yield FileResult(
                path,
                [decode_diagnostic(path, d) for d in diags],
                error=error,
                source=source,
                warning=warning,
                fixed=fixed,
                baselined=baselined,
            )


def _record(result: FileResult) -> list[Any]:
    return [
        result.path,
        [encode_diagnostic(d) for d in result.diagnostics],
        result.error,
        result.source,
        result.warning,
        result.fixed,
        result.baselined,
    ]
