"""Hypothesis strategies for hostile posts (shared by the property tests and bench/fuzz.py).

A post is front matter (valid or broken YAML, anchors and aliases, tags, unicode keys) and a
body of HTML built from a small grammar (nesting, misnesting, attributes, entities, comments,
Liquid, code fences) interleaved with Hangul, emoji, right-to-left text, NUL and control
characters, mixed line endings, a BOM and very long lines. This module holds no tests.
"""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["bodies", "front_matters", "html_fragments", "posts", "texts_any"]

NEWLINES = ("\n", "\r\n", "\r")

_WORDS = (
    "뉴스",
    "한국어 기사 본문",
    "장금이",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "שלום",
    "مرحبا",
    "\u202eevil\u202c",
    "\u200f",
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "\U0001d11e",
    "e\u0301",
    "\u00a0",
    "::error::injected",
    "%0A::warning::x",
    "plain words",
    "<",
    ">",
    "&",
    "\t",
    " ",
)

words = st.sampled_from(_WORDS) | st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8
)
"""Short runs of hostile or ordinary text (never lone surrogates: files are UTF-8)."""

_TAGS = (
    "p",
    "b",
    "i",
    "em",
    "strong",
    "a",
    "div",
    "span",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "ul",
    "li",
    "img",
    "br",
    "hr",
    "h1",
    "h3",
    "font",
    "center",
    "script",
    "style",
    "textarea",
    "title",
    "pre",
    "code",
    "template",
    "svg",
    "math",
    "iframe",
    "form",
    "select",
    "option",
    "noscript",
    "plaintext",
    "xmp",
    "B",
    "P",
)

_ATTR_NAMES = (
    "class",
    "id",
    "style",
    "href",
    "src",
    "alt",
    "data-ke-size",
    "onclick",
    "title",
    "CLASS",
    "x:y",
    '"',
    "'",
    "=",
)

_ATTR_VALUES = (
    "",
    "x",
    "javascript:alert(1)",
    "../../../etc/passwd",
    "/assets/img/a.png",
    "https://example.com/a?b=1&c=2",
    "MsoNormal",
    "color: red",
    "한글 값",
    "a\nb",
    "&amp;",
    "&",
    "{{ page.title }}",
)

_ENTITIES = (
    "&nbsp;",
    "&amp;",
    "&amp",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&#128512;",
    "&#;",
    "&foo;",
    "&",
    "&lt",
    "&notin;",
    "&noti",
)

_COMMENTS = (
    "<!-- x -->",
    "<!---->",
    "<!-->",
    "<!--",
    "<!-- a -- b -->",
    "<!-- newslint-disable HT001 -->",
    "<!-- newslint-enable HT001 -->",
    "<!-- newslint-disable -->",
    "<!-- newslint-enable -->",
    "<!-- newslint-disable-next-line HT001 -->",
    "<!-- newslint-disable NOPE -->",
    "<?php echo 1 ?>",
    "<!DOCTYPE html>",
    "<![CDATA[x]]>",
    "</>",
    "</ p>",
    "<>",
    "< b>",
)

_LIQUID = (
    "{% raw %}",
    "{% endraw %}",
    "{{ page.title }}",
    "{{",
    "}}",
    "{% if x %}",
    "{% endif %}",
    "{% highlight html %}",
    "{% endhighlight %}",
    "{% comment %}",
    "{% endcomment %}",
    "{%",
    "%}",
)

_MARKDOWN = (
    "```",
    "```html",
    "~~~",
    "    <b>indented code</b>",
    "`</b>`",
    "``</i> `x`",
    "`",
    "<https://example.com/x>",
    "<mailto:a@b.c>",
    "> quoted <b>",
    "- item </i>",
    "1. item",
    "# heading",
    "![](x.png)",
    "[link](</b>)",
    "\\<b>",
    '<div markdown="1">',
)

tag_names = st.sampled_from(_TAGS) | st.from_regex(r"\A[a-z][a-z0-9-]{0,6}\Z")


@st.composite
def attributes(draw: st.DrawFn) -> str:
    """`` name``, `` name=value``, `` name="v"`` or `` name='v'`` (sometimes duplicated)."""
    name = draw(st.sampled_from(_ATTR_NAMES))
    value = draw(st.sampled_from(_ATTR_VALUES) | words)
    form = draw(st.integers(0, 3))
    if form == 0:
        return f" {name}"
    if form == 1:
        return f" {name}={value.replace(' ', '')}"
    if form == 2:
        return f' {name}="{value}"'
    return f" {name}='{value}'"


@st.composite
def _start_tag(draw: st.DrawFn, name: str) -> str:
    attrs = "".join(draw(st.lists(attributes(), max_size=3)))
    close = draw(st.sampled_from((">", ">", ">", "/>", " >", "", ">>")))
    return f"<{name}{attrs}{close}"


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    """One element: start tag, children, end tag; sometimes misnested, unclosed or stray."""
    name = draw(tag_names)
    inner = "".join(draw(st.lists(children, max_size=4)))
    shape = draw(st.integers(0, 9))
    if shape == 7:  # unclosed
        return draw(_start_tag(name)) + inner
    if shape == 8:  # stray end tag
        return inner + f"</{name}>"
    if shape == 9:  # misnested with a sibling: <a><b></a></b>
        other = draw(tag_names)
        return f"<{name}><{other}>{inner}</{name}></{other}>"
    end = draw(st.sampled_from((f"</{name}>", f"</{name.upper()}>", f"</{name} >", f"</{name}")))
    return draw(_start_tag(name)) + inner + end


