"""The cache's database: one SQLite file in ``.newslint_cache/`` that runs share.

Each table holds JSON text (never pickle: the directory sits where a pull request can write)
under a key, its primary key, so a lookup is one search of an index, whatever the size of the
table; rows stay in the order they were written, and lookups that follow it read ahead. The
file is in WAL mode: a run reads while another writes. What a run stores waits in memory up to
``BATCH`` rows (or ``BATCH_BYTES``), then goes in one short transaction, which waits up to
``BUSY_MS`` for another run's to end; so runs that overlap (an editor and a pre-commit hook)
keep each other's rows. A key names what its value was made from, so when two runs write one
key, either value is right. Rows of another newslint (``code``) are deleted by the first run
that writes; rows nobody looked up for ``UNUSED`` seconds, once a table holds more than
``MAX_ROWS``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

FILE = "cache-v4.sqlite"
TABLES = ("results", "entries", "states", "site_index", "site_memo")
SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
    *(
        f"CREATE TABLE {name} (key TEXT PRIMARY KEY, value TEXT NOT NULL, used INTEGER NOT NULL)"
        for name in TABLES
    ),
)
"""Every object of the database. A file holding anything else (another layout; a view or a
trigger planted to make lookups slow or wrong) is emptied and made anew before it is used."""
STALE = (
    "results-v1.json",
    "index-v1.json",
    "results-v2.jsonl",
    "entries-v2.jsonl",
    "states-v2.jsonl",
    "index-v2.jsonl",
    "results-v3.jsonl",
    "entries-v3.jsonl",
    "states-v3.jsonl",
    "index-v3.jsonl",
    "site-v1.json",
)
"""Files of earlier cache formats, removed when the cache is written."""
AHEAD = 64
"""Rows read at once when lookups follow the order the rows were written in, as a run's do."""
BATCH = 5000
"""Rows a run holds before it writes them (fewer, larger transactions write less)..."""
BATCH_BYTES = 2_000_000
"""... or characters of their values, whichever comes first."""
BUSY_MS = 30_000
"""How long a write waits for another run's transaction to end."""
FRESH = 86_400
"""Seconds for which a row counts as used: looked up later than that, it is marked again."""
UNUSED = 7 * 86_400
"""Seconds after which a row not looked up may be deleted."""
MAX_ROWS = 200_000
"""Rows a table may hold before those unused are deleted (checked at most once in ``FRESH``)."""


def ignored_directory(directory: Path) -> None:
    """Create the cache directory (and any missing parent), which tells git to ignore it."""
    directory.mkdir(parents=True, exist_ok=True)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by newslint\n*\n", encoding="utf-8")


def _corrupt(error: sqlite3.Error) -> bool:
    """Whether ``error`` says the file is not a database or is damaged (not busy, not read-only)."""
    return type(error) is sqlite3.DatabaseError


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """A write transaction, taken at once (so it waits for another run's, up to ``BUSY_MS``)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _end_reads(connection: sqlite3.Connection) -> None:
    """End the transaction the lookups read in (see ``CacheDB.connection``), if one is open."""
    if connection.in_transaction:
        connection.execute("COMMIT")


def _write_ahead(connection: sqlite3.Connection) -> None:
    """Put the database in WAL mode, waiting up to ``BUSY_MS`` for another run that is doing
    the same (the switch does not wait by itself: two runs making the cache at once collide)."""
    deadline = time.monotonic() + BUSY_MS / 1000
    while True:
        try:
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.005)
            continue
        if mode != "wal":  # a file system without the shared memory WAL needs
            raise sqlite3.OperationalError(f"journal mode {mode}, not wal")
        return


def _connect(file: Path) -> sqlite3.Connection:
    """The database in ``file``, made (with its directory) if need be."""
    ignored_directory(file.parent)
    connection = sqlite3.connect(file, timeout=BUSY_MS / 1000, isolation_level=None)
    try:
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _write_ahead(connection)
        # No fsync, which cost a run that writes a few rows 25 ms: an operating system's crash
        # may lose rows or damage the file, which is then made anew. An old row is still right:
        # a key names what its value was made from, and a file state is checked against the file.
        connection.execute("PRAGMA synchronous = OFF")
        if _schema(connection) != sorted(SCHEMA):
            with _transaction(connection):
                if _schema(connection) != sorted(SCHEMA):
                    _create(connection)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


_OBJECTS = "FROM sqlite_master WHERE name NOT LIKE 'sqlite^_%' ESCAPE '^'"
"""The objects of a database but SQLite's own."""


