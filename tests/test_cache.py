"""The result cache: same report warm as cold, invalidated by content, settings and dependencies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newslint.cache import DIRECTORY
from newslint.cli import main

POST = "---\ntitle: Cached\nimage: /assets/lead.jpg\n---\n<p>stray</b></p>\n"


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
    import newslint.engine

    def no_linting(*args: object) -> object:
        raise AssertionError("a warm run must not lint an unchanged file")

    monkeypatch.setattr(newslint.engine, "lint_document", no_linting)
    warm = _run(capsys, str(posts))
    assert warm == cold
    assert {d["code"] for d in cold["diagnostics"]} == {"HT001", "FM019"}


def test_cache_follows_content_settings_and_dependencies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)

    def codes(report: Any) -> list[str]:
        return sorted(d["code"] for d in report["diagnostics"])

    assert codes(_run(capsys, str(posts))) == ["FM019", "HT001"]
    # The image appears: the cached FM019 depended on it, so the entry is not used.
    (tmp_path / "assets").mkdir()
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
    (cache_file,) = (tmp_path / DIRECTORY).glob("results-*.json")
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry["diags"] = [{"c": "HT001", "nonsense": True}]
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    assert _run(capsys, str(posts)) == first
    cache_file.write_text("{not json", encoding="utf-8")
    assert _run(capsys, str(posts)) == first
    assert json.loads(cache_file.read_text(encoding="utf-8"))["entries"]


def test_no_cache_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    _run(capsys, str(posts), "--no-cache")
    assert not (tmp_path / DIRECTORY).exists()
