"""One file as read once: decoded text, line index, front-matter and body spans, lazy parses."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from newslint.positions import LineIndex

T = TypeVar("T")

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|\Z)", re.MULTILINE)
BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class FrontMatterBlock:
    """Where the front matter sits: ``content`` is the YAML between the delimiter lines."""

    start: int
    content_start: int
    content_end: int
    end: int
    closed: bool


@dataclass(frozen=True, slots=True)
class DecodeFailure:
    """A file that is not valid UTF-8: where the first bad byte is."""

    line: int
    column: int
    offset: int
    byte: int
    binary: bool


def decode(data: bytes) -> str | DecodeFailure:
    """Decode strictly as UTF-8, keeping a BOM as U+FEFF and every line ending as it is."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        index = LineIndex(good)
        binary = b"\x00" in data[:8192]
        nul = good.find("\x00")
        # A binary file is reported at its first NUL byte when that comes first.
        pos = index.position(nul if binary and nul >= 0 else len(good))
        byte = 0 if binary and nul >= 0 else data[exc.start]
        return DecodeFailure(pos.line, pos.column, pos.offset, byte, binary)


def present(key: str) -> bool:
    """Whether what a recorded dependency names exists now: a directory when ``key`` ends in a
    separator (``Document.folder_exists``), else a file (``Document.file_exists``)."""
    return os.path.isdir(key) if key.endswith(os.sep) else os.path.isfile(key)  # noqa: PTH112, PTH113


def split_front_matter(text: str) -> FrontMatterBlock | None:
    """Find Jekyll-style front matter: ``---`` on the first line, closed by ``---`` or ``...``."""
    start = 1 if text.startswith(BOM) else 0
    opening = _OPEN.match(text, start)
    if opening is None:
        return None
    content_start = opening.end()
    # An empty block closes on the very next line.
    closing = _CLOSE.search(text, content_start)
    if closing is None:
        return FrontMatterBlock(start, content_start, len(text), len(text), closed=False)
    return FrontMatterBlock(start, content_start, closing.start(), closing.end(), closed=True)


@dataclass(eq=False)
class Document:
    """A decoded file with its spans; parsed artefacts are computed once and shared by rules."""

    path: str
    text: str
    front_matter: FrontMatterBlock | None
    index: LineIndex
    is_html_file: bool = False
    dependencies: dict[str, bool] = field(default_factory=dict, repr=False)
    """Other files whose existence rules checked (path → existed), so caches can revalidate."""
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_text(cls, path: str, text: str) -> Document:
        suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
        return cls(
            path=path,
            text=text,
            front_matter=split_front_matter(text),
            index=LineIndex(text),
            is_html_file=suffix in ("html", "htm"),
        )

    @property
    def body_start(self) -> int:
        """Offset where the body begins (after the closing delimiter line, if any)."""
        fm = self.front_matter
        if fm is None:
            return 1 if self.text.startswith(BOM) else 0
        return fm.end

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def file_exists(self, path: Path) -> bool:
        """Whether ``path`` is a file; recorded, since the answer is an input to the findings."""
        key = os.fspath(path)
        known = self.dependencies.get(key)
        if known is None:
            known = self.dependencies[key] = path.is_file()
        return known

    def folder_exists(self, path: Path) -> bool:
        """Whether ``path`` is a directory; recorded as ``file_exists`` is (see ``present``)."""
        key = os.fspath(path) + os.sep
        known = self.dependencies.get(key)
        if known is None:
            known = self.dependencies[key] = path.is_dir()
        return known

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a per-document artefact once (a parse, a schema check) and share it."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute()
            return value
