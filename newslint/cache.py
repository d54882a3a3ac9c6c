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
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.config import FileSettings
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from newslint.positions import Position
from newslint.resources import data_dir
from newslint.writer import write_atomically

DIRECTORY = ".newslint_cache"
FORMAT = 1
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


def _position(pos: Position) -> list[int]:
    return [pos.line, pos.column, pos.offset]


def _encode(diag: Diagnostic) -> dict[str, Any]:
    fix = None
    if diag.fix is not None:
        fix = [
            diag.fix.message,
            diag.fix.applicability.value,
            [[e.start, e.end, e.replacement] for e in diag.fix.edits],
        ]
    return {
        "c": diag.code,
        "r": diag.rule,
        "s": diag.severity.value,
        "m": diag.message,
        "a": _position(diag.start),
        "b": _position(diag.end),
        "f": fix,
        "x": [[r.message, *_position(r.position)] for r in diag.related],
    }


def _decode(path: str, item: dict[str, Any]) -> Diagnostic:
    fix = None
    if item["f"] is not None:
        message, applicability, edits = item["f"]
        fix = Fix(
            str(message),
            tuple(Edit(int(s), int(e), str(r)) for s, e, r in edits),
            Applicability(applicability),
        )
    return Diagnostic(
        path=path,
        code=str(item["c"]),
        rule=str(item["r"]),
        severity=Severity(item["s"]),
        message=str(item["m"]),
        start=Position(*map(int, item["a"])),
        end=Position(*map(int, item["b"])),
        fix=fix,
        related=tuple(
            Related(Position(int(ln), int(c), int(o)), str(m)) for m, ln, c, o in item["x"]
        ),
    )


def read_entries(file: Path, code: str) -> dict[str, Any]:
    """The entries of a cache file written by this very newslint; ``{}`` for anything else."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("code") != code:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def write_entries(file: Path, code: str, entries: dict[str, Any]) -> None:
    """Write a cache file atomically in a directory that git ignores; never fail the run."""
    payload = json.dumps({"code": code, "entries": entries}, separators=(",", ":"))
    try:
        file.parent.mkdir(exist_ok=True)
        ignore = file.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by newslint\n*\n", encoding="utf-8")
        write_atomically(file, payload.encode("utf-8"))
    except OSError:
        pass  # a read-only checkout still lints; it just does not remember


class ResultCache:
    """Load once, look up per file, save once at the end of a run."""

    def __init__(self, root: Path) -> None:
        self.directory = root / DIRECTORY
        self.file = self.directory / f"results-v{FORMAT}.json"
        self._code = code_fingerprint()
        self._old = read_entries(self.file, self._code)
        self._new: dict[str, Any] = {}
        self._dirty = False

    def key(self, display: str, data: bytes, fingerprint: str) -> str:
        digest = hashlib.blake2b(data, digest_size=20, person=b"newslint")
        digest.update(f"\0{display}\0{fingerprint}".encode())
        return digest.hexdigest()

    def get(self, key: str, display: str) -> list[Diagnostic] | None:
        """The cached diagnostics, or ``None`` on a miss, a stale dependency or a bad entry."""
        entry = self._old.get(key)
        if entry is None:
            return None
        try:
            for path, existed in entry["deps"].items():
                if Path(path).is_file() != existed:
                    return None
            diagnostics = [_decode(display, item) for item in entry["diags"]]
        except (KeyError, TypeError, ValueError):
            return None
        self._new[key] = entry
        return diagnostics

    def put(
        self,
        key: str,
        diagnostics: list[Diagnostic],
        deps: dict[str, bool],
        site: dict[str, Any] | None = None,
    ) -> None:
        entry = {"diags": [_encode(d) for d in diagnostics], "deps": deps}
        if site is not None:
            entry["site"] = site
        self._new[key] = entry
        self._dirty = True

    def site(self, key: str) -> dict[str, Any] | None:
        """The site-index entry stored with a result ``get`` just answered (``None``: none)."""
        entry = self._new.get(key)
        site = entry.get("site") if isinstance(entry, dict) else None
        return site if isinstance(site, dict) else None

    def save(self) -> None:
        """Write the entries used or made in this run (plus older ones, up to a bound)."""
        if not self._dirty:
            return  # every answer came from the cache as it is
        entries = dict(self._old) if len(self._old) + len(self._new) <= MAX_ENTRIES else {}
        entries.update(self._new)
        write_entries(self.file, self._code, entries)
