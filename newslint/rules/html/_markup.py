"""Helpers shared by the HTML tree and policy rules (HT020 and up).

Everything here reads the one ``HtmlParse`` of the document: elements come from its tree, tags
and attributes from its recorded tokens. The only scanning of source text is of one attribute
the parser already located, to find where its value ends (for spans and for fixes).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from newslint.context import RuleContext
from newslint.diagnostics import Edit
from newslint.html.query import Attribute, HtmlParse, Tag
from newslint.messages import Text, t

_SPACE = " \t\n\r\f"


class Extent(NamedTuple):
    """Where one attribute sits in the source: the whole ``name="value"`` and its value alone."""

    start: int
    end: int
    value_start: int
    value_end: int


def extent(text: str, attribute: Attribute) -> Extent:
    """The source extent of ``attribute`` (offsets into ``text``, the document's text)."""
    size = len(text)
    at = attribute.end
    while at < size and text[at] in _SPACE:
        at += 1
    if at >= size or text[at] != "=":
        return Extent(attribute.start, attribute.end, attribute.end, attribute.end)
    at += 1
    while at < size and text[at] in _SPACE:
        at += 1
    if at < size and text[at] in "\"'":
        close = text.find(text[at], at + 1)
        close = size if close < 0 else close
        return Extent(attribute.start, min(close + 1, size), at + 1, close)
    end = at
    while end < size and text[end] not in _SPACE and text[end] != ">":
        end += 1
    return Extent(attribute.start, end, at, end)


def removal(text: str, attribute: Attribute) -> Edit:
    """An edit deleting ``attribute`` and the whitespace before it, nothing else."""
    where = extent(text, attribute)
    start = where.start
    while start > 0 and text[start - 1] in _SPACE:
        start -= 1
    return Edit(start, where.end)


def shown(written: str, limit: int = 60) -> str:
    """``written`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(written.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def listing(items: list[str]) -> str:
    """``items`` joined with ``, ``; a message (``Text``) when one of them is one, so that each
    is translated."""
    if not any(isinstance(item, Text) for item in items):
        return ", ".join(items)
    joined = items[0]
    for item in items[1:]:
        joined = t("{first}, {next}", first=joined, next=item)
    return joined


def find_attribute(parse: HtmlParse, tag: Tag, name: str) -> Attribute | None:
    """The first ``name`` attribute of ``tag`` as written (names are lower-cased)."""
    for attribute in parse.attributes(tag):
        if attribute.name == name:
            return attribute
    return None


def site_root(ctx: RuleContext) -> Path | None:
    """The Jekyll site root of the linted file, or ``None`` (standard input, no site)."""
    path = ctx.settings.path
    if path is None:
        return None
    from newslint.site import site_root_for

    return ctx.doc.memo("site-root", lambda: site_root_for(path))


def site_config(ctx: RuleContext) -> dict[str, object]:
    """The site's ``_config.yml`` values, or ``{}`` when the file is in no Jekyll site."""
    path = ctx.settings.path
    if path is None:
        return {}
    from newslint.site import find_site_root, load_site

    def config() -> dict[str, object]:
        root = find_site_root(path)
        return load_site(root).config if root is not None else {}

    return ctx.doc.memo("site-config", config)  # several rules of every post ask


def host_of(url: str) -> str | None:
    """The lower-cased host of an absolute or scheme-relative URL, else ``None``."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def host_allowed(host: str, allowed: list[str]) -> bool:
    """Whether ``host`` is one of ``allowed`` or a subdomain of one."""
    return any(host == entry or host.endswith("." + entry) for entry in allowed)


def string_list(ctx: RuleContext, code: str, key: str, default: tuple[str, ...]) -> list[str]:
    """Option ``key`` of rule ``code`` as a list of strings; a wrong type is a usage error."""
    value = ctx.options(code).get(key)
    if value is None:
        return list(default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        from newslint.config import ConfigError

        raise ConfigError(f"[tool.newslint.rules.{code}] {key} must be a list of strings")
    return [v.strip().lower() for v in value]