def _schema(connection: sqlite3.Connection) -> list[str]:
    """The statements that made the objects of the database."""
    return sorted(str(sql) for (sql,) in connection.execute(f"SELECT sql {_OBJECTS}"))


def _create(connection: sqlite3.Connection) -> None:
    """Drop every object of the database and make the tables (inside a transaction)."""
    for kind, name in connection.execute(f"SELECT type, name {_OBJECTS}").fetchall():
        quoted = name.replace('"', '""')
        connection.execute(f'DROP {kind} IF EXISTS "{quoted}"')
    for statement in SCHEMA:
        connection.execute(statement)


def _meta(connection: sqlite3.Connection, name: str) -> str | None:
    """The value noted as ``name`` in the database (the code of newslint, when it was pruned)."""
    found = connection.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return None if found is None else str(found[0])


def _set_meta(connection: sqlite3.Connection, name: str, value: str) -> None:
    connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))


class Table:
    """One table of a ``CacheDB``: JSON text by key."""

    def __init__(self, db: CacheDB, name: str, keep: int | None) -> None:
        self.db = db
        self.name = name
        self.keep = keep
        """How many rows to keep, the most recently used (``None``: no limit but ``MAX_ROWS``)."""
        self.rows: list[tuple[str, str, int]] = []
        """Rows to write: key, value, when."""
        self.used: list[tuple[int, str]] = []
        """Rows to mark used: when, key."""
        self._select = f"SELECT rowid, value, used FROM {name} WHERE key = ?"
        self._next = (
            f"SELECT key, rowid, value, used FROM {name}"
            f" WHERE rowid > ? ORDER BY rowid LIMIT {AHEAD}"
        )
        self._ahead: dict[str, tuple[int, str, int]] = {}
        """Rows read ahead, by key: rowid, value, when last used."""
        self._last = 0
        """The rowid of the row looked up last."""

    def raw(self, key: str) -> str | None:
        """The JSON text stored under ``key`` (as the database has it: not what waits).

        A lookup is one search of the key's index; one that lands a little after the last
        (a run looks files up in the order it wrote them) reads the next ``AHEAD`` rows too.
        """
        row = self._ahead.pop(key, None)
        if row is None:
            connection = self.db.connection()
            if connection is None:
                return None
            try:
                row = connection.execute(self._select, (key,)).fetchone()
                if row is not None and self._last < row[0] <= self._last + AHEAD:
                    ahead = connection.execute(self._next, (row[0],))
                    self._ahead = {found: (at, text, when) for found, at, text, when in ahead}
            except sqlite3.Error as error:
                self.db.failed(error)
                return None
            if row is None:
                return None
        rowid, value, used = row
        self._last = rowid
        if used < self.db.now - FRESH:
            self.used.append((self.db.now, key))
            self.db.added(len(key))
        return value if isinstance(value, str) else None

    def put_raw(self, key: str, raw: str) -> None:
        """Store ``raw``, JSON text, under ``key`` (it replaces what was there)."""
        self.rows.append((key, raw, self.db.now))
        self.db.added(len(key) + len(raw))

    def write(self, connection: sqlite3.Connection) -> None:
        """Write what waits (inside the caller's transaction)."""
        rows, used = self.rows, self.used
        self.rows, self.used = [], []
        if rows:
            connection.executemany(f"INSERT OR REPLACE INTO {self.name} VALUES (?, ?, ?)", rows)
            if self.keep is not None:
                connection.execute(
                    f"DELETE FROM {self.name} WHERE key NOT IN"
                    f" (SELECT key FROM {self.name} ORDER BY used DESC LIMIT ?)",
                    (self.keep,),
                )
        if used:
            connection.executemany(f"UPDATE {self.name} SET used = ? WHERE key = ?", used)


