"""The Korean pack's Unicode hygiene (KO002 to KO006) on real text: exact spans and messages,
what is not text (code, tags, link targets, file names), and fixes that touch only the
characters at fault. Snippets are quoted from the shared corpus's Korean sites; the tests that
read the corpus itself skip when it is absent."""

# ruff: noqa: RUF001 - the text under test holds the full-width letters and curly quotes
from __future__ import annotations

import csv
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from newslint.api import lint_text
from newslint.config import FileSettings
from newslint.diagnostics import Applicability, Diagnostic
from newslint.fixer import Fixer
from tests.conftest import CORPUS, REPO, require_shared

RANKNEWS = CORPUS / "ranknews__ranknews.github.io" / "_posts"
FROWTH = CORPUS / "frowth-official__frowth-official.github.io" / "_posts"
ZW_WRAP = "it splits words for search and copying and changes where lines wrap; remove it"
EMPTY_LINE = (
    "a line holding only an invisible character (U+200B) is an empty paragraph that adds"
    " space; remove it"
)
NFD_TAIL = (
    "written as separate jamo (NFD, as macOS file names are), so search does not find it and"
    " some fonts show it apart; compose it"
)
NO_CLOSE = "in this paragraph: close the quote or remove the mark"
NO_OPEN = "in this paragraph: open the quote or remove the mark"


def lint(code: str, text: str, path: str = "_posts/2024-07-31-x.md") -> list[Diagnostic]:
    return lint_text(text, path, select=[code])


def spans(code: str, text: str, path: str = "_posts/2024-07-31-x.md") -> list[str]:
    """``L:C-L:C message`` of every ``code`` finding, in order."""
    return [
        f"{d.start.line}:{d.start.column}-{d.end.line}:{d.end.column} {d.message}"
        for d in lint(code, text, path)
    ]


def fixed(code: str, text: str, *, unsafe: bool = False) -> str:
    fixer = Fixer(FileSettings(), frozenset({code}), unsafe=unsafe)
    path = "_posts/2024-07-31-x.md"
    return fixer.fix(path, text, fixer.lint(path, text)).text


def post(title: str, body: str, *, excerpt: str | None = None) -> str:
    head = f"---\ntitle: {title}\n"
    if excerpt is not None:
        head += f"excerpt: >\n  {excerpt}\n"
    return head + "---\n" + body


# --- KO002 decomposed-hangul -------------------------------------------------------------

# ranknews 2024-08-02-4231: its title and a sentence of its body.
TITLE_4231 = "로또 당첨 비밀 하정우 손편지 공개!"
BODY_4231 = "<p>캡처하여 공유하며 “또 써드릴게요”라는 유쾌한 댓글을 남겼다.</p>\n"
LEAD_4231 = "<p>배우 하정우가 로또 당첨자에게 손편지를 써준 사연이 공개됐다.</p>\n"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_ko002_one_finding_per_line_spanning_its_decomposed_runs() -> None:
    text = post(nfd(TITLE_4231), nfd(BODY_4231) + LEAD_4231)
    title_end = 8 + len(nfd("로또 당첨 비밀 하정우 손편지 공개"))
    body_end = 4 + len(nfd("캡처하여 공유하며 “또 써드릴게요”라는 유쾌한 댓글을 남겼다"))
    assert spans("KO002", text) == [
        f"2:8-2:{title_end} decomposed Hangul (로또 당첨 비밀 하정우 손편지 공개): {NFD_TAIL}",
        f"4:4-4:{body_end} decomposed Hangul (캡처하여 공유하며 “또 써드릴게요”라는 유쾌한"
        f" 댓글을…): {NFD_TAIL}",
    ]
    assert fixed("KO002", text) == post(TITLE_4231, BODY_4231 + LEAD_4231)


def test_ko002_fix_composes_only_the_hangul_and_never_a_file_name() -> None:
    # An accent written as a combining mark is not Hangul; a decomposed file name in a link
    # target or src must stay as the file on disk is named.
    name = nfd("사진.png")
    body = (
        f"카페 cafe\u0301 {nfd('소식')}\n\n![사진](/assets/{name})\n\n"
        f'<img src="{name}" alt="사진 설명">\n'
    )
    text = post("한국어 제목입니다 오늘의 뉴스", body)
    assert [d.start.line for d in lint("KO002", text)] == [4]
    assert fixed("KO002", text) == post(
        "한국어 제목입니다 오늘의 뉴스",
        f'카페 cafe\u0301 소식\n\n![사진](/assets/{name})\n\n<img src="{name}" alt="사진 설명">\n',
    )


