"""``selector`` house rules on snippets of real posts: which elements a CSS selector reports
(only those the author wrote, never HTML in Markdown code), their exact spans (the start tag, or
one attribute as written), the values a message may quote, markup lxml refuses, deep nesting, and
every refusal of ``problems``."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.document import Document
from newslint.rules.custom.hits import Hit
from newslint.rules.custom.selector import PLACEHOLDERS, SelectorSpec, hits, problems
from tests.conftest import CORPUS, require_shared

# clarkhtse/tosbourn.com, _posts/2013-05-04-borninblood.markdown (front matter shortened)
BORN_IN_BLOOD = """\
---
layout: post
title: BornInBlood
---
<p>I have killed loads of sites in my time, including ones that were making me a good living \
and I never really felt that bad about it, but killing your first site is not a nice feeling, \
I am going to console myself by listening to some great music;</p>
<p><iframe src="http://www.youtube.com/embed/d9Qdj7pt7Iw?rel=0" height="315" width="420" \
allowfullscreen="" frameborder="0"></iframe></p>
<p><iframe src="https://player.vimeo.com/video/1" title="Vimeo"></iframe></p>
"""
# rails/weblog, _posts/2009-01-15-...: an image without alt, links to http: and https: pages
RAILS = """\
---
title: Rails Documentation Projects
---
<p><img src="/assets/2009/1/15/book.png" align="left" style="padding:5px;" /> With the \
recent revitalization of the <a href="http://groups.google.com/group/rubyonrails-wiki">Rails \
Wiki</a> project, we&#8217;re seeing people ask how the various pieces of \
<a href="https://guides.rubyonrails.org/" target="_blank">Rails documentation</a> fit \
together.</p>
"""
# frowth-official.github.io, _posts/2024-07-14-213.md: a table without <tbody> (implied)
TABLE = """\
---
title: 보험 비교추천
---
<table>
  <tr>
    <td style="text-align: center; height: 17px;"><b>저축보험의 특성과 혜택</b></td>
  </tr>
</table>
"""
# mmistakes/made-mistakes-jekyll, _posts/articles/2016-02-17-using-jekyll-2016.md: HTML as code
CODE = """\
---
title: Using Jekyll in 2016
---
Inline `<img src="image.jpg">` and a fence:

```html
<picture>
  <source srcset="image-1600.jpg" media="(min-width: 1600px)">
  <img src="image.jpg">
</picture>
```

    <img src="indented.jpg">

<img src="real.jpg">
"""
# mmistakes/made-mistakes-jekyll, src/_posts/mastering-paper/2014-04-21-drawing-faces.md
# (two swatches of seven): images in a figure, and a Liquid loop of thumbnails outside one
FACES = """\
---
title: "Mastering Paper for iOS: drawing portraits and faces"
---
<figure>
  <div class="palette">
    <div class="palette__row">
      <a href="/assets/images/paper-53-skin-color-1.jpg"><img class="palette__swatch" \
src="/assets/images/paper-53-skin-swatch-1.png" alt="skin swatch 1"></a>
      <a href="/assets/images/paper-53-skin-color-2.jpg"><img class="palette__swatch" \
src="/assets/images/paper-53-skin-swatch-2.png" alt="skin swatch 2"></a>
    </div>
  </div>
  <figcaption>Select the color you want to view and save.</figcaption>
</figure>

<ul class="gallery-thumbnails">
{% for post in site.categories.paperfaces limit:12 %}
  <li>
    <a href="{{ post.url }}" title="{{ post.title }}"><img src="{{ post.image.thumbnail }}" \
