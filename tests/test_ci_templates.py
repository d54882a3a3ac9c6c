"""The GitHub Action (action.yml) and the GitLab CI template run as their hosts would run them:
their shell steps, in order, in a fresh virtual environment, on a copy of the example site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment: what a CI runner's Python starts with."""
    where = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    return where


def _bash(
    script: str, cwd: Path, venv: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` as the host does: bash, stopping at the first failing command."""
    path = f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env={**os.environ, "PATH": path, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLES, site)
    return site


def test_the_action_installs_lints_annotates_and_writes_sarif(venv: Path, tmp_path: Path) -> None:
    action: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = {step.get("name"): step for step in action["runs"]["steps"]}
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    site = _site(tmp_path)
    output, summary = tmp_path / "github_output", tmp_path / "summary.md"
    host = {
        "GITHUB_ACTION_PATH": str(REPO),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "NEWSLINT_CACHE_DIR": str(tmp_path),
    }
    install = _bash(steps["Install newslint"]["run"], site, venv, host)
    assert install.returncode == 0, install.stderr
    lint_step = steps["Lint"]
    env = {
        key: str(value)
        .replace("${{ inputs.paths }}", inputs["paths"])
        .replace("${{ inputs.args }}", inputs["args"])
        .replace("${{ inputs.sarif }}", inputs["sarif"])
        for key, value in lint_step["env"].items()
    }
    lint = _bash(lint_step["run"], site, venv, {**host, **env})
    assert lint.returncode == 1, lint.stderr  # the examples have errors on purpose
    assert output.read_text(encoding="utf-8") == "exit-code=1\n"
    annotations = [line for line in lint.stdout.splitlines() if line.startswith("::")]
    assert any(
        line.startswith("::error file=_posts/2024-06-11-central-asia-energy.md,line=24,col=97")
        for line in annotations
    ), lint.stdout
    sarif = json.loads((site / "newslint.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"HT001", "FM001", "FM004", "FM010"}
    assert steps["Upload SARIF"]["uses"].startswith("github/codeql-action/upload-sarif@")


def test_the_gitlab_template_installs_and_reports_code_quality(venv: Path, tmp_path: Path) -> None:
    template: dict[str, Any] = yaml.safe_load(
        (REPO / "ci" / "newslint.gitlab-ci.yml").read_text(encoding="utf-8")
    )
    job = template["newslint"]
    site = _site(tmp_path)
    variables = {**template["variables"], "NEWSLINT_SOURCE": str(REPO)}
    variables["NEWSLINT_CACHE_DIR"] = str(tmp_path)
    # GitLab runs the script's lines as one shell script that stops at the first failure.
    run = _bash("\n".join(job["script"]), site, venv, variables)
    assert run.returncode == 1, run.stdout + run.stderr
    report = json.loads(
        (site / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8")
    )
    assert {entry["check_name"] for entry in report} >= {"HT001", "FM001", "FM004", "FM010"}
    kept = (site / job["artifacts"]["paths"][0]).read_text(encoding="utf-8")
    assert "_posts/2024-06-11-central-asia-energy.md:24:97: HT001" in kept


def test_the_gitlab_template_says_what_to_set_when_no_source_is_given(
    venv: Path, tmp_path: Path
) -> None:
    template: dict[str, Any] = yaml.safe_load(
        (REPO / "ci" / "newslint.gitlab-ci.yml").read_text(encoding="utf-8")
    )
    run = _bash("\n".join(template["newslint"]["script"]), _site(tmp_path), venv, {})
    assert run.returncode == 2
    assert "set NEWSLINT_SOURCE" in run.stdout
