"""The remembered site pass: reused only while every file, looked-up file and date still holds."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newslint.cache import DIRECTORY
from newslint.cachedb import FILE
from newslint.cli import main
from newslint.site_rules import run as site_run

SITE = {
    "_config.yml": "title: x\n",
    "_posts/2024-01-01-a.md": "---\ntitle: Same\n---\n<p>a {% link about.md %}</p>\n",
    "_posts/2024-01-02-b.md": "---\ntitle: Same\n---\n<p>b</p>\n",
    "_posts/2999-01-01-c.md": "---\ntitle: Later\n---\n<p>c</p>\n",
}


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _codes(capsys: pytest.CaptureFixture[str], root: Path) -> list[tuple[str, str]]:
    main([str(root), "--format", "json", "--jobs", "1", "--select", "SI", "--cache-dir", str(root)])
    report: Any = json.loads(capsys.readouterr().out)
    return sorted((Path(d["path"]).name, d["code"]) for d in report["diagnostics"])


@pytest.fixture
def site_passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the site passes that really run the checks."""
    runs: list[int] = []
    real = site_run.SitePass._findings

    def counted(self: site_run.SitePass, *args: Any) -> Any:
        runs.append(1)
        return real(self, *args)

    monkeypatch.setattr(site_run.SitePass, "_findings", counted)
    return runs


COLD = [
    ("2024-01-01-a.md", "SI008"),
    ("2024-01-02-b.md", "SI002"),
    ("2999-01-01-c.md", "SI005"),
]


def test_an_unchanged_run_reuses_the_site_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], site_passes: list[int]
) -> None:
    _write(tmp_path, SITE)
    assert _codes(capsys, tmp_path) == COLD
    assert _codes(capsys, tmp_path) == COLD
    assert len(site_passes) == 1
    with contextlib.closing(sqlite3.connect(tmp_path / DIRECTORY / FILE)) as connection:
        assert connection.execute("SELECT count(*) FROM site_memo").fetchone() == (1,)


def test_a_change_in_another_file_runs_the_site_rules_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], site_passes: list[int]
) -> None:
    _write(tmp_path, SITE)
    assert _codes(capsys, tmp_path) == COLD
    _write(
        tmp_path, {"_posts/2024-01-01-a.md": SITE["_posts/2024-01-01-a.md"].replace("Same", "A")}
    )
    assert _codes(capsys, tmp_path) == [("2024-01-01-a.md", "SI008"), ("2999-01-01-c.md", "SI005")]
    assert len(site_passes) == 2


def test_a_looked_up_file_that_appears_runs_the_site_rules_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], site_passes: list[int]
) -> None:
    _write(tmp_path, SITE)
    assert _codes(capsys, tmp_path) == COLD
    _write(tmp_path, {"about.md": "# About\n"})
    assert _codes(capsys, tmp_path) == COLD[1:]
    assert len(site_passes) == 2


def test_a_remembered_future_date_expires(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    site_passes: list[int],
) -> None:
    import time

    _write(tmp_path, SITE)
    assert _codes(capsys, tmp_path) == COLD
    far = time.time() + 2000 * 365 * 86400  # past 2999-01-01
    monkeypatch.setattr(time, "time", lambda: far)
    assert _codes(capsys, tmp_path) == COLD  # checked again (the clock of the rule is real)
    assert len(site_passes) == 2


def test_broken_stored_entries_are_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], site_passes: list[int]
) -> None:
    _write(tmp_path, SITE)
    assert _codes(capsys, tmp_path) == COLD
    database = tmp_path / DIRECTORY / FILE
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("""UPDATE entries SET value = '{"site": 1}'""")
        connection.execute("UPDATE site_memo SET value = '{not json'")
    assert _codes(capsys, tmp_path) == COLD
    assert len(site_passes) == 2


def test_results_wait_on_disk_not_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newslint.options import Options
    from newslint.runner import Linter
    from newslint.spill import ResultSpill

    parked: list[str] = []
    real_put = ResultSpill.put

    def put(self: ResultSpill, result: Any) -> None:
        parked.append(result.path)
        real_put(self, result)

    monkeypatch.setattr(ResultSpill, "put", put)
    _write(tmp_path, SITE)
    results: Iterator[Any] = Linter(Options(select=("SI", "HT"))).run([str(tmp_path)])
    first = next(results)
    assert len(parked) == 3  # every result was parked before the first came back
    rest = list(results)
    assert [Path(r.path).name for r in [first, *rest]] == [Path(p).name for p in parked]
    assert [d.code for d in first.diagnostics] == ["SI008"]


def test_an_unchanged_run_passes_results_on_without_parking_them(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    site_passes: list[int],
) -> None:
    import newslint.cache
    from newslint.spill import ResultSpill

    monkeypatch.setattr(newslint.cache, "RACY_NS", 0)  # trust states recorded at once
    _write(tmp_path, SITE)
    assert _codes(capsys, tmp_path) == COLD
    parked: list[str] = []
    monkeypatch.setattr(ResultSpill, "put", lambda self, result: parked.append(result.path))
    assert _codes(capsys, tmp_path) == COLD
    assert parked == []  # the findings were known before the first file was read
    assert len(site_passes) == 1