alt=""></a>
  </li>
{% endfor %}
</ul>
"""
# clarkhtse/tosbourn.com, _posts/2010-10-13-quick-way-to-switch-between-folders-in-the-terminal
TERMINAL = """\
---
title: Quick way to switch between folders in the terminal
---
<p>A couple of days ago a found a really neat trick you can use when you are in the terminal \
window.</p>
<blockquote><p>cd -</p></blockquote>
<p>It will move you from the directory you were in to the directory you were in last, typing it \
again will bring you back to that first directory.</p>
"""


UNUSABLE = "not a CSS selector newslint can use: "


def _hits(text: str, selector: str, attribute: str | None = None) -> list[Hit]:
    doc = Document.from_text("_posts/2024-01-01-post.md", text)
    ctx = RuleContext(doc, FileSettings(path=Path(doc.path)))
    return list(hits(SelectorSpec(selector, attribute), ctx))


def _where(text: str, found: list[Hit]) -> list[tuple[str, str]]:
    """Each hit as (line:col of its start, the text it covers)."""
    doc = Document.from_text("_posts/2024-01-01-post.md", text)
    places = []
    for hit in found:
        pos = doc.index.position(hit.start)
        places.append((f"{pos.line}:{pos.column}", text[hit.start : hit.end]))
    return places


def test_embeds_not_from_the_allowed_hosts() -> None:
    selector = (
        'iframe:not([src^="https://www.youtube.com/"]):not([src^="https://player.vimeo.com/"])'
    )
    found = _hits(BORN_IN_BLOOD, selector)
    tag = (
        '<iframe src="http://www.youtube.com/embed/d9Qdj7pt7Iw?rel=0" height="315" width="420" '
        'allowfullscreen="" frameborder="0">'
    )
    assert _where(BORN_IN_BLOOD, found) == [("6:4", tag)]
    values = found[0].values
    assert values["match"] == tag and values["tag"] == "iframe" and values["value"] == ""
    message = "{tag} from {attr[src]} (title: '{attr[title]}')"
    assert message.format(**values) == (
        "iframe from http://www.youtube.com/embed/d9Qdj7pt7Iw?rel=0 (title: '')"
    )
    assert found[0].fix is None


def test_attribute_points_at_the_attribute_as_written() -> None:
    found = _hits(BORN_IN_BLOOD, "iframe", attribute="src")
    assert _where(BORN_IN_BLOOD, found) == [
        ("6:12", 'src="http://www.youtube.com/embed/d9Qdj7pt7Iw?rel=0"'),
        ("7:12", 'src="https://player.vimeo.com/video/1"'),
    ]
    assert found[1].values["value"] == "https://player.vimeo.com/video/1"
    assert found[1].values["match"] == 'src="https://player.vimeo.com/video/1"'


def test_attribute_the_element_lacks_falls_back_to_the_start_tag() -> None:
    found = _hits(BORN_IN_BLOOD, "iframe:not([title])", attribute="title")
    assert [place for place, _ in _where(BORN_IN_BLOOD, found)] == ["6:4"]
    assert found[0].values["value"] == ""


def test_unquoted_and_empty_attribute_values() -> None:
    text = "<p><img src=a.png alt data-x = 'y z'></p>\n"
    assert _where(text, _hits(text, "img", attribute="SRC")) == [("1:9", "src=a.png")]
    assert _where(text, _hits(text, "img", attribute="alt")) == [("1:19", "alt")]
    assert _where(text, _hits(text, "img", attribute="data-x")) == [("1:23", "data-x = 'y z'")]


def test_images_without_alt_and_links_to_http() -> None:
    assert _where(RAILS, _hits(RAILS, "img:not([alt])")) == [
        ("4:4", '<img src="/assets/2009/1/15/book.png" align="left" style="padding:5px;" />')
    ]
    assert _where(RAILS, _hits(RAILS, 'a[href^="http:"]')) == [
        ("4:117", '<a href="http://groups.google.com/group/rubyonrails-wiki">')
    ]
    assert _where(RAILS, _hits(RAILS, 'a[target="_blank"]:not([rel])')) == [
        ("4:255", '<a href="https://guides.rubyonrails.org/" target="_blank">')
    ]


def test_contains_sees_the_text_and_character_references() -> None:
    found = _hits(RAILS, 'p:contains("we\u2019re seeing")')
    assert [place for place, _ in _where(RAILS, found)] == ["4:1"]
    assert _hits(RAILS, 'p:contains("&#8217;")') == []


def test_implied_elements_are_not_reported_but_shape_the_tree() -> None:
    assert _hits(TABLE, "tbody") == []
    assert _where(TABLE, _hits(TABLE, "table > tbody > tr > td")) == [
        ("6:5", '<td style="text-align: center; height: 17px;">')
    ]
    assert [place for place, _ in _where(TABLE, _hits(TABLE, "table:not(:has(th))"))] == ["4:1"]


def test_a_post_without_the_element_is_not_copied_to_lxml() -> None:
    doc = Document.from_text("_posts/2024-01-01-post.md", RAILS)
    ctx = RuleContext(doc, FileSettings(path=Path(doc.path)))
    assert list(hits(SelectorSpec("table td, iframe"), ctx)) == []
    assert "selector.tree" not in doc._memo
    assert len(list(hits(SelectorSpec(".x, img"), ctx))) == 1
    assert "selector.tree" in doc._memo


def test_html_in_markdown_code_is_never_selected() -> None:
    assert _where(CODE, _hits(CODE, "img")) == [("15:1", '<img src="real.jpg">')]
    assert _hits(CODE, "picture, source") == []


def test_combinators() -> None:
    text = "<div><h2>A</h2><p>one</p><p>two <a href=x>x</a></p></div>\n<p>three</p>\n"
    starts = {
        "div p": ["1:16", "1:26"],
        "div > p": ["1:16", "1:26"],
        "h2 + p": ["1:16"],
        "h2 ~ p": ["1:16", "1:26"],
        "div p a": ["1:33"],
        "div a": ["1:33"],
        "div > a": [],
        "p ~ p a, h2": ["1:6", "1:33"],
        "body p": [],
    }
    for selector, expected in starts.items():
        assert [place for place, _ in _where(text, _hits(text, selector))] == expected, selector


def test_combinators_inside_not() -> None:
    assert _where(FACES, _hits(FACES, "img:not(figure img)")) == [
        ("17:55", '<img src="{{ post.image.thumbnail }}" alt="">')
    ]
    assert [place for place, _ in _where(FACES, _hits(FACES, "a:not(li a)"))] == ["7:7", "8:7"]
    assert [place for place, _ in _where(FACES, _hits(FACES, "li:not(ul ul li)"))] == ["16:3"]
    assert _where(TERMINAL, _hits(TERMINAL, "p:not(blockquote p)")) == [
        ("4:1", "<p>"),
        ("6:1", "<p>"),
    ]
    assert [place for place, _ in _where(TABLE, _hits(TABLE, "td:not(table > tr td)"))] == ["6:5"]
    assert _hits(TABLE, "td:not(table td)") == []  # the <tr> is in an implied <tbody>


def test_combinators_inside_has() -> None:
    assert [place for place, _ in _where(FACES, _hits(FACES, "figure:has(div > div a img)"))] == [
        "4:1"
    ]
    assert _where(FACES, _hits(FACES, "div:has(> div a)")) == [("5:3", '<div class="palette">')]
    assert [place for place, _ in _where(FACES, _hits(FACES, "a:has(+ a img)"))] == ["7:7"]
    assert _hits(FACES, "figure:has(figcaption a)") == []
    assert _hits(FACES, "div:has(figure img)") == []  # the figure is around the div, not in it
    assert _where(TERMINAL, _hits(TERMINAL, "p:has(+ blockquote p)")) == [("4:1", "<p>")]
    assert [place for place, _ in _where(TABLE, _hits(TABLE, "table:has(tr td b)"))] == ["4:1"]
    assert [place for place, _ in _where(TABLE, _hits(TABLE, "td:is(:has(b ~ i), :has(> b))"))] == [
        "6:5"
    ]
    assert _hits(TABLE, "td:where(:has(b ~ i))") == []


def test_combinators_inside_is_and_where() -> None:
    """cssselect's parser refuses a combinator right inside :is() or :where(); they work."""
    assert [place for place, _ in _where(FACES, _hits(FACES, "img:is(figure img, li img)"))] == [
        "7:58",
        "8:58",
        "17:55",
    ]
    assert _where(FACES, _hits(FACES, "IMG:Where(FIGURE A[href*='1.'] IMG)")) == [
        (
            "7:58",
            '<img class="palette__swatch" src="/assets/images/paper-53-skin-swatch-1.png" '
            'alt="skin swatch 1">',
        )
    ]
    assert [place for place, _ in _where(FACES, _hits(FACES, "a:is(li a):not(:is(figure a))"))] == [
        "17:5"
    ]
    assert [
        place for place, _ in _where(FACES, _hits(FACES, ":is(figure div, ul) > :is(div, li)"))
    ] == ["6:5", "16:3"]
    assert [place for place, _ in _where(FACES, _hits(FACES, "div:has(:is(a + a) > img)"))] == [
        "5:3",
        "6:5",
    ]
    assert [place for place, _ in _where(FACES, _hits(FACES, "a:is(:not(li a))"))] == ["7:7", "8:7"]
    assert _hits(FACES, "img:not(:is(figure img, li a img))") == []
    assert [place for place, _ in _where(FACES, _hits(FACES, "img:is(a img):where(li img)"))] == [
        "17:55"
    ]
    assert _hits(FACES, "img:is(:is(figure, ul) a)") == []  # an <img> is no <a>