class CacheDB:
    """The cache database of a directory, as newslint ``code`` (its fingerprint) uses it.

    It is opened on first use; ``save`` writes what waits and closes it. A cache that cannot
    be opened or written is no cache: a read-only checkout still lints, it just does not
    remember. A file that is not a database, or is damaged, is made anew.
    """

    def __init__(self, directory: Path, code: str) -> None:
        self.file = directory / FILE
        self.code = code
        self.now = int(time.time())
        self.tables: list[Table] = []
        self._connection: sqlite3.Connection | None = None
        self._broken = False
        self._corrupt = False
        self._waiting = 0
        self._size = 0
        self._wrote = False

    def table(self, name: str, *, keep: int | None = None) -> Table:
        """The table ``name`` (one of ``TABLES``); with ``keep``, only that many rows stay."""
        table = Table(self, name, keep)
        self.tables.append(table)
        return table

    def connection(self) -> sqlite3.Connection | None:
        """The open database, opened now if need be, inside a read transaction (a lookup that
        had to begin its own would cost twice as much); ``None`` if it cannot be opened."""
        if self._connection is None and not self._broken:
            try:
                self._connection = _connect(self.file)
            except sqlite3.Error as error:
                if not _corrupt(error):
                    self._broken = True
                    return None
                self._remove()  # not a database: start anew
                try:
                    self._connection = _connect(self.file)
                except sqlite3.Error:
                    self._broken = True
            except OSError:
                self._broken = True
            if self._connection is not None:
                self._connection.execute("BEGIN")
        return self._connection

    def failed(self, error: sqlite3.Error) -> None:
        """Note an error of a statement; a damaged file is removed when the run ends."""
        if _corrupt(error):
            self._corrupt = True

    def added(self, size: int) -> None:
        """Count a row of ``size`` characters that waits to be written; write the rows once
        there are ``BATCH`` or they hold ``BATCH_BYTES``."""
        self._waiting += 1
        self._size += size
        if self._waiting >= BATCH or self._size >= BATCH_BYTES:
            self.write()

    def write(self) -> None:
        """Write every table's waiting rows in one transaction, first deleting the rows of
        another newslint if the database holds those."""
        if not self._waiting:
            return
        self._waiting = self._size = 0
        connection = self.connection()
        try:
            if connection is None:
                return
            _end_reads(connection)  # a write starts from the latest state, not the reads' one
            with _transaction(connection):
                if _meta(connection, "code") != self.code:
                    for name in TABLES:
                        connection.execute(f"DELETE FROM {name}")
                    _set_meta(connection, "code", self.code)
                for table in self.tables:
                    table.write(connection)
            self._wrote = True
        except sqlite3.Error as error:  # a read-only or busy cache: these rows are not kept
            self.failed(error)
        finally:
            for table in self.tables:
                table.rows, table.used = [], []
            if connection is not None and not connection.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("BEGIN")

    def save(self) -> None:
        """Write what waits; if the run wrote, tidy the database and remove files of earlier
        formats; close it (a later lookup opens it again)."""
        self.write()
        if self._wrote and self._connection is not None:
            with contextlib.suppress(sqlite3.Error, ValueError):
                _end_reads(self._connection)
                self._prune(self._connection)
            for name in STALE:
                with contextlib.suppress(OSError):  # a read-only checkout still lints
                    (self.file.parent / name).unlink(missing_ok=True)
        self.close()
        if self._corrupt:
            self._remove()

    def close(self) -> None:
        """End the reads' transaction and close the database."""
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                _end_reads(self._connection)
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def _prune(self, connection: sqlite3.Connection) -> None:
        """Delete the rows unused for ``UNUSED`` seconds of each table over ``MAX_ROWS``; at
        most once in ``FRESH`` seconds, since counting reads a whole table."""
        pruned = _meta(connection, "pruned")
        if pruned is not None and int(pruned) > self.now - FRESH:
            return
        with _transaction(connection):
            for name in TABLES:
                (rows,) = connection.execute(f"SELECT count(*) FROM {name}").fetchone()
                if rows > MAX_ROWS:
                    connection.execute(f"DELETE FROM {name} WHERE used < ?", (self.now - UNUSED,))
            _set_meta(connection, "pruned", str(self.now))

    def _remove(self) -> None:
        """Remove the database file and its companions (a file that is not a database)."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                self.file.with_name(self.file.name + suffix).unlink(missing_ok=True)
