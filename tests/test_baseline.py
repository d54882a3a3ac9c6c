"""--write-baseline / --baseline, and --changed-since in a real git repository."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main
from tests.conftest import REPO

STRAY = "---\ntitle: t\n---\n<p>Results are in</b> for the morning edition.</p>\n"
STRAY_MESSAGE = "closing tag </b> has nothing to close (stray end tag): kramdown prints it as text"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _report(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, Any]:
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def _where(report: Any) -> list[tuple[str, str, int, int]]:
    return [
        (d["path"], d["code"], d["start"]["line"], d["start"]["column"])
        for d in report["diagnostics"]
    ]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "_posts" / "2024-01-01-old.md", STRAY)
    return tmp_path


def test_write_baseline_records_and_hides_current_findings(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["_posts", "--write-baseline", "newslint-baseline.json"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "All checks passed (1 file).\n1 finding in the baseline not shown.\n"
    assert captured.err == "Wrote 1 finding in 1 file to the baseline newslint-baseline.json.\n"
    recorded = json.loads((site / "newslint-baseline.json").read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    (entry,) = recorded["files"]["_posts/2024-01-01-old.md"]
    assert entry["code"] == "HT001"
    assert entry["message"] == STRAY_MESSAGE
    assert len(entry["fingerprint"]) == 32
    code, report = _report(capsys, ["_posts", "--baseline", "newslint-baseline.json"])
    assert (code, report["diagnostics"], report["summary"]["baselined"]) == (0, [], 1)


def test_lines_added_above_keep_a_finding_baselined(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["_posts", "--write-baseline", "b.json"]) == 0
    capsys.readouterr()
    post = site / "_posts" / "2024-01-01-old.md"
    _write(post, STRAY.replace("---\n<p>", "---\n<p>A new lead.</p>\n\n<p>"))
    code, report = _report(capsys, ["_posts", "--baseline", "b.json"])
    assert (code, _where(report), report["summary"]["baselined"]) == (0, [], 1)


def test_a_second_identical_instance_is_new(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["_posts", "--write-baseline", "b.json"]) == 0
    capsys.readouterr()
    post = site / "_posts" / "2024-01-01-old.md"
    _write(post, STRAY + "\n<p>Results are in</b> for the morning edition.</p>\n")
    code, report = _report(capsys, ["_posts", "--baseline", "b.json"])
    path = str(Path("_posts/2024-01-01-old.md"))
    assert (code, _where(report)) == (1, [(path, "HT001", 6, 18)])
    assert report["summary"]["baselined"] == 1


def test_a_fixed_finding_leaves_the_baseline_on_rewrite(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(site / "_posts" / "2024-01-02-other.md", STRAY.replace("title: t", "title: other"))
    assert main(["_posts", "--write-baseline", "b.json"]) == 0
    _write(site / "_posts" / "2024-01-01-old.md", STRAY.replace("</b>", ""))
    assert main(["_posts", "--write-baseline", "b.json"]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Wrote 1 finding in 1 file to the baseline b.json."
    )
    recorded = json.loads((site / "b.json").read_text(encoding="utf-8"))
    assert list(recorded["files"]) == ["_posts/2024-01-02-other.md"]


def test_baseline_paths_are_relative_to_the_baseline_file(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main([str(site / "_posts"), "--write-baseline", str(site / "ci" / "b.json")]) == 2
    assert "cannot write baseline" in capsys.readouterr().err
    (site / "ci").mkdir()
    assert main(["_posts", "--write-baseline", "ci/b.json"]) == 0
    recorded = json.loads((site / "ci" / "b.json").read_text(encoding="utf-8"))
    assert list(recorded["files"]) == ["../_posts/2024-01-01-old.md"]
    monkeypatch.chdir(site / "_posts")
    capsys.readouterr()
    code, report = _report(capsys, [".", "--baseline", "../ci/b.json"])
    assert (code, report["summary"]["baselined"]) == (0, 1)


def test_baseline_usage_errors(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["_posts", "--baseline", "nope.json"]) == 2
    assert capsys.readouterr().err == (
        "newslint: error: baseline nope.json does not exist; "
        "create it with --write-baseline nope.json\n"
    )
    _write(site / "old.json", '{"version": 0}')
    assert main(["_posts", "--baseline", "old.json"]) == 2
    assert capsys.readouterr().err == (
        "newslint: error: baseline old.json is not a version 1 newslint baseline (version: 0); "
        "write it again with --write-baseline\n"
    )
    assert main(["_posts", "--baseline", "a.json", "--write-baseline", "a.json"]) == 2
    assert "do not go together" in capsys.readouterr().err


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def test_changed_since_lints_changed_and_untracked_files_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "site"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _write(repo / "_posts" / "2024-01-01-old.md", STRAY.replace("t\n", "old\n", 1))
    _write(repo / "_posts" / "2024-01-02-gone.md", STRAY.replace("t\n", "gone\n", 1))
    _write(repo / "_posts" / "2024-01-03-edited.md", STRAY.replace("t\n", "edited\n", 1))
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "old posts")
    _git(repo, "switch", "-q", "-c", "feature")
    _write(repo / "_posts" / "2024-02-01-new.md", STRAY.replace("t\n", "new\n", 1))
    _git(repo, "add", ".")
    _git(repo, "rm", "-q", "_posts/2024-01-02-gone.md")
    _git(repo, "commit", "-q", "-m", "new post")
    _write(
        repo / "_posts" / "2024-01-03-edited.md",
        STRAY.replace("t\n", "edited\n", 1) + "\n<p>Update.</p>\n",
    )
    _write(repo / "_posts" / "2024-02-02-untracked.md", STRAY.replace("t\n", "untracked\n", 1))
    monkeypatch.chdir(repo)
    code, report = _report(capsys, ["_posts", "--changed-since", "main"])
    assert code == 1
    assert sorted(p for p, *_ in _where(report)) == [
        str(Path("_posts") / name)
        for name in ("2024-01-03-edited.md", "2024-02-01-new.md", "2024-02-02-untracked.md")
    ]
    # Started elsewhere (here: outside any repository), git is asked in the site's repository.
    monkeypatch.chdir(tmp_path)
    code, elsewhere = _report(capsys, ["site/_posts", "--changed-since", "main"])
    assert code == 1
    assert sorted(p for p, *_ in _where(elsewhere)) == [
        str(Path("site") / "_posts" / name)
        for name in ("2024-01-03-edited.md", "2024-02-01-new.md", "2024-02-02-untracked.md")
    ]
    monkeypatch.chdir(repo)
    assert main(["_posts", "--changed-since", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslint: error: git merge-base no-such-branch HEAD failed: ")
    assert "fetch-depth: 0" in err


def test_the_documented_baseline_steps(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- tested: baseline -->\n```sh\n(.*?)```", docs, re.S)
    assert block is not None, "docs/ci.md lost its tested baseline steps"
    commands = [shlex.split(line) for line in block.group(1).splitlines()]
    steps = [argv[1:] for argv in commands if argv[0] == "newslint"]
    assert len(steps) == 2
    assert [main(argv) for argv in steps] == [0, 0]
    _write(site / "_posts" / "2024-03-01-new.md", STRAY)
    assert main(steps[-1]) == 1
