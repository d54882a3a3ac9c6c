"""Every resource bound and file-system fault gets a clear diagnostic or error."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newslint import reading, runner
from newslint.api import lint_paths, lint_text
from newslint.cli import main
from newslint.config import FileSettings
from newslint.discovery import Target
from newslint.engine import FileLint, lint_bytes
from newslint.file_linter import FileLinter
from newslint.fixer import Fixer
from newslint.limits import FileTimeout, time_limit
from newslint.options import Options
from newslint.reporters.summary import Tally
from newslint.results import FileResult
from newslint.runner import Linter

FRONT = "---\ntitle: Limits\n---\n"
STRAY = FRONT + "<p>stray</b> end tag</p>\n"
"""A post with one error (HT001) whose safe fix removes ``</b>``."""
FIXED = FRONT + "<p>stray end tag</p>\n"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main([*argv, "--format", "json", "--no-cache"])
    return code, json.loads(capsys.readouterr().out)


def codes(report: Any) -> list[tuple[str, str, int, int]]:
    return [
        (Path(d["path"]).name, d["code"], d["start"]["line"], d["start"]["column"])
        for d in report["diagnostics"]
    ]


def errors(report: Any) -> dict[str, str]:
    return {Path(e["path"]).name: e["message"] for e in report["errors"]}


# --- file size ----------------------------------------------------------------------------


def test_file_over_64_mb_is_skipped_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(reading.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    code, report = run_json(capsys, str(big))
    assert codes(report) == [("big.md", "NL003", 1, 1)]
    diag = report["diagnostics"][0]
    assert diag["severity"] == "warning"
    assert diag["message"] == "file is larger than 64 MB (the size limit); it was not linted"
    assert report["errors"] == []
    assert code == 0  # a warning does not fail the run


def test_size_limit_boundary_and_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", len(STRAY.encode()))
    (tmp_path / "at_limit.md").write_text(STRAY, encoding="utf-8")
    (tmp_path / "over.md").write_text(STRAY + "\n", encoding="utf-8")
    code, report = run_json(capsys, str(tmp_path / "at_limit.md"), str(tmp_path / "over.md"))
    assert codes(report) == [("at_limit.md", "HT001", 4, 9), ("over.md", "NL003", 1, 1)]
    assert code == 1  # from the HT001 error, not from the skipped file
    # A site that wants no file to escape review by its size makes NL003 an error.
    (tmp_path / "newslint.toml").write_text('severity = {NL003 = "error"}\n', encoding="utf-8")
    code, report = run_json(capsys, str(tmp_path / "over.md"))
    assert [d["severity"] for d in report["diagnostics"]] == ["error"]
    assert code == 1


# --- YAML and HTML structure --------------------------------------------------------------


def test_yaml_alias_expansion_is_bounded_at_its_anchor() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 6) + "]")
    text = "---\n" + "\n".join(levels) + "\n---\n<p>x</p>\n"
    started = time.monotonic()
    diagnostics = lint_text(text)
    assert time.monotonic() - started < 5
    assert [(d.code, d.start.line, d.start.column, d.end.column) for d in diagnostics] == [
        ("FM008", 6, 20, 22)
    ]
    assert diagnostics[0].message == (
        "front matter too large: aliases expand beyond 10,000 values (a YAML bomb?); "
        "it was not loaded; remove the nested aliases"
    )


@pytest.mark.parametrize("depth", [150, 5_000], ids=["ours", "past-libyaml's-own-limit"])
def test_yaml_nesting_depth_is_bounded(depth: int) -> None:
    # Past 1,000 flow levels libyaml stops first with its own error: still FM008, same place.
    text = "---\ndeep: " + "[" * depth + "x" + "]" * depth + "\n---\n<p>x</p>\n"
    diagnostics = lint_text(text)
    assert [(d.code, d.start.line, d.start.column) for d in diagnostics] == [("FM008", 2, 106)]
    assert diagnostics[0].message == (
        "front matter nested deeper than 100 levels; it was not loaded; flatten it"
    )


@pytest.mark.parametrize(
    ("unit", "count", "unclosed"),
    [("<div>", 50_000, 50_000), ("<b><i><u><s>", 5_000, 20_000), ("<ul><li>", 5_000, 5_000)],
    ids=["divs", "formatting", "lists"],
)
def test_deep_html_nesting_has_no_recursion_error(unit: str, count: int, unclosed: int) -> None:
    diagnostics = lint_text(FRONT + unit * count + "\n", select=("ALL",))
    assert "NL900" not in {d.code for d in diagnostics}
    assert sum(d.code == "HT002" for d in diagnostics) == unclosed


def test_a_body_with_more_markup_than_the_bound_is_reported_not_parsed() -> None:
    from newslint.document import Document
    from newslint.html.parse import MAX_MARKUP, parse_html

    def html_codes(text: str) -> list[tuple[str, int, int]]:
        found = lint_text(text, select=("ALL",))
        return [(d.code, d.start.line, d.start.column) for d in found if d.code[:2] == "HT"]

    unit, pairs = "<span>x</span>", MAX_MARKUP // 2  # two "<" each
    over = FRONT + unit * pairs + "</i>\n"
    assert html_codes(over) == [("HT038", 4, 1)]
    parse = parse_html(Document.from_text("_posts/2024-01-01-x.md", over))
    assert parse.unparsed_markup == MAX_MARKUP + 1 and not parse.tag_names  # nothing parsed
    # At the bound the body is parsed (the stray </i> is found), and "<" in code do not count.
    stray = len(unit) * (pairs - 1) + 1
    assert html_codes(FRONT + unit * (pairs - 1) + "</i>\n") == [("HT001", 4, stray)]
    code = "```html\n" + unit * pairs + "\n```\n"
    assert html_codes(FRONT + code + "<p>x</i></p>\n") == [("HT001", 7, 5)]


def test_unclosed_group_fix_title_is_short_and_shared() -> None:
    """Regression: every HT002 finding used to carry its own copy of the whole group (1.6 GB)."""
    diagnostics = [d for d in lint_text(FRONT + "<b><i>" * 2000 + "\n") if d.code == "HT002"]
    assert len(diagnostics) == 4000
    fixes = {id(d.fix.edits[0].replacement) for d in diagnostics if d.fix is not None}
    assert len(fixes) == 1
    first = diagnostics[0].fix
    assert first is not None
    assert first.message == "insert </i></b></i>… (4000 tags) at the end of the paragraph"


# --- time per file ------------------------------------------------------------------------


def _spin_on_slow(real: Any) -> Any:
    def lint_bytes(path: str, data: bytes, settings: FileSettings, enabled: Any) -> FileLint:
        if path.endswith("slow.md"):
            while True:
                pass
        result: FileLint = real(path, data, settings, enabled)
        return result

    return lint_bytes


TIMEOUT_MESSAGE = (
    "linting stopped after 0.5 s (the time limit per file); the file was not checked; "
    "please report it if it is an ordinary post"
)


def test_a_file_over_its_time_limit_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newslint.file_linter.lint_bytes", _spin_on_slow(lint_bytes))
    (tmp_path / "a_slow.md").write_text(STRAY, encoding="utf-8")
    (tmp_path / "b_fine.md").write_text(STRAY, encoding="utf-8")
    started = time.monotonic()
    results = list(Linter(Options(file_time_limit=0.5)).run([str(tmp_path)]))
    assert time.monotonic() - started < 10
    assert [(Path(r.path).name, r.error) for r in results] == [
        ("a_slow.md", TIMEOUT_MESSAGE),
        ("b_fine.md", None),
    ]
    assert [d.code for d in results[1].diagnostics] == ["HT001"]
    assert _exit_status(results) == 2


def test_the_time_limit_also_holds_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Workers are forked after the patch, so they spin on the slow file too.
    monkeypatch.setattr("newslint.file_linter.lint_bytes", _spin_on_slow(lint_bytes))
    for n in range(31):
        (tmp_path / f"post-{n:02}.md").write_text(STRAY, encoding="utf-8")
    (tmp_path / "post-99-slow.md").write_text(STRAY, encoding="utf-8")
    worker_pids: set[int] = set()
    real_batch = FileLinter.lint_batch

    def lint_batch(self: FileLinter, batch: list[tuple[str, Path, bytes]]) -> list[FileResult]:
        worker_pids.add(os.getpid())
        return real_batch(self, batch)

    monkeypatch.setattr(FileLinter, "lint_batch", lint_batch)
    results = list(Linter(Options(jobs=2, file_time_limit=0.5)).run([str(tmp_path)]))
    assert os.getpid() not in worker_pids  # the batches ran in workers
    assert [r.error for r in results] == [None] * 31 + [TIMEOUT_MESSAGE]
    assert all([d.code for d in r.diagnostics] == ["HT001"] for r in results[:31])


def test_time_limit_stops_catastrophic_backtracking() -> None:
    pattern = re.compile(r"^(a+)+$")
    started = time.monotonic()
    with pytest.raises(FileTimeout), time_limit(0.2):
        pattern.match("a" * 40 + "!")
    assert time.monotonic() - started < 5


def test_schema_pattern_that_backtracks_is_stopped_and_the_run_goes_on(tmp_path: Path) -> None:
    """Schema ``pattern``s are the only regular expressions a repository can supply."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "slow.yaml").write_text(
        'fields:\n  title: {kind: string, pattern: "^(a+)+$"}\n', encoding="utf-8"
    )
    (tmp_path / "newslint.toml").write_text(
        'schema-paths = ["schemas"]\nschema = "slow"\n', encoding="utf-8"
    )
    # 2**25 backtracking steps: about 5 s unbounded, so only the time limit stops it at 0.5 s.
    (tmp_path / "a_slow.md").write_text(f"---\ntitle: {'a' * 25}!\n---\n", encoding="utf-8")
    (tmp_path / "b_fine.md").write_text(STRAY, encoding="utf-8")
    results = list(Linter(Options(file_time_limit=0.5)).run([str(tmp_path)]))
    assert [(Path(r.path).name, r.error) for r in results] == [
        ("a_slow.md", TIMEOUT_MESSAGE),
        ("b_fine.md", None),
    ]
    assert [d.code for d in results[1].diagnostics] == ["FM017", "HT001"]


