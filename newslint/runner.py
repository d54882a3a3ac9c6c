"""Lint a set of paths: discovery, the files of this run (its shard, the files changed), the
cache's answers before any file is read, and the site pass over the results."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import compress
from pathlib import Path

from newslint.cache import ResultCache
from newslint.cached import CachedResults
from newslint.discovery import Found, Missing, Target, discover, nothing_found, site_context
from newslint.errors import UsageError
from newslint.file_linter import FileLinter
from newslint.options import Options
from newslint.reading import Reader
from newslint.results import FileResult
from newslint.scheduling import Scheduler
from newslint.selection import Selection
from newslint.site_rules import in_shard
from newslint.site_rules.check import site_codes
from newslint.site_rules.run import SitePass


class Linter:
    """A run over paths: its parts, made from the options it was given."""

    def __init__(self, options: Options) -> None:
        self.selection = Selection(options)
        self.reader = Reader(self.selection)
        cache_dir = None if options.fix or options.diff else options.cache_dir
        self.cache = ResultCache(cache_dir) if cache_dir is not None else None
        self.cached = CachedResults(self.cache, self.selection) if self.cache is not None else None
        self.progress: Callable[[int, int], None] | None = None
        """Told ``(done, total)`` after each file is linted (a progress display)."""

    def run(self, paths: list[str]) -> Iterator[FileResult]:
        """One result per file (or missing path), in discovery order.

        First the cache answers what it can without reading a file (``CachedResults``). Then files
        are read; answered ones are done at once and the rest are linted in batches, in worker
        processes when there are enough of them. At most ``WINDOW`` batches are in flight, so
        memory stays flat however many files there are. With site rules on, the files not
        linted here (other shards, unchanged files, the rest of the site of files named inside
        one) are indexed, and, unless the site findings of a run like this one are remembered,
        the results wait in a temporary file until the end, when the site rules add their
        findings. Paths that hold no file at all are a ``UsageError`` naming what was looked for.

        Discovery, every directory's configuration and the cache's answers are worked out when
        this is called, so a broken configuration stops the run before any result is reported;
        the files are read and linted as the results are taken.
        """
        selection = self.selection
        if not selection.options.given:
            # Reads and writes are confined to these paths (symbolic links out are refused);
            # workers start from these options.
            given = tuple(p for p in paths if p != "-")
            selection.options = replace(selection.options, given=given)
        options = selection.options
        found = Found(discover(paths))
        if found.total == 0 and paths:
            raise UsageError(nothing_found(paths))
        directories = found.directories()
        for directory in directories:  # a broken configuration stops the run before any output
            selection.enabled_for(selection.loaded_for(directory))
        site = self._site_pass(directories)
        total, files = found.total, found.files
        kept: bytearray | None = None
        if options.shard is not None or options.only is not None:
            kept = bytearray(map(self._kept, found))
            total = sum(kept)
            files = sum(isinstance(i, Target) and i.file is not None for i in compress(found, kept))
            if site is not None:
                for item, wanted in zip(found, kept, strict=True):
                    if not wanted and isinstance(item, Target):
                        site.index_only(item, context=not self._changed(item))
        if site is not None:
            for target in site_context(paths, found):
                site.index_only(target, context=True)
        items = (lambda: found) if kept is None else (lambda: compress(found, kept))
        answers, remembered = None, None
        if self.cached is not None:
            expected = site.expected() if site is not None else None
            answers, complete = self.cached.answers(items(), expected)
            if site is not None and expected is not None and complete:
                remembered = site.remembered(expected)
        linter = FileLinter(selection)
        scheduler = Scheduler(self.reader, linter, self.cached, options.jobs, self.progress)
        lint = scheduler.results(items(), total, files, answers)
        return lint if site is None else site.finish(lint, remembered)

    def _kept(self, item: Target | Missing) -> bool:
        """Whether the run reports on ``item`` (its shard, a file changed)."""
        if isinstance(item, Target):
            return self._wanted(item)
        shard = self.selection.options.shard
        return shard is None or in_shard(item.display, shard)

    def _wanted(self, target: Target) -> bool:
        shard = self.selection.options.shard
        if target.file is None:
            return True
        if shard is not None and not in_shard(target.display, shard):
            return False
        return self._changed(target)

    def _changed(self, target: Target) -> bool:
        """Whether ``--changed-since`` (if given) counts ``target`` as changed."""
        only = self.selection.options.only
        return only is None or Path(os.path.realpath(target.file or "")) in only

    def _site_pass(self, directories: set[str]) -> SitePass | None:
        """The site rules' pass, when any file of the run enables one (never with fixes)."""
        selection = self.selection
        if selection.options.fix or selection.options.diff:
            return None
        if not any(site_codes(selection.enabled_for(selection.loaded_for(d))) for d in directories):
            return None
        return SitePass(selection, self.reader, self.cache)
