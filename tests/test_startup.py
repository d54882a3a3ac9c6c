"""Lazy imports: what a command imports is what it needs, so a pre-commit hook starts fast."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pydantic", "html5lib", "lxml", "yaml")

PROBE = """
import contextlib, io, json, sys
from newslint.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _imported(cwd: Path, *argv: str) -> tuple[int, set[str]]:
    """The exit status of ``newslint ARGV`` run in a fresh interpreter, and what it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], cwd=cwd, capture_output=True, text=True, check=True
    )
    answer = json.loads(done.stdout)
    return answer["code"], {name.split(".")[0] for name in answer["modules"]}


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["rules"]])
def test_informational_commands_import_no_parser_and_no_pydantic(
    argv: list[str], tmp_path: Path
) -> None:
    code, modules = _imported(tmp_path, *argv)
    assert code == 0
    allowed = {"yaml"} if argv == ["rules"] else set()  # the catalogue is YAML
    assert modules & set(HEAVY) <= allowed


def test_linting_one_post_imports_neither_pydantic_nor_a_process_pool(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text(
        'select = ["DEFAULT"]\nper-file-ignores = { "drafts/**" = ["HT"] }\n'
        'severity = { HT001 = "warning" }\n',
        encoding="utf-8",
    )
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: A post\n---\n<p>Text</b></p>\n", encoding="utf-8")
    code, modules = _imported(tmp_path, "--no-cache", "--format", "json", str(post))
    assert code == 0  # the stray end tag is only a warning here: the config was read
    assert "html5lib" in modules  # the probe did lint the body
    assert not modules & {"pydantic", "multiprocessing", "concurrent"}


def test_a_config_that_needs_pydantic_still_gets_its_message(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('select = "HT"\n', encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: A post\n---\n<p>Text</p>\n", encoding="utf-8")
    code, modules = _imported(tmp_path, "--no-cache", str(post))
    assert code == 2
    assert "pydantic" in modules


def test_house_rules_cost_no_import_unless_configured(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: A post\n---\nTo vote, click here.\n", encoding="utf-8")
    code, modules = _imported(tmp_path, "--no-cache", str(post))
    assert code == 0
    assert not {"lxml", "cssselect"} & modules
    rules = "rules:\n  - {code: X001, name: vague, message: vague, pattern: click here}\n"
    (tmp_path / "house.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / "newslint.toml").write_text('custom-rules = ["house.yaml"]\n', encoding="utf-8")
    code, modules = _imported(tmp_path, "--no-cache", str(post))
    assert code == 0  # a warning
    assert not {"lxml", "cssselect"} & modules  # a pattern rule needs no HTML tree


def test_without_house_rules_their_machinery_is_not_imported(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: A post\n---\nText.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--no-cache", str(post)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(json.loads(done.stdout)["modules"])
    assert not {"newslint.house", "newslint.rules.custom.model"} & modules
