"""The result cache: same report warm as cold, invalidated by content, settings and dependencies."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newslint.cache import DIRECTORY
from newslint.cachedb import FILE
from newslint.cli import main
from tests.conftest import record_reads

POST = "---\ntitle: Cached\nimage: /assets/lead.jpg\n---\n<p>stray</b></p>\n"


@pytest.fixture(autouse=True)
def _cache_in_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests look at the cache where a run keeps it by default: the working directory."""
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    main([*argv, "--format", "json", "--jobs", "1"])
    return json.loads(capsys.readouterr().out)


def _site(tmp_path: Path) -> Path:
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "newslint.toml").write_text('schema = "alembic-post"\n', encoding="utf-8")
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2024-01-01-a.md").write_text(POST, encoding="utf-8")
    return posts


def test_warm_run_reports_the_same_and_reads_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    cold = _run(capsys, str(posts))
    assert (tmp_path / DIRECTORY / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert not list((tmp_path / DIRECTORY).glob("*-wal"))  # closed, its log checkpointed
    import newslint.engine

    def no_linting(*args: object) -> object:
        raise AssertionError("a warm run must not lint an unchanged file")

    monkeypatch.setattr(newslint.engine, "lint_document", no_linting)
    warm = _run(capsys, str(posts))
    assert warm == cold
    assert {d["code"] for d in cold["diagnostics"]} == {"HT001", "SI012"}


def test_cache_follows_content_settings_and_dependencies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)

    def codes(report: Any) -> list[str]:
        return sorted(d["code"] for d in report["diagnostics"])

    assert codes(_run(capsys, str(posts))) == ["HT001", "SI012"]  # no /assets: said once
    # The folder appears: the cached result and site findings depended on it, so neither is used.
    (tmp_path / "assets").mkdir()
    assert codes(_run(capsys, str(posts))) == ["FM019", "HT001"]
    # The image appears: the cached FM019 depended on it, so the entry is not used.
    (tmp_path / "assets" / "lead.jpg").write_bytes(b"\xff\xd8")
    assert codes(_run(capsys, str(posts))) == ["HT001"]
    # Settings change the key.
    assert codes(_run(capsys, str(posts), "--ignore", "HT001")) == []
    # Content changes the key.
    (posts / "2024-01-01-a.md").write_text(POST.replace("</b>", ""), encoding="utf-8")
    assert codes(_run(capsys, str(posts))) == []


def test_corrupt_cache_is_ignored_and_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    first = _run(capsys, str(posts))
    database = tmp_path / DIRECTORY / FILE
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        (stored,) = connection.execute("SELECT count(*) FROM results").fetchone()
        assert stored
        nonsense = '[[{"c": "HT001", "nonsense": true}], {}, false]'
        connection.execute("UPDATE results SET value = ?", (nonsense,))
        connection.execute("UPDATE entries SET value = '{not json'")
        connection.execute("INSERT INTO results VALUES ('x', '{not json', 0)")
    assert _run(capsys, str(posts)) == first
    database.write_text("{not json", encoding="utf-8")
    assert _run(capsys, str(posts)) == first
    with contextlib.closing(sqlite3.connect(database)) as connection:
        assert connection.execute("SELECT count(*) FROM results").fetchone() == (stored,)


def test_the_cache_goes_where_newslint_cache_dir_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    aside = tmp_path / "ci-cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(aside))
    first = _run(capsys, str(posts))
    assert (aside / DIRECTORY / FILE).is_file()
    assert not (tmp_path / DIRECTORY).exists()
    assert _run(capsys, str(posts), "--cache-dir", str(tmp_path)) == first  # the option wins
    assert (tmp_path / DIRECTORY / FILE).is_file()


def test_no_cache_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    _run(capsys, str(posts), "--no-cache")
    assert not (tmp_path / DIRECTORY).exists()


def test_an_unchanged_file_is_answered_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newslint.cache

    monkeypatch.setattr(newslint.cache, "RACY_NS", 0)  # trust states recorded at once
    posts = _site(tmp_path)
    (posts / "2024-01-02-clean.md").write_text("---\ntitle: Clean\n---\n<p>x</p>\n")
    monkeypatch.chdir(tmp_path)
    cold = _run(capsys, str(posts))
    reads = record_reads(monkeypatch)
    assert _run(capsys, str(posts)) == cold  # findings are shown from a fresh read, checked
    assert reads == []


