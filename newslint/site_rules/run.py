"""The runner's side of the site rules: index what is not linted, check at the end, stamp.

Files this run lints carry their index entry in their ``FileResult`` (built by the engine from
the same parse, cached with the result). Files it does not lint (other shards, files unchanged
under ``--changed-since``) are indexed here from their front matter alone: read, split, one
``CSafeLoader`` compose, no HTML parse, and the entry cached by content hash in
the cache's ``site_index`` table. Entries wait on disk (``journal``) until the checks run.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.diagnostics import Diagnostic
from newslint.document import Document, decode
from newslint.site_rules.check import Pending, check_site, placed
from newslint.site_rules.index_cache import IndexCache
from newslint.site_rules.journal import Journal
from newslint.site_rules.memo import RunDigest, SiteMemo

if TYPE_CHECKING:
    from newslint.cache import ResultCache
    from newslint.discovery import Target
    from newslint.reading import Reader
    from newslint.results import FileResult
    from newslint.selection import Selection
    from newslint.site_rules.index import Entry


class SitePass:
    """Collects entries during a run and turns the site rules' findings into diagnostics."""

    def __init__(
        self,
        selection: Selection,
        reader: Reader,
        result_cache: ResultCache | None,
        now: dt.datetime | None = None,
    ) -> None:
        self.selection = selection
        self.reader = reader
        self.result_cache = result_cache
        self.cache = IndexCache(selection.options.cache_dir)
        self.journal = Journal()
        self.digest = RunDigest(result_cache.code) if result_cache is not None else None
        """Of every file the pass reads, for the memo (``None``: one had no cache key)."""
        self.now = now
        self.failed = False
        """Whether a site rule failed (an ``NL900``): such a run is not remembered."""
        self.checked: dict[str, bool] = {}
        """Files whose existence the checks asked about, and the answers."""
        self.until: float | None = None
        """When the findings may change with the time alone (a post dated in the future)."""

    def _note(self, role: str, display: str, key: str | None) -> None:
        """Count a file the pass reads into the digest of the run."""
        if self.digest is not None:
            if key is None:
                self.digest = None
            else:
                self.digest.add(role, display, key)

    def index_only(self, target: Target, *, context: bool) -> None:
        """Index a file this run does not lint; with ``context``, one that no run lints (not
        named, or unchanged under ``--changed-since``), unlike another shard's file."""
        found: tuple[str | None, str | None] | None = self._unchanged(target)
        if found is None:
            read = self.reader.read_target(target)
            if not isinstance(read, tuple):
                return
            path, data, state = read
            found = self.cache.entry(target.display, path, data)
            if self.result_cache is not None:
                from newslint.cachekeys import content_digest

                self.result_cache.states.remember(target.display, state, content_digest(data))
        key, text = found
        self._note("context" if context else "index", target.display, key)
        if text is not None:
            self.journal.add(target.display, text, owned=False, context=context)

    def _unchanged(self, target: Target) -> tuple[str, str | None] | None:
        """The stored entry of a file whose recorded state says it is unchanged, found without
        reading it (as the result cache answers); ``None`` when it must be read."""
        cache, path = self.result_cache, target.path
        if cache is None or path is None or self.selection.excluded(path):
            return None
        try:
            state = path.stat()
        except OSError:
            return None
        digest = cache.states.digest(target.display, state)
        return None if digest is None else self.cache.known(target.display, path, digest)

    def expected(self) -> RunDigest | None:
        """The digest of the run so far (the indexed files), to go on with the files the run
        expects to lint, for ``remembered`` (``None`` without a cache)."""
        return None if self.digest is None else self.digest.copy()

    def remembered(self, digest: RunDigest) -> dict[str, list[Diagnostic]] | None:
        """The site findings remembered for the run of ``digest``, if they still hold."""
        memo = self._memo()
        return None if memo is None else memo.get(digest.hexdigest())

    def finish(
        self,
        results: Iterable[FileResult],
        remembered: dict[str, list[Diagnostic]] | None = None,
    ) -> Iterator[FileResult]:
        """``results`` with the site rules' findings in the files they own added.

        With the ``remembered`` findings of the run (known before any file was read), each
        result goes on at once. Else the results wait in a ``ResultSpill`` while the rest of
        the site is indexed; when every file of the run is as it was in a remembered run, its
        findings are reused, and otherwise the checks run.
        """
        if remembered is not None:
            with self.journal:  # what the indexed files parked is not needed
                yield from self._with(results, remembered)
            self.cache.save()
            return
        from newslint.spill import ResultSpill

        with ResultSpill() as spill, self.journal:
            for result in results:
                if result.site is not None:
                    self.journal.add(result.path, result.site, owned=True)
                elif result.site_key is not None:
                    self.journal.add_stored(result.path, result.site_key)
                if result.site is not None or result.site_key is not None:
                    self._note("lint", result.path, result.site_key)
                spill.put(result)
            self.cache.save()
            memo = self._memo()
            digest = self.digest.hexdigest() if memo is not None and self.digest else None
            remembered = memo.get(digest) if memo is not None and digest else None
            if remembered is not None:
                yield from self._with(spill, remembered)
                return
            found = self._findings()
            kept: dict[str, list[Diagnostic]] = {}
            for result in spill:
                pending = found.pop(result.path, [])
                text = self._text(result) if pending else None
                diagnostics = placed(result.path, pending, text)
                if diagnostics:
                    kept[result.path] = diagnostics
                    result = _merged(result, diagnostics, text)
                yield result
            if memo is not None and digest is not None and not self.failed:
                memo.put(digest, kept, self.checked, self.until)

    def _with(
        self, results: Iterable[FileResult], remembered: dict[str, list[Diagnostic]]
    ) -> Iterator[FileResult]:
        """``results`` with the remembered site findings of their files."""
        for result in results:
            diagnostics = remembered.pop(result.path, [])
            yield _merged(result, diagnostics, self._text(result)) if diagnostics else result

    def _memo(self) -> SiteMemo | None:
        """The memo of site findings (``None``: no cache)."""
        cache = self.result_cache
        return None if cache is None else SiteMemo(cache.directory, cache.code)

    def _stored(self, key: str) -> str | None:
        """The entry stored with a cached result, as JSON text."""
        cache = self.result_cache
        return cache.entries.raw(key) if cache is not None else None

    def _rebuilt(self, display: str, body: bool) -> Entry | None:
        """The entry of a file built anew (its stored entry is missing or malformed)."""
        from newslint.site_rules.summary import summarize

        path = Path(display)  # a file is shown as the path it was read from
        text = _read_text(path)
        if text is None:
            return None
        return summarize(Document.from_text(display, text), path, body=body)

    def _until(self, members: list[Entry], now: dt.datetime) -> None:
        """Note when the earliest post dated after ``now`` stops being in the future."""
        ahead = [dt.datetime.fromisoformat(m.date) - now for m in members if m.date is not None]
        ahead = [delta for delta in ahead if delta > dt.timedelta(0)]
        if ahead:
            moment = time.time() + min(ahead).total_seconds()
            self.until = moment if self.until is None else min(self.until, moment)

    def _exists(self, path: Path) -> bool:
        """Whether ``path`` is a file, remembered for the memo of this run."""
        exists = path.is_file()
        self.checked[os.fspath(path)] = exists
        return exists

    def _folder_exists(self, path: Path) -> bool:
        """Whether ``path`` is a directory, remembered as ``document.present`` reads it back."""
        exists = path.is_dir()
        self.checked[os.fspath(path) + os.sep] = exists
        return exists

    def _findings(self) -> dict[str, list[Pending]]:
        """The site rules' findings in the files this run owns, by displayed path."""
        found: dict[str, list[Pending]] = defaultdict(list)
        for root, members, owned, context in self.journal.sites(self._stored, self._rebuilt):
            checked = check_site(
                self.selection,
                Path(root),
                members,
                owned,
                context,
                now=self.now,
                exists=self._exists,
                folder_exists=self._folder_exists,
            )
            self._until(members, checked.now)
            self.failed = self.failed or checked.failed
            for path, pending in checked.found:
                found[path].append(pending)
        return found

    def _text(self, result: FileResult) -> str | None:
        """The text of a result's file: kept with the result, else read again (not stdin's)."""
        if result.source is not None or result.path == self.selection.options.stdin_filename:
            return result.source
        return _read_text(Path(result.path))


def _merged(result: FileResult, diagnostics: list[Diagnostic], text: str | None) -> FileResult:
    """``result`` with the site findings among its own, in position order."""
    merged = sorted([*result.diagnostics, *diagnostics], key=lambda d: d.sort_key)
    return replace(result, diagnostics=merged, source=text)


def _read_text(path: Path) -> str | None:
    """The text of a file read again after linting; ``None`` if it is gone or not UTF-8."""
    try:
        text = decode(path.read_bytes())
    except OSError:
        return None
    return text if isinstance(text, str) else None
