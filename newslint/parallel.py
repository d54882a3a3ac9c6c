"""Lint files in worker processes, in chunks, yielding results in the order of the input."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.discovery import Target
    from newslint.runner import FileResult, Linter, Options

CHUNK = 16
"""Files handed to a worker at a time: large enough to amortise the round trip."""

_worker: Linter | None = None
"""The linter of this worker process (set once by the pool's initializer)."""


def _start_worker(options: Options) -> None:
    global _worker
    from newslint.runner import Linter

    _worker = Linter(options)


def _lint_one(target: Target) -> FileResult | None:
    assert _worker is not None, "worker used before its initializer ran"
    return _worker.lint_target(target)


def lint_in_processes(
    options: Options, targets: Iterable[Target], jobs: int
) -> Iterator[FileResult | None]:
    """``Linter(options).lint_target`` for every target, run by ``jobs`` processes."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(options,)
    ) as pool:
        yield from pool.map(_lint_one, targets, chunksize=CHUNK)
