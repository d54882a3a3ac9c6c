"""HT028 editor-residue: no markup left behind by the editor a post was pasted from.

Tistory/Kakao's editor adds ``data-ke-*`` attributes; Microsoft Word adds ``Mso*`` classes,
``mso-*`` style declarations and ``<o:p>`` (Office namespace) elements; many editors leave
empty ``<span>``s (reported without a class, id or role, which may make an icon or an anchor).
None of it does anything on the site. The unsafe fix removes a residue attribute (with its
leading whitespace) when the whole attribute is residue: unsafe because a theme may still style
``[data-ke-size]`` or ``.MsoNormal``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Finding, Fix
from newslint.html.parse import parse_html
from newslint.html.query import Attribute, HtmlParse, Tag
from newslint.messages import t
from newslint.rules.html._markup import extent, removal, shown

_MSO_STYLE = re.compile(r"(?:^|;)\s*(mso-[\w-]+)\s*:", re.IGNORECASE)
OFFICE_PREFIXES = ("o:", "w:", "v:", "st1:")
"""Prefixes of namespaced Office element names (``<o:p>``, ``<st1:place>``)."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per residue attribute, Office element and empty ``<span>``."""
    parse = parse_html(ctx.doc)
    for tag in parse.start_tags:
        if tag.name.startswith(OFFICE_PREFIXES):
            name = ctx.doc.text[tag.start + 1 : tag.start + 1 + len(tag.name)]
            yield Finding(
                tag.start, tag.end, t("Word markup <{name}> left from pasting", name=name)
            )
        elif tag.attrs:
            yield from _attributes(ctx.doc.text, parse, tag)
    for element, tag in parse.authored:
        if element.tag == "span" and _empty_span(element.text, len(element), tag):
            spans = parse.spans(element)
            end = spans.end_tag.end if spans is not None and spans.end_tag else tag.end
            if not parse.masked(tag.start, end):
                what = shown(ctx.doc.text[tag.start : end], 50)
                yield Finding(tag.start, end, t("empty {span}", span=what))


def _attributes(text: str, parse: HtmlParse, tag: Tag) -> Iterator[Finding]:
    for attribute in parse.attributes(tag):
        found = _residue(attribute)
        if found is None:
            continue
        message, whole = found
        where = extent(text, attribute)
        fix = None
        if whole:
            edit = removal(text, attribute)
            fix = Fix(
                t("remove {attribute}", attribute=attribute.name), (edit,), Applicability.UNSAFE
            )
        yield Finding(where.start, where.end, message, fix=fix)


def _residue(attribute: Attribute) -> tuple[str, bool] | None:
    """The message for a residue attribute and whether all of it is residue; else ``None``."""
    name, value = attribute.name, attribute.value
    if name.startswith("data-ke-"):
        message = t('Tistory editor attribute {name}="{value}"', name=name, value=shown(value, 30))
        return message, True
    if name == "class":
        classes = value.split()
        mso = [c for c in classes if c.lower().startswith("mso")]
        if mso:
            return t('Word class "{classes}"', classes=" ".join(mso)), len(mso) == len(classes)
    if name == "style":
        props = _MSO_STYLE.findall(value)
        if props:
            rest = [d for d in value.split(";") if d.strip() and not _is_mso(d)]
            if len(props) == 1:
                return t("Word style declaration {styles}", styles=props[0]), not rest
            return t("Word style declarations {styles}", styles=", ".join(props)), not rest
    return None


def _empty_span(text: str | None, children: int, tag: Tag) -> bool:
    """An empty ``<span>`` that no class, id or role gives a purpose (icon fonts, anchors)."""
    keep = ("class", "id", "role")
    return not text and not children and not any(k in tag.attrs for k in keep)


def _is_mso(declaration: str) -> bool:
    return declaration.strip().lower().startswith("mso-")
