"""HT001-HT014: parse errors reported once, on the construct the author must change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.fixer import apply_fixes
from newslint.rules import get_check
from tests.conftest import SEED

CODES = [f"HT{n:03d}" for n in range(1, 15)]
FRONT = "---\ntitle: t\n---\n"
HTML_POST = "_posts/2024-01-01-x.html"


def lint(text: str, codes: list[str] = CODES, path: str = "_posts/2024-01-01-x.md") -> list[str]:
    """Every HT001-HT014 finding on ``text`` as ``CODE L:C-L:C message``."""
    doc = Document.from_text(path, text)
    ctx = RuleContext(doc, FileSettings(), frozenset(codes))
    out = []
    for code in codes:
        for f in get_check(code)(ctx):
            s, e = doc.index.position(f.start), doc.index.position(f.end)
            out.append(f"{code} {s.line}:{s.column}-{e.line}:{e.column} {f.message}")
    return out


def fix(text: str, code: str, unsafe: bool = False, path: str = "_posts/2024-01-01-x.md") -> str:
    """``text`` with every fix of ``code`` applied once."""
    doc = Document.from_text(path, text)
    fixes = [
        f.fix
        for f in get_check(code)(RuleContext(doc, FileSettings()))
        if f.fix is not None and (unsafe or f.fix.applicability is Applicability.SAFE)
    ]
    return apply_fixes(text, fixes)[0]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<p>한국어 <b>굵게</p>\n",
            [
                "HT002 4:8-4:11 <b> is never closed: kramdown prints </p> as text"
                " and the rest of the post is bold"
            ],
        ),
        (
            "<p>😀<b><i>x</b></i></p>\n",
            [
                "HT003 4:12-4:20 </b> closes <i> before its own </i> (misnested tags);"
                " kramdown prints </b> as text"
            ],
        ),
        (
            "<p>😀<span><b>x</span> y</b></p>\n",
            [
                "HT003 4:15-4:22 </span> closes <b> before its own </b> (misnested tags);"
                " kramdown prints </span> as text"
            ],
        ),
        (
            '<img src="b" alt="" src="a">\n',
            [
                'HT004 4:21-4:28 src="a" repeats an attribute of <img> (duplicate attribute):'
                ' kramdown keeps the last, src="a"'
            ],
        ),
        (
            '<p>한글 <a href="/x"title="y">z</a></p>\n',
            [
                'HT005 4:10-4:19 no space after href="/x": separate attributes on <a>;'
                " kramdown prints the tag as text"
            ],
        ),
        (
            "<p>한글</b이라며 더 <b>x</b></p>\n",
            [
                "HT006 4:6-4:14 </b이라며 더 is missing its '>' (unterminated tag):"
                " kramdown prints it as text"
            ],
        ),
        (
            "<p>😀<span/>x</p>\n",
            ["HT007 4:5-4:12 <span/> does not close itself in HTML: <span> stays open"],
        ),
        (
            "<p>한글&8217;</p>\n",
            [
                'HT008 4:6-4:12 "&8217;" names no character, so readers see it as written:'
                " write &#8217;"
            ],
        ),
        (
            "<p>😀&nbsp x</p>\n",
            [
                'HT009 4:5-4:10 "&nbsp" has no ";": kramdown shows it as written,'
                " not as a no-break space; write &nbsp;"
            ],
        ),
        (
            "<p>한글 <귀농 다큐></p>\n",
            [
                'HT010 4:7-4:14 kramdown reads "<귀농 다큐>" as a tag,'
                ' so readers see <귀농 다큐="">: write &lt;'
            ],
        ),
        (
            "<p>😀</p>\n<!-- 초안\n<p>b</p>\n",
            [
                'HT011 5:1-5:5 comment opened with "<!--" is never closed:'
                " kramdown prints it as text"
            ],
        ),
        (
            "<p>x</p></body>\n",
            [
                "HT012 4:9-4:16 kramdown prints </body> on the page as text:"
                " the layout writes the document; remove it"
            ],
        ),
        ("<p>한\x08</p>\n", ["HT013 4:5-4:6 control character U+0008: remove it"]),
        (
            "<p>😀</p><td>x</td>\n",
            [
                "HT014 4:9-4:13 <td> outside a <table> (misplaced content):"
                " browsers ignore it and its end tag"
            ],
        ),
    ],
)
def test_one_finding_with_an_exact_span(body: str, expected: list[str]) -> None:
    assert lint(FRONT + body) == expected


def test_a_name_in_the_wrong_case_is_taken_for_its_lower_case_name() -> None:
    # "amp" and "AMP" are both names; "Amp" is neither, and is one letter from "mp".
    assert lint(FRONT + "Tom &Amp; Jerry\n", ["HT008"]) == [
        'HT008 4:5-4:10 "&Amp;" names no character, so readers see it as written:'
        " did you mean &amp;?"
    ]


def test_crlf_positions_and_fix_keep_every_other_byte() -> None:
    text = "\ufeff---\r\ntitle: t\r\n---\r\n<p>a &y;\r\n<b>x</p>\r\n&y</i>\r\n"
    assert lint(text, path=HTML_POST) == [
        "HT001 6:3-6:7 closing tag </i> has nothing to close (stray end tag): browsers ignore it",
        "HT002 5:1-5:4 <b> is never closed: browsers reopen it after </p> (once), "
        "so its formatting runs on after it",  # "&y" is bold
        'HT008 4:6-4:9 "&y;" names no character, so readers see it as written:'
        " write &amp;y; to keep the text",
    ]
    assert (
        fix(text, "HT001", path=HTML_POST)
        == "\ufeff---\r\ntitle: t\r\n---\r\n<p>a &y;\r\n<b>x</p>\r\n&y\r\n"
    )
    assert fix(text, "HT002", unsafe=True, path=HTML_POST).endswith("<b>x</b></p>\r\n&y</i>\r\n")


def test_nothing_is_reported_inside_code_or_liquid() -> None:
    body = "Write `<b><i>x</b></i> & <3` or {{ '</p> &x' }}:\n\n```html\n<p =x><!-- a\n```\n"
    assert lint(FRONT + body) == []


def test_misnesting_is_not_also_a_stray_end_tag() -> None:
    assert [f.split()[0] for f in lint(FRONT + "<p><b><i>x</b></i></p>\n")] == ["HT003"]


def test_fixes_reorder_close_and_escape() -> None:
    assert fix(FRONT + "<b><i>x</b></i>\n", "HT003", unsafe=True) == FRONT + "<b><i>x</i></b>\n"
    assert (
        fix(FRONT + "<li><b><i>x</li>\n", "HT002", unsafe=True)
        == FRONT + "<li><b><i>x</i></b></li>\n"
    )
    body = "<p>a & b &c &region=1 R&eacutemi</p>\n"
    assert fix(FRONT + body, "HT008", path=HTML_POST) == FRONT + body.replace("&reg", "&amp;reg")
    assert fix(FRONT + body, "HT009", path=HTML_POST) == FRONT + body.replace("cute", "cute;")
    assert lint(FRONT + '<img alt="" width=1 width=1>\n', ["HT004"]) == []  # the same value


def test_a_numeric_reference_that_lost_its_hash_is_fixed_whole() -> None:
    # haacked.com 2006-01-17: "I\\#&8217;ll", the "#" of "&#8217;" escaped for Markdown before it
    assert lint(FRONT + "I\\#&8217;ll\n", ["HT008"]) == [
        'HT008 4:2-4:10 "\\#&8217;" names no character, so readers see it as written: write &#8217;'
    ]
    assert fix(FRONT + "I\\#&8217;ll\n", "HT008") == FRONT + "I&#8217;ll\n"


def test_kramdown_escapes_what_browsers_would_decode() -> None:
    # kramdown writes &amp; and &lt; for a bare "&" or "<" in Markdown text and in HTML blocks
    # alike, so a Markdown post shows "?lang=ko&region=kr" as written; an .html post reaches the
    # browser as written, which shows "?lang=ko®ion=kr". "&c" and "<3" are shown as written.
    body = "Fish & chips < 5, ?lang=ko&region=kr\n\n<div>Fish &c <3 ?lang=ko&region=kr</div>\n"
    assert lint(FRONT + body, ["HT008", "HT010"]) == []
    region = (
        '"&region" in text shows as "®ion": browsers read "&reg" as a character reference;'
        " write &amp;region"
    )
    assert lint(FRONT + body, ["HT008", "HT010"], path=HTML_POST) == [
        f"HT008 4:27-4:31 {region}",
        f"HT008 6:25-6:29 {region}",
    ]


def test_seed_diff_removes_only_the_stray_bold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "seed.txt"
    shutil.copyfile(SEED, post)
    main(["--diff", "--no-cache", "--select", "HT001", str(post)])
    lines = capsys.readouterr().out.splitlines()
    removed = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 1
    before, after = removed[0][1:], added[0][1:]
    assert before[208:212] == "</b>" and after == before[:208] + before[212:]
    assert post.read_bytes() == SEED.read_bytes()


def related_of(
    text: str, code: str, path: str = "_posts/2024-01-01-x.md"
) -> list[list[tuple[str, str]]]:
    """Each finding's related locations of ``code`` as (``L:C``, note)."""
    doc = Document.from_text(path, text)
    out = []
    for f in get_check(code)(RuleContext(doc, FileSettings())):
        spots = [(doc.index.position(at), note) for at, note in f.related]
        out.append([(f"{p.line}:{p.column}", note) for p, note in spots])
    return out


