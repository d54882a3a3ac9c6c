"""Which files a run lints: explicit paths always, directories by Jekyll's conventions.

Paths are handled as strings in ``Path``'s normal form (what ``str(Path(...))`` gives): a walk
of a large site makes one ``Path`` per directory, not one per file.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newslint.config import ConfigError, real_path

CONTENT_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm"})
SKIPPED_DIRS = frozenset({"_site", "node_modules", "vendor", ".newslint_cache", "__pycache__"})
POST_DIRS = frozenset({"_posts", "_drafts"})


@dataclass(slots=True, init=False)
class Target:
    """One file to lint: its path as the user will see it, and where to read it."""

    display: str
    file: str | None
    """Where to read it, as ``str(Path(...))`` gives it; ``None`` for standard input."""

    def __init__(self, display: str, path: str | os.PathLike[str] | None) -> None:
        self.display = display
        self.file = None if path is None else os.fspath(path)

    @property
    def path(self) -> Path | None:
        return None if self.file is None else Path(self.file)


@dataclass(frozen=True)
class Missing:
    """A path named on the command line that does not exist."""

    display: str


def parent_of(file: str) -> str:
    """``str(Path(file).parent)`` for a path in ``Path``'s normal form."""
    return os.path.dirname(file) or "."  # noqa: PTH120 - strings: no Path per file


def _content_dirs(site_root: Path) -> frozenset[str]:
    """Directories that hold content in the site: posts, drafts and declared collections."""
    from newslint.site import load_site

    try:
        collections = load_site(site_root).collections
    except ConfigError:
        collections = frozenset()  # reported when the files are linted
    return POST_DIRS | {f"_{name}" for name in collections}


def _in_content(parts: tuple[str, ...], site: Path, known: dict[Path, frozenset[str]]) -> bool:
    """Whether the directory ``parts`` below ``site`` is in one of its content directories.

    The site's configuration is read (once, into ``known``) only if a collection could decide.
    """
    if POST_DIRS.intersection(parts):
        return True
    if not any(part.startswith("_") for part in parts):
        return False  # a collection's directory is _NAME
    if site not in known:
        known[site] = _content_dirs(site)
    return bool(known[site].intersection(parts))


def _has_content_suffix(name: str) -> bool:
    """Whether a file name has a content suffix (``Path(name).suffix``, any case)."""
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in CONTENT_SUFFIXES


def _listing(directory: str) -> tuple[list[str], list[str]] | None:
    """Subdirectory and other names in ``directory`` as ``os.walk`` splits them; ``None`` if
    it cannot be listed."""
    dirs: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                (dirs if is_dir else files).append(entry.name)
    except OSError:
        return None
    return dirs, files


def _walk(root: str, sites: list[Path] | None = None) -> Iterator[str]:
    """Content files under the directory ``root``: each directory's files in name order, then
    its subdirectories in name order, without following directory symlinks.

    Files outside any Jekyll site are held until the walk is over, and dropped if it found a
    site: in a repository whose site is ``docs/``, ``README.md`` is not content. The roots of
    the sites found are added to ``sites``.
    """
    from newslint.site import find_site_root

    content: dict[Path, frozenset[str]] = {}
    held: list[str] | None = []
    """Files outside any site, until a site is found (then ``None``)."""
    pending = [root]
    while pending:
        current = pending.pop()
        listing = _listing(current)
        if listing is None:
            continue
        dirs, files = listing
        base = Path(current)
        prefix = str(base / "x")[:-1]  # what joins a name to this directory, as Path does
        kept = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        # As os.walk does, a symlink to a directory is not followed.
        pending.extend(prefix + d for d in reversed(kept) if not (base / d).is_symlink())
        real = real_path(base)
        site = find_site_root(real)
        if site is None:
            if held is not None:
                held.extend(prefix + name for name in sorted(files) if _has_content_suffix(name))
            continue
        held = None
        if sites is not None and site not in sites:
            sites.append(site)
        # Inside a Jekyll site only posts, drafts and collections are content: not README.md,
        # layouts or includes.
        if not _in_content(real.relative_to(site).parts, site, content):
            continue
        for name in sorted(files):
            if _has_content_suffix(name):
                yield prefix + name
    yield from held or ()


def discover(paths: list[str]) -> Iterator[Target | Missing]:
    """Expand command-line paths into files, in a stable order, without following dir symlinks."""
    # Only overlapping arguments can name a file twice: one argument needs no memory of them.
    seen: set[str] | None = set() if len(paths) > 1 else None
    for raw in paths:
        if raw == "-":
            yield Target("-", None)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(str(path)):
                if seen is None or found not in seen:
                    if seen is not None:
                        seen.add(found)
                    yield Target(found, found)
        elif path.exists() or path.is_symlink():
            if seen is None or raw not in seen:
                if seen is not None:
                    seen.add(raw)
                yield Target(raw, path)
        else:
            yield Missing(raw)