def test_ko002_alt_text_is_text_and_a_final_consonant_joins_its_syllable() -> None:
    text = post(
        "한국어 제목입니다 오늘의 뉴스", '<img src="a.png" alt="' + nfd("속보") + '">\n가\u11a8\n'
    )
    assert [(d.start.line, d.start.column, d.end.column) for d in lint("KO002", text)] == [
        (4, 23, 28),
        (5, 1, 3),
    ]
    assert fixed("KO002", text).endswith('alt="속보">\n각\n')


def test_ko002_a_whole_real_post_pasted_decomposed_composes_back_exactly() -> None:
    path = require_shared(RANKNEWS / "2024-07-31-3956.md")
    original = path.read_text(encoding="utf-8")
    # A post decomposed from end to end has no Hangul syllables left to tell its language by,
    # so this one says it is Korean (its site does not).
    original = original.replace("---\n", "---\nlang: ko\n", 1)
    pasted = nfd(original)
    lines_with_hangul = {
        n
        for n, line in enumerate(original.splitlines(), 1)
        if any("\uac00" <= c <= "\ud7a3" for c in line)
    }
    found = {d.start.line for d in lint("KO002", pasted, "_posts/2024-07-31-3956.md")}
    # every line with Hangul in what readers see: not the image line, whose only Hangul is in
    # nothing (its alt text is Latin)
    assert found and found <= lines_with_hangul
    assert 3 in found and 7 in found  # the title and the excerpt
    recomposed = fixed("KO002", pasted)
    assert lint("KO002", recomposed) == []
    assert unicodedata.normalize("NFC", recomposed) == unicodedata.normalize("NFC", original)


# --- KO003 invisible-character -----------------------------------------------------------


def test_ko003_zero_width_space_after_a_space_is_removed_safely() -> None:
    # ranknews 2024-07-29-3531, line 28
    body = "> 이러한 상황은 EBS가 \u200b정치적 종속성에 빠질 수 있다는 우려를 낳고 있습니다.\n"
    text = post("EBS 이사회 구성과 정치적 논란", body)
    found = lint("KO003", text)
    assert [f"{d.start.line}:{d.start.column} {d.message}" for d in found] == [
        f"4:16 invisible character zero-width space (U+200B): {ZW_WRAP}"
    ]
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.SAFE
    assert fixed("KO003", text) == text.replace("\u200b", "")


def test_ko003_inside_a_word_the_removal_is_unsafe() -> None:
    # frowth 2024-07-21-304: the character opens a bold span, next to the word it splits
    body = (
        '<b><span style="color: #21538527;">\u200b국무총리는 외국 의사 진료 허용 규정을'
        " 입법예고했다</span></b>\n"
    )
    text = post("외국 의사 진료 허용", body)
    (finding,) = lint("KO003", text)
    assert (finding.start.line, finding.start.column) == (4, 36)
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fixed("KO003", text) == text
    assert fixed("KO003", text, unsafe=True) == text.replace("\u200b", "")


def test_ko003_a_line_of_only_a_zero_width_space_is_an_empty_paragraph() -> None:
    # frowth 2024-06-17-53: Naver-style spacing between the blocks
    body = (
        '<h2>꽃눈 수의 관계</h2>\n\u200b\n<p data-ke-size="size16">꽃눈 분화를 거친다고'
        " 합니다.</p>\n\u200b\n"
    )
    assert spans("KO003", post("사과나무 꽃눈", body)) == [
        f"5:1-5:2 {EMPTY_LINE}",
        f"7:1-7:2 {EMPTY_LINE}",
    ]


def test_ko003_emoji_joiners_references_code_and_the_leading_bom_are_not_reported() -> None:
    # frowth 2024-07-21-333 and -243: emoji with VS16; ranknews 2024-08-05-4641: &#8203;
    text = (
        "\ufeff---\ntitle: 금고 건전성 ✔\ufe0f 강화\n---\n"
        "<p>전화번호는 ☎\ufe0f 1350이며, 가족 👨\u200d👩\u200d👧 모두 상담할 수"
        " 있습니다‼\ufe0f</p>\n"
        '<p data-ke-size="size16">&#8203;</p>\n\n`코드\u200b안` {{ "\u200b" }}\n'
    )
    assert lint("KO003", text) == []


