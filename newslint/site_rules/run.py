"""The runner's side of the site rules: index what is not linted, check at the end, stamp.

Files this run lints carry their index entry in their ``FileResult`` (built by the engine from
the same parse, cached with the result). Files it does not lint (other shards, files unchanged
under ``--changed-since``) are indexed here from their front matter alone: read, split, one
``CSafeLoader`` compose, no HTML parse, and the entry cached by content hash in
``.newslint_cache/index-v2.jsonl``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.catalogue import catalogue
from newslint.diagnostics import Diagnostic, Related
from newslint.document import DecodeFailure, Document, decode
from newslint.positions import LineIndex, Position
from newslint.site_rules.checks import SITE_CHECKS, SiteView
from newslint.site_rules.index import Entry, encode, summarize
from newslint.site_rules.index import decode as decode_entry
from newslint.site_rules.memo import SiteMemo, run_digest

if TYPE_CHECKING:
    from newslint.discovery import Target
    from newslint.runner import FileResult, Linter

INDEX_FILE = "index-v2.jsonl"
SITE_CODES = frozenset(SITE_CHECKS)


def site_codes(enabled: frozenset[str]) -> frozenset[str]:
    """The site rules among ``enabled``."""
    return enabled & SITE_CODES


def index_entry(display: str, path: Path, data: bytes) -> Entry | None:
    """The front tier of one file not linted in this run (``None``: not content of a site)."""
    text = decode(data)
    if isinstance(text, DecodeFailure):
        return None
    return summarize(Document.from_text(display, text), path, body=False)


class IndexCache:
    """Front-tier entries by content hash, path and site configuration (JSON, like results)."""

    def __init__(self, directory: Path | None) -> None:
        from newslint.cache import DIRECTORY, LineStore, code_fingerprint

        self.store = None
        if directory is not None:
            self.store = LineStore(directory / DIRECTORY / INDEX_FILE, code_fingerprint())

    def entry(self, display: str, path: Path, data: bytes) -> tuple[str | None, Entry | None]:
        """The cache key (``None`` without a cache) and the entry of one file."""
        from newslint.cache import _inputs_digest
        from newslint.site import find_site_root

        if self.store is None:
            return None, index_entry(display, path, data)
        site = find_site_root(path.absolute())
        digest = hashlib.blake2b(data, digest_size=20, person=b"nl-index")
        digest.update(f"\0{display}\0{_inputs_digest('', (), site)}".encode())
        key = digest.hexdigest()
        cached = self.store.get(key)
        if cached is not None:
            try:
                return key, decode_entry(cached, display) if cached != 0 else None
            except (KeyError, TypeError, ValueError, AssertionError):
                pass
        entry = index_entry(display, path, data)
        self.store.put(key, encode(entry) if entry is not None else 0)
        return key, entry

    def save(self) -> None:
        if self.store is not None:
            self.store.save()


def _now(config: dict[str, Any]) -> dt.datetime:
    zone = config.get("timezone")
    if isinstance(zone, str):
        try:
            from zoneinfo import ZoneInfo

            return dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
        except (ImportError, ValueError, KeyError, OSError):
            pass
    return dt.datetime.now()


class SitePass:
    """Collects entries during a run and turns the site rules' findings into diagnostics."""

    def __init__(self, linter: Linter, now: dt.datetime | None = None) -> None:
        self.linter = linter
        self.cache = IndexCache(linter.options.cache_dir)
        self.others: list[Entry] = []
        self.other_keys: list[tuple[str, str, str]] | None = []
        """``("index", path, key)`` of each file indexed here (``None``: one had no key)."""
        self.now = now
        self.checked: dict[str, bool] = {}
        """Files whose existence the checks asked about, and the answers."""
        self.until: float | None = None
        """When the findings may change with the time alone (a post dated in the future)."""

    def index_only(self, target: Target) -> None:
        """Index a file this run does not lint."""
        read = self.linter.read_target(target)
        if isinstance(read, tuple):
            key, entry = self.cache.entry(target.display, read[0], read[1])
            if self.other_keys is not None:
                if key is None:
                    self.other_keys = None
                else:
                    self.other_keys.append(("index", target.display, key))
            if entry is not None:
                self.others.append(entry)

    def finish(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """``results`` with the site rules' findings in the files they own added.

        The results wait in a ``ResultSpill`` while the rest of the site is indexed. When every
        file of the run is as it was in a remembered run, its findings are reused.
        """
        from newslint.spill import ResultSpill

        with ResultSpill() as spill:
            owned: set[str] = set()
            entries: list[Entry | tuple[str, str]] = []
            """Fresh entries, or (path, cache key) of the entries stored with cached results."""
            keys = self.other_keys
            for result in results:
                if result.site is not None or result.site_key is not None:
                    owned.add(result.path)
                    entries.append(result.site or (result.path, result.site_key or ""))
                    if keys is not None and result.site_key is not None:
                        keys.append(("lint", result.path, result.site_key))
                    else:
                        keys = None
                spill.put(result)
            self.cache.save()
            memo = self._memo()
            digest = run_digest(memo[1], keys) if memo is not None and keys is not None else None
            remembered = memo[0].get(digest) if memo is not None and digest else None
            if remembered is None:
                found = self._findings(self._entries(entries), owned)
            del entries
            self.others = []
            kept: dict[str, list[Diagnostic]] = {}
            for result in spill:
                if remembered is not None:
                    diagnostics = remembered.pop(result.path, [])
                    text = self._text(result) if diagnostics else None
                else:
                    diagnostics = found.pop(result.path, [])
                    text = self._text(result) if diagnostics else None
                    diagnostics = self._unsuppressed(result, _placed(diagnostics, text), text)
                if diagnostics:
                    kept[result.path] = diagnostics
                    result = _merged(result, diagnostics, text)
                yield result
            if remembered is None and memo is not None and digest is not None:
                memo[0].put(digest, kept, self.checked, self.until)

    def _memo(self) -> tuple[SiteMemo, str] | None:
        """The memo of site findings and the code fingerprint (``None``: no cache)."""
        cache = self.linter.cache
        if cache is None:
            return None
        return SiteMemo(cache.directory, cache.code), cache.code

    def _entries(self, items: list[Entry | tuple[str, str]]) -> list[Entry]:
        """Fresh entries, stored ones decoded, and those of the files indexed here."""
        out: list[Entry] = []
        for item in items:
            entry = item if isinstance(item, Entry) else self._stored(*item)
            if entry is not None:
                out.append(entry)
        return [*out, *self.others]

    def _stored(self, display: str, key: str) -> Entry | None:
        """The entry stored with a cached result; rebuilt from the file if it is missing."""
        cache = self.linter.cache
        stored = cache.entries.get(key) if cache is not None else None
        if stored is not None:
            try:
                return decode_entry(stored, display)
            except (KeyError, TypeError, ValueError, AssertionError):
                pass
        path = Path(display)  # a linted file is shown as the path it was read from
        text = _read_text(path)
        if text is None:
            return None
        return summarize(Document.from_text(display, text), path, body=True)

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

    def _findings(self, entries: list[Entry], owned: set[str]) -> dict[str, list[Diagnostic]]:
        """The site rules' findings in the files this run owns, by displayed path."""
        by_site: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            by_site[entry.site].append(entry)
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for root, members in sorted(by_site.items()):
            if not any(m.path in owned for m in members):
                continue
            for diag in self._check_site(Path(root), members, owned):
                found[diag.path].append(diag)
        return found

    def _check_site(
        self, root: Path, members: list[Entry], owned: set[str]
    ) -> Iterator[Diagnostic]:
        from newslint.engine import expand_codes
        from newslint.site import load_site

        config: dict[str, Any] = {}
        if (root / "_config.yml").is_file():
            config = load_site(root).config
        settings_of: dict[str, tuple[frozenset[str], Any]] = {}

        def settings(display: str) -> tuple[frozenset[str], Any]:
            if display not in settings_of:
                loaded, file_settings = self.linter.settings_for(Path(display))
                enabled = self.linter.enabled_for(loaded)
                ignored = expand_codes(file_settings.ignored) if file_settings.ignored else set()
                settings_of[display] = (frozenset(enabled - ignored), file_settings)
            return settings_of[display]

        def options(display: str, code: str) -> dict[str, Any]:
            if display not in owned:
                return {}
            return dict(settings(display)[1].rule_options.get(code, {}))

        # Per directory, not per file: a rule a file ignores still runs, its findings dropped below.
        linter = self.linter
        directories = {Path(m.path).parent for m in members if m.path in owned}
        wanted = {c for d in directories for c in linter.enabled_for(linter.loaded_for(d))}
        wanted &= SITE_CODES
        now = self.now or _now(config)
        self._until(members, now)
        view = SiteView(
            root, config, sorted(members, key=lambda e: e.rel), now, options, self._exists
        )
        docs = catalogue()
        for code in sorted(wanted):
            rule = docs[code]
            for finding in SITE_CHECKS[code](view):
                if finding.path not in owned:
                    continue
                enabled, file_settings = settings(finding.path)
                if code not in enabled:
                    continue
                start, end = finding.span
                yield Diagnostic(
                    path=finding.path,
                    code=code,
                    rule=rule.name,
                    severity=file_settings.severity.get(code, rule.severity),
                    message=finding.message,
                    start=_offset(start),
                    end=_offset(end),
                    related=tuple(Related(_offset(at), note) for at, note in finding.related),
                )

    def _text(self, result: FileResult) -> str | None:
        """The text of a result's file: kept with the result, else read again (not stdin's)."""
        if result.source is not None or result.path == self.linter.options.stdin_filename:
            return result.source
        return _read_text(Path(result.path))

    def _unsuppressed(
        self, result: FileResult, diagnostics: list[Diagnostic], text: str | None
    ) -> list[Diagnostic]:
        """``diagnostics`` without those the file's suppression comments silence."""
        from newslint.engine import _selector_codes
        from newslint.suppressions import find_suppressions

        if text is None or not diagnostics:
            return diagnostics
        found = find_suppressions(Document.from_text(result.path, text), _selector_codes)
        return diagnostics if found is None else found.filter(diagnostics, keep=frozenset())


def _offset(offset: int) -> Position:
    """An offset whose line and column ``_placed`` works out once the text is at hand."""
    return Position(0, 0, offset)


def _placed(diagnostics: list[Diagnostic], text: str | None) -> list[Diagnostic]:
    """``diagnostics`` with lines and columns from their offsets in ``text``."""
    index = LineIndex(text or "")
    return [
        replace(
            d,
            start=index.position(d.start.offset),
            end=index.position(d.end.offset),
            related=tuple(Related(index.position(r.position.offset), r.message) for r in d.related),
        )
        for d in diagnostics
    ]


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