def test_unclosed_formatting_element_that_browsers_reopen_says_so() -> None:
    text = FRONT + "<ul>\n<li><b>속보:</li>\n<li>둘째 😀</li>\n</ul>\n<p>뒤</p>\n"
    assert lint(text, ["HT002"], path=HTML_POST) == [
        "HT002 5:5-5:8 <b> is never closed: browsers reopen it after </li> (2 times), "
        "so its formatting runs on after it"
    ]
    assert related_of(text, "HT002", HTML_POST) == [
        [("5:11", "</li> closes <b> here"), ("5:16", "browsers reopen <b> here")]
    ]
    # Closed where the parser closed it, nothing is reopened and HT002 is satisfied.
    fixed = fix(text, "HT002", unsafe=True, path=HTML_POST)
    assert "<li><b>속보:</b></li>" in fixed
    assert lint(fixed, ["HT002"], path=HTML_POST) == []


def test_in_markdown_the_unclosed_element_says_what_kramdown_does() -> None:
    # kramdown closes only the innermost element: </li> and </ul> are printed, and the <ul>
    # block, with everything after it, stays inside the <b>.
    text = FRONT + "<ul>\n<li><b>속보:</li>\n<li>둘째 😀</li>\n</ul>\n<p>뒤</p>\n"
    assert lint(text, ["HT002"]) == [
        "HT002 5:5-5:8 <b> is never closed: kramdown prints </li> as text"
        " and the rest of the post is bold"
    ]
    # In Markdown text kramdown ends it with the paragraph, where the fix closes it.
    text = FRONT + "Read <b>this part <i>carefully.\n\nThe next paragraph.\n"
    assert lint(text, ["HT002"]) == [
        "HT002 4:6-4:9 <b> is never closed: the rest of the paragraph is bold",
        "HT002 4:19-4:22 <i> is never closed: the rest of the paragraph is italic",
    ]
    assert fix(text, "HT002", unsafe=True) == FRONT + (
        "Read <b>this part <i>carefully.</i></b>\n\nThe next paragraph.\n"
    )


