"""The index entries of a run, parked on disk until the site checks read them, a site at a time.

Entries arrive with the results, sites mixed. Each is one line of a temporary file: the entry's
JSON text, or, for a result from the cache, the key its entry is stored under there. The file is
read back only when the site rules must run (no remembered findings apply): once to note each
entry's site and where its text is (a stored entry is read from the cache and copied to a second
temporary file), then a site at a time. So memory holds one site's entries, and about 16 bytes
for each other entry of the run.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from newslint.scratch import Scratch

if TYPE_CHECKING:
    from newslint.site_rules.index import Entry

_OWNED, _OTHER, _CONTEXT, _STORED = b"1", b"0", b"c", b"@"
"""Kinds of line: an entry of a file this run lints, of a file another run (shard) lints, of a
file no run lints, a cache key (of a file this run lints)."""


@dataclass
class _Site:
    """Where a site's entries are: (start, length) pairs in the journal or, negative starts
    (``-1 - start``), in the filed copy; each kind apart."""

    owned: array[int] = field(default_factory=lambda: array("q"))
    others: array[int] = field(default_factory=lambda: array("q"))
    context: array[int] = field(default_factory=lambda: array("q"))

    def of(self, kind: bytes) -> array[int]:
        """The pairs of entries of ``kind`` (a stored entry is owned)."""
        return self.others if kind == _OTHER else self.context if kind == _CONTEXT else self.owned


def _line(kind: bytes, display: str, text: str) -> bytes:
    return b"%s\t%s\t%s\n" % (kind, json.dumps(display).encode(), text.encode())


class Journal(Scratch):
    """Take entries in any order; give them back grouped by site, in the order they came."""

    def _write(self, line: bytes) -> None:
        self._scratch().write(line)

    def add(self, display: str, text: str, *, owned: bool, context: bool = False) -> None:
        """Park the entry of ``display`` (JSON text from ``index.encode``); ``context``: of a
        file that no run lints."""
        self._write(_line(_OWNED if owned else _CONTEXT if context else _OTHER, display, text))

    def add_stored(self, display: str, key: str) -> None:
        """Park the entry of ``display``, linted here, stored in the result cache under ``key``."""
        self._write(_line(_STORED, display, key))

    def sites(
        self,
        stored: Callable[[str], str | None],
        rebuilt: Callable[[str, bool], Entry | None],
    ) -> Iterator[tuple[str, list[Entry], set[str], set[str]]]:
        """Each site root with an entry of a file this run lints, in order: its entries (those
        of the linted files first, each kind in the order they came), the linted files and the
        files no run lints.

        ``stored(key)`` is the entry text in the cache; ``rebuilt(display, owned)`` builds an
        entry from the file anew, when a stored one is missing or malformed.
        """
        if self._file is None:
            return
        import tempfile

        assert self._file is not None
        with tempfile.TemporaryFile("w+b") as filed:
            sites = self._file_by_site(filed, stored, rebuilt)
            for root in sorted(sites):
                where = sites[root]
                if not where.owned:
                    continue  # nothing here is this run's to report
                entries: list[Entry] = []
                kinds: dict[bytes, set[str]] = {_OWNED: set(), _OTHER: set(), _CONTEXT: set()}
                for kind, paths in kinds.items():
                    pairs = where.of(kind)
                    for n in range(0, len(pairs), 2):
                        start, length = pairs[n], pairs[n + 1]
                        handle = self._file if start >= 0 else filed
                        handle.seek(start if start >= 0 else -1 - start)
                        entry = _read(handle.read(length), kind == _OWNED, rebuilt)
                        if entry is not None:
                            entries.append(entry)
                            paths.add(entry.path)
                yield root, entries, kinds[_OWNED], kinds[_CONTEXT]

    def _file_by_site(
        self,
        filed: IO[bytes],
        stored: Callable[[str], str | None],
        rebuilt: Callable[[str, bool], Entry | None],
    ) -> dict[str, _Site]:
        """Note where each entry is, by site: its line in the journal, or, for an entry stored
        in the cache or rebuilt from its file, a copy written to ``filed``."""
        from newslint.site_rules.index import encode, site_of

        assert self._file is not None
        self._file.seek(0)
        sites: dict[str, _Site] = {}
        at = copied = 0
        for line in self._file:
            start, length = at, len(line)
            at += len(line)
            kind, shown, payload = line.rstrip(b"\n").split(b"\t", 2)
            mine = kind in (_OWNED, _STORED)
            text = stored(payload.decode()) if kind == _STORED else payload.decode()
            site = site_of(text) if text is not None else None
            if kind == _STORED or site is None:  # a copy, with the entry's text, in ``filed``
                display = json.loads(shown)
                if text is None or site is None:
                    entry = rebuilt(display, mine)
                    if entry is None:
                        continue
                    text, site = encode(entry), entry.site
                copy = _line(_OWNED if kind == _STORED else kind, display, text)
                filed.write(copy)
                start, length = -1 - copied, len(copy)
                copied += len(copy)
            sites.setdefault(site, _Site()).of(kind).extend((start, length))
        return sites


def _read(line: bytes, owned: bool, rebuilt: Callable[[str, bool], Entry | None]) -> Entry | None:
    """The entry of one filed line; rebuilt from its file if the text does not decode."""
    from newslint.site_rules.index import DECODE_ERRORS, decode

    _, shown, payload = line.rstrip(b"\n").split(b"\t", 2)
    display = json.loads(shown)
    try:
        return decode(payload.decode(), display)
    except DECODE_ERRORS:
        return rebuilt(display, owned)
