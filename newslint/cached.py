"""Answer files of a run from the result cache: by their recorded state before any is read, or
by their bytes once read."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from newslint.cache import CLEAN, SITE, Answers, Hit, ResultCache
from newslint.cachekeys import content_digest, settings_fingerprint
from newslint.config import LoadedSettings, is_excluded, resolve_file_settings
from newslint.discovery import Missing, Target, parent_of
from newslint.results import FileResult
from newslint.selection import Selection
from newslint.site_rules.memo import RunDigest


class CachedResults:
    """The results a ``ResultCache`` holds for the files of a run, under keys made with the
    settings its ``Selection`` gives each file."""

    def __init__(self, cache: ResultCache, selection: Selection) -> None:
        self.cache = cache
        self.selection = selection
        self._fingerprints: dict[tuple[int, str], str] = {}

    def key(self, display: str, file: str, digest: str) -> str:
        """The cache key of a file whose bytes have ``digest`` (``cache.content_digest``)."""
        directory = parent_of(file)
        return self._key_in(self.selection.loaded_for(directory), directory, display, file, digest)

    def _key_in(
        self, loaded: LoadedSettings, directory: str, display: str, file: str, digest: str
    ) -> str:
        """``key`` of a file in ``directory``, whose settings are ``loaded``."""
        conf = loaded.settings
        # Without path globs in the configuration, every file of a directory shares settings.
        shared = not (conf.schemas or conf.per_file_ignores)
        fingerprint = self._fingerprints.get((id(conf), directory)) if shared else None
        if fingerprint is None:
            settings = resolve_file_settings(loaded, Path(file))
            fingerprint = settings_fingerprint(settings, self.selection.enabled_for(loaded))
            if shared:
                self._fingerprints[(id(conf), directory)] = fingerprint
        return self.cache.key(display, digest, fingerprint)

    def answers(
        self, items: Iterable[Target | Missing], expected: RunDigest | None
    ) -> tuple[Answers, bool]:
        """The cache's answer for each of ``items``, and whether every file has one.

        ``expected`` takes the key of each answered file whose result has a site entry.
        """
        answers = Answers()
        complete = True
        for item in items:
            key, flags = None, 0
            if isinstance(item, Target):
                key, flags = self._answer(item)
                complete = complete and bool(flags)
                if expected is not None and flags & SITE:
                    expected.add("lint", item.display, key or "")
            answers.add(key, flags)
        return answers, complete

    def _answer(self, target: Target) -> tuple[str | None, int]:
        """The cache key of a file whose state says it is as it was, and what the cache holds
        under it (``ResultCache.peek``), without reading the file; ``(None, 0)`` if unknown."""
        file = target.file
        if file is None:
            return None, 0
        try:
            state = os.stat(file)  # noqa: PTH116 - strings: no Path per file
        except OSError:
            return None, 0
        digest = self.cache.states.digest(target.display, state)
        if digest is None:
            return None, 0
        directory = parent_of(file)
        loaded = self.selection.loaded_for(directory)
        if loaded.settings.exclude and is_excluded(Path(file), loaded):
            return None, 0
        key = self._key_in(loaded, directory, target.display, file, digest)
        return key, self.cache.peek(key)

    def answered(self, target: Target, key: str, flags: int) -> FileResult | None:
        """The result the cache answered for ``target`` (see ``answers``), if it still holds.

        Only files with findings are read, and only when their text is kept (``keep_source``):
        checked again then, so that the text shown is the text the findings are of.
        """
        assert target.file is not None
        site_key = key if flags & SITE else None
        if flags & CLEAN:
            return FileResult(target.display, site_key=site_key)
        hit = self.cache.get(key, target.display)
        if hit is None:
            return None
        data = None
        if hit.diagnostics and self.selection.options.keep_source:
            try:
                with open(target.file, "rb", buffering=0) as handle:  # noqa: PTH123 - str
                    data = handle.read()
            except OSError:
                return None
            if self.key(target.display, target.file, content_digest(data)) != key:
                return None
        return _from_cache(target.display, key, hit, data)

    def of_read(
        self, display: str, path: Path, data: bytes, state: os.stat_result
    ) -> tuple[str, FileResult | None]:
        """The key of a file read (its ``state`` taken before its ``data``, and recorded), and
        the result the cache holds under it, if any."""
        digest = content_digest(data)
        self.cache.states.remember(display, state, digest)
        key = self.key(display, os.fspath(path), digest)
        hit = self.cache.get(key, display)
        if hit is None:
            return key, None
        kept = data if self.selection.options.keep_source else None
        return key, _from_cache(display, key, hit, kept)


def _from_cache(display: str, key: str, hit: Hit, data: bytes | None) -> FileResult:
    """The result the cache gave, with the text to show findings in (``data``: the bytes, or
    ``None`` when the text is not kept)."""
    source = None
    if data is not None and hit.diagnostics:
        source = data.decode("utf-8", errors="replace")
    site_key = key if hit.has_site else None
    return FileResult(
        display, hit.diagnostics, source=source, site_key=site_key, encoded=hit.encoded
    )