_leaves = (
    words
    | st.sampled_from(_ENTITIES)
    | st.sampled_from(_COMMENTS)
    | st.sampled_from(_LIQUID)
    | st.sampled_from(_MARKDOWN)
    | st.sampled_from(NEWLINES)
)

html_fragments: st.SearchStrategy[str] = st.recursive(
    _leaves, lambda children: _element(children), max_leaves=24
)
"""HTML from the grammar, mixed with text, entities, comments, Liquid and Markdown."""


@st.composite
def _long_line(draw: st.DrawFn) -> str:
    text_unit = draw(st.sampled_from(("x", "한", "😀", " ", "&amp;")))
    markup_unit = draw(st.sampled_from(("<b>", "</i>", "<p>", "&")))
    # Long, but with few findings: hundreds of findings per example would slow the suite.
    return text_unit * draw(st.integers(500, 5000)) + markup_unit * draw(st.integers(0, 40))


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """Lines of HTML fragments joined by a mix of LF, CRLF and CR."""
    lines = draw(st.lists(html_fragments | _long_line() | st.just(""), min_size=0, max_size=12))
    out: list[str] = []
    for line in lines:
        out.append(line)
        out.append(draw(st.sampled_from(NEWLINES)))
    if out and draw(st.booleans()) is True:
        out.pop()  # no final newline
    return "".join(out)


_KEYS = (
    "title",
    "layout",
    "date",
    "categories",
    "tags",
    "excerpt",
    "feature_text",
    "image",
    "author",
    "permalink",
    "published",
    "newslint",
    "Title",
    "제목",
    "😀",
    "<<",
    "? complex",
    "1",
    "null",
    "yes",
    "2024-01-01",
    "",
)

_SCALARS = (
    "plain text",
    "'single quoted'",
    '"double \\" quoted"',
    "'unterminated",
    '"unterminated',
    "2024-02-30",
    "0000-01-01",
    "2024-01-01 99:00:00",
    "2024-01-01 10:00:00 +99",
    "0b_",
    "0x_",
    "2024-01-01 10:00:00 +0900",
    "12",
    "0x1F",
    "1_000",
    "3.5",
    ".inf",
    "~",
    "null",
    "yes",
    "no",
    "",
    "&a anchored",
    "*a",
    "*nowhere",
    "!!str tagged",
    "!!python/object/apply:os.system ['true']",
    "!custom x",
    "!!binary aGk=",
    "[a, b, *a]",
    "{k: v, k: w}",
    "[unclosed",
    "{unclosed",
    "|\n  block\n  text",
    ">-\n  folded",
    "- x\n- y",
    "\n  - nested\n  - list",
    "\n  sub: 1\n  sub: 2",
    ": :",
    "a: b: c",
    "@reserved",
    "`backtick",
    "%directive",
    "\t tab",
    "<b>html</b>",
    "/assets/img/x.png",
    "../../../../etc/passwd",
    "{disable: [HT001]}",
    "{disable: HT001}",
    "\n  disable: [NOPE]",
)


@st.composite
def _yaml_line(draw: st.DrawFn) -> str:
    key = draw(st.sampled_from(_KEYS) | words)
    value = draw(st.sampled_from(_SCALARS) | words)
    anchor = draw(st.sampled_from(("", "", "", " &a", " &b", " !!map", " !!seq")))
    indent = draw(st.sampled_from(("", "", "", "  ", "\t")))
    sep = draw(st.sampled_from((": ", ": ", ":", " : ", ":\t")))
    return f"{indent}{key}{sep}{anchor.strip() + ' ' if anchor else ''}{value}"


@st.composite
def _alias_bomb(draw: st.DrawFn) -> str:
    width = draw(st.integers(2, 9))
    depth = draw(st.integers(1, 8))
    lines = ["l0: &l0 [" + ", ".join(["x"] * width) + "]"]
    for n in range(1, depth + 1):
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]")
    return "\n".join(lines)


@st.composite
def _deep_yaml(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 300))
    return "deep: " + "[" * depth + "x" + "]" * draw(st.integers(0, depth))


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """A front-matter block: valid, broken, bombs, deep nesting, unclosed, odd delimiters."""
    content_lines = draw(st.lists(_yaml_line(), max_size=8))
    extra = draw(st.sampled_from(("", "", "", "bomb", "deep")))
    if extra == "bomb":
        content_lines.append(draw(_alias_bomb()))
    elif extra == "deep":
        content_lines.append(draw(_deep_yaml()))
    newline = draw(st.sampled_from(NEWLINES[:2]))
    content = newline.join(content_lines)
    opening = draw(st.sampled_from(("---", "---", "--- ", "----", "---\t")))
    closing = draw(st.sampled_from(("---", "---", "...", "--- ", "", "-- ")))
    if not content_lines:
        return f"{opening}{newline}{closing}{newline}"
    return f"{opening}{newline}{content}{newline}{closing}{newline}"


@st.composite
def posts(draw: st.DrawFn) -> str:
    """A whole post: optional BOM, optional front matter, a body."""
    bom = "\ufeff" if draw(st.integers(0, 7)) == 0 else ""
    fm = draw(front_matters()) if draw(st.integers(0, 9)) else ""
    return bom + fm + draw(bodies())


texts_any: st.SearchStrategy[str] = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200
)
"""Unstructured text, for what the grammar does not think of."""
