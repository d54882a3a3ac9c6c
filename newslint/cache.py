"""A cache of results keyed by file content, newslint itself and the settings that apply.

It lives in ``.newslint_cache/`` (which ignores itself in git). It is JSON, never pickle: the
directory sits in a repository a pull request can write to, so an entry is data to check, not
code to run. An entry that does not parse or does not fit the expected shape is ignored and
rewritten. Findings that depend on other files (an image that must exist) carry the existence
of those files, and the entry is used only while that is unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import IO, Any

from newslint import __version__
from newslint.codec import decode_diagnostic, encode_diagnostic
from newslint.config import FileSettings
from newslint.diagnostics import Diagnostic
from newslint.resources import data_dir
from newslint.writer import write_atomically

DIRECTORY = ".newslint_cache"
RACY_NS = 2_000_000_000
"""A file state younger than this when recorded is not trusted (see ``FileStates``)."""
FORMAT = 2
MAX_ENTRIES = 200_000


def _stat_digest(paths: list[Path]) -> str:
    """A digest of names, sizes and modification times: cheap, and changes when files do."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        try:
            st = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def code_fingerprint() -> str:
    """newslint's version plus its own source and data files (so a development edit counts)."""
    package = Path(__file__).resolve().parent
    files = [*package.rglob("*.py"), *data_dir("rules").glob("*.yaml")]
    files += data_dir("schemas").glob("*.yaml")
    return f"{__version__}-{_stat_digest(files)}"


def settings_fingerprint(settings: FileSettings, enabled: frozenset[str]) -> str:
    """What besides the file decides its findings: settings, rules, schemas and the site config."""
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
    return f"{described}\0{_inputs_digest(settings.schema_name, settings.schema_dirs, site)}"


@functools.lru_cache(maxsize=256)
def _inputs_digest(schema_name: str, schema_dirs: tuple[Path, ...], site: Path | None) -> str:
    """The state of the schema files and the site's ``_config.yml`` (once per run and site)."""
    files = [p for d in schema_dirs if d.is_dir() for p in d.glob("*.yaml")]
    if schema_name.endswith((".yaml", ".yml")):
        files.append(Path(schema_name))
    if site is not None:
        files.append(site / "_config.yml")
    return _stat_digest(files)


def write_entries(file: Path, code: str, entries: dict[str, Any], key: str) -> None:
    """Write ``{"code": code, key: entries}`` as JSON, atomically; never fail the run."""
    payload = json.dumps({"code": code, key: entries}, separators=(",", ":"))
    try:
        _ignored_directory(file.parent)
        write_atomically(file, payload.encode("utf-8"))
    except OSError:
        pass  # a read-only checkout still lints; it just does not remember


