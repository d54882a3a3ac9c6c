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


def changed_files(rev: str, paths: list[str]) -> frozenset[Path]:
    """Real paths of files changed since ``rev`` in the git repositories holding ``paths``.

    Each repository is asked once, in the directory of the first path that lies in it, so
    ``newslint ../site --changed-since main`` asks the site's repository, not the one newslint
    was started in. Standard input (``-``) belongs to no repository and is left out.
    """
    changed: set[Path] = set()
    asked: set[Path] = set()
    for path in paths:
        if path == "-":
            continue
        where = _directory_of(Path(path))
        top = Path(_git(["rev-parse", "--show-toplevel"], where).strip())
        if top not in asked:
            asked.add(top)
            changed |= _changed_in(rev, top)
    return frozenset(changed)


def _directory_of(path: Path) -> Path:
    """The nearest existing directory at or above ``path`` (git needs one to start in)."""
    for candidate in (path, *path.absolute().parents):
        if candidate.is_dir():
            return candidate
    return Path.cwd()


def _changed_in(rev: str, top: Path) -> set[Path]:
    """Files added, copied, modified or renamed since ``rev`` in the repository at ``top``.

    The comparison starts at the merge base of ``rev`` and ``HEAD`` (what a pull request
    changed, as ``git diff REV...`` shows) and ends at the working tree, so uncommitted edits
    count too; untracked files count unless git ignores them. Deleted files are left out.
    """
    try:
        base = _git(["merge-base", rev, "HEAD"], top).strip()
    except GitError as exc:
        raise GitError(
            f"{exc}; is {rev!r} a branch, tag or commit in {top}? In CI, fetch enough history "
            "(actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 on GitLab)"
        ) from None
    diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base], top)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], top)
    names = [n for n in (diff + untracked).split("\0") if n]
    return {Path(os.path.realpath(top / name)) for name in names}
