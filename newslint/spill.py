"""Results parked until the site rules have seen every file, in order, mostly on disk.

The site rules can only judge a file once the whole site is indexed, so the results wait. The
first ones wait in memory, up to a fixed budget (a small run never touches the disk); the rest
in a temporary file, so a run's memory does not grow with the corpus. On disk a result is a
JSON line (just its path when it is clean); one with findings is followed by a line of its
diagnostics (as the cache stores them, taken as they are when the result has them so) and by
its text as UTF-8 bytes, which need no escaping.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from newslint.codec import decode_diagnostic
from newslint.scratch import Scratch

if TYPE_CHECKING:
    from newslint.results import FileResult

BUDGET = 2_000_000
"""Characters of results kept in memory (paths, source texts, a little for each finding)."""
RESULT_COST = 200
"""What a result with findings counts against the budget besides its path and text."""


class ResultSpill(Scratch):
    """Take results once, give them back once, in the same order."""

    def __init__(self, budget: int = BUDGET) -> None:
        super().__init__()
        self._held: deque[FileResult | str] = deque()
        """Results, or just the path of a file that is clean."""
        self._room = budget

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
        file = self._scratch()
        if clean:
            file.write(json.dumps(result.path).encode() + b"\n")
        else:
            file.write(_record(result))

    def __iter__(self) -> Iterator[FileResult]:
        from newslint.results import FileResult

        while self._held:
            held = self._held.popleft()
            if isinstance(held, str):
                yield FileResult(held)
            else:
                yield held if held.encoded is None else replace(held, encoded=None)
        if self._file is None:
            return
        file = self._file
        file.seek(0)
        for line in file:
            record = json.loads(line)
            if isinstance(record, str):
                yield FileResult(record)
                continue
            path, error, warning, fixed, fixed_codes, baselined, size = record
            diagnostics = [decode_diagnostic(path, d) for d in json.loads(file.readline())]
            source = None if size is None else file.read(size).decode("utf-8", "surrogatepass")
            yield FileResult(
                path,
                diagnostics,
                error=error,
                source=source,
                warning=warning,
                fixed=fixed,
                fixed_codes=fixed_codes,
                baselined=baselined,
            )


def _record(result: FileResult) -> bytes:
    """The lines of a result that is not clean, then its text."""
    from newslint.cache import encode_diagnostics

    source = None if result.source is None else result.source.encode("utf-8", "surrogatepass")
    head = [
        result.path,
        result.error,
        result.warning,
        result.fixed,
        result.fixed_codes,
        result.baselined,
        None if source is None else len(source),
    ]
    encoded = result.encoded
    if encoded is None:
        encoded = encode_diagnostics(result.diagnostics)
    return b"%s\n%s\n%s" % (json.dumps(head).encode(), encoded.encode(), source or b"")
