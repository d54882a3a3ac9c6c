"""The index cache: the front tier of files a run does not lint, by content, path and site.

Entries are kept in the ``site_index`` table of the cache database (``cachedb``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.cachekeys import code_fingerprint, content_digest, inputs_digest
from newslint.discovery import parent_of
from newslint.document import DecodeFailure, Document, decode

if TYPE_CHECKING:
    from newslint.cachedb import CacheDB, Table
    from newslint.site_rules.index import Entry

_NOT_CONTENT = "0"
"""What the index cache stores for a file that is not content of a site."""


def index_entry(display: str, path: Path, data: bytes) -> Entry | None:
    """The front tier of one file not linted in this run (``None``: not content of a site)."""
    from newslint.site_rules.summary import summarize

    text = decode(data)
    if isinstance(text, DecodeFailure):
        return None
    return summarize(Document.from_text(display, text), path, body=False)


class IndexCache:
    """Front-tier entries by content hash, path and site configuration (JSON, like results)."""

    def __init__(self, directory: Path | None) -> None:
        """The index cache of the cache kept in ``directory`` (``None``: no cache)."""
        self.code = ""
        self.db: CacheDB | None = None
        self.store: Table | None = None
        if directory is not None:
            from newslint.cache import DIRECTORY
            from newslint.cachedb import CacheDB  # here: a run without a cache needs no SQLite

            self.code = code_fingerprint()
            self.db = CacheDB(directory / DIRECTORY, self.code)
            self.store = self.db.table("site_index")
        self._inputs_by_directory: dict[str, str] = {}

    def entry(self, display: str, path: Path, data: bytes) -> tuple[str | None, str | None]:
        """The cache key (``None`` without a cache) and the entry of one file, as JSON text.

        A stored entry is checked when it is read back (``journal``).
        """
        from newslint.site_rules.index import encode

        if self.store is None:
            entry = index_entry(display, path, data)
            return None, None if entry is None else encode(entry)
        key = self.key(display, path, content_digest(data))
        cached = self.store.raw(key)
        if cached is not None:
            return key, None if cached == _NOT_CONTENT else cached
        entry = index_entry(display, path, data)
        text = None if entry is None else encode(entry)
        self.store.put_raw(key, _NOT_CONTENT if text is None else text)
        return key, text

    def known(self, display: str, path: Path, digest: str) -> tuple[str, str | None] | None:
        """The key and entry of a file whose bytes have ``digest``, if stored (no read)."""
        if self.store is None:
            return None
        key = self.key(display, path, digest)
        cached = self.store.raw(key)
        if cached is None:
            return None
        return key, None if cached == _NOT_CONTENT else cached

    def key(self, display: str, path: Path, digest: str) -> str:
        """The key of an entry: the file's ``content_digest``, its path, its site's inputs and
        newslint itself."""
        key = hashlib.blake2b(digest.encode(), digest_size=20, person=b"nl-index")
        key.update(f"\0{display}\0{self._inputs(parent_of(os.fspath(path)))}".encode())
        key.update(f"\0{self.code}".encode())
        return key.hexdigest()

    def _inputs(self, directory: str) -> str:
        """The digest of the site inputs (``_config.yml``) of the files in ``directory``,
        worked out once per directory."""
        inputs = self._inputs_by_directory.get(directory)
        if inputs is None:
            from newslint.site import find_site_root

            inputs = inputs_digest("", (), find_site_root(Path(directory)))
            self._inputs_by_directory[directory] = inputs
        return inputs

    def save(self) -> None:
        """Write the entries stored in this run and close the database."""
        if self.db is not None:
            self.db.save()
