"""Discovery walks with strings what ``os.walk`` and ``pathlib`` would find, in the same order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint.config import ConfigError, real_path
from newslint.discovery import (
    CONTENT_SUFFIXES,
    POST_DIRS,
    SKIPPED_DIRS,
    Found,
    Missing,
    Target,
    discover,
)


def _reference_walk(root: Path) -> Iterator[Path]:
    """Discovery written with ``os.walk`` and a ``Path`` per file, in two passes: the oracle."""
    from newslint.site import find_site_root, load_site

    def walked() -> Iterator[tuple[Path, Path | None, list[str]]]:
        for current, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
            yield Path(current), find_site_root(real_path(Path(current))), files

    any_site = any(site is not None for _, site, _ in walked())
    content: dict[Path, frozenset[str]] = {}
    for base, site, files in walked():
        real = real_path(base)
        if site is None and any_site:
            continue  # a walk that finds a site: files outside every site are not content
        if site is not None:
            if site not in content:
                try:
                    collections = load_site(site).collections
                except ConfigError:
                    collections = frozenset()
                content[site] = POST_DIRS | {f"_{name}" for name in collections}
            if not content[site].intersection(real.relative_to(site).parts):
                continue
        for name in sorted(files):
            path = base / name
            if path.suffix.lower() in CONTENT_SUFFIXES:
                yield path


def _reference(paths: list[str]) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _reference_walk(path):
                if str(found) not in seen:
                    seen.add(str(found))
                    out.append((str(found), str(found)))
        elif path.exists() or path.is_symlink():
            if raw not in seen:
                seen.add(raw)
                out.append((raw, str(path)))
        else:
            out.append((raw, None))
    return out


def _found(paths: list[str]) -> list[tuple[str, str | None]]:
    return [
        (item.display, item.file) if isinstance(item, Target) else (item.display, None)
        for item in discover(paths)
    ]


def _write(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("---\ntitle: x\n---\n", encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    _write(
        tmp_path,
        [
            "loose/a.md",
            "loose/B.HTML",
            "loose/.md",
            "loose/notes.txt",
            "loose/x.",
            "loose/.hidden/c.md",
            "loose/node_modules/d.md",
            "loose/sub dir/é.markdown",
            "site/_config.yml",
            "site/README.md",
            "site/_posts/2024-01-01-a.md",
            "site/_posts/2024/2024-02-01-b.htm",
            "site/_drafts/draft.md",
            "site/_layouts/default.html",
            "site/_recipes/soup.md",
            "site/_site/built.html",
            "site/docs/_posts/2024-03-01-c.md",
            "site/docs/guide.md",
            "other/_config.yml",
            "other/_posts/2024-01-01-z.md",
            "other/_notes/n.md",
        ],
    )
    (tmp_path / "site" / "_config.yml").write_text(
        "collections:\n  recipes:\n    output: true\n", encoding="utf-8"
    )
    (tmp_path / "loose" / "linked").symlink_to(tmp_path / "site" / "_posts")
    (tmp_path / "loose" / "alias.md").symlink_to(tmp_path / "loose" / "a.md")
    (tmp_path / "loose" / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    return tmp_path


@pytest.mark.parametrize(
    "paths",
    [
        ["."],
        ["loose"],
        ["site", "other"],
        ["./site/", "site/_posts/2024-01-01-a.md", "site"],
        ["loose/a.md", "loose/notes.txt", "missing.md", "loose//a.md"],
        ["loose/linked"],
    ],
)
def test_discovery_finds_what_os_walk_and_pathlib_would(
    tree: Path, paths: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    assert _found(paths) == _reference(paths)


def test_an_absolute_root_and_a_site_without_collections(tree: Path) -> None:
    paths = [str(tree)]
    found = _found(paths)
    assert found == _reference(paths)
    names = [Path(display).name for display, _ in found]
    assert "soup.md" in names and "n.md" not in names and "guide.md" not in names


def test_found_gives_back_the_same_items_and_counts(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    paths = ["loose/a.md", ".", "-", "missing.md", "./loose/B.HTML"]
    items = list(discover(paths))
    found = Found(items)
    assert list(found) == items
    assert list(found) == items  # again: the run iterates twice
    assert found.total == len(items)
    assert found.files == sum(isinstance(i, Target) and i.file is not None for i in items)
    assert any(isinstance(i, Missing) for i in found)
    parents = {str(Path(i.file).parent) for i in items if isinstance(i, Target) and i.file}
    assert found.directories() == parents
