"""A cache of results keyed by file content, newslint itself and the settings that apply.

It lives in ``.newslint_cache/`` (which ignores itself in git), in the tables ``results``,
``entries`` and ``states`` of the cache database (``cachedb``). It is JSON, never pickle: the
directory sits in a repository a pull request can write to, so an entry is data to check, not
code to run. An entry that does not parse or does not fit the expected shape is ignored and
rewritten. Findings that depend on other files (an image that must exist) carry the existence
of those files, and the entry is used only while that is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from newslint.cachekeys import code_fingerprint
from newslint.codec import decode_diagnostic, encode_diagnostic
from newslint.diagnostics import Diagnostic
from newslint.document import present

if TYPE_CHECKING:
    from newslint.cachedb import Table

DIRECTORY = ".newslint_cache"
"""The cache's directory, in the directory a run keeps it in (``Options.cache_dir``)."""
RACY_NS = 2_000_000_000
"""A file state younger than this when recorded is not trusted (see ``FileStates``)."""


def encode_diagnostics(diagnostics: list[Diagnostic]) -> str:
    """``diagnostics`` as the cache stores them: JSON text."""
    return json.dumps([encode_diagnostic(d) for d in diagnostics], separators=(",", ":"))


class FileStates:
    """The ``content_digest`` of each file by its state (size, times, inode), as git's index does.

    A file whose state is as recorded need not be read to find its result. The change time
    cannot be set by a program, and a state recorded less than ``RACY_NS`` after the file last
    changed is not trusted (it may have changed again within the clock's resolution). A record
    is the JSON ``[size, mtime, ctime, inode, device, digest, recorded]``, compared as text.
    """

    def __init__(self, store: Table) -> None:
        self.store = store

    @staticmethod
    def _key(display: str) -> str:
        path = display.encode("utf-8", "surrogateescape")
        return hashlib.blake2b(path, digest_size=16).hexdigest()

    @staticmethod
    def _state(state: os.stat_result) -> str:
        return (
            f"[{state.st_size},{state.st_mtime_ns},{state.st_ctime_ns},"
            f"{state.st_ino},{state.st_dev},"
        )

    def digest(self, display: str, state: os.stat_result) -> str | None:
        """The recorded digest of the file shown as ``display``, if its state is unchanged."""
        record = self.store.raw(self._key(display))
        if record is None:
            return None
        head = self._state(state)
        if not record.startswith(head):
            return None
        tail = record[len(head) :]  # '"DIGEST",RECORDED]', sliced: a pattern costs more a file
        digest, separator, recorded = tail[1:-1].partition('",')
        if tail[:1] != '"' or tail[-1:] != "]" or not separator:
            return None
        if not (recorded.isascii() and recorded.isdigit()):
            return None
        changed = max(state.st_mtime_ns, state.st_ctime_ns)
        return digest if int(recorded) - RACY_NS >= changed else None

    def remember(self, display: str, state: os.stat_result, digest: str) -> None:
        """Record that the file in ``state`` (taken before reading it) has ``digest``."""
        if self.digest(display, state) != digest:
            record = f'{self._state(state)}"{digest}",{time.time_ns()}]'
            self.store.put_raw(self._key(display), record)


class Hit(NamedTuple):
    """A cached result: its diagnostics, the same as the cache's JSON, and whether a site-index
    entry is stored with it."""

    diagnostics: list[Diagnostic]
    encoded: str
    has_site: bool


_CLEAN = "[[],{},true]"
"""How ``put`` writes the entry of a file without findings or dependencies."""
_JSON = json.JSONDecoder()
FOUND, CLEAN, SITE = 1, 2, 4
"""What ``ResultCache.peek`` tells of a result: stored; without findings; with a site entry."""


class Answers:
    """The cache's answer for each item of a run, found before any file is read: what
    ``peek`` said of the item's result (a byte, 0 for none) and, for an answer, its key
    (20 bytes)."""

    def __init__(self) -> None:
        self._flags = bytearray()
        self._keys = bytearray()
        self.answered = 0

    def add(self, key: str | None, flags: int) -> None:
        if key is None or not flags:
            self._flags.append(0)
        else:
            self._flags.append(flags)
            self._keys += bytes.fromhex(key)
            self.answered += 1

    def __iter__(self) -> Iterator[tuple[str, int] | None]:
        """For each item in order, its key and flags, or ``None``."""
        at = 0
        for flags in self._flags:
            if flags:
                yield self._keys[at : at + 20].hex(), flags
                at += 20
            else:
                yield None


class ResultCache:
    """Per-file results (diagnostics and dependencies) and, apart, their site-index entries.

    The entries are read only when the site rules must run again.
    """

    def __init__(self, root: Path) -> None:
        from newslint.cachedb import CacheDB

        self.directory = root / DIRECTORY
        self.code = code_fingerprint()
        self._db = CacheDB(self.directory, self.code)
        self.results = self._db.table("results")
        self.entries = self._db.table("entries")
        self.states = FileStates(self._db.table("states"))

    def key(self, display: str, digest: str, fingerprint: str) -> str:
        """The key of a file's result: its bytes' ``content_digest``, its path and settings, and
        newslint itself (so runs of two versions sharing a cache never take each other's)."""
        text = f"{digest}\0{display}\0{fingerprint}\0{self.code}"
        made_of = text.encode("utf-8", "surrogateescape")
        return hashlib.blake2b(made_of, digest_size=20, person=b"newslint").hexdigest()

    def peek(self, key: str) -> int:
        """What is stored under ``key``, as flags (``get`` checks it)."""
        raw = self.results.raw(key)
        if raw is None:
            return 0
        if raw == _CLEAN:
            return FOUND | CLEAN | SITE
        return FOUND | (SITE if raw.endswith(",true]") else 0)

    def get(self, key: str, display: str) -> Hit | None:
        """The cached result; ``None`` on a miss.

        A miss is also a stale dependency or an entry that does not have the expected shape.
        """
        raw = self.results.raw(key)
        if raw is None:
            return None
        if raw == _CLEAN:
            return Hit([], "[]", True)  # most files: no findings, no dependencies, an entry
        try:
            if not raw.startswith("["):
                return None
            items, end = _JSON.raw_decode(raw, 1)  # the diagnostics, kept as text too
            if raw[end : end + 1] != ",":
                return None
            deps, has_site = json.loads("[" + raw[end + 1 :])
            for path, existed in deps.items():
                if present(path) != existed:
                    return None
            diagnostics = [decode_diagnostic(display, item) for item in items]
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            return None
        return Hit(diagnostics, raw[1:end], bool(has_site))

    def put(self, key: str, encoded: str, deps: dict[str, bool], site: str | None) -> None:
        """Store a result: its diagnostics as ``encode_diagnostics`` gives them, the files they
        depend on, and its site-index entry (JSON text)."""
        has_site = "true" if site is not None else "false"
        deps_text = json.dumps(deps, separators=(",", ":"))
        self.results.put_raw(key, f"[{encoded},{deps_text},{has_site}]")
        if site is not None:
            self.entries.put_raw(key, site)

    def save(self) -> None:
        """Write what the run stored and close the database."""
        self._db.save()
