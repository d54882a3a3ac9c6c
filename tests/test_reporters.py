"""SARIF validates against the official schema; GitHub annotations cannot be broken out of."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newslint.cli import main
from newslint.diagnostics import Diagnostic, Severity
from newslint.positions import Position
from newslint.reporters.github import report as github_report
from newslint.reporters.report_options import ReportOptions
from newslint.results import FileResult
from tests.conftest import SARIF_SCHEMA, SEED

POST = "---\ntitle: 😀 이모지\n---\n<p>😀😀 한글</b></p>\n"


def _sarif(paths: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    main([*paths, "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    return log


def test_sarif_is_valid_and_uses_utf16_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("post one.md").write_text(POST, encoding="utf-8")
    log = _sarif(["post one.md", "missing.md"], capsys)
    (run,) = log["runs"]
    (result,) = run["results"]
    assert result["ruleId"] == "HT001"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "HT001"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "post%20one.md", "uriBaseId": "%SRCROOT%"}
    # "<p>😀😀 한글" is 8 code points but 10 UTF-16 code units: </b> starts at UTF-16 column 11.
    assert location["region"] == {
        "startLine": 4,
        "startColumn": 11,
        "endLine": 4,
        "endColumn": 15,
        "snippet": {"text": "</b>"},
    }
    invocation = run["invocations"][0]
    assert invocation["exitCode"] == 2
    assert invocation["executionSuccessful"] is False
    assert "missing.md" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_fingerprint_survives_lines_added_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.md").write_text(POST, encoding="utf-8")
    before = _sarif(["p.md"], capsys)["runs"][0]["results"][0]
    Path("p.md").write_text(
        POST.replace("---\n<p>", "---\n<p>New lead.</p>\n\n<p>"), encoding="utf-8"
    )
    after = _sarif(["p.md"], capsys)["runs"][0]["results"][0]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert after["partialFingerprints"] == before["partialFingerprints"]


def test_github_annotation_escapes_hostile_text() -> None:
    at = Position(1, 1, 0)
    diag = Diagnostic(
        path="a,b:c.md",
        code="FM014",
        rule="unknown-key",
        severity=Severity.WARNING,
        message='unknown key "x%0A::error::pwned"\n::error file=x::injected',
        start=at,
        end=at,
    )
    out = io.StringIO()
    github_report([FileResult("a,b:c.md", [diag])], out, ReportOptions())
    lines = out.getvalue().splitlines()
    assert lines == [
        "::warning file=a%2Cb%3Ac.md,line=1,col=1,endLine=1,endColumn=1,title=FM014 unknown-key::"
        'unknown key "x%250A::error::pwned"%0A::error file=x::injected'
    ]


def test_sarif_of_the_seed_has_the_stray_bold_with_its_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("seed.txt").write_bytes(SEED.read_bytes())
    log = _sarif(["seed.txt", "--no-cache"], capsys)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "HT001"
    region = result["locations"][0]["physicalLocation"]["region"]
    # Line 32 holds Hangul (one UTF-16 unit each), so UTF-16 columns equal code-point columns.
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (32, 209, 213)
    assert region["snippet"] == {"text": "</b>"}
    (fix,) = result["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 32, "startColumn": 209, "endLine": 32, "endColumn": 213},
            "insertedContent": {"text": ""},
        }
    ]
