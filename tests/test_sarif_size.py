"""The SARIF rule table holds only the rules the results use, each once, in ruleIndex order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newslint.cli import main
from tests.conftest import SARIF_SCHEMA, SEED


def _sarif(paths: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, Any]:
    main([*paths, "--format", "sarif", "--no-cache"])
    text = capsys.readouterr().out
    log = json.loads(text)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    return text, log


def test_rules_are_those_used_in_order_of_first_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.md").write_text('---\ntitle: x\n---\n<p><img src="x.png"></p>\n<p>b</b></p>\n')
    Path("d.md").write_text("no front matter <p>b</b></p>\n")
    _, log = _sarif(["c.md", "d.md"], capsys)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    found = [(r["ruleId"], r["ruleIndex"]) for r in run["results"]]
    assert found == [("HT020", 0), ("HT001", 1), ("FM001", 2), ("HT014", 3), ("HT001", 1)]
    assert [rule["id"] for rule in rules] == ["HT020", "HT001", "FM001", "HT014"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    ht001 = rules[1]
    assert ht001["name"] == "stray-end-tag"
    assert ht001["help"]["markdown"].startswith("# HT001 stray-end-tag\n")


def test_the_seed_log_is_small_and_documents_its_one_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("seed.txt").write_bytes(SEED.read_bytes())
    text, log = _sarif(["seed.txt"], capsys)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "HT001"
    # Every rule's documentation made the log over 250 KB; one rule's is a few KB.
    assert len(text.encode("utf-8")) < 10_000


def test_a_clean_run_has_an_empty_rule_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ok.md").write_text("---\ntitle: fine\n---\n<p>fine</p>\n")
    _, log = _sarif(["ok.md"], capsys)
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert run["tool"]["driver"]["name"] == "newslint"