def test_only_a_report_that_shows_lines_reads_a_cached_file_with_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newslint.cache
    import newslint.cached
    import newslint.cachekeys

    monkeypatch.setattr(newslint.cache, "RACY_NS", 0)  # trust states recorded at once
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    main([str(posts), "--jobs", "1"])
    cold_text = capsys.readouterr().out
    assert "<p>stray</b></p>" in cold_text  # the line of the finding, shown in context
    cold = _run(capsys, str(posts))
    real_digest = newslint.cachekeys.content_digest
    digested: list[int] = []

    def counted(data: bytes) -> str:
        digested.append(len(data))
        return real_digest(data)

    monkeypatch.setattr(newslint.cached, "content_digest", counted)
    assert _run(capsys, str(posts)) == cold  # JSON shows no lines: nothing read or digested
    assert digested == []
    main([str(posts), "--jobs", "1"])
    assert capsys.readouterr().out == cold_text  # the text report reads it, checked again
    assert digested == [len(POST)]


def test_a_change_that_keeps_size_and_modification_time_is_seen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import newslint.cache

    monkeypatch.setattr(newslint.cache, "RACY_NS", -(10**18))  # trust even a later change time
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    post = posts / "2024-01-02-clean.md"
    post.write_text("---\ntitle: Clean\n---\n<p>a<br>b</p>\n", encoding="utf-8")
    assert not [d for d in _run(capsys, str(post))["diagnostics"] if d["code"] == "HT001"]
    before = post.stat()
    post.write_text("---\ntitle: Clean\n---\n<p>a</b>b</p>\n", encoding="utf-8")  # same size
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert post.stat().st_size == before.st_size
    assert [d["code"] for d in _run(capsys, str(post))["diagnostics"]] == ["HT001"]


def test_a_state_recorded_just_after_a_change_is_not_trusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    first = _run(capsys, str(posts))  # the post was written a moment ago: within RACY_NS
    reads = record_reads(monkeypatch)
    assert _run(capsys, str(posts)) == first
    assert reads == [str(posts / "2024-01-01-a.md")]


def test_files_of_earlier_cache_formats_are_removed_when_the_cache_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newslint.cachedb import STALE

    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / DIRECTORY
    cache.mkdir()
    for name in [*STALE, "mine.txt"]:
        (cache / name).write_text("{}", encoding="utf-8")
    assert {"results-v1.json", "results-v3.jsonl", "index-v3.jsonl", "site-v1.json"} <= set(STALE)
    _run(capsys, str(posts))
    assert sorted(p.name for p in cache.iterdir() if not p.name.startswith(".")) == [
        FILE,
        "mine.txt",
    ]


def test_a_fresh_checkout_of_the_same_files_is_answered_from_a_restored_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # CI restores .newslint_cache into a new clone: every file, _config.yml included, has a new
    # modification time and inode but the same bytes.
    import newslint.cachekeys
    import newslint.engine

    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    cold = _run(capsys, "_posts")
    for path in sorted(p for p in tmp_path.rglob("*") if p.is_file()):
        if DIRECTORY not in path.parts:
            data = path.read_bytes()
            path.unlink()
            path.write_bytes(data)

    def no_linting(*args: object) -> object:
        raise AssertionError("a file with the same bytes must be answered from the cache")

    monkeypatch.setattr(newslint.engine, "lint_document", no_linting)
    newslint.cachekeys.inputs_digest.cache_clear()  # as in the new process of the next CI job
    assert _run(capsys, "_posts") == cold


def test_every_field_of_a_files_settings_is_in_its_fingerprint() -> None:
    from dataclasses import dataclass, replace

    from newslint.cachekeys import settings_fingerprint
    from newslint.config import FileSettings
    from newslint.diagnostics import Severity

    enabled = frozenset({"HT001"})

    @dataclass(frozen=True)
    class Extended(FileSettings):
        added: str = "a"  # a field added one day is in the fingerprint without more ado

    def fingerprint(settings: FileSettings) -> str:
        return settings_fingerprint(settings, enabled)

    assert fingerprint(Extended(added="a")) != fingerprint(Extended(added="b"))
    plain = FileSettings()
    changes = [
        replace(plain, schema_name="alembic-post"),
        replace(plain, schema_dirs=(Path("schemas"),)),
        replace(plain, ignored=frozenset({"HT002"})),
        replace(plain, severity={"HT001": Severity.WARNING}),
        replace(plain, feature_text_template="{{ x }}"),
        replace(plain, rule_options={"HT010": {"limit": 1}}),
    ]
    assert len({fingerprint(s) for s in [plain, *changes]}) == 1 + len(changes)
    assert settings_fingerprint(plain, frozenset({"HT002"})) != fingerprint(plain)
    info = Severity.INFO
    same = replace(plain, ignored=frozenset({"B", "A"}), severity={"B": info, "A": info})
    again = replace(plain, ignored=frozenset({"A", "B"}), severity={"A": info, "B": info})
    assert fingerprint(same) == fingerprint(again)  # however the sets and tables were built
