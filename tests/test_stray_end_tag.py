"""HT001: stray end tags are reported on the end tag as written, and only there."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.document import Document
from newslint.rules.html.stray_end_tag import check

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_2b12c9455bb1ebb8.txt"
CORPUS = SHARED / "corpus"


def findings(text: str, path: str = "_posts/2024-01-01-x.md") -> list[str]:
    """HT001 on ``text`` as ``L:C-L:C message`` strings."""
    doc = Document.from_text(path, text)
    out = []
    for finding in check(RuleContext(doc, FileSettings())):
        start, end = doc.index.position(finding.start), doc.index.position(finding.end)
        out.append(f"{start.line}:{start.column}-{end.line}:{end.column} {finding.message}")
    return out


def read_shared(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"{path} is absent: put the shared data beside the repository to run this")
    return path.read_text(encoding="utf-8")


def test_seed_has_exactly_its_stray_bold_end_tag() -> None:
    assert findings(read_shared(SEED), "_posts/seed.md") == [
        "32:209-32:213 stray end tag </b>: no <b> is open here"
    ]


def test_uppercase_end_tag_with_space_is_quoted_as_written() -> None:
    assert findings("---\nt: 1\n---\n<p>a</SPAN >b</p>\n") == [
        "4:5-4:13 stray end tag </SPAN>: no <SPAN> is open here"
    ]


def test_emoji_before_the_tag_counts_as_one_column() -> None:
    assert findings("---\nt: 1\n---\n<p>😀😀</i></p>\n") == [
        "4:6-4:10 stray end tag </i>: no <i> is open here"
    ]


def test_crlf_and_bom() -> None:
    text = "\ufeff---\r\ntitle: x\r\n---\r\n<p>\r\nline</em>\r\n</p>\r\n"
    assert findings(text) == ["5:5-5:10 stray end tag </em>: no <em> is open here"]


def test_a_paragraph_closed_by_a_block_points_at_both() -> None:
    text = "---\nt: 1\n---\n<p>a<div>x</div>b</p>\n"
    doc = Document.from_text("_posts/x.md", text)
    (finding,) = check(RuleContext(doc, FileSettings()))
    assert doc.text[finding.start : finding.end] == "</p>"
    assert finding.message == "stray end tag </p>: no <p> is open here; <div> closed it before"
    assert [(doc.text[o : o + 5], note) for o, note in finding.related] == [
        ("<p>a<", "<p> opened here"),
        ("<div>", "and closed here"),
    ]


def test_void_element_end_tag_has_its_own_message() -> None:
    assert findings("---\nt: 1\n---\n<p>a<br></br>b<img src=x></img></p>\n") == [
        "4:9-4:14 </br> is not a tag: browsers read it as <br>",
        "4:26-4:32 stray end tag </img>: <img> is a void element and takes no end tag",
    ]


def test_stray_paragraph_and_div_end_tags() -> None:
    assert findings("---\nt: 1\n---\n</p>\n<div>x</div></div>\n") == [
        "4:1-4:5 stray end tag </p>: no <p> is open here",
        "5:13-5:19 stray end tag </div>: no <div> is open here",
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
    assert findings(read_shared(CORPUS / relative), relative) == expected
