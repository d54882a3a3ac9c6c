"""Rule behaviour settled by comparing newslint with the Nu Html Checker (bench/vnu_agreement.py).

Each case is text from the corpus where the two tools disagreed; the findings, their spans and
their related locations are checked exactly (columns in code points).
"""

from __future__ import annotations

import pytest

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.document import Document
from newslint.rules import get_check

FRONT = "---\ntitle: t\n---\n"


def lint(body: str, code: str) -> list[str]:
    """``code``'s findings on the post ``body`` as ``L:C-L:C message [L:C note, ...]``."""
    doc = Document.from_text("_posts/2024-07-21-x.md", FRONT + body)
    out = []
    for f in get_check(code)(RuleContext(doc, FileSettings())):
        s, e = doc.index.position(f.start), doc.index.position(f.end)
        notes = [
            f"{doc.index.position(at).line}:{doc.index.position(at).column} {note}"
            for at, note in f.related
        ]
        out.append(f"{s.line}:{s.column}-{e.line}:{e.column} {f.message} {notes}")
    return out


def test_unterminated_tag_points_at_the_tag_it_swallows() -> None:
    # frowth-official 2024-07-21-489: vnu reports the run-on tag two lines down, at the <p> whose
    # ">" ends it; newslint's finding starts at "</b고" and names that <p> as related.
    body = (
        '<p>😀 윤 대통령은 <b><span style="background-color: #21538527;">이 안타까운 기억을 잊지 '
        "않도록 해야 한다는 강한 메시지를 전달했다</span></b고 전했습니다.\n"
        "\n"
        '<p data-ke-size="size16">&nbsp;</p>\n'
    )
    assert lint(body, "HT006") == [
        "4:103-4:114 </b고 전했습니다. is missing its '>' (unterminated tag): kramdown prints it as"
        " text, so <b> is never closed and the rest of the post is bold"
        " ['4:13 <b> opened here', '6:1 <p> here is swallowed with it']"
    ]


def test_unterminated_tag_before_text_that_starts_no_tag_has_no_related() -> None:
    body = "<p>정신적 안정</b리가 중요합니다 a <3 b>.</p>\n"
    assert lint(body, "HT006") == [
        "4:10-4:23 </b리가 중요합니다 a is missing its '>' (unterminated tag):"
        " kramdown prints it as text []"
    ]


def test_ignored_cells_point_at_their_end_tags() -> None:
    # ranknews 2024-07-23-2746: table rows pasted into a <p>; vnu reports the stray </tr> on
    # its own line, which newslint gives as a related location of the ignored rows and cells,
    # one finding for the pasted table.
    body = (
        "<p><tr>\n"
        '  <td style="text-align: center; height: 17px;"><b>해리스의 대북 정책</b></td>\n'
        "</tr></p>\n"
    )
    assert lint(body, "HT014") == [
        "4:4-4:8 <tr>, <td> outside a <table> (2 tags, misplaced content): browsers ignore them,"
        " so the cells' text runs together"
        " ['5:3 <td> here too', '5:66 </td> ignored too', '6:1 </tr> ignored too']",
    ]


def test_ignored_cell_followed_by_another_has_no_end_tag_of_its_own() -> None:
    body = "<ul><td>가<td>나</td></ul>\n"
    assert lint(body, "HT014") == [
        "4:5-4:9 <td> outside a <table> (2 tags, misplaced content): browsers ignore them,"
        " so the cells' text runs together ['4:10 <td> here too', '4:15 </td> ignored too']",
    ]


@pytest.mark.parametrize(
    "body",
    [
        # haacked 2008-11-10: the standard allows "--" inside a comment (vnu: no error).
        ">         <!-- another -- -- comment -->\n",
        "<!-- 초안 --->\n<p>x</p>\n",
        "<!-- 😀 a --!b -->\n",
    ],
)
def test_dashes_inside_a_comment_are_allowed(body: str) -> None:
    assert lint(body, "HT011") == []


def test_nested_comment_is_reported_at_the_inner_opening() -> None:
    body = "<p>😀 한국어 <!-- 초안: <!-- 이전 --> 남은 글 --></p>\n"
    assert lint(body, "HT011") == [
        '4:19-4:23 "<!--" inside a comment: the first "-->" ends both []'
    ]


def test_bang_close_is_still_reported() -> None:
    assert lint("<!-- 메모 --!>\n", "HT011") == [
        '4:9-4:13 comment closed with "--!>": write "-->"; kramdown prints it as text []'
    ]


def test_what_kramdown_shows_as_written_is_not_reported() -> None:
    # frowth-official 2024-07-29-359: a <p> without its </p> starts a raw HTML block that
    # kramdown runs to the end of the post. vnu reports the "<" of "<총괄>" and nothing of "R&D";
    # kramdown writes "R&amp;D" and reads "<총괄>" as a tag, which it writes back as it was and
    # which browsers show as text (its end tag, which kramdown adds, they hide): readers see
    # both as written.
    body = (
        '<p data-ke-size="size16">정부의 계획은 **관문 도시**로\n'
        "\n"
        '<p data-ke-size="size16">&nbsp;</p>\n'
        "\n"
        "문의 및 상담 : <총괄>국토교통부 R&D 항공정책과\n"
    )
    assert lint(body, "HT010") == []
    assert lint(body, "HT008") == []


def test_a_tag_kramdown_reads_in_angle_brackets_is_reported_where_it_shows() -> None:
    # The same "<총괄>" before an end tag of an element opened before it: kramdown prints that
    # end tag as text. In Markdown text, "R&D" and "< 5%" are kramdown's to escape.
    body = "<b>R&D 예산 < 5%</b>\n\n<center>R&D <총괄> 예산</center>\n"
    assert lint(body, "HT010") == [
        '6:13-6:17 kramdown reads "<총괄>" as a tag, so the "</center>" after it shows as text:'
        " write &lt; []"
    ]
    assert lint(body, "HT008") == []
