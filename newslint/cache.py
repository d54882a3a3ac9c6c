"""A cache of results keyed by file content, newslint itself and the settings that apply.

It lives in ``.newslint_cache/`` (which ignores itself in git). It is JSON, never pickle: the
directory sits in a repository a pull request can write to, so an entry is data to check, not
code to run. An entry that does not parse or does not fit the expected shape is ignored and
rewritten. Findings that depend on other files (an image that must exist) carry the existence
of those files, and the entry is used only while that is unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from newslint import __version__
from newslint.codec import decode_diagnostic, encode_diagnostic
from newslint.config import FileSettings
from newslint.diagnostics import Diagnostic
from newslint.document import present
from newslint.linestore import LineStore, ignored_directory
from newslint.resources import data_dir
from newslint.writer import write_atomically

DIRECTORY = ".newslint_cache"
RACY_NS = 2_000_000_000
"""A file state younger than this when recorded is not trusted (see ``FileStates``)."""
FORMAT = 3
STALE = (
    "results-v1.json",
    "index-v1.json",
    "results-v2.jsonl",
    "entries-v2.jsonl",
    "states-v2.jsonl",
    "index-v2.jsonl",
)
"""Files of earlier cache formats, removed when the cache is written."""


def _files_digest(paths: list[Path], *, by_content: bool) -> str:
    """A digest of the names of ``paths`` and, for each, its bytes (``by_content``) or its size
    and modification time (cheap, and changes when the file does); a missing one counts too."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        try:
            if by_content:
                state = path.read_bytes()
            else:
                st = path.stat()
                state = b"%d\0%d" % (st.st_size, st.st_mtime_ns)
        except OSError:
            state = b"\0missing"
        digest.update(b"%s\0%d\0%s\n" % (os.fsencode(path), len(state), state))
    return digest.hexdigest()


def code_fingerprint() -> str:
    """newslint's version plus its own source and data files (so a development edit counts).

    An installed newslint is fingerprinted by its ``RECORD`` (the installer's list of every
    file with its hash), so a reinstall of the same files, as a CI job does, keeps the cache;
    a source checkout by its files' sizes and modification times.
    """
    package = Path(__file__).resolve().parent
    record = package.parent / f"newslint-{__version__}.dist-info" / "RECORD"
    if (package / "_data").is_dir():
        with contextlib.suppress(OSError):
            installed = hashlib.blake2b(record.read_bytes(), digest_size=16).hexdigest()
            return f"{__version__}-{installed}"
    files = [*package.rglob("*.py"), *data_dir("rules").glob("*.yaml")]
    files += data_dir("schemas").glob("*.yaml")
    return f"{__version__}-{_files_digest(files, by_content=False)}"


def settings_fingerprint(settings: FileSettings, enabled: frozenset[str]) -> str:
    """A digest of what besides the file decides its findings: settings, rules, schemas and
    the site config."""
    from newslint.site import find_site_root

    site = find_site_root(settings.path) if settings.path is not None else None
    described = repr(
        (
            sorted(enabled),
            settings.schema_name,
            settings.schema_dirs,
            sorted(settings.ignored),
            sorted(settings.severity.items()),
            settings.feature_text_template,
            sorted(settings.rule_options.items()),
        )
    )
    inputs = _inputs_digest(settings.schema_name, settings.schema_dirs, site)
    return hashlib.blake2b(f"{described}\0{inputs}".encode(), digest_size=16).hexdigest()


@functools.lru_cache(maxsize=256)
def _inputs_digest(schema_name: str, schema_dirs: tuple[Path, ...], site: Path | None) -> str:
    """The contents of the schema files and the site's ``_config.yml`` (once per run and site):
    by content, not modification time, so a fresh checkout with a restored cache uses it."""
    files = [p for d in schema_dirs if d.is_dir() for p in d.glob("*.yaml")]
    if schema_name.endswith((".yaml", ".yml")):
        files.append(Path(schema_name))
    if site is not None:
        files.append(site / "_config.yml")
    return _files_digest(files, by_content=True)


def write_entries(file: Path, code: str, entries: dict[str, Any], key: str) -> None:
    """Write ``{"code": code, key: entries}`` as JSON, atomically; never fail the run."""
    payload = json.dumps({"code": code, key: entries}, separators=(",", ":"))
    try:
        ignored_directory(file.parent)
        write_atomically(file, payload.encode("utf-8"))
    except OSError:
        pass  # a read-only checkout still lints; it just does not remember


def content_digest(data: bytes) -> str:
    """The digest of a file's bytes that its cache key is made from."""
    return hashlib.blake2b(data, digest_size=20, person=b"newslint").hexdigest()


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

    def __init__(self, store: LineStore) -> None:
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
        self.directory = root / DIRECTORY
        self.code = code_fingerprint()
        self.results = LineStore(self.directory / f"results-v{FORMAT}.jsonl", self.code)
        self.entries = LineStore(self.directory / f"entries-v{FORMAT}.jsonl", self.code)
        self.states = FileStates(LineStore(self.directory / f"states-v{FORMAT}.jsonl", self.code))

    def key(self, display: str, digest: str, fingerprint: str) -> str:
        """The key of a file's result: its bytes' ``content_digest``, its path and settings."""
        text = f"{digest}\0{display}\0{fingerprint}".encode("utf-8", "surrogateescape")
        return hashlib.blake2b(text, digest_size=20, person=b"newslint").hexdigest()

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
        stores = (self.results, self.entries, self.states.store)
        if not any(store.changed for store in stores):
            return
        for store in stores:
            store.save()
        for name in STALE:
            with contextlib.suppress(OSError):  # a read-only checkout still lints
                (self.directory / name).unlink(missing_ok=True)