def test_a_second_start_tag_meant_as_the_end_tag_is_one_finding() -> None:
    # frowth-official 2024-07-14-195: every highlighted lead is "<b><span>…</span><b>".
    lead = '<b><span style="color: #1a5490;">유보통합 실행계획</span><b> 0세부터\n\n'
    text = FRONT + lead + "<h2>둘째</h2>\n\n" + lead
    message = (
        "<b> where </b> was meant: as written, <b> is opened twice and never closed;"
        " the rest of the paragraph is bold"
    )
    assert lint(text, ["HT002"]) == [
        f"HT002 4:50-4:53 {message}",
        f"HT002 8:50-8:53 {message}",
    ]
    assert related_of(text, "HT002") == [[("4:1", "the first <b>")], [("8:1", "the first <b>")]]
    assert fix(text, "HT002", unsafe=True) == text.replace("</span><b>", "</span></b>")


def test_a_placeholder_is_left_to_ht037_and_never_paired() -> None:
    text = FRONT + "<p>Set <max_hosts> here or <max_hosts> there.</p>\n"
    assert lint(text, ["HT002", "HT037"]) == [
        "HT037 4:8-4:19 <max_hosts> is not an HTML element (2 times), so browsers do not show it;"
        " if it is text, write &lt;max_hosts>"
    ]
    # Without HT037, HT002 reports each, as what it is: no <b>…<b> pair.
    alone = lint(text, ["HT002"])
    assert len(alone) == 2 and all("<max_hosts> is never closed" in f for f in alone)


def test_an_element_closed_for_good_is_not_said_to_be_reopened() -> None:
    text = FRONT + "<div><span>x</div>\n<p>y</p>\n"
    assert lint(text, ["HT002"], path=HTML_POST) == [
        "HT002 4:6-4:12 <span> is never closed: </div> closes it"
    ]


def test_a_name_repeated_in_a_post_is_one_finding_whose_fix_takes_every_tag() -> None:
    # An XML example in every row of a table: one finding, 400 places, 800 tags written as text.
    rows = "".join(f"| {n} | from_xml <who>Author {n}</who> |\n" for n in range(1, 401))
    text = FRONT + "| # | Example |\n|--:|--------|\n" + rows
    doc = Document.from_text("_posts/2013-03-13-release-notes.md", text)
    (finding,) = get_check("HT037")(RuleContext(doc, FileSettings()))
    assert doc.text[finding.start : finding.end] == "<who>"
    assert "(400 times)" in finding.message
    assert len(finding.related) == 399
    assert finding.fix is not None and len(finding.fix.edits) == 800
    fixed = fix(text, "HT037", unsafe=True, path="_posts/2013-03-13-release-notes.md")
    assert "| 400 | from_xml &lt;who>Author 400&lt;/who> |" in fixed