def test_lists_and_nesting_inside_not() -> None:
    """cssselect's parser refuses a list or a :not() inside :not(); they work."""
    found = _hits(FACES, "a:not(li a, figure div > div > a + a)")
    assert _where(FACES, found) == [("7:7", '<a href="/assets/images/paper-53-skin-color-1.jpg">')]
    assert [place for place, _ in _where(FACES, _hits(FACES, "a:not(a:not(li a))"))] == ["17:5"]
    assert _hits(FACES, "img:not(figure img, li img)") == []
    assert [place for place, _ in _where(FACES, _hits(FACES, "div:NOT(:not(.palette))"))] == ["5:3"]
    assert _where(TERMINAL, _hits(TERMINAL, "p:not(blockquote p, p:empty)")) == [
        ("4:1", "<p>"),
        ("6:1", "<p>"),
    ]


def test_combinators_inside_select_what_cssselects_xpath_selects() -> None:
    """Each form on a snippet built to tell anchored from unanchored :has() and whole-document
    :not(): the same elements as cssselect's own XPath (slow on deep nesting, right here)."""
    from cssselect import HTMLTranslator
    from lxml import etree

    from newslint.html.parse import parse_html
    from newslint.rules.custom import selector

    text = (
        "<figcaption><div><a>1</a></div></figcaption><figure><p><img></p><figcaption><a>2</a>"
        "</figcaption></figure><img><ul><li><a>3</a><ul><li><p>4</p></li></ul></li></ul>"
        "<blockquote><p>5</p><p><a>6</a></p></blockquote><h2>7</h2><p><a>7</a></p><table><tr><td>8</td></tr>"
        "</table><div><p>9</p><div><p>10</p></div></div>\n"
    )
    tree = selector._Tree(parse_html(Document.from_text("_posts/x.md", text)).root)
    empty = []
    for css in (*NESTED, "div:has(figcaption a)", "li:has(> a + ul p)", "p:has(~ p > a)"):
        theirs = etree.XPath(HTMLTranslator().css_to_xpath(css))(tree.root)
        assert isinstance(theirs, list)
        ours = selector._select(selector._compiled(css).chains, tree.root)
        assert set(ours) == set(theirs), css
        if not ours:
            empty.append(css)
    assert empty == ["div:has(figcaption a)"]


