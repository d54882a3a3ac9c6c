"""The command line as users run it: exit codes, reports, bad paths and configuration errors."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from newslint.catalogue import rule_index
from newslint.cli import main

CLEAN_POST = "---\ntitle: A clean post\n---\n<p>Nothing to report.</p>\n"
STRAY_POST = "---\ntitle: 속보\n---\n<p>한국어 문장</b> 끝</p>\n"


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, Any]:
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = _write(tmp_path / "_posts" / "2024-01-01-clean.md", CLEAN_POST)
    assert main([str(post)]) == 0
    assert capsys.readouterr().out == "All checks passed (1 file).\n"


def test_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = _write(tmp_path / "post.md", STRAY_POST)
    code, report = _json(capsys, [str(post)])
    assert code == 1
    assert report["version"] == 1
    assert report["tool"] == {"name": "newslint", "version": "0.1.0"}
    assert report["summary"] == {
        "files": 1,
        "errors": 1,
        "warnings": 0,
        "infos": 0,
        "fixable": 1,
        "unreadable": 0,
        "fixed": 0,
        "baselined": 0,
    }
    assert report["diagnostics"] == [
        {
            "path": str(post),
            "code": "HT001",
            "rule": "stray-end-tag",
            "severity": "error",
            "message": "closing tag </b> has nothing to close (stray end tag):"
            " kramdown prints it as text",
            "start": {"line": 4, "column": 10, "offset": 27},
            "end": {"line": 4, "column": 14, "offset": 31},
            "fix": {
                "applicability": "safe",
                "message": "remove </b>",
                "edits": [{"start": 27, "end": 31, "replacement": ""}],
            },
            "related": [],
        }
    ]
    assert STRAY_POST[27:31] == "</b>"


def test_text_report_aligns_carets_by_display_width(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _write(tmp_path / "post.md", STRAY_POST)
    assert main([str(post), "--color", "never"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{post}:4:10: HT001 closing tag </b> has nothing to close (stray end tag):"
        " kramdown prints it as text"
    )
    assert out[2] == "4 | <p>한국어 문장</b> 끝</p>"
    # "<p>" is 3 cells, "한국어 문장" is 11 cells: the carets start after 14 cells.
    assert out[3] == "  | " + " " * 14 + "^^^^"
    assert out[-2:] == ["Found 1 error in 1 file.", "1 fixable with --fix."]


def test_relative_paths_stay_relative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "_posts" / "2024-01-01-a.md", STRAY_POST)
    monkeypatch.chdir(tmp_path)
    _, report = _json(capsys, ["_posts"])
    diagnostics = report["diagnostics"]
    assert isinstance(diagnostics, list)
    assert diagnostics[0]["path"] == str(Path("_posts") / "2024-01-01-a.md")


def test_missing_path_is_exit_two_and_others_still_linted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _write(tmp_path / "post.md", STRAY_POST)
    code, report = _json(capsys, [str(tmp_path / "nope.md"), str(post)])
    assert code == 2
    assert report["errors"] == [
        {"path": str(tmp_path / "nope.md"), "message": "no such file or directory"}
    ]
    assert report["summary"]["errors"] == 1


def test_unreadable_file_is_reported_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _write(tmp_path / "locked.md", CLEAN_POST)
    other = _write(tmp_path / "other.md", STRAY_POST)
    real_open = os.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        # Root reads any file whatever its mode, so the permission failure is simulated.
        if os.fspath(file) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    code, report = _json(capsys, [str(locked), str(other)])
    assert code == 2
    assert report["errors"] == [
        {"path": str(locked), "message": "cannot read file: Permission denied"}
    ]
    assert [d["code"] for d in report["diagnostics"]] == ["HT001"]


def test_symlink_loop_is_an_error_not_a_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    site = tmp_path / "site"
    _write(site / "post.md", CLEAN_POST)
    (site / "loop").symlink_to(site)
    code, report = _json(capsys, [str(tmp_path / "a.md"), str(site)])
    assert code == 2
    errors = report["errors"]
    assert isinstance(errors, list) and len(errors) == 1
    assert errors[0]["path"] == str(tmp_path / "a.md")
    assert errors[0]["message"].startswith("cannot read file: ")
    assert report["summary"]["files"] == 2


def test_not_utf8_gets_one_diagnostic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = _write(tmp_path / "euc.md", "---\ntitle: 한국\n---\n".encode("euc-kr"))
    code, report = _json(capsys, [str(post)])
    assert code == 1
    (diag,) = report["diagnostics"]
    assert diag["code"] == "NL001"
    assert diag["start"] == {"line": 2, "column": 8, "offset": 11}
    assert "byte 0xc7 at 2:8" in diag["message"]


def test_empty_and_binary_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = _write(tmp_path / "empty.md", b"")
    binary = _write(tmp_path / "pic.md", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    code, report = _json(capsys, [str(empty), str(binary), "--select", "NL,FM001"])
    codes = [(d["path"], d["code"]) for d in report["diagnostics"]]
    assert codes == [(str(empty), "FM001"), (str(binary), "NL002")]
    assert code == 1


def test_binary_file_is_reported_at_its_first_nul(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blob = _write(tmp_path / "blob.md", b"text\nmore\x00\x01\xff\xfe")
    code, report = _json(capsys, [str(blob)])
    (diag,) = report["diagnostics"]
    assert (diag["code"], diag["start"]) == ("NL002", {"line": 2, "column": 5, "offset": 9})
    assert code == 1


def test_stdin_with_filename(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(STRAY_POST.encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, report = _json(capsys, ["-", "--stdin-filename", "_posts/2024-01-01-x.md"])
    assert code == 1
    assert [d["path"] for d in report["diagnostics"]] == ["_posts/2024-01-01-x.md"]


def test_stdin_fix_prints_the_fixed_text_and_never_writes_the_named_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    on_disk = _write(tmp_path / "post.md", CLEAN_POST)  # --stdin-filename names a real file
    for name in (on_disk, tmp_path / "missing.md"):
        stdin = io.TextIOWrapper(io.BytesIO(STRAY_POST.encode("utf-8")))
        monkeypatch.setattr(sys, "stdin", stdin)
        assert main(["-", "--stdin-filename", str(name), "--fix"]) == 0
        out = capsys.readouterr().out
        assert out == STRAY_POST.replace("</b>", "")
    assert on_disk.read_text(encoding="utf-8") == CLEAN_POST
    assert not (tmp_path / "missing.md").exists()


def test_a_tool_table_in_newslint_toml_says_what_to_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "newslint.toml").write_text('[tool.newslint]\nignore = ["FM014"]\n')
    post = _write(tmp_path / "post.md", CLEAN_POST)
    assert main([str(post)]) == 2
    assert capsys.readouterr().err == (
        f"newslint: error: {tmp_path / 'newslint.toml'}: newslint.toml takes its settings at the "
        "top level: remove the [tool.newslint] line (that table is for pyproject.toml)\n"
    )


def test_unknown_config_key_suggests_the_right_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "newslint.toml", 'selcet = ["HT"]\n')
    post = _write(tmp_path / "post.md", CLEAN_POST)
    assert main([str(post)]) == 2
    err = capsys.readouterr().err
    assert 'unknown key "selcet"; did you mean "select"?' in err
    assert str(tmp_path / "newslint.toml") in err


def test_config_select_and_per_file_ignores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        tmp_path / "pyproject.toml",
        '[tool.newslint]\nper-file-ignores = { "legacy/**" = ["stray-end-tag"] }\n',
    )
    legacy = _write(tmp_path / "legacy" / "old.md", STRAY_POST)
    fresh = _write(tmp_path / "new.md", STRAY_POST)
    _, report = _json(capsys, [str(legacy), str(fresh)])
    assert [d["path"] for d in report["diagnostics"]] == [str(fresh)]


def test_unknown_rule_in_select_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _write(tmp_path / "post.md", CLEAN_POST)
    assert main([str(post), "--select", "XX9"]) == 2
    assert 'no such rule or rule prefix: "XX9"' in capsys.readouterr().err


def test_rule_documentation_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "HT001"]) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("# HT001 stray-end-tag\n\nEvery end tag should close an element")
    assert main(["rules"]) == 0
    assert "HT001  stray-end-tag" in capsys.readouterr().out
    assert main(["rule", "stray-end-tg"]) == 2
    assert 'did you mean "stray-end-tag" (HT001)?' in capsys.readouterr().err


def test_output_into_a_fifo_writes_through_it_and_keeps_it(tmp_path: Path) -> None:
    # A rename onto -o would replace /dev/null or a FIFO with a regular file.
    post = _write(tmp_path / "post.md", STRAY_POST)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main([str(post), "--format", "json", "-o", str(fifo)]) == 1
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["summary"]["errors"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md", "report.fifo"]


def test_output_into_a_missing_directory_is_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _write(tmp_path / "post.md", CLEAN_POST)
    target = tmp_path / "nodir" / "report.json"
    assert main([str(post), "--format", "json", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"newslint: error: cannot write the report to {target}: No such file or directory\n"
    )


def test_output_file_and_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = _write(tmp_path / "post.md", STRAY_POST)
    out = tmp_path / "report.json"
    assert main([str(post), "--format", "json", "-o", str(out), "--exit-zero"]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["errors"] == 1


def test_a_run_that_fails_midway_keeps_the_old_report_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The report streams into a temporary file that replaces the old one only on success.
    good = _write(tmp_path / "a" / "post.md", STRAY_POST)
    bad = _write(tmp_path / "b" / "post.md", STRAY_POST)
    _write(tmp_path / "b" / "newslint.toml", "select = [\n")
    out = _write(tmp_path / "report.json", "old report\n")
    assert main([str(good), str(bad), "--format", "json", "-o", str(out), "--jobs", "1"]) == 2
    assert "newslint.toml" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "report.json"]


def test_a_report_file_keeps_its_mode_and_gets_the_whole_report(tmp_path: Path) -> None:
    post = _write(tmp_path / "post.md", STRAY_POST)
    out = _write(tmp_path / "report.sarif", "old")
    out.chmod(0o640)
    assert main([str(post), "--format", "sarif", "-o", str(out), "--no-cache"]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "HT001"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_options_that_would_do_nothing_are_named_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _write(tmp_path / "post.md", CLEAN_POST)
    assert main([str(post), "--unsafe-fixes", "--stdin-filename", "x.md", "--no-cache"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "newslint: warning: --unsafe-fixes has no effect without --fix or --diff",
        "newslint: warning: --stdin-filename has no effect unless '-' (standard input) is a path",
    ]
    assert main([str(post), "--diff", "--unsafe-fixes", "--no-cache"]) == 0
    assert "warning" not in capsys.readouterr().err


LAST_HT = max(code for code in rule_index() if code.startswith("HT"))


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("HT999", f"HT codes run from HT001 to {LAST_HT}"),
        ("imgalt", 'did you mean "img-alt-missing" (HT020)?'),
        ("stray_end_tag", 'did you mean "stray-end-tag" (HT001)?'),
        ("QQ1", "'newslint rules' lists them"),
    ],
)
def test_an_unknown_rule_gets_a_hint_that_fits_it(
    key: str, hint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rule", key]) == 2
    assert capsys.readouterr().err == f'newslint: error: no such rule: "{key}"; {hint}\n'
    post = _write(tmp_path / "post.md", CLEAN_POST)
    assert main(["--select", key, "--no-cache", str(post)]) == 2
    assert capsys.readouterr().err == (
        f'newslint: error: no such rule or rule prefix: "{key}"; {hint}\n'
    )


def test_the_summary_says_how_many_of_the_files_have_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = _write(tmp_path / "clean.md", CLEAN_POST)
    stray = _write(tmp_path / "stray.md", STRAY_POST)
    assert main([str(clean), str(stray), "--no-cache", "--jobs", "1"]) == 1
    assert "Found 1 error in 1 of 2 files." in capsys.readouterr().out.splitlines()


def test_a_broken_configuration_anywhere_stops_the_run_before_any_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "a" / "post.md", STRAY_POST)
    _write(tmp_path / "b" / "post.md", CLEAN_POST)
    broken = _write(tmp_path / "b" / "newslint.toml", 'select = "HT"\n')
    assert main([str(tmp_path), "--format", "json", "--no-cache"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # not half a JSON document
    assert captured.err.startswith(f"newslint: error: {broken}: invalid")
