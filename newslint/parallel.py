"""Lint files in batches, here or in worker processes, yielding results in the input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from newslint.file_linter import FileLinter
from newslint.selection import Selection

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from newslint.cache import ResultCache
    from newslint.options import Options
    from newslint.results import FileResult

BATCH = 16
"""Files handed to a worker at a time: large enough to amortise the round trip."""
WINDOW = 4
"""Batches in flight per worker; bounds the memory held by files read ahead."""

_worker: FileLinter | None = None
"""The linter of this worker process (set once by the pool's initializer)."""


def _start_worker(options: Options) -> None:
    global _worker
    _worker = FileLinter(Selection(options))


def _lint_batch(batch: list[tuple[str, Path, bytes]], keys: list[str | None]) -> list[FileResult]:
    assert _worker is not None, "worker used before its initializer ran"
    return _keyed(_worker.lint_batch(batch), keys)


def _keyed(results: list[FileResult], keys: list[str | None]) -> list[FileResult]:
    """``results`` ready for the cache: a result to store (one with a key that no rule failed
    on) gets its diagnostics encoded and, with a site entry, the key that entry is under."""
    from newslint.cache import encode_diagnostics

    for n, (key, result) in enumerate(zip(keys, results, strict=True)):
        if key is not None and not result.failed_internally:
            site_key = key if result.site is not None else None
            encoded = encode_diagnostics(result.diagnostics)
            results[n] = replace(result, site_key=site_key, encoded=encoded)
    return results


@dataclass
class _Batch:
    work: list[tuple[str, Path, bytes]] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)
    future: Future[list[FileResult]] | None = None
    results: list[FileResult] | None = None


@dataclass
class _Slot:
    result: FileResult | None = None
    batch: _Batch | None = None
    index: int = 0


class Pipeline:
    """Ordered results for a mix of ready answers (errors, cache hits) and files to lint."""

    def __init__(self, linter: FileLinter, cache: ResultCache | None, jobs: int) -> None:
        self.linter = linter
        self.cache = cache
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.slots: deque[_Slot] = deque()
        self.open = _Batch()
        self.in_flight = 0

    def __enter__(self) -> Pipeline:
        return self

    def _pool(self) -> ProcessPoolExecutor | None:
        """The worker pool, started with the first batch (a fully cached run needs none)."""
        if self.pool is None and self.jobs > 1:
            import multiprocessing  # here: a run in one process does not pay for importing it
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self.pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self.linter.selection.options,),
            )
        return self.pool

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    @property
    def idle(self) -> bool:
        """Whether no result waits to be passed on (a ready one may go straight past)."""
        return not self.slots

    def ready(self, result: FileResult) -> None:
        self.slots.append(_Slot(result=result))

    def lint(self, display: str, path: Path, data: bytes, key: str | None) -> None:
        batch = self.open
        self.slots.append(_Slot(batch=batch, index=len(batch.work)))
        batch.work.append((display, path, data))
        batch.keys.append(key)
        if len(batch.work) >= BATCH:
            self._submit()

    def _submit(self) -> None:
        batch, self.open = self.open, _Batch()
        if not batch.work:
            return
        pool = self._pool()
        if pool is None:
            self._finish(batch, _keyed(self.linter.lint_batch(batch.work), batch.keys))
        else:
            batch.future = pool.submit(_lint_batch, batch.work, batch.keys)
            self.in_flight += 1

    def _finish(self, batch: _Batch, results: list[FileResult]) -> None:
        batch.results = results
        batch.work = []  # the bytes are no longer needed
        if self.cache is None:
            return
        for key, result in zip(batch.keys, results, strict=True):
            if key is not None and result.encoded is not None:
                self.cache.put(key, result.encoded, result.deps, result.site)

    def drain(self, block: bool) -> Iterator[FileResult]:
        """Yield the results at the head that are done; with ``block``, wait for all of them."""
        if block:
            self._submit()
        while self.slots:
            slot = self.slots[0]
            if slot.result is None:
                batch = slot.batch
                assert batch is not None
                if batch.results is None:
                    if batch.future is None:
                        break  # still being filled
                    must_wait = block or self.in_flight > WINDOW * self.jobs
                    if not (must_wait or batch.future.done()):
                        break
                    self._finish(batch, batch.future.result())
                    self.in_flight -= 1
                assert batch.results is not None
                slot.result = batch.results[slot.index]
            self.slots.popleft()
            yield slot.result