def test_names_lxml_refuses_are_left_out_and_the_rest_still_match() -> None:
    text = '<div @click="go()" :class="{on: x}" x:y=z a"b=1 data-id=7 class=box>\n'
    text += "<x:y>odd</x:y></div>\n"
    found = _hits(text, "div.box[data-id='7']")
    assert [place for place, _ in _where(text, found)] == ["1:1"]
    attrs = found[0].values["attr"]
    assert isinstance(attrs, dict)
    assert attrs["@click"] == "go()" and attrs[":class"] == "{on: x}" and attrs["x:y"] == "z"
    assert _where(text, _hits(text, "div", attribute="@click")) == [("1:6", '@click="go()"')]
    assert [place for place, _ in _where(text, _hits(text, "div > *"))] == ["2:1"]
    assert _hits(text, "[click]") == [] and _hits(text, "[class^='{']") == []


def test_svg_names_are_lower_case() -> None:
    text = '<svg viewBox="0 0 1 1"><foreignObject><p>x</p></foreignObject></svg>\n'
    assert [place for place, _ in _where(text, _hits(text, "svg[viewbox]"))] == ["1:1"]
    assert [place for place, _ in _where(text, _hits(text, "foreignobject"))] == ["1:24"]


def test_characters_lxml_refuses_in_text_and_values() -> None:
    text = "<p title='a&#1;b'>form\x0cfeed &#12; and \x01</p>\n"
    assert [place for place, _ in _where(text, _hits(text, 'p[title]:contains("feed")'))] == ["1:1"]


