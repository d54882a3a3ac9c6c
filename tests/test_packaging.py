"""The wheel carries the rule catalogue and schemas, and works installed outside the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

POST = "---\ntitle: Wheel check\n---\n<p>Installed</b> from the wheel.</p>\n"


@pytest.mark.slow
def test_wheel_installs_and_lints_outside_the_source_tree(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("newslint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "newslint/_data/rules/HT001.yaml" in names
    assert "newslint/_data/schemas/jekyll-post.yaml" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    work = tmp_path / "site"
    (work / "_posts").mkdir(parents=True)
    (work / "_posts" / "2024-01-01-wheel.md").write_text(POST, encoding="utf-8")
    done = subprocess.run(
        [str(env_dir / "bin" / "newslint"), "_posts", "--format", "json"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [
        (d["code"], d["start"]["line"], d["start"]["column"]) for d in report["diagnostics"]
    ] == [("HT001", 4, 13)]
    # The installed package reads its data from the wheel, not from this repository.
    where = subprocess.run(
        [str(python), "-c", "from newslint.resources import data_dir; print(data_dir('rules'))"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout
    # An installed newslint is known by its RECORD, not by when its files were written, so a
    # CI job that installs it again keeps using the cache it restored.
    fingerprint = (
        "import os, pathlib, newslint.cachekeys as c\n"
        "before = c.code_fingerprint()\n"
        "for f in pathlib.Path(c.__file__).parent.rglob('*'): os.utime(f, (1, 1))\n"
        "print(before == c.code_fingerprint(), before.split('-')[0])\n"
    )
    same = subprocess.run(
        [str(python), "-c", fingerprint], cwd=work, capture_output=True, text=True, check=True
    )
    assert same.stdout.split() == ["True", "0.1.0"]
