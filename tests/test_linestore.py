"""The cache's line store: lines found by key, kept or dropped on save, little held in memory."""

from __future__ import annotations

import tracemalloc
from collections.abc import Mapping
from pathlib import Path

import pytest

from newslint import linestore
from newslint.linestore import LineStore

CODE = "0.1.0-test"


def _store(tmp_path: Path, code: str = CODE) -> LineStore:
    return LineStore(tmp_path / "lines.jsonl", code)


def _saved(tmp_path: Path, values: Mapping[str, object]) -> None:
    store = _store(tmp_path)
    for key, value in values.items():
        store.put(key, value)
    store.save()


def test_saved_lines_are_found_by_key(tmp_path: Path) -> None:
    _saved(tmp_path, {"a1": [1, "x"], "b2": {"k": None}, "ç3": "non-ASCII key"})
    store = _store(tmp_path)
    assert store.get("a1") == [1, "x"]
    assert store.raw("b2") == '{"k":null}'
    assert store.get("ç3") == "non-ASCII key"
    assert store.raw("a") is None  # a prefix of a key is not the key
    assert store.raw("c9") is None
    assert not list(tmp_path.glob("*.tmp"))


def test_another_code_fingerprint_sees_nothing(tmp_path: Path) -> None:
    _saved(tmp_path, {"a1": 1})
    assert _store(tmp_path, code="0.2.0-other").raw("a1") is None


def test_a_new_line_replaces_the_old_one_of_its_key(tmp_path: Path) -> None:
    _saved(tmp_path, {"a1": "old", "b2": "kept"})
    store = _store(tmp_path)
    store.put("a1", "new")
    assert store.get("a1") == "old"  # this run reads what it found
    store.save()
    lines = (tmp_path / "lines.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [CODE, 'a1\t"new"', 'b2\t"kept"']


def test_over_the_bound_only_the_lines_asked_for_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _saved(tmp_path, {f"k{n}": n for n in range(6)})
    monkeypatch.setattr(linestore, "MAX_ENTRIES", 6)
    store = _store(tmp_path)
    assert store.get("k4") == 4
    store.put("new", True)
    store.save()
    fresh = _store(tmp_path)
    assert [fresh.get(f"k{n}") for n in range(6)] == [None] * 4 + [4, None]
    assert fresh.get("new") is True


def test_nothing_new_leaves_the_file_alone(tmp_path: Path) -> None:
    _saved(tmp_path, {"a1": 1})
    before = (tmp_path / "lines.jsonl").stat()
    store = _store(tmp_path)
    assert store.get("a1") == 1
    assert not store.changed
    store.save()
    assert (tmp_path / "lines.jsonl").stat().st_ino == before.st_ino


def test_broken_lines_are_skipped_and_dropped(tmp_path: Path) -> None:
    file = tmp_path / "lines.jsonl"
    file.write_bytes(CODE.encode() + b"\nno tab\nbad\t\xff\xfe\ngood\t[1]\n\nx\t{not json")
    store = _store(tmp_path)
    assert store.raw("bad") is None
    assert store.get("x") is None
    assert store.get("good") == [1]
    store.put("new", 2)
    store.save()
    kept = file.read_bytes().split(b"\n")
    assert kept == [CODE.encode(), b"new\t2", b"bad\t\xff\xfe", b"good\t[1]", b"x\t{not json", b""]


@pytest.mark.parametrize("pread", [True, False], ids=["pread", "seek-and-read"])
def test_lines_longer_than_a_block_read_back_whole_in_any_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pread: bool
) -> None:
    if not pread:
        monkeypatch.setattr(linestore, "_PREAD", None)  # as on Windows
    monkeypatch.setattr(linestore, "BLOCK", 7)
    monkeypatch.setattr(linestore, "AHEAD", 40)
    values = {f"key{n}": "v" * n * 5 for n in range(12)}
    _saved(tmp_path, values)
    store = _store(tmp_path)
    assert {key: store.get(key) for key in values} == values  # in order: read ahead
    order = [*reversed(values), "key3", "key4", "key5", "key9", "key10"]
    assert [store.get(key) for key in order] == [values[key] for key in order]


def test_the_index_holds_no_line_text(tmp_path: Path) -> None:
    lines = 4000
    _saved(tmp_path, {f"{n:040x}": "x" * 400 for n in range(lines)})
    store = _store(tmp_path)
    tracemalloc.start()
    try:
        assert store.get(f"{7:040x}") == "x" * 400
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 50 * lines  # the file holds over 440 bytes a line