def test_comments_are_left_out_and_the_text_after_them_kept() -> None:
    text = "<p></p>\n<p><!-- note --></p>\n<p> </p>\n<p>x<!-- a -->y<b>b</b>z<!-- c -->w</p>\n"
    assert [place for place, _ in _where(text, _hits(text, "p:empty"))] == ["1:1", "2:1"]
    assert [place for place, _ in _where(text, _hits(text, 'p:contains("xybzw")'))] == ["4:1"]
    assert _hits(text, 'p:contains("note")') == []


def _each_under_a_second(text: str, counts: dict[str, int]) -> None:
    """Each selector finds its count of elements in ``text`` in under a second, the post parsed
    (and copied to lxml) once beforehand."""
    doc = Document.from_text("_posts/2024-01-01-post.md", text)
    ctx = RuleContext(doc, FileSettings(path=Path(doc.path)))
    assert list(hits(SelectorSpec("*"), ctx))
    for selector, count in counts.items():
        began = time.perf_counter()
        assert len(list(hits(SelectorSpec(selector), ctx))) == count
        assert time.perf_counter() - began < 1, selector


def test_deep_nesting() -> None:
    text = "<div>" * 10_000 + "<p>x</p><figure><img></figure><img>" + "</div>" * 10_000 + "\n"
    counts = {
        "div div p": 1,  # cssselect's own XPath for this one, and those below: hours
        "div > div:first-child": 9_999,
        "span div div": 0,
        "div:has(> p)": 1,
        "div:not(p div div)": 10_000,
        "div:has(div div div)": 9_997,
        "img:not(figure img)": 1,
        "div:is(p div div, div div div div)": 9_997,
        "img:where(div > figure img)": 1,
    }
    _each_under_a_second(text, counts)


def test_many_siblings() -> None:
    counts = {
        "div:has(~ p)": 0,  # cssselect's own XPath for this one and the next: seconds
        "div:not(:has(~ div))": 1,
        "div:has(+ div)": 19_999,
        "div:not(div ~ div)": 1,
    }
    _each_under_a_second("<div>x</div>" * 20_000 + "\n", counts)


def test_placeholders() -> None:
    assert {"match", "attr", "value", "tag"} == PLACEHOLDERS


@pytest.mark.parametrize(
    ("selector", "reason"),
    [
        (
            "a[href",
            UNUSABLE + "operator expected, got the end at column 7",
        ),
        (
            "div >",
            UNUSABLE + "expected selector, got the end at column 6",
        ),
        ("a,,b", UNUSABLE + "expected selector, got ',' at column 3"),
        ("a[href='x", UNUSABLE + "unclosed string at column 8"),
        ("a:hover", UNUSABLE + ":hover depends on the reader's browser"),
        ("p::before", UNUSABLE + "pseudo-elements are not supported"),
        ("p:first-line", UNUSABLE + "pseudo-elements are not supported"),
        ("p:wobbly", UNUSABLE + "the pseudo-class :wobbly is unknown"),
        ("img:not(figure a:hover)", UNUSABLE + ":hover depends on the reader's browser"),
        ("p:has(a b::after)", UNUSABLE + "got pseudo-element ::after inside function"),
        ("p:not(svg|a b)", UNUSABLE + "namespaces (ns|name) are not supported"),
        ("img:is(figure img[)", UNUSABLE + "expected ident or '*', got the end at column 19"),
        (
            "img:is(a b):is(c :is(d e[))",
            UNUSABLE + "expected ident or '*', got the end at column 26",
        ),
        ("img:is(a b) >", UNUSABLE + "expected selector, got the end at column 14"),
        ("img:is(figure img::before)", UNUSABLE + "pseudo-elements are not supported"),
        ("img:is(a b):_(7)", UNUSABLE + "the pseudo-class :_() is unknown"),
        ("a:not(b, c):__(11)", UNUSABLE + "the pseudo-class :__() is unknown"),
        ("a:not(li a, b[)", UNUSABLE + "expected ident or '*', got the end at column 15"),
        ("p\\3 a", UNUSABLE + r"a control character (as \3 escapes) cannot be matched"),
        (
            "svg|rect",
            UNUSABLE + "namespaces (ns|name) are not supported",
        ),
        (
            "a[xlink|href]",
            UNUSABLE + "namespaces (ns|name) are not supported",
        ),
    ],
)
def test_problems_with_the_selector(selector: str, reason: str) -> None:
    assert problems(SelectorSpec(selector)) == [("selector", reason)]


