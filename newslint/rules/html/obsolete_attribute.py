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
        "CSS text-align (float for images)",
    ),
    "alink": (frozenset({"body"}), "CSS :active color"),
    "allowtransparency": (frozenset({"iframe"}), "CSS background"),
    "axis": (frozenset(_CELLS), "scope on <th>"),
    "background": (frozenset({"body", "table", "thead", "tbody", "tfoot", "tr", *_CELLS}), "CSS"),
    "bgcolor": (frozenset({"body", "table", "tr", *_CELLS}), "CSS background-color"),
    "border": (frozenset({"img", "object", "table"}), "CSS border"),
    "bordercolor": (frozenset({"table", *_CELLS}), "CSS border-color"),
    "cellpadding": (frozenset({"table"}), "CSS padding on the cells"),
    "cellspacing": (frozenset({"table"}), "CSS border-spacing"),
    "char": (frozenset(_ROWS), "CSS"),
    "charoff": (frozenset(_ROWS), "CSS"),
    "clear": (frozenset({"br"}), "CSS clear"),
    "compact": (frozenset({"dl", "menu", "ol", "ul"}), "CSS"),
    "frame": (frozenset({"table"}), "CSS border"),
    "frameborder": (frozenset({"iframe"}), "CSS border"),
    "height": (frozenset({"table", "tr", *_CELLS}), "CSS height"),
    "hspace": (frozenset(_SPACED), "CSS margin"),
    "language": (frozenset({"script"}), "nothing (type, or no attribute, for JavaScript)"),
    "link": (frozenset({"body"}), "CSS a:link color"),
    "longdesc": (frozenset({"iframe", "img"}), "a link to the description"),
    "lowsrc": (frozenset({"img"}), "a progressive image format"),
    "marginheight": (frozenset({"body", "iframe"}), "CSS margin"),
    "marginwidth": (frozenset({"body", "iframe"}), "CSS margin"),
    "name": (frozenset({"a"}), "id on the target element"),
    "noshade": (frozenset({"hr"}), "CSS"),
    "nowrap": (frozenset(_CELLS), "CSS white-space: nowrap"),
    "rules": (frozenset({"table"}), "CSS border"),
    "scrolling": (frozenset({"iframe"}), "CSS overflow"),
    "size": (frozenset({"hr"}), "CSS height"),
    "summary": (frozenset({"table"}), "a <caption> or text around the table"),
    "text": (frozenset({"body"}), "CSS color"),
    "type": (frozenset({"li", "ul"}), "CSS list-style-type"),
    "valign": (frozenset(_ROWS), "CSS vertical-align"),
    "vlink": (frozenset({"body"}), "CSS a:visited color"),
    "vspace": (frozenset(_SPACED), "CSS margin"),
    "width": (frozenset({"col", "colgroup", "hr", "pre", "table", *_CELLS}), "CSS width"),
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
            message = f"{written} on <{tag.name}> is obsolete; use {rule[1]} instead"
            yield Finding(where.start, where.end, message)