def _ignored_directory(directory: Path) -> None:
    """Create the cache directory, which tells git to ignore it."""
    directory.mkdir(exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by newslint\n*\n", encoding="utf-8")


class LineStore:
    """One cache file of ``key<TAB>JSON`` lines after a header line naming the code fingerprint.

    The file is read on first use into raw lines, and a line is parsed only when its key is
    asked for. New lines go straight to an anonymous temporary file (gone if the run dies);
    ``save`` writes them and the old lines still wanted beside the file and renames that over
    it: nothing a run writes is held in memory.
    """

    def __init__(self, file: Path, code: str) -> None:
        self.file = file
        self._code = code
        self._old: dict[str, str] | None = None
        self._used: set[str] = set()
        self._pending: IO[str] | None = None
        self._written: set[str] = set()
        self._broken = False

    def _lines(self) -> dict[str, str]:
        if self._old is None:
            self._old = {}
            try:
                text = self.file.read_text(encoding="utf-8")
            except (OSError, ValueError):
                return self._old
            header, _, body = text.partition("\n")
            if header == self._code:
                for line in body.split("\n"):
                    key, _, raw = line.partition("\t")
                    self._old[key] = raw
        return self._old

    def raw(self, key: str) -> str | None:
        """The JSON text stored under ``key``, unparsed."""
        raw = self._lines().get(key)
        if raw is not None:
            self._used.add(key)
        return raw

    def get(self, key: str) -> Any:
        """The parsed value stored under ``key`` (``None``: none, or not JSON)."""
        raw = self.raw(key)
        try:
            return None if raw is None else json.loads(raw)
        except ValueError:
            return None

    def put(self, key: str, value: Any) -> None:
        if self._broken or key in self._written:
            return
        try:
            if self._pending is None:
                self._pending = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            self._pending.write(f"{key}\t{json.dumps(value, separators=(',', ':'))}\n")
        except OSError:
            self._broken = True  # a read-only checkout still lints; it just does not remember
            return
        self._written.add(key)

    def save(self) -> None:
        """Keep the old lines (all of them up to a bound, else those used) and the new ones."""
        pending = self._pending
        if pending is None:
            return  # nothing new: the file as it is answers everything this run asked
        self._pending = None
        old = self._lines()
        keep_all = len(old) + len(self._written) <= MAX_ENTRIES
        written: Path | None = None
        with pending:
            try:
                _ignored_directory(self.file.parent)
                with tempfile.NamedTemporaryFile(
                    "w", encoding="utf-8", dir=self.file.parent, suffix=".tmp", delete=False
                ) as out:
                    written = Path(out.name)
                    out.write(self._code + "\n")
                    pending.seek(0)
                    shutil.copyfileobj(pending, out)
                    for key, raw in old.items():
                        if key not in self._written and (keep_all or key in self._used):
                            out.write(f"{key}\t{raw}\n")
                written.replace(self.file)
            except OSError:  # a read-only checkout still lints; it just does not remember
                if written is not None:
                    written.unlink(missing_ok=True)


def content_digest(data: bytes) -> str:
    """The digest of a file's bytes that its cache key is made from."""
    return hashlib.blake2b(data, digest_size=20, person=b"newslint").hexdigest()


class FileStates:
    """The ``content_digest`` of each file by its state (size, times, inode), as git's index does.

    A file whose state is as recorded need not be read to find its result. The change time
    cannot be set by a program, and a state recorded less than ``RACY_NS`` after the file last
    changed is not trusted (it may have changed again within the clock's resolution).
    """

    def __init__(self, store: LineStore) -> None:
        self.store = store

    @staticmethod
    def _key(display: str) -> str:
        return hashlib.blake2b(display.encode(), digest_size=16).hexdigest()

    @staticmethod
    def _state(state: os.stat_result) -> list[int]:
        return [state.st_size, state.st_mtime_ns, state.st_ctime_ns, state.st_ino, state.st_dev]

    def digest(self, display: str, state: os.stat_result) -> str | None:
        """The recorded digest of the file shown as ``display``, if its state is unchanged."""
        record = self.store.get(self._key(display))
        try:
            *recorded_state, digest, recorded_at = record
            changed = max(state.st_mtime_ns, state.st_ctime_ns)
            if recorded_state != self._state(state) or int(recorded_at) - RACY_NS < changed:
                return None
        except (TypeError, ValueError):
            return None
        return digest if isinstance(digest, str) else None

    def remember(self, display: str, state: os.stat_result, digest: str) -> None:
        """Record that the file in ``state`` (taken before reading it) has ``digest``."""
        if self.digest(display, state) != digest:
            self.store.put(self._key(display), [*self._state(state), digest, time.time_ns()])


_CLEAN = "[[],{},true]"
"""How ``put`` writes the entry of a file without findings or dependencies."""


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
        text = f"{digest}\0{display}\0{fingerprint}".encode()
        return hashlib.blake2b(text, digest_size=20, person=b"newslint").hexdigest()

    def get(self, key: str, display: str) -> tuple[list[Diagnostic], bool] | None:
        """The cached diagnostics and whether a site entry is stored; ``None`` on a miss.

        A miss is also a stale dependency or an entry that does not have the expected shape.
        """
        raw = self.results.raw(key)
        if raw is None:
            return None
        if raw == _CLEAN:
            return [], True  # most files: no findings, no dependencies, an index entry
        try:
            diags, deps, has_site = json.loads(raw)
            for path, existed in deps.items():
                if Path(path).is_file() != existed:
                    return None
            return [decode_diagnostic(display, item) for item in diags], bool(has_site)
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    def put(
        self,
        key: str,
        diagnostics: list[Diagnostic],
        deps: dict[str, bool],
        site: dict[str, Any] | None = None,
    ) -> None:
        self.results.put(key, [[encode_diagnostic(d) for d in diagnostics], deps, site is not None])
        if site is not None:
            self.entries.put(key, site)

    def save(self) -> None:
        self.results.save()
        self.entries.save()
        self.states.store.save()