def test_problems_with_the_attribute() -> None:
    assert problems(SelectorSpec("iframe", "src")) == []
    assert problems(SelectorSpec("iframe", "@click")) == []
    assert problems(SelectorSpec("iframe", "data src")) == [
        ("attribute", "not an attribute name: 'data src'")
    ]
    assert problems(SelectorSpec("p:", "")) == [
        (
            "selector",
            UNUSABLE + "expected ident, got the end at column 3",
        ),
        ("attribute", "not an attribute name: ''"),
    ]


COMBINED = (
    "p a",
    "div > p",
    "h2 + p",
    "h2 ~ p",
    "table td a",
    "ul li > a[href]",
    "p ~ p + p",
    "blockquote p:first-child",
    "figure > img + figcaption",
    "* > * > p",
)
NESTED = (
    "img:not(figure img)",
    "p:not(blockquote p)",
    "a:not(li a)",
    "div:has(> p)",
    "figure:has(figcaption a)",
    "table:has(tr td)",
    "li:not(ul ul li)",
    "p:has(+ p a)",
    "h2:has(~ p > a)",
    "*:not(p a):has(> a)",
)
LISTS = {
    "li:is(ul ul li, ol li)": "ul ul li, ol li",
    "a:where(p > a + a, td a)": "p > a + a, td a",
    "a:not(:is(li a, nav a))": "a:not(li a):not(nav a)",
    "p:is(blockquote > p + p)": "blockquote > p + p",
    "p:has(:is(a img, b))": "p:has(a img, b)",
    "p:not(blockquote p, li p)": "p:not(blockquote p):not(li p)",
    "li:not(li:not(ul ul li))": "ul ul li",
}
"""Selectors cssselect cannot read (a combinator inside :is() or :where(), a list or a :not() in
:not()), each with one that selects the same elements and that cssselect can translate."""


@pytest.mark.slow
def test_combinators_select_what_cssselects_xpath_selects_on_the_corpus() -> None:
    """Following combinators in Python (linear on deep trees), at the top and inside :not(),
    :has(), :is() and :where(), selects what cssselect's own XPath selects (for the same
    selector, or one meaning the same), on every 10th post of the corpus; and every post gets an
    answer."""
    from cssselect import HTMLTranslator
    from lxml import etree

    from newslint.document import decode
    from newslint.html.parse import parse_html
    from newslint.rules.custom import selector

    posts = sorted(
        path
        for path in require_shared(CORPUS).glob("*/**/*")
        if path.is_file() and path.name != "_config.yml"
    )
    selectors = {css: css for css in COMBINED + NESTED} | LISTS
    translate = HTMLTranslator().css_to_xpath
    reference = {css: etree.XPath(translate(same)) for css, same in selectors.items()}
    differ = []
    for path in posts[::10]:
        text = decode(path.read_bytes())
        if not isinstance(text, str):
            continue
        doc = Document.from_text(str(path), text)
        tree = selector._Tree(parse_html(doc).root)
        for css, xpath in reference.items():
            theirs = xpath(tree.root)
            assert isinstance(theirs, list)
            if set(selector._select(selector._compiled(css).chains, tree.root)) != set(theirs):
                differ.append((path.name, css))
    assert differ == []
