"""Turn a run's items into results in their order: answered from the cache, read, or linted
in batches, here or in worker processes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from newslint.cache import Answers
from newslint.cached import CachedResults
from newslint.discovery import Missing, Target
from newslint.file_linter import FileLinter
from newslint.parallel import Pipeline
from newslint.reading import Reader
from newslint.results import FileResult

PARALLEL_MIN_FILES_PER_JOB = 16
"""Below this many files per worker, starting processes costs more than it saves."""


class Scheduler:
    """Reads with a ``Reader``, answers with ``CachedResults`` (when the run has a cache) and
    lints the rest with a ``FileLinter``, in ``jobs`` processes at most."""

    def __init__(
        self,
        reader: Reader,
        linter: FileLinter,
        cached: CachedResults | None,
        jobs: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.reader = reader
        self.linter = linter
        self.cached = cached
        self.jobs = jobs
        self.progress = progress
        """Told ``(done, total)`` after each file is linted (a progress display)."""
        self._done = 0

    def results(
        self, items: Iterable[Target | Missing], total: int, files: int, answers: Answers | None
    ) -> Iterator[FileResult]:
        """Results of ``items`` (``total`` of them, ``files`` to read), in their order.

        ``answers`` are the cache's, for each item, found before any file was read.
        """
        unanswered = files - (answers.answered if answers is not None else 0)
        jobs = min(self.jobs, unanswered // PARALLEL_MIN_FILES_PER_JOB)
        answered = iter(answers) if answers is not None else None
        cache = self.cached.cache if self.cached is not None else None
        with Pipeline(self.linter, cache, jobs) as pipeline:
            for item in items:
                answer = next(answered) if answered is not None else None
                if isinstance(item, Missing):
                    pipeline.ready(FileResult(item.display, error="no such file or directory"))
                elif item.file is None:
                    pipeline.ready(self.linter.lint_stdin())
                else:
                    known = None
                    if answer is not None and self.cached is not None:
                        known = self.cached.answered(item, *answer)
                    if known is not None and pipeline.idle:  # nothing to wait for first
                        self._tell(total)
                        yield known
                        continue
                    if known is not None:
                        pipeline.ready(known)
                    else:
                        self._submit(pipeline, item)
                yield from self._told(pipeline.drain(block=False), total)
            yield from self._told(pipeline.drain(block=True), total)
        if cache is not None:
            cache.save()

    def _submit(self, pipeline: Pipeline, target: Target) -> None:
        """Read ``target``: a result from the cache at once, or one to lint."""
        read = self.reader.read_target(target)
        if read is None or isinstance(read, FileResult):
            if read is not None:
                pipeline.ready(read)
            return
        path, data, state = read
        key = None
        if self.cached is not None:
            key, hit = self.cached.of_read(target.display, path, data, state)
            if hit is not None:
                pipeline.ready(hit)
                return
        pipeline.lint(target.display, path, data, key)

    def _told(self, results: Iterator[FileResult], total: int) -> Iterator[FileResult]:
        """Pass ``results`` on, telling ``progress`` how far the run is."""
        for result in results:
            self._tell(total)
            yield result

    def _tell(self, total: int) -> None:
        """Count a result passed on, for ``progress``."""
        self._done += 1
        if self.progress is not None:
            self.progress(self._done, total)
