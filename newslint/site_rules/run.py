"""The runner's side of the site rules: index what is not linted, check at the end, stamp.

Files this run lints carry their index entry in their ``FileResult`` (built by the engine from
the same parse, cached with the result). Files it does not lint (other shards, files unchanged
under ``--changed-since``) are indexed here from their front matter alone: read, split, one
``CSafeLoader`` compose, no HTML parse, and the entry cached by content hash in
``.newslint_cache/index-v1.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.catalogue import catalogue
from newslint.diagnostics import Diagnostic, Related
from newslint.document import DecodeFailure, Document, decode
from newslint.site_rules.checks import SITE_CHECKS, SiteView
from newslint.site_rules.index import Entry, encode, summarize
from newslint.site_rules.index import decode as decode_entry

if TYPE_CHECKING:
    from newslint.discovery import Target
    from newslint.runner import FileResult, Linter

INDEX_FILE = "index-v1.json"
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
        from newslint.cache import DIRECTORY, code_fingerprint, read_entries

        self.file = directory / DIRECTORY / INDEX_FILE if directory is not None else None
        self._code = code_fingerprint() if self.file is not None else ""
        self._old = read_entries(self.file, self._code) if self.file is not None else {}
        self._new: dict[str, Any] = {}

    def entry(self, display: str, path: Path, data: bytes) -> Entry | None:
        from newslint.cache import _inputs_digest
        from newslint.site import find_site_root

        if self.file is None:
            return index_entry(display, path, data)
        site = find_site_root(path.absolute())
        digest = hashlib.blake2b(data, digest_size=20, person=b"nl-index")
        digest.update(f"\0{display}\0{_inputs_digest('', (), site)}".encode())
        key = digest.hexdigest()
        cached = self._old.get(key, self._new.get(key))
        if cached is not None:
            try:
                self._new[key] = cached
                return decode_entry(cached, display) if cached != 0 else None
            except (KeyError, TypeError, ValueError, AssertionError):
                pass
        entry = index_entry(display, path, data)
        self._new[key] = encode(entry) if entry is not None else 0
        return entry

    def save(self) -> None:
        from newslint.cache import write_entries

        if self.file is None or self._new.keys() == self._old.keys():
            return
        write_entries(self.file, self._code, self._new)


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
        self.now = now

    def index_only(self, target: Target) -> None:
        """Index a file this run does not lint."""
        read = self.linter.read_target(target)
        if isinstance(read, tuple):
            entry = self.cache.entry(target.display, read[0], read[1])
            if entry is not None:
                self.others.append(entry)

    def finish(self, results: list[FileResult], paths: dict[str, Path]) -> list[FileResult]:
        """``results`` with the site rules' findings in the files they own added."""
        self.cache.save()
        owned = {r.path: i for i, r in enumerate(results) if r.site is not None}
        entries = [r.site for r in results if r.site is not None] + self.others
        by_site: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            by_site[entry.site].append(entry)
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for root, members in sorted(by_site.items()):
            if not any(m.path in owned for m in members):
                continue
            for diag in self._check_site(Path(root), members, owned, paths):
                found[diag.path].append(diag)
        out = list(results)
        for display, diagnostics in found.items():
            index = owned[display]
            out[index] = self._merge(out[index], diagnostics, paths.get(display))
        return out

    def _check_site(
        self, root: Path, members: list[Entry], owned: dict[str, int], paths: dict[str, Path]
    ) -> Iterator[Diagnostic]:
        from newslint.engine import expand_codes
        from newslint.site import load_site

        config: dict[str, Any] = {}
        if (root / "_config.yml").is_file():
            config = load_site(root).config
        settings_of: dict[str, tuple[frozenset[str], Any]] = {}

        def settings(display: str) -> tuple[frozenset[str], Any]:
            if display not in settings_of:
                loaded, file_settings = self.linter.settings_for(paths[display])
                enabled = self.linter.enabled_for(loaded)
                ignored = expand_codes(file_settings.ignored) if file_settings.ignored else set()
                settings_of[display] = (frozenset(enabled - ignored), file_settings)
            return settings_of[display]

        def options(display: str, code: str) -> dict[str, Any]:
            if display not in paths:
                return {}
            return dict(settings(display)[1].rule_options.get(code, {}))

        wanted: set[str] = set()
        for member in members:
            if member.path in owned:
                wanted |= settings(member.path)[0] & SITE_CODES
        view = SiteView(
            root,
            config,
            sorted(members, key=lambda e: e.rel),
            self.now or _now(config),
            options,
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
                    start=start,
                    end=end,
                    related=tuple(Related(p, note) for p, note in finding.related),
                )

    def _merge(
        self, result: FileResult, diagnostics: list[Diagnostic], path: Path | None
    ) -> FileResult:
        from newslint.engine import _selector_codes
        from newslint.suppressions import find_suppressions

        text = result.source
        if text is None and path is not None:
            try:
                decoded = decode(path.read_bytes())
            except OSError:
                decoded = None
            text = decoded if isinstance(decoded, str) else None
        if text is not None:
            found = find_suppressions(Document.from_text(result.path, text), _selector_codes)
            if found is not None:
                diagnostics = found.filter(diagnostics, keep=frozenset())
        if not diagnostics:
            return result
        merged = sorted([*result.diagnostics, *diagnostics], key=lambda d: d.sort_key)
        return replace(result, diagnostics=merged, source=text)