class Found:
    """What discovery found, held compactly for the run (about 13 bytes a file, which worker
    processes inherit too): the files of one directory (shown as the paths they are read from)
    share their directory's text, and their names are joined and compressed. Iterating gives
    the same items, in the same order."""

    def __init__(self, items: Iterable[Target | Missing]) -> None:
        self._parts: list[tuple[str, bytes] | Target | Missing] = []
        self.total = 0
        """Items (files, missing paths and standard input)."""
        self.files = 0
        """Files to read (not standard input, not missing paths)."""
        prefix: str | None = None
        names: list[str] = []
        for item in items:
            self.total += 1
            file = item.file if isinstance(item, Target) else None
            if file is not None:
                self.files += 1
            if file is not None and file == item.display:
                head, sep, name = file.rpartition(os.sep)
                if head + sep == prefix:
                    names.append(name)
                    continue
                self._close(prefix, names)
                prefix, names = head + sep, [name]
                continue
            self._close(prefix, names)
            prefix, names = None, []
            self._parts.append(item)
        self._close(prefix, names)

    def _close(self, prefix: str | None, names: list[str]) -> None:
        if prefix is not None:
            joined = "\0".join(names).encode("utf-8", "surrogateescape")  # names hold no NUL
            self._parts.append((prefix, zlib.compress(joined, 1)))

    def __iter__(self) -> Iterator[Target | Missing]:
        for part in self._parts:
            if isinstance(part, tuple):
                prefix, packed = part
                names = zlib.decompress(packed).decode("utf-8", "surrogateescape")
                for name in names.split("\0"):
                    file = prefix + name
                    yield Target(file, file)
            else:
                yield part

    def directories(self) -> set[str]:
        """The directories of the files found, as ``parent_of`` gives them."""
        out: set[str] = set()
        for part in self._parts:
            if isinstance(part, tuple):
                out.add(parent_of(part[0] + "x"))
            elif isinstance(part, Target) and part.file is not None:
                out.add(parent_of(part.file))
        return out


def shown_root(raw: str, root: Path) -> str:
    """How to show the site root ``root`` of the path ``raw`` given: as ``raw`` leads to it
    (``../site`` for ``../site/_posts/a.md``), else relative to the working directory."""
    path = Path(raw)
    try:
        depth = len(real_path(path).relative_to(root).parts)
    except ValueError:
        depth = -1
    for _ in range(depth):
        path = path.parent
    if depth >= 0 and real_path(path) == root:
        return str(path)
    try:
        return os.path.relpath(root)
    except ValueError:  # on another drive
        return str(root)


def _real_file(file: str, directories: dict[str, str]) -> str:
    """A file's path with its directory's symbolic links resolved (not its own), each directory
    resolved once (``directories``)."""
    head, name = os.path.split(file)
    real = directories.get(head)
    if real is None:
        real = directories[head] = os.path.realpath(head or os.curdir)
    return os.path.join(real, name)  # noqa: PTH118 - strings: no Path per file


def site_context(paths: list[str], found: Found) -> Iterator[Target]:
    """The other content files of each Jekyll site that ``paths`` lie inside without holding it
    whole (a post, or ``_posts/``, named alone), shown as the paths given lead to them: the site
    rules judge the files named against the whole site. Nothing when every site is given whole.
    """
    from newslint.site import find_site_root

    given = [(raw, real_path(Path(raw))) for raw in paths if raw != "-" and os.path.lexists(raw)]
    directories = [real for _, real in given if real.is_dir()]
    roots: dict[Path, str] = {}
    content: dict[Path, frozenset[str]] = {}
    for raw, real in given:
        root = find_site_root(real)
        if root is None or root in roots or any(root.is_relative_to(d) for d in directories):
            continue
        if real not in directories and not _in_content(
            real.parent.relative_to(root).parts, root, content
        ):
            continue  # not a post (the site's README.md): no site rule judges it
        roots[root] = shown_root(raw, root)
    if not roots:
        return
    resolved: dict[str, str] = {}
    seen = {_real_file(t.file, resolved) for t in found if isinstance(t, Target) and t.file}
    for shown in roots.values():
        for file in _walk(shown):
            key = _real_file(file, resolved)
            if key not in seen:
                seen.add(key)
                yield Target(file, file)


def nothing_found(paths: list[str]) -> str:
    """What a run that found no file looked for under each of ``paths`` (directories)."""
    return "; ".join(f"no posts found under {raw}: {_looked_for(raw)}" for raw in paths)


def _looked_for(raw: str) -> str:
    from newslint.site import find_site_root

    real = real_path(Path(raw))
    root = find_site_root(real)
    suffixes = ".md, .markdown, .html and .htm files"
    if root is not None:
        declared = sorted(f"{name}/" for name in _content_dirs(root) - POST_DIRS)
        where = f"the Jekyll site at {shown_root(raw, root)}"
        if declared:
            where = f"_posts/, _drafts/ and the collections {', '.join(declared)} of {where}"
        else:
            where = f"_posts/ and _drafts/ of {where} (it declares no collections)"
        return f"looked in {where} for {suffixes}; add posts there, or name the files to lint"
    sites: list[Path] = []
    for _ in _walk(raw, sites):
        pass
    if sites:
        shown = ", ".join(str(Path(raw, site.relative_to(real))) for site in sites)
        return (
            f"looked in _posts/, _drafts/ and the collections of the Jekyll sites below it "
            f"({shown}) for {suffixes}; files outside a site are not posts"
        )
    return (
        f"looked for {suffixes}, and no Jekyll site (a directory with _config.yml) is at, "
        "above or below it; run newslint in the site, or name the files to lint"
    )
