"""HT001: stray end tags are reported on the end tag as written, and only there, saying what the
reader sees: kramdown prints it as text in a Markdown post, browsers drop it in an HTML post."""

from __future__ import annotations

import pytest

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.document import Document
from newslint.rules.html.stray_end_tag import check
from tests.conftest import CORPUS, SEED, require_shared

PRINTED = "has nothing to close (stray end tag): kramdown prints it as text"
IGNORED = "has nothing to close (stray end tag): browsers ignore it"


def findings(text: str, path: str = "_posts/2024-01-01-x.md") -> list[str]:
    """HT001 on ``text`` as ``L:C-L:C message`` strings."""
    doc = Document.from_text(path, text)
    out = []
    for finding in check(RuleContext(doc, FileSettings())):
        start, end = doc.index.position(finding.start), doc.index.position(finding.end)
        out.append(f"{start.line}:{start.column}-{end.line}:{end.column} {finding.message}")
    return out


def test_seed_has_exactly_its_stray_bold_end_tag() -> None:
    assert findings(SEED.read_text(encoding="utf-8"), "_posts/seed.md") == [
        f"32:209-32:213 closing tag </b> {PRINTED}"
    ]


def test_uppercase_end_tag_with_space_is_quoted_as_written() -> None:
    assert findings("---\nt: 1\n---\n<p>a</SPAN >b</p>\n") == [
        f"4:5-4:13 closing tag </SPAN> {PRINTED}"
    ]


def test_in_an_html_post_browsers_ignore_it() -> None:
    assert findings("---\nt: 1\n---\n<p>a</SPAN >b</p>\n", "_posts/2024-01-01-x.html") == [
        f"4:5-4:13 closing tag </SPAN> {IGNORED}"
    ]


def test_what_takes_no_room_on_the_page_is_not_reported() -> None:
    # kramdown reads <p>…</p> as one HTML block and passes it on; the browser's <div> closes
    # the <p>, and its </p> makes an empty paragraph, which takes no room (labelled noise on
    # ranknews 2024-08-07-4946). The same holds for a </p> in an HTML post, for </param> and
    # </embed> in embed code, and for an end tag kramdown shows in a code sample as written
    # (haacked.com 2011-12-10: "&lt;script src=…> </script>" in a <pre><code>).
    assert findings("---\nt: 1\n---\n<p>a<div>x</div>b</p>\n") == []
    html = "_posts/2024-01-01-x.html"
    assert findings("---\nt: 1\n---\n<p>a <ul><li>x</li></ul> b</p>\n", html) == []
    embed = (
        '<object><param name="movie" value="/v.swf"></param><embed src="/v.swf"></embed></object>'
    )
    assert findings("---\nt: 1\n---\n" + embed + "\n", html) == []
    code = '<pre><code>&lt;script src="/q.js"> </script>\n</code></pre>\n'
    assert findings("---\nt: 1\n---\n" + code) == []
    # Printed by kramdown, the same tags are reported.
    assert findings("---\nt: 1\n---\nText ends </p>\n\n" + embed + "\n") == [
        f"4:11-4:15 closing tag </p> {PRINTED}",
        "6:44-6:52 closing tag </param> has nothing to close (stray end tag): <param> takes no"
        " closing tag; kramdown prints it as text",
        "6:72-6:80 closing tag </embed> has nothing to close (stray end tag): <embed> takes no"
        " closing tag; kramdown prints it as text",
    ]


def test_emoji_before_the_tag_counts_as_one_column() -> None:
    assert findings("---\nt: 1\n---\n<p>😀😀</i></p>\n") == [f"4:6-4:10 closing tag </i> {PRINTED}"]


def test_crlf_and_bom() -> None:
    text = "\ufeff---\r\ntitle: x\r\n---\r\n<p>\r\nline</em>\r\n</p>\r\n"
    assert findings(text) == [f"5:5-5:10 closing tag </em> {PRINTED}"]


def test_a_cell_closed_by_the_next_points_at_both() -> None:
    text = "---\nt: 1\n---\n<table><tr><td>a<td>b</td></td></tr></table>\n"
    doc = Document.from_text("_posts/x.html", text)
    (finding,) = check(RuleContext(doc, FileSettings()))
    assert doc.text[finding.start : finding.end] == "</td>"
    assert finding.message == (
        "closing tag </td> has nothing to close (stray end tag): <td> closed the <td> before it;"
        " browsers ignore it"
    )
    assert [(doc.text[o : o + 5], note) for o, note in finding.related] == [
        ("<td>a", "<td> opened here"),
        ("<td>b", "and closed here"),
    ]


def test_void_element_end_tag_has_its_own_message() -> None:
    html = "_posts/2024-01-01-x.html"
    assert findings("---\nt: 1\n---\n<p>a<br></br>b<img src=x></img></p>\n", html) == [
        "4:9-4:14 </br> is not a tag: browsers read it as <br>",
    ]
    assert findings("---\nt: 1\n---\n<p>a<br></br>b</p>\n") == [
        "4:9-4:14 </br> is not a tag (write <br>): kramdown prints it as text"
    ]


def test_stray_paragraph_and_div_end_tags() -> None:
    assert findings("---\nt: 1\n---\n</p>\n<div>x</div></div>\n") == [
        f"4:1-4:5 closing tag </p> {PRINTED}",
        f"5:13-5:19 closing tag </div> {PRINTED}",
    ]


def test_nothing_in_code_fences_inline_code_liquid_or_indented_code() -> None:
    body = (
        "```html\n</div>\n```\n\n"
        "Use `</b>` here.\n\n"
        "{% highlight html %}\n</span>\n{% endhighlight %}\n\n"
        "{{ '</b>' }}\n\n"
        "    </td>\n"
    )
    assert findings("---\nt: 1\n---\n" + body) == []


def test_the_end_tag_of_a_misspelt_element_is_left_to_ht037() -> None:
    text = '---\nt: 1\n---\n<p>See <aa href="/x">this</a> and <llinks>that</links>.</p>\n'
    doc = Document.from_text("_posts/2024-01-01-x.md", text)
    assert list(check(RuleContext(doc, FileSettings(), frozenset({"HT001", "HT037"})))) == []
    # Without HT037 the stray end tags are this rule's to report.
    assert [f.split(" has")[0] for f in findings(text)] == [
        "4:26-4:30 closing tag </a>",
        "4:47-4:55 closing tag </links>",
    ]


def test_document_end_tags_are_left_to_another_rule() -> None:
    assert findings("---\nt: 1\n---\n<p>x</p></body></html>\n") == []


def test_balanced_markup_is_clean() -> None:
    assert findings("---\nt: 1\n---\n<p>Results are <b>in</b>.</p>\n") == []


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        (
            "ranknews__ranknews.github.io/_posts/2024-07-01-86.md",
            [],  # the <td>s outside a table are HT014, which explains their </td>s
        ),
    ],
)
def test_corpus_defects_from_the_manifest(relative: str, expected: list[str]) -> None:
    text = require_shared(CORPUS / relative).read_text(encoding="utf-8")
    assert findings(text, relative) == expected
