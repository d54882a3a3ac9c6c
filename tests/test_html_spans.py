"""The HTML parse records exact source spans for tags, attributes, errors and elements."""

from __future__ import annotations

from newslint.document import Document
from newslint.html.parse import parse_fragment, parse_html
from newslint.html.query import HtmlParse


def post(body: str, front: str = "---\ntitle: t\n---\n") -> tuple[Document, HtmlParse]:
    doc = Document.from_text("_posts/2024-01-01-x.md", front + body)
    return doc, parse_html(doc)


def spans_of(doc: Document, parse: HtmlParse) -> list[tuple[str, str]]:
    """Each tag as (kind + name, the source text its span covers)."""
    return [(tag.kind + " " + tag.name, doc.text[tag.start : tag.end]) for tag in parse.tags]


def test_tag_spans_cover_the_markup_as_written() -> None:
    doc, parse = post('<P CLASS="a">x</SPAN >y</p>\n')
    assert spans_of(doc, parse) == [
        ("start p", '<P CLASS="a">'),
        ("end span", "</SPAN >"),
        ("end p", "</p>"),
    ]


def test_columns_count_code_points_after_hangul_and_emoji() -> None:
    doc, parse = post("<p>한국어 😀 문장</b></p>\n")
    stray = parse.tags[1]
    start, end = doc.index.position(stray.start), doc.index.position(stray.end)
    assert doc.text[stray.start : stray.end] == "</b>"
    assert (start.line, start.column, end.column) == (4, 12, 16)  # 😀 is one code point


def test_crlf_bodies_map_back_to_the_original_offsets() -> None:
    doc, parse = post("<p>\r\none\r\n</b>\r\n</p>\r\n", front="---\r\ntitle: t\r\n---\r\n")
    stray = next(tag for tag in parse.tags if tag.name == "b")
    assert doc.text[stray.start : stray.end] == "</b>"
    assert doc.index.position(stray.start).line == 6
    assert [doc.text[e.start : e.end] for e in parse.errors] == ["</b>"]


def test_bom_file_without_front_matter() -> None:
    doc = Document.from_text("page.html", "\ufeff<p>x</i></p>")
    parse = parse_html(doc)
    (error,) = parse.errors
    assert (error.start, error.end) == (5, 9)
    assert doc.index.position(error.start).column == 6  # the BOM is column 1


def test_tree_construction_error_spans_the_token_being_processed() -> None:
    parse = parse_fragment("<p>a</b>b</p>")
    (error,) = parse.errors
    assert (error.code, error.start, error.end) == ("unexpected-end-tag", 4, 8)
    assert error.tag is not None and error.tag.name == "b" and not error.tag.matched


def test_tokenizer_errors_span_their_construct() -> None:
    text = "a &foo; b <p class=a class=b> & c < d"
    parse = parse_fragment(text)
    found = {e.code: text[e.start : e.end] for e in parse.errors}
    assert found["expected-named-entity"].startswith("&f")  # up to where html5lib gave up
    assert found["duplicate-attribute"] == "<p class=a class="
    assert found["expected-tag-name"] == "<"


def test_attributes_keep_duplicates_with_name_spans() -> None:
    text = '<img SRC="a.png" alt="" src="b.png">'
    parse = parse_fragment(text)
    (tag,) = parse.tags
    assert tag.attrs == {"src": "a.png", "alt": ""}
    attributes = parse.attributes(tag)
    assert [(a.name, a.value, text[a.start : a.end]) for a in attributes] == [
        ("src", "a.png", "SRC"),
        ("alt", "", "alt"),
        ("src", "b.png", "src"),
    ]


def test_element_spans_record_start_end_and_implicit_closing() -> None:
    text = "<div><p>one<p>two</div><span>open"
    parse = parse_fragment(text)
    by_text = {el.text: parse.spans(el) for el in parse.root.iter() if el.text}
    first, second, span = by_text["one"], by_text["two"], by_text["open"]
    assert first is not None and second is not None and span is not None
    assert first.start_tag is not None and text[first.start_tag.start :].startswith("<p>one")
    assert first.end_tag is None and first.closed_at == text.index("<p>two")
    assert second.closed_at == text.index("</div>")
    div = parse.spans(parse.root[0])
    assert div is not None and div.end_tag is not None
    assert text[div.end_tag.start : div.end_tag.end] == "</div>"
    assert span.closed_at is None


