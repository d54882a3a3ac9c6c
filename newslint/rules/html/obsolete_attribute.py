"""HT024 obsolete-attribute: no attribute the HTML standard lists as obsolete on its element.

The list is WHATWG HTML §16.2 "Non-conforming features" (attributes): presentational
attributes such as ``align``, ``bgcolor``, ``valign``, ``border`` on ``<img>``, table
``cellpadding``/``cellspacing``, and a few others (``name`` on ``<a>``, ``language`` on
``<script>``). Browsers still honour all of them, so the rule is off by default. The finding
spans the attribute as written and names the CSS (or markup) to use.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.messages import N_, t
from newslint.rules.html._markup import extent, shown

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CELLS = ("td", "th")
_ROWS = ("col", "colgroup", "tbody", "thead", "tfoot", "tr", *_CELLS)
_SPACED = ("embed", "iframe", "img", "input", "object")

# attribute → (elements it is obsolete on, what to use instead)
OBSOLETE: dict[str, tuple[frozenset[str], str]] = {
    "align": (
        frozenset(
            {"caption", "div", "legend", "hr", "iframe", "img", "input", "object", "embed"}
            | {"p", "table", *_ROWS, *_HEADINGS}
        ),
        N_("CSS text-align (float for images)"),
    ),
    "alink": (frozenset({"body"}), N_("CSS :active color")),
    "allowtransparency": (frozenset({"iframe"}), N_("CSS background")),
    "axis": (frozenset(_CELLS), N_("scope on <th>")),
    "background": (
        frozenset({"body", "table", "thead", "tbody", "tfoot", "tr", *_CELLS}),
        N_("CSS"),
    ),
    "bgcolor": (frozenset({"body", "table", "tr", *_CELLS}), N_("CSS background-color")),
    "border": (frozenset({"img", "object", "table"}), N_("CSS border")),
    "bordercolor": (frozenset({"table", *_CELLS}), N_("CSS border-color")),
    "cellpadding": (frozenset({"table"}), N_("CSS padding on the cells")),
    "cellspacing": (frozenset({"table"}), N_("CSS border-spacing")),
    "char": (frozenset(_ROWS), N_("CSS")),
    "charoff": (frozenset(_ROWS), N_("CSS")),
    "clear": (frozenset({"br"}), N_("CSS clear")),
    "compact": (frozenset({"dl", "menu", "ol", "ul"}), N_("CSS")),
    "frame": (frozenset({"table"}), N_("CSS border")),
    "frameborder": (frozenset({"iframe"}), N_("CSS border")),
    "height": (frozenset({"table", "tr", *_CELLS}), N_("CSS height")),
    "hspace": (frozenset(_SPACED), N_("CSS margin")),
    "language": (frozenset({"script"}), N_("nothing (type, or no attribute, for JavaScript)")),
    "link": (frozenset({"body"}), N_("CSS a:link color")),
    "longdesc": (frozenset({"iframe", "img"}), N_("a link to the description")),
    "lowsrc": (frozenset({"img"}), N_("a progressive image format")),
    "marginheight": (frozenset({"body", "iframe"}), N_("CSS margin")),
    "marginwidth": (frozenset({"body", "iframe"}), N_("CSS margin")),
    "name": (frozenset({"a"}), N_("id on the target element")),
    "noshade": (frozenset({"hr"}), N_("CSS")),
    "nowrap": (frozenset(_CELLS), N_("CSS white-space: nowrap")),
    "rules": (frozenset({"table"}), N_("CSS border")),
    "scrolling": (frozenset({"iframe"}), N_("CSS overflow")),
    "size": (frozenset({"hr"}), N_("CSS height")),
    "summary": (frozenset({"table"}), N_("a <caption> or text around the table")),
    "text": (frozenset({"body"}), N_("CSS color")),
    "type": (frozenset({"li", "ul"}), N_("CSS list-style-type")),
    "valign": (frozenset(_ROWS), N_("CSS vertical-align")),
    "vlink": (frozenset({"body"}), N_("CSS a:visited color")),
    "vspace": (frozenset(_SPACED), N_("CSS margin")),
    "width": (frozenset({"col", "colgroup", "hr", "pre", "table", *_CELLS}), N_("CSS width")),
}


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per obsolete attribute as written, on the attribute."""
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    for tag in parse.start_tags_with(OBSOLETE):
        if not any(tag.name in OBSOLETE[name][0] for name in tag.attrs if name in OBSOLETE):
            continue  # none of its attributes is obsolete on this element: no need to scan it
        for attribute in parse.attributes(tag):
            rule = OBSOLETE.get(attribute.name)
            if rule is None or tag.name not in rule[0]:
                continue
            where = extent(text, attribute)
            written = shown(text[where.start : where.end], 40)
            message = t(
                "{attribute} on <{name}> is obsolete; use {instead} instead",
                attribute=written,
                name=tag.name,
                instead=t(rule[1]),
            )
            yield Finding(where.start, where.end, message)
