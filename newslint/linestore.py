"""One cache file of ``key<TAB>JSON`` lines, answered without holding its lines in memory.

The first lookup reads the file once, a block at a time, into an index of a few arrays: the
hash of each line's key, where the line starts and how long it is, and an open-addressing
table of the hashes. A lookup reads its one line from the file (``read_at``), so a store costs
about 35 bytes a line, however long the lines are. New lines go straight to an anonymous
temporary file (gone if the run dies); ``save`` writes them and the old lines still wanted
beside the file and renames that over it: nothing a run writes is held in memory either.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Callable, Iterator
from itertools import accumulate, repeat
from pathlib import Path
from typing import IO, Any

MAX_ENTRIES = 200_000
"""Above this many lines, a save keeps only the old lines asked for in this run."""
BLOCK = 1 << 20
"""Bytes read at a time when indexing or copying the file."""
AHEAD = 1 << 15
"""Bytes read at once from where a lookup reads on from the last one (see ``_line``)."""
_UNUSED, _USED, _REPLACED = 0, 1, 2
"""What this run did with an old line: nothing, asked for it, wrote a new one for its key."""


_PREAD: Callable[[int, int, int], bytes] | None = getattr(os, "pread", None)
"""``os.pread``, which Windows does not have."""


def read_at(handle: IO[bytes], size: int, offset: int) -> bytes:
    """``size`` bytes of the file ``handle`` from ``offset`` (one system call where it can)."""
    if _PREAD is not None:
        return _PREAD(handle.fileno(), size, offset)
    handle.seek(offset)
    return handle.read(size)


def ignored_directory(directory: Path) -> None:
    """Create the cache directory (and any missing parent), which tells git to ignore it."""
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by newslint\n*\n", encoding="utf-8")


class LineStore:
    """The lines of ``file`` after a header line naming the code fingerprint ``code``."""

    def __init__(self, file: Path, code: str) -> None:
        self.file = file
        self._code = code
        self._handle: IO[bytes] | None = None
        """The file as it was first read (kept open: a save renames another file over it)."""
        self._body = 0
        """Where the first line after the header starts."""
        self._loaded = False
        self._hashes = array("q")
        self._starts = array("q")
        self._lengths = array("q")
        self._marks = bytearray()
        self._table = array("i", [-1])
        self._mask = 0
        self._ahead = b""
        self._ahead_at = 0
        self._next = -1
        """Where the line after the last one read starts."""
        self._pending: IO[bytes] | None = None
        self._added = 0
        self._broken = False

    # --- reading ----------------------------------------------------------------------------

    def _load(self) -> None:
        self._loaded = True
        try:
            handle = self.file.open("rb", buffering=0)
        except OSError:
            return
        header = self._code.encode() + b"\n"
        if read_at(handle, len(header), 0) != header:
            handle.close()
            return
        self._handle, self._body = handle, len(header)
        for start, lines in self._blocks():
            lengths = list(map(len, lines))
            self._lengths.extend(lengths)
            self._starts.extend(accumulate([n + 1 for n in lengths[:-1]], initial=start))
            tabs = map(bytes.find, lines, repeat(b"\t"))  # each key is the text before its tab
            self._hashes.extend(map(hash, map(bytes.__getitem__, lines, map(slice, tabs))))
        self._marks = bytearray(len(self._hashes))
        self._build_table()

    def _blocks(self) -> Iterator[tuple[int, list[bytes]]]:
        """The lines after the header, a block at a time, with where the block's first starts."""
        assert self._handle is not None
        handle = self._handle
        at = start = self._body
        pieces: list[bytes] = []
        while chunk := read_at(handle, BLOCK, at):
            at += len(chunk)
            if b"\n" not in chunk:
                pieces.append(chunk)  # a line longer than a block
                continue
            lines = b"".join([*pieces, chunk]).split(b"\n")
            pieces = [lines.pop()]
            yield start, lines
            start += sum(map(len, lines)) + len(lines)
        rest = b"".join(pieces)
        if rest:
            yield start, [rest]

    def _build_table(self) -> None:
        """Open addressing over the key hashes (randomised per process: no crafted collisions)."""
        size = 1
        while size < 2 * len(self._hashes):
            size *= 2
        table = array("i", [-1]) * size
        mask = size - 1
        for index, value in enumerate(self._hashes):
            slot = value & mask
            while table[slot] >= 0:
                slot = (slot + 1) & mask
            table[slot] = index
        self._table, self._mask = table, mask

    def _find(self, key: bytes) -> tuple[int, bytes] | None:
        """The index of the old line of ``key`` and its value, read from the file."""
        if not self._loaded:
            self._load()
        wanted = hash(key)
        mask, table, hashes = self._mask, self._table, self._hashes
        slot = wanted & mask
        prefix = key + b"\t"
        while (index := table[slot]) >= 0:
            if hashes[index] == wanted:
                line = self._line(index)
                if line.startswith(prefix):
                    return index, line[len(prefix) :]
            slot = (slot + 1) & mask
        return None

    def _line(self, index: int) -> bytes:
        """Line ``index`` of the file. A run asks for lines mostly in the order it wrote them,
        so a line that follows the last one read comes with the next ``AHEAD`` bytes."""
        assert self._handle is not None
        start, length = self._starts[index], self._lengths[index]
        at = start - self._ahead_at
        if at >= 0 and at + length <= len(self._ahead):
            return self._ahead[at : at + length]
        if start != self._next:
            self._next = start + length + 1
            return read_at(self._handle, length, start)
        self._ahead, self._ahead_at = read_at(self._handle, max(length, AHEAD), start), start
        self._next = start + length + 1
        return self._ahead[:length]

    def raw(self, key: str) -> str | None:
        """The JSON text stored under ``key``, unparsed."""
        found = self._find(key.encode("utf-8", "surrogatepass"))
        if found is None:
            return None
        index, value = found
        if self._marks[index] == _UNUSED:
            self._marks[index] = _USED
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def get(self, key: str) -> Any:
        """The parsed value stored under ``key`` (``None``: none, or not JSON)."""
        raw = self.raw(key)
        try:
            return None if raw is None else json.loads(raw)
        except ValueError:
            return None

    # --- writing ----------------------------------------------------------------------------

    @property
    def changed(self) -> bool:
        """Whether this run stored anything (``save`` has something to write)."""
        return self._pending is not None

    def put(self, key: str, value: Any) -> None:
        self.put_raw(key, json.dumps(value, separators=(",", ":")))

    def put_raw(self, key: str, raw: str) -> None:
        """Store ``raw``, JSON text on one line, under ``key`` (it replaces an old line)."""
        if self._broken:
            return
        encoded = key.encode("utf-8", "surrogatepass")
        old = self._find(encoded)
        if old is not None:
            self._marks[old[0]] = _REPLACED
        try:
            if self._pending is None:
                import tempfile  # here: a run that stores nothing does not import it

                self._pending = tempfile.TemporaryFile("w+b")  # noqa: SIM115 - closed by save
            self._pending.write(b"%s\t%s\n" % (encoded, raw.encode("utf-8", "surrogatepass")))
        except OSError:
            self._broken = True  # a read-only checkout still lints; it just does not remember
            return
        self._added += 1

    def save(self) -> None:
        """Keep the old lines (all of them up to a bound, else those used) and the new ones."""
        pending = self._pending
        if pending is None:
            return  # nothing new: the file as it is answers everything this run asked
        self._pending = None
        import tempfile

        keep_all = len(self._hashes) + self._added <= MAX_ENTRIES
        written: Path | None = None
        with pending:
            try:
                ignored_directory(self.file.parent)
                with tempfile.NamedTemporaryFile(
                    "wb", dir=self.file.parent, suffix=".tmp", delete=False
                ) as out:
                    written = Path(out.name)
                    out.write(self._code.encode() + b"\n")
                    pending.seek(0)
                    while block := pending.read(BLOCK):
                        out.write(block)
                    self._copy_old(out, keep_all)
                written.replace(self.file)
            except OSError:  # a read-only checkout still lints; it just does not remember
                if written is not None:
                    written.unlink(missing_ok=True)

    def _copy_old(self, out: IO[bytes], keep_all: bool) -> None:
        if self._handle is None:
            return
        marks = iter(self._marks)
        for _, lines in self._blocks():
            for line, mark in zip(lines, marks, strict=False):  # marks go on across blocks
                if mark != _REPLACED and (keep_all or mark == _USED) and b"\t" in line:
                    out.write(line + b"\n")
