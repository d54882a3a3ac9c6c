"""Files named inside a Jekyll site get the verdict of a whole-site run; a run that finds no post
says what it looked for; a repository whose site is ``docs/`` lints the site, not its README."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

import newslint.cache
from newslint.cli import main
from newslint.discovery import Found, discover, site_context
from tests.conftest import record_reads

OLD = "_posts/2024-01-01-old.md"
OLD_POST = "---\ntitle: Old story\npermalink: /story/\n---\n<p>The first story.</p>\n"


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _site(root: Path, files: dict[str, str]) -> Path:
    _write(root, {"_config.yml": "title: t\n", OLD: OLD_POST, **files})
    return root


def _report(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, list[Any]]:
    code = main([*args, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    found = [
        (d["path"], d["code"], d["start"]["line"], d["start"]["column"], d["message"])
        for d in report["diagnostics"]
    ]
    return code, found


def test_a_post_url_to_a_post_not_named_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    new = "_posts/2024-01-02-new.md"
    text = "---\ntitle: New story\n---\n<p>After {% post_url 2024-01-01-old %}.</p>\n"
    _site(tmp_path, {new: text})
    monkeypatch.chdir(tmp_path)
    assert _report(capsys, [new, "--select", "SI"]) == (0, [])
    (tmp_path / OLD).unlink()
    code, found = _report(capsys, [new, "--select", "SI008"])
    assert (code, [(path, rule, line) for path, rule, line, *_ in found]) == (
        1,
        [(new, "SI008", 4)],
    )


def test_the_rest_of_the_site_is_not_read_again_while_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the result cache does: a file whose recorded state is unchanged has its entry by its
    # recorded digest, so a pre-commit run with a warm cache reads only the posts it names.
    monkeypatch.setattr(newslint.cache, "RACY_NS", 0)  # trust states recorded at once
    new = "_posts/2024-01-02-new.md"
    text = "---\ntitle: New story\n---\n<p>After {% post_url 2024-01-01-old %}.</p>\n"
    _site(tmp_path, {new: text})
    monkeypatch.chdir(tmp_path)
    args = [new, "--select", "SI", "--cache-dir", str(tmp_path / "cache")]
    assert _report(capsys, args) == (0, [])
    read = record_reads(monkeypatch)
    assert _report(capsys, args) == (0, [])
    assert OLD not in read
    (tmp_path / OLD).write_text(OLD_POST.replace("title:", "permalink: /x/\ntitle:"), "utf-8")
    assert _report(capsys, args) == (0, [])
    assert OLD in read  # changed: read again


def test_a_new_post_with_a_taken_permalink_is_reported_on_the_new_post(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    new = "_posts/2024-01-02-new.md"
    _site(tmp_path / "site", {new: "---\ntitle: New\npermalink: /story/\n---\n<p>Later.</p>\n"})
    monkeypatch.chdir(tmp_path / "site")
    message = (
        "URL /story/ is also built from {old}, which Jekyll writes earlier; this post replaces "
        "it, and that one is no longer published; change this permalink"
    )
    assert _report(capsys, [new, "--select", "SI001"]) == (
        1,
        [(new, "SI001", 3, 12, message.format(old=OLD))],
    )
    # From elsewhere, the other post is named as the reported one is shown.
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    shown = f"../site/{new}"
    assert _report(capsys, [shown, "--select", "SI001"]) == (
        1,
        [(shown, "SI001", 3, 12, message.format(old=f"../site/{OLD}"))],
    )
    # The whole site reports the post Jekyll overwrites, naming the other as shown.
    monkeypatch.chdir(tmp_path)
    kept = (
        "URL /story/ is also built from site/_posts/2024-01-02-new.md, which Jekyll writes "
        "later and keeps; this post is never published; change this permalink"
    )
    assert _report(capsys, ["site", "--select", "SI001"]) == (
        1,
        [(f"site/{OLD}", "SI001", 3, 12, kept)],
    )


def test_a_backdated_duplicate_title_or_excerpt_is_reported_on_the_post_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    excerpt = "excerpt: The council met on Tuesday and agreed the budget.\n"
    later = "_posts/2024-02-02-later.md"
    back = "_posts/2024-02-01-back.md"
    _site(
        tmp_path,
        {
            later: f"---\ntitle: Budget day\n{excerpt}---\n<p>Later.</p>\n",
            back: f"---\ntitle: Budget Day\n{excerpt}---\n<p>Earlier.</p>\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    code, found = _report(capsys, [back, "--select", "SI002,SI011"])
    assert (code, [(path, rule, line) for path, rule, line, *_ in found]) == (
        0,
        [(back, "SI002", 2), (back, "SI011", 3)],
    )
    assert all(f" of {later}" in message for *_, message in found)
    # Named alone, the later post is the one a whole-site run reports.
    code, found = _report(capsys, [later, "--select", "SI002"])
    assert (code, [(path, rule) for path, rule, *_ in found]) == (0, [(later, "SI002")])


def test_changed_since_reports_a_clash_with_an_unchanged_post_on_the_changed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "old"]):
        subprocess.run([*git, *args], check=True, capture_output=True)
    new = "_posts/2024-01-02-new.md"
    _write(tmp_path, {new: "---\ntitle: New\npermalink: /story/\n---\n<p>Later.</p>\n"})
    code, found = _report(capsys, [".", "--changed-since", "main", "--select", "SI001"])
    assert (code, [(path, rule, line) for path, rule, line, *_ in found]) == (
        1,
        [(new, "SI001", 3)],
    )


def test_a_whole_site_run_indexes_nothing_besides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path / "site", {"_drafts/d.md": "---\n---\n", "README.md": "# Site\n"})
    monkeypatch.chdir(tmp_path)
    whole = (["site"], ["."], ["site", "site/_posts"], [".", "site/_posts/2024-01-01-old.md"])
    for paths in (*whole, ["site/README.md"]):
        assert list(site_context(paths, Found(discover(paths)))) == []
    named = ["site/_posts"]
    assert [t.display for t in site_context(named, Found(discover(named)))] == ["site/_drafts/d.md"]


def test_a_site_in_docs_is_linted_from_the_repository_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"README.md": "# Project</b>\n", "notes/todo.md": "<p>x</b></p>\n"})
    _site(tmp_path / "docs", {"_posts/2024-01-02-new.md": "---\ntitle: New\n---\n<p>x</b></p>\n"})
    same = "---\ntitle: Same URL\npermalink: /story/\n---\n<p>Again.</p>\n"
    _write(tmp_path / "docs", {"_posts/2024-01-03-same.md": same})
    monkeypatch.chdir(tmp_path)
    code, found = _report(capsys, [])
    assert code == 1
    assert [(path, rule, line) for path, rule, line, *_ in found] == [
        ("docs/_posts/2024-01-01-old.md", "SI001", 3),
        ("docs/_posts/2024-01-02-new.md", "HT001", 4),
    ]
    assert "is also built from docs/_posts/2024-01-03-same.md," in found[0][4]


def _no_posts(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


def test_a_run_that_finds_no_post_exits_2_saying_what_it_looked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"site/_config.yml": "title: t\n", "site/about.md": "x\n", "src/a.py": ""})
    _write(tmp_path, {"blog/_config.yml": "collections: [recipes]\n", "empty/.keep": ""})
    monkeypatch.chdir(tmp_path)
    suffixes = ".md, .markdown, .html and .htm files"
    assert _no_posts(capsys, ["site"]) == (
        "newslint: error: no posts found under site: looked in _posts/ and _drafts/ of the "
        f"Jekyll site at site (it declares no collections) for {suffixes}; add posts there, "
        "or name the files to lint\n"
    )
    assert _no_posts(capsys, ["blog/"]) == (
        "newslint: error: no posts found under blog/: looked in _posts/, _drafts/ and the "
        f"collections _recipes/ of the Jekyll site at blog for {suffixes}; add posts there, "
        "or name the files to lint\n"
    )
    nowhere = (
        f"looked for {suffixes}, and no Jekyll site (a directory with _config.yml) is at, "
        "above or below it; run newslint in the site, or name the files to lint"
    )
    assert _no_posts(capsys, ["src", "empty"]) == (
        f"newslint: error: no posts found under src: {nowhere}; "
        f"no posts found under empty: {nowhere}\n"
    )
    assert _no_posts(capsys, ["--format", "json", "."]) == (
        "newslint: error: no posts found under .: looked in _posts/, _drafts/ and the "
        "collections of the Jekyll sites below it (blog, site) for "
        f"{suffixes}; files outside a site are not posts\n"
    )


def test_a_missing_path_never_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    assert main([OLD, "_posts/2024-01-09-gone.md", "--select", "SI"]) == 2
    assert capsys.readouterr().out == (
        "_posts/2024-01-09-gone.md: error: no such file or directory\n"
        "No findings in 1 file linted.\n"
        "1 file could not be linted (see above).\n"
    )
