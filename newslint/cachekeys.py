"""What cache keys are made of: digests of newslint itself, of a file's settings and of its bytes.

Nothing here is a modification time of the repository's files, so a fresh clone with a
restored cache is answered by content.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
from pathlib import Path
from typing import Any

from newslint.config import FileSettings
from newslint.resources import data_dir
from newslint.version import __version__

NOT_SETTINGS = frozenset({"path"})
"""``FileSettings`` fields left out of ``settings_fingerprint``: the file's own path is in the
key as the path shown, and its site's inputs are digested apart (``inputs_digest``)."""


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


def _canonical(value: Any) -> Any:
    """``value`` in an order that does not depend on how it was built (sets and dicts sorted)."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, dict):
        return sorted(value.items())
    return value


def settings_fingerprint(settings: FileSettings, enabled: frozenset[str]) -> str:
    """A digest of what besides the file decides its findings: the enabled rules, every field
    of its settings (but ``NOT_SETTINGS``), the schemas and the site config."""
    from newslint.site import find_site_root

    site = find_site_root(settings.path) if settings.path is not None else None
    described = repr(
        (
            sorted(enabled),
            *(
                _canonical(getattr(settings, field.name))
                for field in dataclasses.fields(settings)
                if field.name not in NOT_SETTINGS
            ),
        )
    )
    inputs = inputs_digest(settings.schema_name, settings.schema_dirs, site, settings.house_data)
    return hashlib.blake2b(f"{described}\0{inputs}".encode(), digest_size=16).hexdigest()


@functools.lru_cache(maxsize=256)
def inputs_digest(
    schema_name: str, schema_dirs: tuple[Path, ...], site: Path | None, data: tuple[str, ...] = ()
) -> str:
    """The contents of the schema files, the site's ``_config.yml`` and the site ``data`` files
    house rules read (once per run and site): by content, not modification time, so a fresh
    checkout with a restored cache uses it."""
    files = [p for d in schema_dirs if d.is_dir() for p in d.glob("*.yaml")]
    if schema_name.endswith((".yaml", ".yml")):
        files.append(Path(schema_name))
    if site is not None:
        files.append(site / "_config.yml")
        files += (site / name for name in data)
    return _files_digest(files, by_content=True)


def content_digest(data: bytes) -> str:
    """The digest of a file's bytes that its cache key is made from."""
    return hashlib.blake2b(data, digest_size=20, person=b"newslint").hexdigest()
