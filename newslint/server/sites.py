"""The sites of the workspace in memory: every content file's index entry, kept up to date
from the editor's buffers and the file watcher, so site rules judge an unsaved post."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

from newslint.config import real_directory
from newslint.diagnostics import Diagnostic
from newslint.discovery import Target, discover
from newslint.reading import Reader
from newslint.selection import Selection
from newslint.server.completion import Vocabulary
from newslint.site_rules.check import check_site, placed
from newslint.site_rules.index import DECODE_ERRORS, Entry, decode
from newslint.site_rules.index_cache import IndexCache


class WorkspaceSites:
    """Index entries by site root and file; the open buffers' entries replace the files'."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache = IndexCache(cache_dir)
        self.sites: dict[str, dict[str, Entry]] = {}
        """Site root (real path) → displayed path → entry."""
        self.indexed: set[str] = set()
        """Folders indexed whole (a workspace folder, or the root of a site met later)."""
        self._vocabularies: dict[str, Vocabulary] = {}
        """Each site's vocabulary, worked out when asked for after its front tiers changed."""

    def index_folder(self, folder: Path, selection: Selection) -> int:
        """Index every content file under ``folder`` from disk (entries from the cache when
        their files are unchanged); how many entries were found."""
        key = os.path.realpath(folder)
        if key in self.indexed:
            return 0
        self.indexed.add(key)
        reader = Reader(selection)
        count = 0
        for item in discover([key]):  # real paths: one display per file
            if isinstance(item, Target) and item.file is not None:
                count += self._index_target(Target(shown_path(item.file), item.file), reader)
        self.cache.save()
        return count

    def index_file(self, path: Path, selection: Selection) -> None:
        """Index one file from disk again (created or changed outside the editor)."""
        display = shown_path(path)
        self.forget(display)
        self._index_target(Target(display, path), Reader(selection))
        self.cache.save()

    def _index_target(self, target: Target, reader: Reader) -> int:
        read = reader.read_target(target)
        if not isinstance(read, tuple):
            return 0
        path, data, _ = read
        _, text = self.cache.entry(target.display, path, data)
        if text is None:
            return 0
        try:
            entry = decode(text, target.display)
        except DECODE_ERRORS:
            return 0
        self.put(target.display, entry)
        return 1

    def put(self, display: str, entry: Entry | None) -> bool:
        """Keep ``entry`` for the file ``display`` (``None``: it is no content of a site);
        whether the site's view of the file changed (its front tier)."""
        before = self.sites.get(entry.site, {}).get(display) if entry is not None else None
        if before is None:
            before = self.forget(display)
        if entry is not None:
            self.sites.setdefault(entry.site, {})[display] = entry
        changed = _front(before) != _front(entry)
        if changed and entry is not None:
            self._vocabularies.pop(entry.site, None)
        return changed

    def forget(self, display: str) -> Entry | None:
        """Drop the entry of a file (deleted, or to be replaced); the entry it had."""
        for root, members in self.sites.items():
            entry = members.pop(display, None)
            if entry is not None:
                self._vocabularies.pop(root, None)
                return entry
        return None

    def site_of(self, display: str) -> str | None:
        """The site root of a file with an entry."""
        for root, members in self.sites.items():
            if display in members:
                return root
        return None

    def findings(
        self, selection: Selection, display: str, text: str, entry: Entry
    ) -> list[Diagnostic]:
        """The site rules' findings in the buffer ``text`` of ``display`` (whose entry is
        ``entry``), the rest of its site as last indexed."""
        members = self.sites.get(entry.site, {})
        others = [e for path, e in members.items() if path != display]
        checked = check_site(
            selection, Path(entry.site), [entry, *others], {display}, {e.path for e in others}
        )
        return placed(display, [p for path, p in checked.found if path == display], text)

    def vocabulary(self, root: str) -> Vocabulary:
        """What the site at ``root`` offers to completion: terms by use, post_url targets (an
        immutable value the event loop may read while the worker goes on)."""
        known = self._vocabularies.get(root)
        if known is None:
            known = self._vocabularies[root] = self._vocabulary(root)
        return known

    def _vocabulary(self, root: str) -> Vocabulary:
        members = self.sites.get(root, {})
        categories: Counter[str] = Counter()
        tags: Counter[str] = Counter()
        posts: list[str] = []
        for entry in members.values():
            categories.update(term.value for term in entry.categories)
            tags.update(term.value for term in entry.tags)
            if entry.collection == "posts" and entry.named_as_post and not entry.draft:
                posts.append(_post_url_name(entry.rel))
        return Vocabulary(categories=dict(categories), tags=dict(tags), posts=tuple(sorted(posts)))


def shown_path(path: Path | str) -> str:
    """How the server shows (and keys) a file: its real path, relative to the working
    directory (the first workspace folder) when inside it, as the command line run from there
    shows it; the real path otherwise."""
    real = os.path.realpath(path)
    base = os.fspath(real_directory(Path.cwd()))
    return real[len(base) + 1 :] if real.startswith(base + os.sep) else real


def _post_url_name(rel: str) -> str:
    """What ``{% post_url %}`` takes for a post at ``rel``: its path under ``_posts`` without
    the extension."""
    parts = rel.split("/")
    if "_posts" in parts:
        parts = parts[parts.index("_posts") + 1 :]
    name = "/".join(parts)
    return name.rsplit(".", 1)[0]


def _front(entry: Entry | None) -> Entry | None:
    """The part of an entry other files' site findings depend on (all but the body tier)."""
    if entry is None or entry.body is None:
        return entry
    return replace(entry, body=None)
