"""The real ``pre-commit`` against this repository's hooks, and docs/ci.md's pre-commit snippet.

pre-commit installs the hook repository with pip into its own environment (under a temporary
``PRE_COMMIT_HOME``), so this needs the package index and takes a while: it is marked slow.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

BAD = "---\ntitle: t\n---\n<p>Results are in</b> for the morning edition.</p>\n"
CLEAN = "---\ntitle: t\n---\n<p>Results are in for the morning edition.</p>\n"
UNUSED = "---\ntitle: t\n---\n<!-- newslint-disable-next-line HT001 -->\n<p>Fine.</p>\n"


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = _run(["git", *args], cwd, env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """A committed copy of the working tree (tracked and untracked, not ignored files).

    ``try-repo`` on a dirty checkout only carries tracked changes, and the main tree must not be
    committed from tests, so the hooks are tried from this copy.
    """
    base = tmp_path_factory.mktemp("precommit")
    env = _env(base / "home")
    copy = base / "newslint"
    listed = _git(REPO, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    _git(copy, env, "init", "-q")
    _git(copy, env, "add", "-A")
    _git(copy, env, "commit", "-q", "-m", "hooks under test")
    return copy, _git(copy, env, "rev-parse", "HEAD").strip(), env


def _site(root: Path, env: dict[str, str], posts: dict[str, str]) -> Path:
    root.mkdir()
    _git(root, env, "init", "-q")
    for name, text in posts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "README.md").write_text("not a post</b>\n", encoding="utf-8")
    _git(root, env, "add", "-A")
    return root


def _try(hook_repo: tuple[Path, str, dict[str, str]], site: Path, hook: str) -> tuple[int, str]:
    copy, _, env = hook_repo
    pre_commit = [sys.executable, "-m", "pre_commit"]
    done = _run([*pre_commit, "try-repo", str(copy), hook, "--all-files"], site, env)
    return done.returncode, done.stdout + done.stderr


def test_try_repo_fails_on_a_defective_post_at_its_position(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    site = _site(tmp_path / "site", hook_repo[2], {"_posts/2024-01-01-bad.md": BAD})
    code, output = _try(hook_repo, site, "newslint")
    assert code == 1, output
    assert "_posts/2024-01-01-bad.md:4:18: HT001 closing tag </b> has nothing to close" in output
    assert "README.md" not in output  # not a post: the hook's files pattern leaves it out


def test_try_repo_passes_a_clean_post(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    site = _site(tmp_path / "site", hook_repo[2], {"_drafts/clean.html": CLEAN})
    code, output = _try(hook_repo, site, "newslint")
    assert code == 0, output
    assert re.search(r"^newslint\.+Passed$", output, re.MULTILINE), output


def test_fix_hook_removes_an_unused_suppression(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    site = _site(tmp_path / "site", hook_repo[2], {"_posts/2024-01-01-a.md": UNUSED})
    code, output = _try(hook_repo, site, "newslint-fix")
    assert code == 1, output
    assert "files were modified by this hook" in output
    fixed = (site / "_posts" / "2024-01-01-a.md").read_text(encoding="utf-8")
    assert fixed == "---\ntitle: t\n---\n<p>Fine.</p>\n"


def test_the_documented_pre_commit_config(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    copy, rev, env = hook_repo
    docs = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    snippet = re.search(r"<!-- tested: pre-commit-config -->\n```yaml\n(.*?)```", docs, re.S)
    assert snippet is not None, "docs/ci.md lost its tested .pre-commit-config.yaml snippet"
    config = re.sub(r"repo: \S+", f"repo: {copy}", snippet.group(1))
    config = re.sub(r"rev: \S+", f"rev: {rev}", config)
    site = _site(tmp_path / "site", env, {"_posts/2024-01-01-bad.md": BAD})
    (site / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    done = _run([sys.executable, "-m", "pre_commit", "run", "--all-files"], site, env)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "_posts/2024-01-01-bad.md:4:18: HT001 closing tag </b> has nothing to close" in output


OLD_POST = "---\ntitle: Old story\npermalink: /story/\n---\n<p>The first story.</p>\n"


def _commit(site: Path, env: dict[str, str], name: str, text: str) -> tuple[int, str]:
    """``git commit`` one new post through the installed hooks (pre-commit names only it)."""
    (site / name).write_text(text, encoding="utf-8")
    _git(site, env, "add", name)
    done = _run(["git", "commit", "-m", f"add {name}"], site, env)
    return done.returncode, done.stdout + done.stderr


def test_a_commit_is_judged_against_the_whole_site(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    copy, rev, env = hook_repo
    config = f"repos:\n  - repo: {copy}\n    rev: {rev}\n    hooks:\n      - id: newslint\n"
    files = {"_config.yml": "title: t\n", "_posts/2024-01-01-old.md": OLD_POST}
    site = _site(tmp_path / "site", env, {**files, ".pre-commit-config.yaml": config})
    _git(site, env, "commit", "-q", "-m", "the site")
    done = _run([sys.executable, "-m", "pre_commit", "install"], site, env)
    assert done.returncode == 0, done.stdout + done.stderr
    # A post that links the committed one: its post_url finds it.
    link = "---\ntitle: New story\n---\n<p>After {% post_url 2024-01-01-old %}.</p>\n"
    code, output = _commit(site, env, "_posts/2024-01-02-new.md", link)
    assert code == 0, output
    assert re.search(r"^newslint\.+Passed$", output, re.MULTILINE), output
    # A post that takes the committed one's URL: reported on the post committed.
    taken = "---\ntitle: Another story\npermalink: /story/\n---\n<p>Later.</p>\n"
    code, output = _commit(site, env, "_posts/2024-01-03-taken.md", taken)
    assert code == 1, output
    assert (
        "_posts/2024-01-03-taken.md:3:12: SI001 URL /story/ is also built from "
        "_posts/2024-01-01-old.md, which Jekyll writes earlier; this post replaces it, and that "
        "one is no longer published; change this permalink"
    ) in output
    assert "2024-01-01-old.md:" not in output  # the post committed before is not reported


HOUSE_RULES = """\
rules:
  - code: X001
    name: no-click-here
    message: '"{match}" says nothing about where the link goes'
    pattern: '\\bclick here\\b'
    ignore-case: true
    bad:
      - text: "---\\ntitle: t\\n---\\nFor the results, click here.\\n"
        expect: ['4:18-4:28 "click here" says nothing about where the link goes']
