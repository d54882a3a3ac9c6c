"""A cache two runs can share: runs at the same time keep every result, and a run of one file
reads its own rows of a big cache, not the others."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cache import DIRECTORY
from newslint.cachedb import FILE
from newslint.cli import main
from tests.conftest import CORPUS, REPO, require_shared
from tests.test_cachedb import record_statements

POST = "---\ntitle: Post {n}\n---\n<p>Post {n} has {stray}text.</p>\n"
LINT = """
import sys
from newslint import cachedb
cachedb.BATCH = 10  # many short transactions, interleaved with the other run's
from newslint.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""A run of newslint that writes its results in batches of ten."""


def _site(root: Path, halves: tuple[str, ...], posts: int) -> None:
    """A Jekyll site of ``posts`` posts in each of the folders ``halves`` under ``_posts``."""
    (root / "_config.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text("title: x\n", encoding="utf-8")
    for half in halves:
        (root / "_posts" / half).mkdir(parents=True)
        for n in range(posts):
            text = POST.format(n=n, stray="</b>" if n % 5 == 0 else "")
            (root / "_posts" / half / f"2024-01-{n % 28 + 1:02d}-{half}-{n}.md").write_text(text)


def _stored(cache: Path) -> int:
    """How many results the cache in ``cache`` holds."""
    with contextlib.closing(sqlite3.connect(cache / DIRECTORY / FILE)) as connection:
        (count,) = connection.execute("SELECT count(*) FROM results").fetchone()
        return int(count)


def _at_once(cache: Path, cwd: Path, groups: list[list[str]]) -> int:
    """Lint each group of paths in a process of its own, all started together; the number of
    files they linted."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", LINT, "--cache-dir", str(cache), "--format", "json", *paths],
            cwd=cwd,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
            stdout=subprocess.PIPE,
        )
        for paths in groups
    ]
    reports = [json.loads(run.communicate()[0]) for run in runs]
    assert [run.returncode for run in runs] == [1] * len(runs)  # findings, no error
    return sum(report["summary"]["files"] for report in reports)


def test_two_runs_at_once_on_halves_of_a_site_keep_every_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path / "site", ("a", "b"), 100)
    cache = tmp_path / "cache"
    linted = _at_once(cache, tmp_path, [["site/_posts/a"], ["site/_posts/b"]])
    assert linted == 200
    assert _stored(cache) == 200
    import newslint.engine

    def no_linting(*args: object) -> object:
        raise AssertionError("every result of both runs must be in the cache")

    monkeypatch.setattr(newslint.engine, "lint_document", no_linting)
    monkeypatch.chdir(tmp_path)
    main(["--cache-dir", str(cache), "--format", "json", "--jobs", "1", "site/_posts"])
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 200


@pytest.mark.slow
def test_two_runs_at_once_on_halves_of_the_corpus_keep_every_result(tmp_path: Path) -> None:
    corpus = require_shared(CORPUS)
    sites = sorted(p.name for p in corpus.iterdir() if p.is_dir())
    linted = _at_once(tmp_path, corpus, [sites[0::2], sites[1::2]])
    assert _stored(tmp_path) == linted


def test_a_one_file_run_reads_its_own_rows_of_a_big_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _site(tmp_path / "big", ("all",), 300)
    _site(tmp_path / "small", ("one",), 1)
    monkeypatch.chdir(tmp_path)
    cache = ["--cache-dir", str(tmp_path), "--format", "json", "--jobs", "1"]
    main([*cache, "big", "small"])
    assert _stored(tmp_path) == 301
    statements = record_statements(monkeypatch)
    capsys.readouterr()
    main([*cache, "small/_posts/one/2024-01-01-one-0.md"])
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 1
    reads = [s for s in statements if s.startswith(("SELECT", "UPDATE", "DELETE"))]
    assert 0 < len(reads) <= 10
    with contextlib.closing(sqlite3.connect(tmp_path / DIRECTORY / FILE)) as connection:
        for statement in reads:
            plan = connection.execute(f"EXPLAIN QUERY PLAN {statement}").fetchall()
            scans = [row[3] for row in plan if row[3].startswith("SCAN")]
            assert set(scans) <= {"SCAN site_memo"}, statement  # KEEP runs at most