def test_wrappers_of_whole_cells_or_lines_are_left_alone() -> None:
    # scala-lang release notes: <notextile> around every author of a table (600 times); a
    # generator's <c> around paragraphs. Readers see everything inside.
    rows = "".join(f"| {n} | <notextile>Author {n}</notextile> |\n" for n in range(1, 401))
    text = FRONT + "| # | Author |\n|--:|--------|\n" + rows + "\n<c>A paragraph.</c>\n"
    doc = Document.from_text("_posts/2013-03-13-release-notes.md", text)
    assert list(get_check("HT037")(RuleContext(doc, FileSettings()))) == []


def test_a_missing_quote_is_one_finding_where_the_quote_is_missing() -> None:
    # The value runs on to the next quote: no attribute-syntax, unknown-element, unclosed or
    # stray end tag finding for what it swallowed.
    body = '<p>See <a href="https://x.kr/report>the report</a> and the "best" part.</p>\n'
    swallowed = 'href="https://x.kr/report has no closing quote (missing quote)'
    assert lint(FRONT + body, [*CODES, "HT037"], path=HTML_POST) == [
        f'HT006 4:11-4:36 {swallowed}: browsers hide "the report</a> and the" in the attribute'
    ]
    assert lint(FRONT + body, [*CODES, "HT037"]) == [
        f"HT006 4:11-4:36 {swallowed}: kramdown prints the tag as text"
    ]
    assert lint(FRONT + '<p>x <a href="/y>link</a> rest\n', path=HTML_POST) == [
        'HT006 4:9-4:17 href="/y has no closing quote (missing quote): the rest of the post is'
        " hidden"
    ]


def test_an_end_tag_that_lost_its_bracket_leaves_its_element_to_ht006() -> None:
    # ranknews 2024-07-30-3706: "</b라는" is one defect, the <b> it should close is not another.
    body = "<p>북한의 <b>도발</b라는 점을 강조했습니다.</p>\n\n<p>다음</p>\n"
    assert lint(FRONT + body, path=HTML_POST) == [
        "HT006 4:13-4:29 </b라는 점을 강조했습니다. is missing its '>' (unterminated tag): browsers"
        " hide the text up to the next '>', so <b> is never closed"
    ]


def test_several_problems_in_one_tag_are_one_finding() -> None:
    body = "<p><img src=http://a.kr/x b/c/d/e alt=x></p>\n"
    assert lint(FRONT + body, ["HT005"], path=HTML_POST) == [
        "HT005 4:28-4:33 '/' inside <img>: it belongs to no attribute (3 problems in this tag)"
    ]


def test_block_tags_in_markdown_text_are_one_finding_per_paragraph() -> None:
    # frowth-official 2024-06-12-26 and a hundred more: the newsdao footer is run into the last
    # paragraph, and kramdown prints its <p> and </p> as text.
    body = (
        '보입니다.<p>빠르고 정확한 뉴스를 원한다면? <a href="https://newsdao.kr">뉴스다오</a></p>\n'
    )
    assert lint(FRONT + body, ["HT001", "HT014"]) == [
        "HT014 4:6-4:9 <p> inside a paragraph of Markdown text (misplaced content): kramdown"
        " prints it as text, with its end tag; start it on a line of its own"
    ]
    # kramdown passes {::nomarkdown} on as written, and a line starting with </a> goes on with
    # the paragraph; a bare <main> in prose shows as typed.
    body = (
        "| x | {::nomarkdown}<ul><li>one</li></ul>{:/} |\n\n"
        '<a href="/x.png">\n  <img alt="" src="/x.png">\n</a>\n\n'
        "The trace ends in <main> here.\n"
    )
    assert lint(FRONT + body, ["HT001", "HT003", "HT014"]) == []


def test_an_end_tag_kramdown_cannot_match_is_reported_once_for_its_cause() -> None:
    # ranknews 2024-08-02-4226: "<p></ul></p>" after a list; kramdown prints </ul> (its <p> is
    # open), and the <ul> runs on. The stray </p> makes no room on the page: not reported.
    body = "<ul>\n\n<li>x</li>\n\n<p></ul></p>\n\n<p>after</p>\n"
    assert lint(FRONT + body, ["HT001", "HT003"]) == [
        "HT003 8:4-8:9 </ul> comes before the end of the <p> opened inside it (misnested tags);"
        " kramdown prints </ul> as text"
    ]
    assert lint(FRONT + body, ["HT001", "HT003"], path=HTML_POST) == []
