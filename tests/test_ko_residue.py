"""The residue of generated news (KO011-KO014), on snippets of the shared corpus's Korean sites.

The snippets are short passages of ranknews, frowth-official and ruby-lang.org/ko posts; the
slow test lints those sites and checks that every finding of the four rules is where
``bench/precision/labels-ko-residue.tsv`` and the counts of the report expect it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newslint.config import FileSettings
from newslint.document import Document
from newslint.engine import lint_document
from tests.conftest import REPO
from tests.ko_corpus import corpus_findings, read_labels

LABELS = REPO / "bench" / "precision" / "labels-ko-residue.tsv"


def lint(text: str, code: str, path: Path | None = None, name: str = "_posts/a.md") -> list[str]:
    doc = Document.from_text(name, text)
    found = lint_document(doc, FileSettings(path=path), frozenset({code}))
    return [
        f"{d.code} {d.start.line}:{d.start.column}-{d.end.line}:{d.end.column} {d.message}"
        for d in found
    ]


# --- KO011 empty-section ------------------------------------------------------------------

EMPTY_AFTER = (
    "the section under the heading '{}' holds nothing but empty space before the next heading"
    " '{}': readers see a heading with nothing under it; write the section or remove the heading"
)


def test_heading_over_a_spacer_paragraph() -> None:
    # frowth-official 2024-07-21-118: the lead h2 has only <p>&nbsp;</p> before the next h2
    text = (
        "---\ntitle: 정부 개원의 업무개시명령 진료취소 고발!\n---\n"
        '<h2 data-ke-size="size26">조규홍 보건복지부 장관의 의사 집단행동 대응 발표</h2>\n'
        '<p data-ke-size="size16">&nbsp;</p>\n'
        '<h2 data-ke-size="size26">의료공백 대처 방안</h2>\n'
        '<p data-ke-size="size16">&nbsp;</p>\n'
        "조규홍 보건복지부 장관은 의사 집단행동에 대한 긴급 대응 방안을 발표했다.\n"
    )
    heading = "조규홍 보건복지부 장관의 의사 집단행동 대응 발표"
    assert lint(text, "KO011") == [
        "KO011 4:1-4:59 " + EMPTY_AFTER.format(heading, "의료공백 대처 방안")
    ]


def test_empty_subsection_of_a_release_note() -> None:
    # ruby-lang.org/ko 2023-05-12: "### 언어" left empty before the next "##"
    text = (
        "---\ntitle: Ruby 3.3.0-preview1 릴리스\n---\n"
        "## 그 이외의 주목할 만한 새 기능\n\n### 언어\n\n\n\n## 성능 향상\n\n"
        "* `defined?(@ivar)`가 객체 형상에 맞게 최적화되었습니다.\n"
    )
    assert lint(text, "KO011") == ["KO011 6:1-6:7 " + EMPTY_AFTER.format("언어", "성능 향상")]


def test_kramdown_reads_a_heading_line_after_a_heading_as_text() -> None:
    # frowth-official 2024-06-12-113: kramdown prints "## 동반 성장", right under "## 주요 내용",
    # as text of a paragraph, so "주요 내용" has text under it
    text = (
        "---\ntitle: 북 도발 협의, 윤 대통령과 아프리카의 결단\n---\n"
        "## 주요 내용\n## 동반 성장\n윤 대통령은 동반 성장을 위해 협정 속도를 높이자고 했다.\n\n"
        "## 지속 가능성\n윤 대통령은 지속 가능성을 강조했다.\n"
    )
    assert lint(text, "KO011") == []


def test_a_stack_of_heading_lines_is_no_section() -> None:
    # frowth-official 2024-07-29-506: a footer written as <h4> lines, one under the other
    text = (
        "---\ntitle: 대형재난에 소방역량 총동원\n---\n<p>소방청은 목표를 가지고 있다.</p>\n<hr>\n\n"
        "<h4>문의 : 소방청 기획재정담당관(044-205-7212)</h4>\n"
        "<h4>자료출처: 정책브리핑 https://www.korea.kr</h4>\n<h4>기사작성: 관리자</h4>\n"
    )
    assert lint(text, "KO011") == []


def test_code_and_liquid_are_content() -> None:
    text = (
        "---\ntitle: 코드 예제\n---\n## 설치\n\n```\n<p>&nbsp;</p>\n```\n\n## 설정\n\n"
        "{% include note.html %}\n\n## 끝\n\n본문\n"
    )
    assert lint(text, "KO011") == []


# --- KO012 placeholder-text ---------------------------------------------------------------


def test_blanks_of_a_contact_table() -> None:
    # frowth-official 2024-07-21-15 and ranknews 2024-07-10-1112
    text = (
        "---\ntitle: 층간소음 자가측정 무료 대여\nlang: ko\n---\n"
        '<p data-ke-size="size16"><b>이웃사이센터</b>: [이메일 주소]</p>\n'
        '<td style="text-align: center; height: 17px;">02-xxx-xxxx</td>\n'
    )
    blank = (
        "'{}' is a blank of the template that was never filled in: readers see the blank"
        " instead of the content; write what belongs there or remove it"
    )
    assert lint(text, "KO012") == [
        "KO012 5:41-5:49 " + blank.format("[이메일 주소]"),
        "KO012 6:47-6:58 " + blank.format("02-xxx-xxxx"),
    ]


def test_placeholder_images_and_links() -> None:
    # ranknews 2024-07-13-1454, frowth-official 2024-07-29-9 and 2024-07-21-58
    text = (
        "---\ntitle: 윤 대통령 방미 사진\nlang: ko\n---\n"
        '<td style="text-align: center;"><img src="https://via.placeholder.com/150" '
        'alt="윤석열 대통령" width="150" height="150" /></td>\n'
        '<img src="image-url" alt="임영웅" />\n'
        '    <li><a href="https://example1.com">복지로</a></li>\n'
    )
    assert lint(text, "KO012") == [
        "KO012 5:43-5:74 the image comes from a placeholder service (via.placeholder.com):"
        " readers see a stand-in box instead of the photo; put in the real image or remove it",
        "KO012 6:11-6:20 the image address 'image-url' is a blank of the template that was never"
        " filled in: readers see a broken image; put in the real image's address or remove it",
        "KO012 7:18-7:38 the link address 'https://example1.com' is a blank of the template that"
        " was never filled in: readers who follow it find nothing; put in the real address or"
        " remove the link",
    ]


def test_cloudflare_hid_the_address() -> None:
    # frowth-official 2024-08-07-139
    text = (
        "---\ntitle: 공모전\n---\n"
        "<li>공모전 운영사무국: 070-7819-0043, 이메일: [email protected]</li>\n"
    )
    assert lint(text, "KO012") == [
        "KO012 4:36-4:53 '[email protected]' is what Cloudflare shows in place of an e-mail"
        " address it hides: the address was lost when the page was copied; put the real address"
        " back"
    ]


def test_instructions_lorem_and_a_blank_image_key() -> None:
    text = (
        "---\ntitle: 여름철 폭염 대비 요령\nlang: ko\n"
        "image: https://example.com/your-image-source.jpg\n---\n"
        "<p>여기에 기관 연락처를 입력하세요.</p>\n<p>Lorem ipsum dolor sit amet.</p>\n"
        '<figure><img src="your-image-source.jpg"><figcaption>(사진 설명)</figcaption></figure>\n'
    )
    blank = (
        "'{}' is a blank of the template that was never filled in: readers see the blank"
        " instead of the content; write what belongs there or remove it"
    )
    image = (
        "the image address '{}' is a blank of the template that was never filled in: readers"
        " see a broken image; put in the real image's address or remove it"
    )
    assert lint(text, "KO012") == [
        "KO012 4:8-4:49 " + image.format("https://example.com/your-image-source.j…"),
        "KO012 6:4-6:21 '여기에 기관 연락처를 입력하세요' is an instruction of the template,"
        " not news: readers see it as the post's text; write what belongs there or remove it",
        "KO012 7:4-7:15 " + blank.format("Lorem ipsum"),
        "KO012 8:19-8:40 " + image.format("your-image-source.jpg"),
        "KO012 8:54-8:61 " + blank.format("(사진 설명)"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "<p>[기사 내용] ○ 22년 대비 24년 대학별 R&D 예산 삭감액이 서울대 315억원</p>",
        "<p>[교육부 설명] 사실과 다릅니다.</p>",
        '<p><a href="https://newsdao.kr/3512">여기에서 확인하세요!</a></p>',
        "**[링크] [돈버는 퀴즈 정답 확인](https://newsdao.kr/4067)**",
        "원 후보에게 ○○○ 씨가 말했다.",
        '`<img src="https://via.placeholder.com/150">`',
        '<p><img src="/assets/img/newsdao_breakingnews.jpg" alt="ranknews 속보" /></p>',
    ],
)
def test_labels_and_real_content_are_no_blanks(body: str) -> None:
    assert lint(f"---\ntitle: 사실은 이렇습니다\nlang: ko\n---\n{body}\n", "KO012") == []


# --- KO013 alternative-titles -------------------------------------------------------------


def test_numbered_candidates_in_a_broken_title() -> None:
    # frowth-official 2024-07-12-111: the candidates are not indented, YAML cannot read them
    text = (
        "---\ntitle: 1. 임영웅, 제주 삼다수 영상 600만뷰 돌파 흥행 중!\n"
        "2. 제주 삼다수, 임영웅 영상 600만뷰 돌파! 톱뷰!\n"
        "3. 임영웅, 제주 삼다수 영상 600만뷰 돌파 인기!\n"
        "categories:\n  - News\n---\n\n![뉴스다오 속보](https://newsdao.kr/a.jpg)\n"
    )
    assert lint(text, "KO013") == [
        "KO013 2:8-4:31 the title holds 3 numbered candidate headlines: readers see them all run"
        " together as one title; keep the one headline you want"
    ]


def test_labelled_headline_with_an_outline_label_under_it() -> None:
    # ranknews 2024-07-12-1359
    text = (
        "---\ntitle: 일본 독도 주장 도발에 대응하는 외교부의 단호한 입장.\n---\n\n"
        '<p><img src="/assets/img/newsdao_breakingnews.jpg" alt="ranknews 속보" /></p>\n\n'
        "<p>제목: 한일 외교분쟁\n"
        "서론: 최근 일본의 독도 영유권 주장에 대한 한국 외교부의 강력한 항의에 대해 알아보도록"
        " 하겠습니다.</p>\n\n"
        '<h2 data-ke-size="size26">한일 외교분쟁</h2>\n'
    )
    assert lint(text, "KO013") == [
        "KO013 7:4-7:15 a headline labelled '제목' opens the body: readers see a second title,"
        " label and all ('한일 외교분쟁'); remove the line or make it the title"
    ]


def test_candidates_listed_under_a_heading() -> None:
    text = (
        "---\ntitle: 폭염 대책\n---\n"
        "**제목 추천**\n\n1. 폭염 대책 발표\n2. 정부, 폭염 총력 대응\n\n본문\n"
    )
    assert lint(text, "KO013") == [
        "KO013 4:1-7:16 2 candidate headlines are listed at the start of the body: readers see"
        " the writer's choices as the post's text; remove the list"
    ]


def test_a_label_after_the_first_section_is_left_alone() -> None:
    text = "---\ntitle: 정부 발표\n---\n<h2>현황</h2>\n<p>제목: 인용된 보도자료의 제목</p>\n"
    assert lint(text, "KO013") == []


# --- KO014 repeated-feature-heading -------------------------------------------------------

FEATURE_POST = (
    "---\ntitle: 밀양 성폭행 가해자 외제차, 골프 근황 공개\nfeature_text: >\n"
    "  ## 뉴스다오 실시간 뉴스 속보입니다.\n\n"
    "  밀양 집단 성폭행 사건과 유튜브 채널의 신상 공개  최근 밀양 집단 성폭행 사건의 가해자로"
    " 추정되는 남성의 …\n---\n\n"
    "![뉴스다오 속보](https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg)\n\n"
    "## 밀양 집단 성폭행 사건과 유튜브 채널의 신상 공개\n\n"
    "최근 밀양 집단 성폭행 사건의 가해자로 추정되는 남성의 신상이 공개되었습니다.\n"
)
REPEATED = (
    "KO014 6:3-6:30 the banner's text (feature_text) starts with the post's first heading"
    " '밀양 집단 성폭행 사건과 유튜브 채널의 신상 공개': readers see it twice at the top of the"
    " page, the first time run into the sentence after it; remove it from feature_text"
)


def _site(root: Path, config: str) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(config, encoding="utf-8")
    post = root / "_posts" / "2024-06-12-137.md"
    post.write_text(FEATURE_POST, encoding="utf-8")
    return post


@pytest.mark.parametrize(
    "config",
    [
        "lang: ko-KR\nnavigation_header:\n- title: Home\n  url: /\n",  # frowth: Alembic copied in
        "theme: alembic-jekyll-theme\n",
        "remote_theme: daviddarnes/alembic@main\n",
    ],
)
def test_banner_repeats_the_first_heading_on_alembic(tmp_path: Path, config: str) -> None:
    post = _site(tmp_path, config)
    assert lint(FEATURE_POST, "KO014", post) == [REPEATED]


def test_chirpy_does_not_print_feature_text(tmp_path: Path) -> None:
    # ranknews: feature_text in every post, but Chirpy never shows it
    post = _site(tmp_path, "theme: jekyll-theme-chirpy\nlang: ko-KR\n")
    assert lint(FEATURE_POST, "KO014", post) == []


def test_another_theme_with_alembics_feature_include(tmp_path: Path) -> None:
    post = _site(tmp_path, "remote_theme: someone/news-theme\n")
    (tmp_path / "_includes").mkdir()
    (tmp_path / "_includes" / "site-feature.html").write_text(
        "{{ page.feature_text | markdownify }}\n", encoding="utf-8"
    )
    assert lint(FEATURE_POST, "KO014", post) == [REPEATED]


def test_a_different_banner_is_left_alone() -> None:
    # frowth-official 2024-06-12-1: "## 뉴스다오" in the banner, "## 뉴스다오 속보" in the body
    text = (
        "---\ntitle: 퇴직연금, 정부의 새로운 개편 계획 공개되다!\nfeature_text: >\n"
        "  ## 뉴스다오\n\n  뉴스다오 실시간 뉴스 속보 입니다.\n---\n\n## 뉴스다오 속보\n\n"
        "2024년에는 퇴직연금 제도에 대한 개선 방안이 논의되고 있습니다.\n"
    )
    assert lint(text, "KO014") == []


# --- the Korean sites of the shared corpus --------------------------------------------------


@pytest.mark.slow
def test_corpus_findings_match_the_labels_and_counts() -> None:
    found = corpus_findings("KO011,KO012,KO013,KO014")
    labels = read_labels(LABELS)
    assert set(labels) <= found  # every labelled finding (KO014: a sample) is still reported
    assert {key for key in found if key[2] != "KO014"} == {
        key for key in labels if key[2] != "KO014"
    }
    counts = Counter((path.split("/")[0], code) for path, _, code in found)
    assert counts == {
        ("ranknews__ranknews.github.io", "KO011"): 4,
        ("frowth-official__frowth-official.github.io", "KO011"): 25,
        ("DevStarSJ__DevStarSJ.github.io", "KO011"): 2,
        ("ruby__www.ruby-lang.org", "KO011"): 10,
        ("ranknews__ranknews.github.io", "KO012"): 7,
        ("frowth-official__frowth-official.github.io", "KO012"): 18,
        ("ranknews__ranknews.github.io", "KO013"): 5,
        ("frowth-official__frowth-official.github.io", "KO013"): 2,
        ("frowth-official__frowth-official.github.io", "KO014"): 355,
    }
