"""HT034 local-file-not-found: local ``src`` and file ``href`` targets exist under the site root.

A broken image or download is invisible in the source and obvious to every reader. Checked:
``src`` (images, media, scripts, frames), ``poster``, ``<object data>``, and ``href`` of links
to files with a download or media extension (page links are made by permalinks, not files, so
for them only a path leaving the site root is reported).
A path starting with ``/`` is relative to the site root (after ``baseurl``); others are tried
under the root and beside the post. URLs with a scheme, ``//`` hosts, fragments and
Liquid-made values are skipped. Decided on the text alone: a path that would leave the site root
(``../../etc/passwd``) is reported and never looked up.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.html.query import Attribute, HtmlParse, Tag
from newslint.messages import N_, t
from newslint.rules.html._markup import extent, site_config, site_root
from newslint.site_rules.folders import SOURCES, decoded, deferred, is_file_reference, top_folder

_MISSING = N_("does not exist under the site root")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on each local reference to a file missing under the site root."""
    root = site_root(ctx)
    post = ctx.settings.path
    if root is None or post is None:
        return
    baseurl = site_config(ctx).get("baseurl")
    base = baseurl.strip("/") if isinstance(baseurl, str) else ""
    parse = parse_html(ctx.doc)
    for tag in parse.start_tags_with(SOURCES):
        if not any(tag.name in SOURCES.get(name, ()) for name in tag.attrs):
            continue
        for attribute in parse.attributes(tag):
            path = _local_path(parse, ctx.doc.text, tag, attribute)
            if path is None:
                continue
            is_file = is_file_reference(attribute.name, path)
            problem = _problem(ctx, path, (root, post.parent, base), is_file)
            if problem == _MISSING and deferred(ctx, root, top_folder(path, base), base):
                continue  # its whole top-level folder is missing: SI012 says so once
            if problem is not None:
                where = extent(ctx.doc.text, attribute)
                message = t(
                    "<{name} {attribute}>: file {path} {problem}",
                    name=tag.name,
                    attribute=attribute.name,
                    path=path,
                    problem=t(problem),
                )
                yield Finding(where.start, where.end, message)


def _local_path(parse: HtmlParse, text: str, tag: Tag, attribute: Attribute) -> str | None:
    """The local file path ``attribute`` names, or ``None`` when it names no checkable file."""
    elements = SOURCES.get(attribute.name)
    if elements is None or tag.name not in elements:
        return None
    value = attribute.value.strip()
    if not value or value.startswith(("#", "//", "?")) or "{" in value:
        return None
    head, colon, _ = value.partition(":")
    if colon and "/" not in head:
        return None  # a scheme: http:, mailto:, data:, …
    where = extent(text, attribute)
    if parse.masked(where.value_start, where.value_end):
        return None
    path = decoded(value)
    return path or None


def _problem(
    ctx: RuleContext, path: str, where: tuple[Path, Path, str], is_file: bool
) -> str | None:
    """What is wrong with ``path``: outside the root, or (``is_file``) missing; else ``None``.

    ``where`` is the site root, the post's directory and the ``baseurl`` without slashes.
    """
    root, here, base = where
    if path.startswith("/"):
        inner = path.lstrip("/")
        if base and (inner == base or inner.startswith(base + "/")):
            inner = inner[len(base) :].lstrip("/")
        candidates = [root / inner]
    else:
        candidates = [root / path, Path(os.path.realpath(here)) / path]
    inside = [c for c in (Path(os.path.normpath(c)) for c in candidates) if c.is_relative_to(root)]
    if not inside:
        return N_("would be outside the site root")
    if not is_file or path.endswith("/") or any(ctx.doc.file_exists(c) for c in inside):
        return None
    return _MISSING