"""


def test_the_test_rules_hook_refuses_a_rules_file_whose_examples_fail(
    hook_repo: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    copy, rev, env = hook_repo
    hooks = "      - id: newslint-test-rules\n"
    config = f"repos:\n  - repo: {copy}\n    rev: {rev}\n    hooks:\n{hooks}"
    files = {".pre-commit-config.yaml": config, "README.md": "A newsroom.\n"}
    site = _site(tmp_path / "site", env, files)
    _git(site, env, "commit", "-q", "-m", "the site")
    done = _run([sys.executable, "-m", "pre_commit", "install"], site, env)
    assert done.returncode == 0, done.stdout + done.stderr
    (site / "newslint.toml").write_text('custom-rules = ["newslint-rules.yaml"]\n')
    _git(site, env, "add", "newslint.toml")
    code, output = _commit(site, env, "newslint-rules.yaml", HOUSE_RULES.replace("4:18", "4:19"))
    assert code == 1, output
    assert "X001  no-click-here                1 example  FAILED" in output
    assert "newslint-rules.yaml:2: X001 bad example 1: diagnostics differ" in output
    code, output = _commit(site, env, "newslint-rules.yaml", HOUSE_RULES)
    assert code == 0, output
    assert re.search(r"^newslint \(house rules' examples\)\.+Passed$", output, re.MULTILINE)