def test_implied_elements_have_no_start_tag() -> None:
    parse = parse_fragment("<table><tr><td>x</td></tr></table>")
    tbody = next(el for el in parse.root.iter("tbody"))
    spans = parse.spans(tbody)
    assert spans is not None and spans.start_tag is None


def test_masked_code_and_liquid_produce_no_errors() -> None:
    body = "```html\n</div>\n```\n\nUse `</b>` and {{ '</i>' }}.\n\n    </span>\n"
    doc, parse = post(body)
    assert parse.errors == ()
    assert parse.masked(doc.body_start, doc.body_start + 3)


def test_comments_have_spans() -> None:
    text = "<p>a<!-- newslint-disable HT001 -->b</p>"
    (comment,) = parse_fragment(text).comments
    assert text[comment.start : comment.end] == "<!-- newslint-disable HT001 -->"
    assert comment.data == " newslint-disable HT001 "


def test_invalid_code_points_are_reported_where_they_are() -> None:
    text = "<p>a\x01b</p>"
    (error,) = parse_fragment(text).errors
    assert (error.code, error.start, error.end) == ("invalid-codepoint", 4, 5)


def test_thirty_thousand_nested_divs_parse_whole() -> None:
    # Plain html5lib needs over a minute here; how long newslint takes is bench/'s to measure.
    depth = 30_000
    parse = parse_fragment("<div>" * depth + "x" + "</div>" * depth)
    assert parse.errors == ()
    assert len(parse.elements) == depth
    assert sum(1 for _ in parse.root.iter("div")) == depth


def test_unclosed_deep_nesting_reports_once() -> None:
    parse = parse_fragment("<div>" * 5_000)
    assert [e.code for e in parse.errors] == ["expected-closing-tag-but-got-eof"]


def test_a_long_single_line_is_linear() -> None:
    line = '<span class="x">word</span> ' * 40_000  # about 1.1 MB on one line
    parse = parse_fragment(line + "</b>")
    assert len(parse.tags) == 80_001
    (error,) = parse.errors
    assert (error.start, error.end) == (len(line), len(line) + 4)


def _summary(parse: HtmlParse) -> tuple[object, ...]:
    """Everything a rule can read from a parse, as plain values."""
    spans = [(s.start_tag, s.end_tag, s.closed_at) for s in parse.elements.values()]
    return parse.tags, parse.errors, spans, [el.text for el in parse.root.iter()]


def test_a_parse_does_not_depend_on_the_previous_one() -> None:
    # The parser is reused: none of these may leave state behind (a deep stack switches the
    # tree builder to counted scope checks; others end in text, table or raw-text modes).
    before = ["<div>" * 100, "<pre>", "<table>x", "<textarea>", "<b><p>x", "<p><i>x</p>"]
    probe = "\nlead<pre>\nkept</pre><table>y<tr><td>z</table><b>w</b><div><span>v</div>\n"
    alone = _summary(parse_fragment(probe))
    for earlier in before:
        parse_fragment(earlier)
        assert _summary(parse_fragment(probe)) == alone, earlier


def test_named_views_keep_source_order_across_names() -> None:
    parse = parse_fragment('<h2>a</h2><p>x</p><H1>b</h1><img src="i"><h2>c</h2><td>ignored')
    named = [(str(el.tag), tag.start) for el, tag in parse.authored_named("h1", "h2")]
    assert named == [("h2", 0), ("h1", 18), ("h2", 41)]
    assert [t.start for t in parse.start_tags_named("img")] == [28]
    assert [t.start for t in parse.start_tags_named("td", "p")] == [10, 51]  # also ignored ones
    assert parse.authored_named("td") == []  # the ignored <td> created no element
    assert parse.start_tags_named("table") == []


def test_frameset_ok_is_decided_as_html5lib_decides_it() -> None:
    # newslint tests whether text holds a character other than white space with str.strip,
    # instead of html5lib's list of every character; the parser must end in the same state.
    import html5lib
    from html5lib import treebuilders

    from newslint.html.parse import _parser

    texts = ("x", " \t\r\n\x0c", "\x00", "\xa0", "\x0b", " <p> </p>", "<pre>\n</pre>", "")
    for text in texts:
        stock = html5lib.HTMLParser(tree=treebuilders.getTreeBuilder("etree"))
        stock.parseFragment(text)
        parse_fragment(text)
        assert _parser().framesetOK == stock.framesetOK, repr(text)
