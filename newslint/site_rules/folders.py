"""Root-relative file references grouped by the site's top-level folder they point into.

When a site's ``/assets`` (or any top-level folder) is not in the checkout at all, every post
that links an image in it would get its own "file not found"; ``SI012`` says it once per site
instead. Which folders a post points into is part of its front tier (``index.Entry.folders``),
so it is read without the HTML parse: one pass of a pattern over the body's tags, the same
attributes ``HT034`` checks, outside code, comments and Liquid; and the front-matter values
that are paths of files (``image: /assets/lead.jpg``), as ``FM019`` reads them.

``HT034`` and ``FM019`` leave a missing file to ``SI012`` only when its folder is missing and
listed here for the same file, so ``SI012`` is sure to report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from newslint.document import Document
from newslint.site_rules.place import content_place

if TYPE_CHECKING:
    from newslint.context import RuleContext
    from newslint.frontmatter import YNode

CODE = "SI012"
"""The site rule that reports a missing top-level folder once."""

SOURCES: dict[str, frozenset[str]] = {
    "src": frozenset(
        {"img", "script", "iframe", "embed", "source", "video", "audio", "track", "input"}
    ),
    "poster": frozenset({"video"}),
    "data": frozenset({"object"}),
    "href": frozenset({"a", "link", "area"}),
}
"""The attributes that name a file, and the elements on which they do."""
FILES = frozenset(
    {".pdf", ".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".csv", ".txt", ".json", ".xml"}
    | {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".bmp", ".ico"}
    | {".mp3", ".mp4", ".m4a", ".webm", ".ogg", ".ogv", ".wav", ".mov"}
    | {".xls", ".xlsx", ".doc", ".docx", ".ppt", ".pptx", ".hwp", ".epub", ".css", ".js"}
)
"""Extensions of files a link downloads (other links are pages made by permalinks)."""

_NAMES = "|".join(sorted({name for names in SOURCES.values() for name in names}))
_TAG = re.compile(rf"<({_NAMES})(?=[\s/>])([^>]*)", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""(?:(?<=[\s"'/])|^)(src|poster|data|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class FolderUse:
    """References of one file into one top-level folder: how many, and where the first is."""

    folder: str
    span: tuple[int, int]
    count: int


def top_folder(path: str, base: str = "") -> str | None:
    """The top-level folder a root-relative ``path`` (decoded) points into, after the site's
    ``base`` (``baseurl`` without slashes); ``None`` for another path or a file at the root."""
    if not path.startswith("/") or path.startswith("//"):
        return None
    inner = path.lstrip("/")
    if base and (inner == base or inner.startswith(base + "/")):
        inner = inner[len(base) :].lstrip("/")
    folder, slash, rest = inner.partition("/")
    if not slash or not rest or folder in ("", ".", ".."):
        return None
    return folder


def is_file_reference(attribute: str, path: str) -> bool:
    """Whether ``attribute`` with the decoded ``path`` names a file (an ``href`` only with a
    download or media extension)."""
    return attribute != "href" or PurePosixPath(path).suffix.lower() in FILES


def decoded(value: str) -> str:
    """An attribute or field value as a path: query and fragment dropped, %-escapes decoded."""
    return unquote(value.strip().split("#", 1)[0].split("?", 1)[0])


def folder_uses(doc: Document, base: str) -> tuple[FolderUse, ...]:
    """The top-level folders ``doc`` points into, in order of first use (memoised)."""
    return doc.memo(f"folder-uses\0{base}", lambda: _uses(doc, base))


def _uses(doc: Document, base: str) -> tuple[FolderUse, ...]:
    found: dict[str, list[tuple[int, int]]] = {}
    for folder, span in (*_front_matter(doc), *_body(doc, base)):
        found.setdefault(folder, []).append(span)
    return tuple(FolderUse(name, min(spans), len(set(spans))) for name, spans in found.items())


def _front_matter(doc: Document) -> list[tuple[str, tuple[int, int]]]:
    """Front-matter string values that are root-relative paths of files, with their folders."""
    from newslint.frontmatter import parse

    fm = parse(doc)
    if fm is None or fm.root is None:
        return []
    out: list[tuple[str, tuple[int, int]]] = []
    stack: list[YNode] = [fm.root]
    while stack:
        node = stack.pop()
        if node.kind == "seq":
            stack.extend(node.items)
        elif node.kind == "map":
            stack.extend(value for _, value in node.pairs)
        elif isinstance(node.value, str) and "{" not in node.value:
            path = decoded(node.value)
            folder = top_folder(path)
            if folder is not None and PurePosixPath(path).suffix.lower() in FILES:
                out.append((folder, (node.start, node.end)))
    return out


def _body(doc: Document, base: str) -> list[tuple[str, tuple[int, int]]]:
    """Tag attributes in the body that name files under a top-level folder."""
    body, at = doc.body, doc.body_start
    comments = [m.span() for m in _COMMENT.finditer(body)] if "<!--" in body else []
    candidates: list[tuple[str, int, int]] = []
    for tag in _TAG.finditer(body):
        name = tag.group(1).lower()
        if any(s <= tag.start() < e for s, e in comments):
            continue
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            kind = attribute.group(1).lower()
            if name not in SOURCES[kind]:
                continue
            group = next(g for g in (2, 3, 4) if attribute.group(g) is not None)
            value = attribute.group(group)
            path = decoded(value)
            folder = top_folder(path, base)
            if folder is None or "{" in value or not is_file_reference(kind, path):
                continue
            start = tag.start(2) + attribute.start(group)
            candidates.append((folder, start, start + len(value)))
    if not candidates:
        return []
    from newslint.markdown.mask import mask_document

    mask = mask_document(doc)
    return [(f, (s + at, e + at)) for f, s, e in candidates if not mask.covers(s, e)]


def deferred(ctx: RuleContext, root: Path, folder: str | None, base: str) -> bool:
    """Whether a missing file in ``folder`` is left to ``SI012``: it runs, the folder is not a
    directory under ``root`` (recorded, as the answer is an input to the findings), and the
    file has an index entry whose front tier lists it."""
    path = ctx.settings.path
    if folder is None or path is None or CODE not in ctx.enabled:
        return False
    if ctx.doc.folder_exists(root / folder):
        return False
    if not any(use.folder == folder for use in folder_uses(ctx.doc, base)):
        return False
    return content_place(path.absolute()) is not None
