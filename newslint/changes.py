"""``--changed-since REV``: the files a branch changed, for linting only those on pull requests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from newslint.errors import UsageError


class GitError(UsageError):
    """git is missing, the directory is not a repository, or the revision is unknown."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except FileNotFoundError:
        raise GitError("--changed-since needs git, and git is not on PATH") from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        raise GitError(f"git {' '.join(args)} failed: {detail[-1] if detail else done.returncode}")
    return done.stdout


def changed_files(rev: str, cwd: Path | None = None) -> frozenset[Path]:
    """Real paths of files added, copied, modified or renamed since ``rev``, plus untracked ones.

    The comparison starts at the merge base of ``rev`` and ``HEAD`` (what a pull request
    changed, as ``git diff REV...`` shows) and ends at the working tree, so uncommitted edits
    count too. Deleted files are left out; untracked files that git ignores are left out.
    """
    where = cwd or Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], where).strip())
    try:
        base = _git(["merge-base", rev, "HEAD"], where).strip()
    except GitError as exc:
        raise GitError(
            f"{exc}; is {rev!r} a branch, tag or commit here? In CI, fetch enough history "
            "(actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 on GitLab)"
        ) from None
    diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base], where)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], top)
    names = [n for n in (diff + untracked).split("\0") if n]
    return frozenset(Path(os.path.realpath(top / name)) for name in names)