def test_configuration_globs_match_in_linear_time(tmp_path: Path) -> None:
    """Globs (``exclude``, ``per-file-ignores``, ``schemas``) are fnmatch's atomic regexes."""
    glob = "*a" * 30 + "*b"
    (tmp_path / "newslint.toml").write_text(
        f'per-file-ignores = {{"{glob}" = ["HT001"]}}\nexclude = ["{glob}"]\n', encoding="utf-8"
    )
    post = tmp_path / f"{'a' * 200}.md"
    post.write_text(STRAY, encoding="utf-8")
    started = time.monotonic()
    [result] = lint_paths([post])
    assert time.monotonic() - started < 5
    assert [d.code for d in result.diagnostics] == ["HT001"]


def test_time_limit_is_a_no_op_off_the_main_thread() -> None:
    outcome: list[str] = []

    def work() -> None:
        with time_limit(0.01):
            time.sleep(0.05)
        outcome.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["finished"]


# --- symlinks -----------------------------------------------------------------------------


def test_symlink_loop_is_an_error_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    code, report = run_json(capsys, str(tmp_path / "a.md"))
    assert errors(report) == {"a.md": "cannot read file: Too many levels of symbolic links"}
    assert code == 2


def test_directory_symlink_loop_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "post.md").write_text(STRAY, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    code, report = run_json(capsys, str(tmp_path))
    assert codes(report) == [("post.md", "HT001", 4, 9)]
    assert code == 1


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """``repo/_posts`` with one ordinary post, and an ``outside`` directory beside ``repo``."""
    posts = tmp_path / "repo" / "_posts"
    posts.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (posts / "2024-01-01-inside.md").write_text(STRAY, encoding="utf-8")
    yield posts, outside


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def test_fix_never_writes_through_a_symlink_out_of_the_given_paths(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    posts, outside = site
    target = outside / "victim.md"
    target.write_text(STRAY, encoding="utf-8")
    (posts / "2024-01-02-link.md").symlink_to(target)
    before = _tree(outside)
    code, report = run_json(capsys, str(posts), "--fix")
    assert _tree(outside) == before
    assert (posts / "2024-01-01-inside.md").read_text(encoding="utf-8") == FIXED
    assert errors(report) == {}
    assert codes(report) == [("2024-01-02-link.md", "NL004", 1, 1)]  # not even read
    assert code == 0


def test_fix_refuses_a_named_symlink_to_a_file_elsewhere(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    posts, outside = site
    target = outside / "victim.md"
    target.write_text(STRAY, encoding="utf-8")
    link = posts / "2024-01-02-link.md"
    link.symlink_to(target)
    code, report = run_json(capsys, str(link), "--fix")
    assert target.read_text(encoding="utf-8") == STRAY
    assert codes(report) == [("2024-01-02-link.md", "NL004", 1, 1)]
    assert code == 0


def test_a_symlink_out_of_the_paths_is_not_read_and_a_link_inside_is(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    posts, outside = site
    secret = outside / "token.md"
    secret.write_text(FRONT + "<p>SECRET-TOKEN</b></p>\n", encoding="utf-8")
    (posts / "2024-01-02-leak.md").symlink_to(secret)
    (posts / "2024-01-03-alias.md").symlink_to(posts / "2024-01-01-inside.md")
    assert main([str(posts), "--no-cache", "--select", "HT001,NL004"]) == 1
    out = capsys.readouterr().out
    assert "SECRET" not in out
    assert "2024-01-02-leak.md:1:1: NL004 not read: it is a symbolic link to a file outside" in out
    assert "2024-01-03-alias.md:4:9: HT001" in out  # a link inside the paths is linted
    # With the outside directory among the paths, the link is read like any file.
    assert main([str(posts), str(outside), "--no-cache", "--select", "HT001,NL004"]) == 1
    assert "2024-01-02-leak.md:4:16: HT001" in capsys.readouterr().out


def test_fix_writes_through_a_symlink_inside_the_given_paths(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    posts, _ = site
    link = posts / "2024-01-02-alias.md"
    link.symlink_to(posts / "2024-01-01-inside.md")
    code, report = run_json(capsys, str(link), str(posts / "2024-01-01-inside.md"), "--fix")
    assert link.is_symlink()
    assert (posts / "2024-01-01-inside.md").read_text(encoding="utf-8") == FIXED
    assert report["errors"] == []
    # Both names were read before either was written: the second write is refused, not lost.
    assert [Path(w["path"]).name for w in report["warnings"]] == ["2024-01-01-inside.md"]
    assert code == 1


# --- faults while fixing ------------------------------------------------------------------


def test_read_only_file_is_reported_and_others_are_still_fixed(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    posts, _ = site
    locked = posts / "2024-01-02-locked.md"
    locked.write_text(STRAY, encoding="utf-8")
    locked.chmod(0o444)
    code, report = run_json(capsys, str(posts), "--fix")
    assert locked.read_text(encoding="utf-8") == STRAY
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert (posts / "2024-01-01-inside.md").read_text(encoding="utf-8") == FIXED
    assert errors(report) == {
        "2024-01-02-locked.md": "not fixed: the file is read-only; make it writable to fix it"
    }
    assert code == 2


@pytest.mark.parametrize("call", ["fsync", "replace"])
def test_full_disk_keeps_the_old_file_and_reports(
    site: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    call: str,
) -> None:
    posts, _ = site

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, call, no_space)  # flushing the data, or the rename into place
    code, report = run_json(capsys, str(posts), "--fix")
    assert [p.name for p in posts.iterdir()] == ["2024-01-01-inside.md"]  # no temporary left
    assert (posts / "2024-01-01-inside.md").read_text(encoding="utf-8") == STRAY
    assert errors(report) == {
        "2024-01-01-inside.md": "cannot write fixed file: No space left on device"
    }
    assert code == 2


def test_fix_keeps_the_file_mode(site: tuple[Path, Path]) -> None:
    posts, _ = site
    post = posts / "2024-01-01-inside.md"
    post.chmod(0o640)
    assert main([str(posts), "--fix", "--no-cache", "--quiet"]) == 0
    assert post.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(post.stat().st_mode) == 0o640


def test_file_changed_during_fix_is_not_written(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts, _ = site
    post = posts / "2024-01-01-inside.md"
    edited = STRAY + "<p>an editor saved this meanwhile</p>\n"
    real_fix = Fixer.fix

    def fix_while_someone_edits(self: Fixer, path: str, text: str, diagnostics: Any) -> Any:
        post.write_text(edited, encoding="utf-8")
        return real_fix(self, path, text, diagnostics)

    monkeypatch.setattr(Fixer, "fix", fix_while_someone_edits)
    code, report = run_json(capsys, str(posts), "--fix")
    assert post.read_text(encoding="utf-8") == edited
    assert report["warnings"] == [
        {
            "path": str(post),
            "message": "file changed on disk while it was being fixed; "
            "not written, run newslint --fix again",
        }
    ]
    assert codes(report) == [("2024-01-01-inside.md", "HT001", 4, 9)]
    assert code == 1


def test_file_deleted_during_fix_is_not_recreated(
    site: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    posts, _ = site
    post = posts / "2024-01-01-inside.md"
    real_fix = Fixer.fix

    def fix_while_someone_deletes(self: Fixer, path: str, text: str, diagnostics: Any) -> Any:
        post.unlink()
        return real_fix(self, path, text, diagnostics)

    monkeypatch.setattr(Fixer, "fix", fix_while_someone_deletes)
    code, report = run_json(capsys, str(posts), "--fix")
    assert list(posts.iterdir()) == []
    assert errors(report) == {
        "2024-01-01-inside.md": "not fixed: cannot write fixed file: No such file or directory"
    }
    assert codes(report) == [("2024-01-01-inside.md", "HT001", 4, 9)]
    assert code == 2


def test_file_that_vanishes_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tmp_path / "kept.md"
    kept.write_text(STRAY, encoding="utf-8")
    gone = tmp_path / "gone.md"

    def discover(paths: list[str]) -> Iterator[Target]:
        yield Target(str(gone), gone)  # found, then deleted before it was read
        yield Target(str(kept), kept)

    monkeypatch.setattr(runner, "discover", discover)
    results = list(Linter(Options()).run([str(tmp_path)]))
    assert [(Path(r.path).name, r.error) for r in results] == [
        ("gone.md", "cannot read file: No such file or directory"),
        ("kept.md", None),
    ]
    assert _exit_status(results) == 2


# --- reading outside the site root --------------------------------------------------------


def test_paths_in_posts_never_reach_outside_the_site_root(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Site\n", encoding="utf-8")
    (root / "newslint.toml").write_text('schema = "alembic-post"\n', encoding="utf-8")
    post = root / "_posts" / "2024-01-01-escape.md"
    post.write_text(
        "---\ntitle: Escape\nimage: ../../../../../etc/hostname\n---\n"
        '<p><img src="../../../../../etc/hosts" alt="x"></p>\n',
        encoding="utf-8",
    )
    [result] = lint_paths([post])
    assert all(Path(dep).is_relative_to(root.resolve()) for dep in result.deps), result.deps
    outside = [d for d in result.diagnostics if "outside the site root" in d.message]
    assert [(d.code, d.start.line) for d in outside] == [("FM019", 3), ("HT034", 5)]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            'schema-paths = ["../elsewhere"]',
            'key "schema-paths": "../elsewhere" is outside',
        ),
        ('schema = "/etc/passwd.yaml"', 'schema "/etc/passwd.yaml" is not read'),
        ('schema = "../../secret"', 'schema "../../secret" is not read'),
    ],
    ids=["schema-paths", "absolute-schema", "climbing-schema"],
)
def test_configuration_cannot_make_newslint_read_outside_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, message: str
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "newslint.toml").write_text(setting + "\n", encoding="utf-8")
    (repo / "post.md").write_text(STRAY, encoding="utf-8")
    assert main([str(repo / "post.md"), "--no-cache"]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("setting", "shown", "out_of"),
    [
        (
            'schema-paths = ["schemas"]\nschema = "house"',
            "{repo}/schemas/house.yaml",
            "{repo}/schemas",
        ),
        ('schema = "schemas/house.yaml"', "schemas/house.yaml", "{repo}"),
    ],
    ids=["in-schema-paths", "relative-path"],
)
def test_schema_file_symlinked_out_of_the_repository_is_not_read(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    shown: str,
    out_of: str,
) -> None:
    repo = tmp_path / "repo"
    (repo / "schemas").mkdir(parents=True)
    secret = tmp_path / "secret.yaml"
    secret.write_text('fields:\n  title: {pattern: "SECRET"}\n', encoding="utf-8")
    (repo / "schemas" / "house.yaml").symlink_to(secret)
    (repo / "newslint.toml").write_text(setting + "\n", encoding="utf-8")
    (repo / "post.md").write_text(STRAY, encoding="utf-8")
    monkeypatch.chdir(repo)
    assert main([str(repo / "post.md"), "--no-cache"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"newslint: error: {shown.format(repo=repo)}: not read: "
        f"it is a symbolic link out of {out_of.format(repo=repo)}\n"
    )


@pytest.mark.parametrize(
    ("extends", "message"),
    [
        (
            "../../secret",
            'schema "../../secret": not read; name a schema, or give a relative path inside '
            'the repository (without "..")',
        ),
        ("/etc/secret", '{house}: "extends: /etc/secret" is not read: use a schema name'),
    ],
    ids=["climbing", "absolute"],
)
def test_schema_extends_cannot_leave_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extends: str, message: str
) -> None:
    (tmp_path / "schemas").mkdir()
    house = tmp_path / "schemas" / "house.yaml"
    house.write_text(f"extends: {extends}\nfields: {{}}\n", encoding="utf-8")
    (tmp_path / "newslint.toml").write_text(
        'schema-paths = ["schemas"]\nschema = "house"\n', encoding="utf-8"
    )
    (tmp_path / "post.md").write_text(STRAY, encoding="utf-8")
    assert main([str(tmp_path / "post.md"), "--no-cache"]) == 2
    assert capsys.readouterr().err == f"newslint: error: {message.format(house=house)}\n"


def test_site_config_symlinked_out_of_the_site_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    secret = tmp_path / "secret.yml"
    secret.write_text("defaults: [{values: {title: SECRET}}]\n", encoding="utf-8")
    (site / "_config.yml").symlink_to(secret)
    (site / "_posts" / "2024-01-01-post.md").write_text(STRAY, encoding="utf-8")
    assert main([str(site / "_posts"), "--no-cache"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    config = site / "_config.yml"
    assert captured.err == (
        f"newslint: error: {config}: not read: it is a symbolic link out of the site\n"
    )


def test_schema_paths_symlink_out_of_the_repository_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (repo / "schemas").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (repo / "newslint.toml").write_text('schema-paths = ["schemas"]\n', encoding="utf-8")
    (repo / "post.md").write_text(STRAY, encoding="utf-8")
    assert main([str(repo / "post.md"), "--no-cache"]) == 2
    assert 'key "schema-paths": "schemas" is outside' in capsys.readouterr().err


def _exit_status(results: list[FileResult]) -> int:
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.exit_status(exit_zero=False)