def test_ko003_invisible_characters_in_front_matter_values_but_not_in_file_names() -> None:
    text = (
        "---\ntitle: 속보\u2060 정부 발표\ntags: [정책\u200b]\nimage: /a\u200b.jpg\n---\n"
        "<p>본문은 깨끗한 한국어 문장입니다.</p>\n"
    )
    assert [(d.start.line, d.start.column) for d in lint("KO003", text)] == [(2, 10), (3, 10)]


def test_ko003_a_variation_selector_after_hangul_selects_nothing() -> None:
    text = post("선택자 테스트 제목입니다", "<p>확인\ufe0f 완료한 한국어 문장입니다.</p>\n")
    assert [(d.start.line, d.start.column) for d in lint("KO003", text)] == [(4, 6)]


def test_ko003_no_fix_where_the_value_would_become_a_number() -> None:
    text = "---\ntitle: 2024\u200b\n---\n2024년 파리 올림픽 수영 경기 결과를 전합니다.\n"
    (finding,) = lint("KO003", text)
    assert (finding.start.line, finding.start.column, finding.fix) == (2, 12, None)


def test_ko003_a_front_matter_yaml_cannot_read_is_still_looked_at() -> None:
    # ranknews 2024-07-27-3376: "title: [파리 올림픽] 권총 …" is not YAML (a list, then text)
    text = (
        "---\ntitle: [파리 올림픽] 권총 10m\u200b 예선 통과\nimage: /a\u200b.jpg\n---\n"
        "<p>본문은 깨끗한 한국어 문장입니다.</p>\n"
    )
    assert [(d.start.line, d.start.column) for d in lint("KO003", text)] == [(2, 23)]


@pytest.mark.parametrize(
    ("char", "name", "why"),
    [
        (
            "\u202e",
            "right-to-left override",
            "it silently changes the direction of the text around it",
        ),
        ("\u3164", "Hangul filler", "it shows as a blank or a box depending on the font"),
        ("\u00ad", "soft hyphen", "it shows as a hyphen wherever a line happens to break there"),
    ],
)
def test_ko003_direction_fillers_and_soft_hyphens_are_unsafe_to_remove(
    char: str, name: str, why: str
) -> None:
    text = post("방향과 채움 문자", f"주문 번호는{char}한국어 문장입니다.\n")
    (finding,) = lint("KO003", text)
    code = f"U+{ord(char):04X}"
    assert finding.message == f"invisible character {name} ({code}): {why}; remove it"
    assert (finding.start.line, finding.start.column) == (4, 7)
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE


def test_ko003_the_real_posts_report_exactly_their_zero_width_lines() -> None:
    path = require_shared(FROWTH / "2024-06-17-53.md")
    found = lint("KO003", path.read_text(encoding="utf-8"), "_posts/2024-06-17-53.md")
    assert [d.start.line for d in found] == [20, 22, 39, 40, 42, 44, 46, 48, 50, 52, 54, 56]
    assert {d.message for d in found} == {EMPTY_LINE}


# --- KO004 replacement-character ---------------------------------------------------------


def test_ko004_replacement_characters_and_cp949_marks_have_no_fix() -> None:
    body = (
        '<p>사진 설명: 占쏙옙占쏙옙 기자가 전했다.</p>\n<img src="a.png" alt="정부 \ufffd 발표">\n'
    )
    text = post("정부 \ufffd\ufffd 발표 내용", body)
    found = lint("KO004", text)
    assert [f"{d.start.line}:{d.start.column}-{d.end.column}" for d in found] == [
        "2:11-13",
        "4:11-17",
        "5:26-27",
    ]
    assert all(d.fix is None for d in found)


