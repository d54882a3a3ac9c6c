"""The server's one worker: it runs every call into newslint, in the order asked, on the
process's main thread, so that the time limit per file (``limits.time_limit``, an alarm signal,
which only the main thread receives) bounds a lint in the editor as on the command line."""

from __future__ import annotations

import queue
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

T = TypeVar("T")

_Job = tuple["Future[Any]", Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class MainThreadWorker(Executor):
    """An executor whose jobs run where ``run`` is called (the main thread), one at a time."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._stopped = False

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        if self._stopped:
            future.cancel()
        else:
            self._jobs.put((future, fn, args, kwargs))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking jobs; ``run`` returns once the jobs already taken are done."""
        if not self._stopped:
            self._stopped = True
            self._jobs.put(None)

    def run(self) -> None:
        """Run jobs until ``shutdown``."""
        while (job := self._jobs.get()) is not None:
            future, fn, args, kwargs = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the job
                future.set_exception(exc)
            else:
                future.set_result(result)
