"""The server's worker runs jobs on the main thread, in order, where the time limit per file
(an alarm signal) can stop a lint, while the event loop on another thread waits for them."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import CancelledError

import pytest

from newslint.limits import FileTimeout, time_limit
from newslint.server.worker import MainThreadWorker


def _endless() -> None:
    with time_limit(0.05):
        while True:
            time.sleep(0.001)


def _drive(worker: MainThreadWorker, jobs: list[object]) -> list[object]:
    """Submit ``jobs`` from an event loop on another thread, as the server does; what each
    gave (a result or an exception), once the worker has run them all on this thread."""
    outcomes: list[object] = []

    async def client() -> None:
        loop = asyncio.get_running_loop()
        for job in jobs:
            try:
                outcomes.append(await loop.run_in_executor(worker, job))  # type: ignore[arg-type]
            except BaseException as exc:  # noqa: BLE001 - recorded for the test to check
                outcomes.append(exc)
        worker.shutdown()

    thread = threading.Thread(target=lambda: asyncio.run(client()))
    thread.start()
    worker.run()
    thread.join()
    return outcomes


def test_jobs_run_on_the_main_thread_in_order() -> None:
    first, second = _drive(
        MainThreadWorker(),
        [lambda: threading.current_thread().name, lambda: threading.main_thread().name],
    )
    assert first == second == threading.main_thread().name


def test_the_time_limit_stops_a_job_and_the_next_one_runs() -> None:
    stopped, after = _drive(MainThreadWorker(), [_endless, lambda: "next"])
    assert isinstance(stopped, FileTimeout)
    assert after == "next"


def test_a_stopped_worker_takes_no_more_jobs() -> None:
    worker = MainThreadWorker()
    worker.shutdown()
    worker.run()  # returns at once
    future = worker.submit(lambda: 1)
    assert future.cancelled()
    with pytest.raises(CancelledError):
        future.result()