def test_ko004_utf8_read_as_windows_1252_is_read_back() -> None:
    # The first sentence of ranknews 2024-07-31-3956, as a wrong decoding leaves it.
    sentence = "황선우 선수가 예선에서 열 번째로 준결승에 진출했다"
    # what a browser shows: Windows-1252, and Latin-1's controls for its five unassigned bytes
    garbled = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in sentence.encode("utf-8")
    )
    text = post("파리올림픽 남자 배영 예선 결과", f"<p>{garbled}.</p>\n")
    (finding,) = lint("KO004", text)
    assert finding.message.endswith(f"read as Latin-1/Windows-1252; it says {sentence}")
    assert (finding.start.column, finding.end.column) == (4, 4 + len(garbled))
    assert fixed("KO004", text, unsafe=True) == post(
        "파리올림픽 남자 배영 예선 결과", f"<p>{sentence}.</p>\n"
    )


def test_ko004_european_words_and_code_are_not_garbled_text() -> None:
    body = "뮐러(Müller), Ångström, Señor, naïve, Ærø 같은 외국어 표기입니다.\n\n`\ufffd` 코드\n"
    assert lint("KO004", post("외국어 표기와 코드 예시입니다", body)) == []


# --- KO005 fullwidth-alphanumeric --------------------------------------------------------


def test_ko005_the_excerpt_writes_200m_wide_where_the_body_writes_it_narrow() -> None:
    path = require_shared(RANKNEWS / "2024-07-31-3956.md")
    text = path.read_text(encoding="utf-8")
    found = lint("KO005", text, "_posts/2024-07-31-3956.md")
    message = "full-width ｍ after a number, where this post also writes m: write m, as elsewhere"
    assert [f"{d.start.line}:{d.start.column} {d.message}" for d in found] == [
        f"6:45 {message}",
        f"8:45 {message}",
    ]
    assert "200ｍ" not in fixed("KO005", text)


def test_ko005_agency_copy_that_writes_every_unit_wide_is_a_house_style() -> None:
    path = require_shared(RANKNEWS / "2024-08-09-5116.md")
    assert lint("KO005", path.read_text(encoding="utf-8"), "_posts/2024-08-09-5116.md") == []


def test_ko005_digits_and_words_mixed_with_half_width() -> None:
    body = "２０２４년 KTX-이음 수출 계약을 맺었다. 올해 7월에 ＫＴX가 출발한다. `ＡＢＣ`\n"
    assert spans("KO005", post("고속철도 ＫＴＸ-이음 첫 수출", body)) == [
        "2:13-2:16 full-width letters ＫＴＸ in a post that writes Latin letters half-width:"
        " write KTX",
        "4:1-4:5 full-width digits ２０２４ in a post that writes numbers half-width: write 2024",
        "4:33-4:35 full-width ＫＴ beside half-width letters or digits in the same word: write KT",
    ]


def test_ko005_no_fix_where_the_value_would_become_a_number() -> None:
    text = (
        "---\ntitle: ２０２４\nexcerpt: ２０２４년 올림픽\n---\n"
        "2024년 파리 올림픽 수영 경기 결과를 전합니다.\n"
    )
    found = lint("KO005", text)
    assert [(d.start.line, d.fix is None) for d in found] == [(2, True), (3, False)]


# --- KO006 unpaired-quote ----------------------------------------------------------------


def test_ko006_what_went_wrong_is_said_where_it_shows() -> None:
    # ranknews 2024-07-06-631, 2024-07-16-1836, 2024-08-07-4871; frowth 2024-07-21-393,
    # 2024-07-29-367 and 2024-07-21-365
    body = (
        "<p>장관은 ‘7월부터 할인행사를 지원한다”면서 말했다.</p>\n"
        "<p>부산진구에서 열린 '제9회 삼계탕 나눔’ 행사는 폭염에 지친 어르신을 위한 것이다.</p>\n"
        '<p>오일영은 “차입과 외부감축활동 인증이 도입됨으로써 가능해질 것"이라고'
        " 강조했습니다.</p>\n"
        "<p>SK는 <b>‘19년 조성 계획 발표</b> 이후 사업을 재개했다.</p>\n"
        "<p>조규홍 1차장은 “최선을 다할 것“이라고 강조했습니다.</p>\n\n"
        "- 세부정보: 자세한 프로그램은 ‘산림청 누리집에서 확인할 수 있습니다.\n"
    )
    assert spans("KO006", post("수산물 할인행사", body)) == [
        "4:24-4:25 closing ” does not match the opening ‘ before it: write ’ or “, so both are"
        " the same pair",
        "5:25-5:26 closing ’ pairs with a straight ' before it: write ‘ there",
        '6:9-6:10 opening “ is closed by a straight ": write ” there',
        "7:11-7:12 ‘ before a year (19) is an apostrophe typed the wrong way round: write ’19",
        "8:22-8:23 second opening “ where the quote should close: write ”",
        f"10:19-10:20 opening ‘ has no closing ’ {NO_CLOSE}",
    ]


