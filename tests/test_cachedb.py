"""The cache database: rows by key, written in batches, shared by runs, tidied, never fatal."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint import cachedb
from newslint.cachedb import FILE, CacheDB

CODE = "0.1.0-test"
REPO = Path(__file__).resolve().parents[1]


def _rows(directory: Path, table: str) -> dict[str, str]:
    """What ``table`` holds, read without the store."""
    with contextlib.closing(sqlite3.connect(directory / FILE)) as connection:
        return dict(connection.execute(f"SELECT key, value FROM {table}").fetchall())


def _saved(directory: Path, table: str, rows: dict[str, str], code: str = CODE) -> None:
    db = CacheDB(directory, code)
    stored = db.table(table)
    for key, value in rows.items():
        stored.put_raw(key, value)
    db.save()


def record_statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQL statements the cache's connections run from now on (parameters filled in)."""
    statements: list[str] = []
    connect = cachedb._connect

    def traced(file: Path) -> sqlite3.Connection:
        connection = connect(file)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(cachedb, "_connect", traced)
    return statements


def test_rows_are_found_by_their_key_in_their_table(tmp_path: Path) -> None:
    _saved(tmp_path, "results", {"a1": '[1,"x"]', "b2": '{"k":null}', "ç3": '"non-ASCII key"'})
    db = CacheDB(tmp_path, CODE)
    results, entries = db.table("results"), db.table("entries")
    assert results.raw("a1") == '[1,"x"]'
    assert results.raw("ç3") == '"non-ASCII key"'
    assert results.raw("a") is None  # a prefix of a key is not the key
    assert entries.raw("a1") is None
    db.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".gitignore", FILE]  # closed


def test_a_new_row_replaces_the_old_one_of_its_key(tmp_path: Path) -> None:
    _saved(tmp_path, "results", {"a1": '"old"', "b2": '"kept"'})
    _saved(tmp_path, "results", {"a1": '"new"'})
    assert _rows(tmp_path, "results") == {"a1": '"new"', "b2": '"kept"'}


def test_rows_wait_in_memory_only_up_to_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cachedb, "BATCH", 3)
    db = CacheDB(tmp_path, CODE)
    results, states = db.table("results"), db.table("states")
    results.put_raw("r1", "1")
    states.put_raw("s1", "2")
    assert results.rows and states.rows
    results.put_raw("r2", "3")  # the third row: all three are written, together
    assert not results.rows and not states.rows
    assert _rows(tmp_path, "results") == {"r1": "1", "r2": "3"}
    assert _rows(tmp_path, "states") == {"s1": "2"}
    results.put_raw("r3", "4")
    assert "r3" not in _rows(tmp_path, "results")
    monkeypatch.setattr(cachedb, "BATCH_BYTES", 100)
    results.put_raw("r4", f'"{"x" * 100}"')  # one long row is a batch of its own
    assert {"r3", "r4"} <= set(_rows(tmp_path, "results"))
    results.put_raw("r5", "5")
    db.save()
    assert "r5" in _rows(tmp_path, "results")


def test_lookups_in_the_order_rows_were_written_read_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = {f"k{n:03}": str(n) for n in range(200)}
    _saved(tmp_path, "results", rows)
    statements = record_statements(monkeypatch)
    for order in (list(rows), list(reversed(rows))):
        statements.clear()
        db = CacheDB(tmp_path, CODE)
        results = db.table("results")
        assert [results.raw(key) for key in order] == [rows[key] for key in order]
        db.save()
        selects = [s for s in statements if s.startswith("SELECT")]
        if order[0] == "k000":  # as written: a search, then rows read AHEAD at a time
            assert len(selects) <= 2 + 2 * len(rows) // cachedb.AHEAD
        else:  # backwards: one search a lookup, nothing read that is not asked for
            assert len(selects) == len(rows)


def test_another_newslint_deletes_the_rows_when_it_writes(tmp_path: Path) -> None:
    _saved(tmp_path, "results", {"a1": "1"})
    _saved(tmp_path, "entries", {"a1": "2"})
    db = CacheDB(tmp_path, "0.2.0-other")
    assert db.table("states").raw("a1") is None
    db.save()  # nothing written: nothing deleted
    assert _rows(tmp_path, "entries") == {"a1": "2"}
    _saved(tmp_path, "states", {"s1": "3"}, code="0.2.0-other")
    assert (_rows(tmp_path, "results"), _rows(tmp_path, "entries")) == ({}, {})
    assert _rows(tmp_path, "states") == {"s1": "3"}


