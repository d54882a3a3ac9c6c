"""HT032 target-blank-noopener: links opening a new tab say ``rel="noopener"``.

A page opened with ``target="_blank"`` could reach back through ``window.opener`` and send the
reader's original tab elsewhere (tab-nabbing). Current browsers imply ``noopener``; older ones
and some in-app browsers do not. ``noreferrer`` also implies it. The unsafe fix appends
``noopener`` to an existing ``rel``, or adds ``rel="noopener"`` after ``target``: unsafe because
a page that relied on ``window.opener`` stops working.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.html.parse import parse_html
from newslint.html.query import Attribute
from newslint.messages import t
from newslint.rules.html._markup import extent, find_attribute

_LINKS = frozenset({"a", "area", "form"})


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding on each ``target="_blank"`` without ``noopener``/``noreferrer``."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    for tag in parse.start_tags_named(*_LINKS):
        if tag.attrs.get("target", "").strip().lower() != "_blank":
            continue
        rel = tag.attrs.get("rel", "").lower().split()
        if "noopener" in rel or "noreferrer" in rel:
            continue
        target = find_attribute(parse, tag, "target")
        if target is None:
            continue
        where = extent(text, target)
        if parse.masked(where.start, where.end):
            continue
        written = text[where.start : where.end]
        edit = _edit(text, parse.attributes(tag), where.end)
        fix = Fix(t('add rel="noopener"'), (edit,), Applicability.UNSAFE)
        yield Finding(
            where.start,
            where.end,
            t('{attribute} without rel="noopener"', attribute=written),
            fix=fix,
        )


def _edit(text: str, attributes: tuple[Attribute, ...], after_target: int) -> Edit:
    """Append ``noopener`` to the first ``rel`` value, or add ``rel`` after ``target``."""
    for attribute in attributes:
        if attribute.name != "rel":
            continue
        where = extent(text, attribute)
        value = text[where.value_start : where.value_end]
        quoted = where.value_end < where.end
        if where.value_start == where.end:  # rel with no value
            return Edit(where.start, where.end, 'rel="noopener"')
        if not quoted:
            return Edit(where.value_start, where.value_end, f'"{value} noopener"')
        gap = " " if value.strip() else ""
        return Edit(where.value_end, where.value_end, f"{gap}noopener")
    return Edit(after_target, after_target, ' rel="noopener"')