def test_ko006_apostrophes_long_quotations_cut_excerpts_and_code_are_not_reported() -> None:
    body = (
        "<p>It’s the students’ choice, ’90s 감성, don’t.</p>\n\n"
        "“첫 문단은 닫지 않는 긴 인용입니다\n\n“둘째 문단에서 닫습니다.”\n\n"
        "`“코드` {{ '‘' }} <a title=\"“제목”\">링크</a> 「공공누리」 『토지』 《뉴스》 〈노래〉\n"
    )
    text = post(
        "“따옴표” 짝이 맞는 ‘제목’",
        body,
        excerpt="한덕수 국무총리는 11일 “대통령께서 투르크메니스탄, …",
    )
    assert lint("KO006", text) == []


def test_ko006_a_straight_quote_kramdown_curls_pairs_in_markdown_but_not_in_html() -> None:
    # frowth 2024-07-21-504 (a Markdown paragraph) and 2024-07-21-82 (a <p> block): kramdown
    # writes the straight quote of Markdown text as a curly one, and leaves HTML blocks alone.
    markdown = "‘고향올래' 사업은 지방소멸 위기를 반영한 공모 사업입니다.\n"
    html = "<p>‘숨은보험금' 혜택 누구나 받을 수 있는 기회입니다.</p>\n"
    assert spans("KO006", post("고향올래 사업 공모", markdown)) == []
    assert spans("KO006", post("숨은보험금 찾기", html)) == [
        "4:4-4:5 opening ‘ is closed by a straight ': write ’ there"
    ]


def test_ko006_the_title_is_a_paragraph_of_its_own() -> None:
    text = post(
        "“로또 당첨 비밀 하정우 손편지 공개!", "<p>그는 “또 써드릴게요”라는 댓글을 남겼다.</p>\n"
    )
    assert spans("KO006", text) == [f"2:8-2:9 opening “ has no closing ” {NO_CLOSE}"]


def test_ko006_a_closing_quote_the_generator_left_behind() -> None:
    path = require_shared(FROWTH / "2024-07-29-329.md")
    found = lint("KO006", path.read_text(encoding="utf-8"), "_posts/2024-07-29-329.md")
    assert [f"{d.start.line}:{d.start.column} {d.message}" for d in found] == [
        f"47:183 closing ” has no opening “ {NO_OPEN}"
    ]


# --- the labelled sample -----------------------------------------------------------------

SITES = (
    "ranknews__ranknews.github.io",
    "frowth-official__frowth-official.github.io",
    "DevStarSJ__DevStarSJ.github.io",
    "ruby__www.ruby-lang.org/ko",
)
LABELS = REPO / "bench" / "precision" / "labels-ko-unicode.tsv"


@pytest.mark.slow
def test_every_finding_on_the_korean_sites_is_labelled_and_precision_holds() -> None:
    require_shared(CORPUS / SITES[0])
    codes = "KO002,KO003,KO004,KO005,KO006"
    command = [sys.executable, "-m", "newslint", "--no-cache", "--select", codes, "--format"]
    done = subprocess.run(
        [*command, "json", *SITES], cwd=CORPUS, capture_output=True, text=True, check=False
    )
    found = {
        (d["path"], d["start"]["line"], d["code"]) for d in json.loads(done.stdout)["diagnostics"]
    }
    with Path(LABELS).open(encoding="utf-8", newline="") as stream:
        labels = {
            (row["path"], int(row["line"]), row["code"]): row["label"]
            for row in csv.DictReader(stream, delimiter="\t")
        }
    assert found <= set(labels), "label every finding"
    for code in codes.split(","):
        mine = [labels[key] for key in found if key[2] == code]
        if mine:
            assert mine.count("real") / len(mine) >= 0.9, code