def test_a_file_that_is_not_a_database_is_made_anew(tmp_path: Path) -> None:
    (tmp_path / FILE).write_bytes(b"{not a database")
    db = CacheDB(tmp_path, CODE)
    assert db.table("results").raw("a1") is None
    _saved(tmp_path, "results", {"a1": "1"})
    assert _rows(tmp_path, "results") == {"a1": "1"}


def test_a_database_of_other_objects_is_made_anew(tmp_path: Path) -> None:
    _saved(tmp_path, "results", {"a1": "1"})
    with contextlib.closing(sqlite3.connect(tmp_path / FILE)) as connection, connection:
        connection.execute("DROP TABLE entries")
        connection.execute("CREATE VIEW entries AS SELECT 'a1' AS key, '0' AS value, 0 AS used")
        connection.execute(
            "CREATE TRIGGER hide AFTER INSERT ON results BEGIN DELETE FROM results; END"
        )
    db = CacheDB(tmp_path, CODE)
    assert db.table("entries").raw("a1") is None  # the view was dropped before the lookup
    db.save()
    _saved(tmp_path, "results", {"b2": "2"})
    assert _rows(tmp_path, "results") == {"b2": "2"}
    with contextlib.closing(sqlite3.connect(tmp_path / FILE)) as connection:
        planted = "SELECT name FROM sqlite_master WHERE type IN ('view', 'trigger')"
        assert connection.execute(planted).fetchall() == []


def test_a_cache_that_cannot_be_made_is_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory", encoding="utf-8")
    db = CacheDB(blocked / "cache", CODE)
    results = db.table("results")
    results.put_raw("a1", "1")
    assert results.raw("a1") is None
    db.save()  # nothing to write to, and no error


def test_a_table_with_a_limit_keeps_its_most_recent_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        monkeypatch.setattr(time, "time", lambda n=n: 1_000_000.0 + n)
        db = CacheDB(tmp_path, CODE)
        db.table("site_memo", keep=3).put_raw(f"run{n}", str(n))
        db.save()
    assert sorted(_rows(tmp_path, "site_memo")) == ["run2", "run3", "run4"]


def test_rows_long_unused_go_once_a_table_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cachedb, "MAX_ROWS", 2)
    day = cachedb.FRESH
    clock = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    _saved(tmp_path, "results", {"old": "1", "used": "2"})
    clock[0] += cachedb.UNUSED - day
    db = CacheDB(tmp_path, CODE)
    assert db.table("results").raw("used") == "2"  # marked used again: looked up after a day
    db.save()
    clock[0] += 2 * day
    _saved(tmp_path, "results", {"new": "3"})
    assert sorted(_rows(tmp_path, "results")) == ["new", "used"]


WRITER = """
import sys, time
from pathlib import Path
from newslint import cachedb
cachedb.BATCH = 7
while time.time() < float(sys.argv[3]):  # all at once, to make the database together
    pass
db = cachedb.CacheDB(Path(sys.argv[1]), "0.1.0-test")
results = db.table("results")
for n in range(100):
    results.put_raw(f"{sys.argv[2]}{n}", str(n))
db.save()
"""


@pytest.mark.parametrize("attempt", range(3))
def test_writers_at_the_same_time_keep_every_row(tmp_path: Path, attempt: int) -> None:
    start = str(time.time() + 0.5)  # python starts in less
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), prefix, start], cwd=REPO)
        for prefix in "abcdef"
    ]
    assert [writer.wait() for writer in writers] == [0] * 6
    assert len(_rows(tmp_path, "results")) == 6 * 100


NO_CACHE = """
import contextlib, io, sys
from newslint.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["--no-cache", sys.argv[1]])
print("sqlite3" in sys.modules)
"""


def test_a_run_without_a_cache_does_not_import_sqlite(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")  # site rules run too
    post = tmp_path / "_posts" / "2024-01-01-a.md"
    post.parent.mkdir()
    post.write_text("---\ntitle: A\n---\n<p>a</b></p>\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", NO_CACHE, str(post)], cwd=REPO, capture_output=True, text=True
    )
    assert done.stdout.split() == ["False"], done.stderr
