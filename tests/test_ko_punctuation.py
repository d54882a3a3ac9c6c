"""Korean punctuation a machine can check (KO007-KO009) and widths of front-matter text (FM013).

Snippets are from the shared corpus's Korean sites (ranknews, frowth-official, DevStarSJ,
ruby-lang.org/ko); the slow test lints those sites and checks every finding against the labels
of ``bench/precision/labels-ko-punctuation.tsv``.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.config import FileSettings
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.engine import lint_document
from newslint.fixer import apply_fixes
from newslint.schema import SchemaError, load_schema
from tests.conftest import CORPUS, REPO, require_shared

LABELS = REPO / "bench" / "precision" / "labels-ko-punctuation.tsv"
KOREAN_SITES = (
    "ranknews__ranknews.github.io",
    "frowth-official__frowth-official.github.io",
    "DevStarSJ__DevStarSJ.github.io",
    "ruby__www.ruby-lang.org",
)


def lint(text: str, code: str, **settings: object) -> list[str]:
    doc = Document.from_text("_posts/2024-07-14-121.md", text)
    found = lint_document(doc, FileSettings(**settings), frozenset({code}))  # type: ignore[arg-type]
    return [f"{d.code} {d.start.line}:{d.start.column}-{d.end.column} {d.message}" for d in found]


def fixed(text: str, code: str) -> str:
    doc = Document.from_text("_posts/2024-07-14-121.md", text)
    found = lint_document(doc, FileSettings(), frozenset({code}))
    out, _ = apply_fixes(text, [d.fix for d in found if d.fix is not None])
    return out


# --- FM013: widths ------------------------------------------------------------------------

NEWS = (
    "categories: [News]\n"
    "excerpt: 정부가 의대생 비상학사운영 가이드라인을 발표했다.\n"
    "image: /a.jpg\n"
)


def test_title_wider_than_a_search_result() -> None:
    # frowth-official 2024-07-12-..., a keyword list of 91 cells (55 characters, under 100)
    title = (
        "의대생, 비상학사운영, 정부 발표, 가이드라인, "
        "의대생, 비상대응, 학사운영, 가이드, 정부, 발표"
    )
    text = f"---\ntitle: {title}\n{NEWS}---\n<p>본문</p>\n"
    assert lint(text, "FM013", schema_name="news-post") == [
        'FM013 2:8-63 "title" is 91 cells wide (Hangul counts two); '
        "search results show about 62; shorten it"
    ]


def test_title_at_the_limit_and_latin_title_count_one_cell_a_letter() -> None:
    # 31 Hangul syllables = 62 cells: fits; a 62-letter Latin title fits too
    hangul = "가" * 31
    latin = "Hong Myungbo Wife visits every hate comment apologizes again!!"
    for title in (hangul, latin):
        text = f"---\ntitle: {title}\n{NEWS}---\n<p>본문</p>\n"
        assert lint(text, "FM013", schema_name="news-post") == []
    text = f"---\ntitle: {hangul}나\n{NEWS}---\n<p>본문</p>\n"
    assert lint(text, "FM013", schema_name="news-post") == [
        'FM013 2:8-40 "title" is 64 cells wide (Hangul counts two); '
        "search results show about 62; shorten it"
    ]


def test_min_and_max_width_without_a_hint(tmp_path: Path) -> None:
    (tmp_path / "card.yaml").write_text(
        "extends: jekyll-post\nfields:\n"
        "  title: {max_width: 22}\n"
        "  excerpt: {min_width: 40}\n"
        "  tags: {kind: list, items: {kind: string, max_width: 6}}\n",
        encoding="utf-8",
    )
    text = "---\ntitle: 전통시장 금융사기   예방\nexcerpt: 짧은 요약\ntags: [경제, 전통시장]\n---\n"
    settings = {"schema_name": "card", "schema_dirs": (tmp_path,)}
    assert lint(text, "FM013", **settings) == [
        'FM013 3:10-15 "excerpt" is 9 cells wide (Hangul counts two); at least 40 needed; '
        "lengthen it",
        'FM013 4:12-16 item 2 of "tags" is 8 cells wide (Hangul counts two); at most 6 fit; '
        "shorten it",
    ]  # the title's run of spaces reads as one: 22 cells, not 24


def test_a_negative_width_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("fields:\n  title: {max_width: -1}\n", encoding="utf-8")
    with pytest.raises(
        SchemaError,
        match=r'bad.yaml:2:11: "fields.title.max_width": Input should be greater than or equal',
    ):
        load_schema("bad", (tmp_path,))


def test_length_messages_keep_their_wording() -> None:
    text = (
        "---\ntitle: 전통시장 금융사기 예방 확대\ncategories: [News]\n"
        "excerpt: 짧은 요약\nimage: /a.jpg\n---\n"
    )
    (message,) = lint(text, "FM013", schema_name="news-post")
    assert message == 'FM013 4:10-15 "excerpt" has 5 characters; at least 20 needed'


# --- KO007: headline final period ---------------------------------------------------------


def test_headline_with_a_final_period() -> None:
    # frowth-official 2024-07-14-121
    text = (
        "---\ntitle: 정부, 스타트업 해외진출 무료 법률지원 프로그램 신청방법 알려드립니다.\n"
        "---\n본문\n"
    )
    assert lint(text, "KO007") == [
        "KO007 2:46-47 the headline ends with a period (.): headlines take none; remove it"
    ]
    assert fixed(text, "KO007").startswith(
        "---\ntitle: 정부, 스타트업 해외진출 무료 법률지원 프로그램 신청방법 알려드립니다\n---"
    )


def test_quoted_headline_and_ideographic_period() -> None:
    # ruby-lang.org/ko 2008-06-12-ruby-1-8-7 (a version number inside is no final period)
    text = '---\ntitle: "루비 1.8.7이 공개되었습니다."\n---\n루비 1.8.7이 공개되었습니다.\n'
    assert lint(text, "KO007") == [
        "KO007 2:26-27 the headline ends with a period (.): headlines take none; remove it"
    ]
    assert fixed(text, "KO007").startswith('---\ntitle: "루비 1.8.7이 공개되었습니다"\n')
    text = "---\ntitle: 제헌절 대한민국 헌법의 정신을 되새겨봅시다 。\n---\n본문입니다.\n"
    assert lint(text, "KO007") == [
        "KO007 2:32-33 the headline ends with a period (。): headlines take none; remove it"
    ]
    assert fixed(text, "KO007").startswith(
        "---\ntitle: 제헌절 대한민국 헌법의 정신을 되새겨봅시다\n"
    )


@pytest.mark.parametrize(
    "title",
    [
        "김종인 尹 대통령 배신못해...김여사 문자 논란 왜 그걸 한동훈...",  # ranknews, ellipsis
        "설현 김구라 폭풍 오열 사건 편집요청 거절..",
        "설현 김구라 폭풍 오열 사건 편집요청 거절…",
        "애플 한국 법인 Apple Inc.",
        "한미 정상회담 열린다 U.S.",
        "루비 세미나 2014. 10. 27.",
        "현대차 임금 4.65% 인상으로 파업 면했다",
    ],
)
def test_headlines_kept(title: str) -> None:
    assert lint(f"---\ntitle: {title}\n---\n본문입니다.\n", "KO007") == []


def test_only_korean_posts() -> None:
    assert lint("---\ntitle: Ruby 1.8.7 released.\n---\nRuby 1.8.7 is out.\n", "KO007") == []


# --- KO008: date style mixed --------------------------------------------------------------


def test_dates_with_periods_written_two_ways() -> None:
    text = (
        "---\ntitle: 시험 일정\n---\n"
        "<p>원서 접수는 2024. 7. 22.부터 2024. 7. 25.까지이고 발표는 2024.8.10.이다.</p>\n"
        "<p>필기시험은 2024. 8. 3 에 치른다.</p>\n"
    )
    assert lint(text, "KO008") == [
        "KO008 4:47-57 date written 2024.8.10. here but 2024. 7. 22. elsewhere in this post; "
        "write dates one way: 2024. 8. 10.",
        "KO008 5:10-20 date written 2024. 8. 3 here but 2024. 7. 22. elsewhere in this post; "
        "write dates one way: 2024. 8. 3.",
    ]
    assert "발표는 2024. 8. 10.이다" in fixed(text, "KO008")
    doc = Document.from_text("_posts/2024-07-14-121.md", text)
    (first, _) = lint_document(doc, FileSettings(), frozenset({"KO008"}))
    assert first.fix is not None and first.fix.applicability is Applicability.UNSAFE


def test_the_usual_way_wins_without_the_standard_form() -> None:
    text = "---\ntitle: 일정\nlang: ko\n---\n2024.4.25 개최, 2024.6.27 마감, 2024.6.30. 발표\n"
    assert lint(text, "KO008") == [
        "KO008 5:29-39 date written 2024.6.30. here but 2024.4.25 elsewhere in this post; "
        "write dates one way: 2024.6.30"
    ]


def test_words_iso_tables_and_versions_are_not_compared() -> None:
    # frowth-official 2024-07-29-45: prose in words, a table of dates with periods
    text = (
        "---\ntitle: 여성폭력방지위원회\nlang: ko-KR\n---\n"
        "<p>2024년 5월 14일, 차관 주재로 개최된 여성폭력방지위원회</p>\n"
        '<td style="text-align: center; height: 17px;">2024.4.25.</td>\n'
        '<td style="text-align: center; height: 17px;">2024.6.27.</td>\n'
        "<p>시행일 2023-10-27, 공고 2024. 7. 1.</p>\n"
        '<p><a href="/files/2024.7.1">공고문</a> report-2024.7.2.pdf v2024.1.2</p>\n'
        "```\n2024.7.3\n```\n"
    )
    assert lint(text, "KO008") == [
        "KO008 6:47-57 date written 2024.4.25. here but 2024. 7. 1. elsewhere in this post; "
        "write dates one way: 2024. 4. 25.",
        "KO008 7:47-57 date written 2024.6.27. here but 2024. 7. 1. elsewhere in this post; "
        "write dates one way: 2024. 6. 27.",
    ]
    assert lint(text.replace(", 공고 2024. 7. 1.", ""), "KO008") == []


# --- KO009: ordinal spacing ---------------------------------------------------------------


def test_ordinal_prefix_written_apart() -> None:
    # frowth-official 2024-07-29-240, 2024-07-29-335 and 2024-07-29-431; ranknews 2024-07-01-289
    text = (
        "---\nexcerpt: >\n  김병환 기획재정부 제 1차관이 22일 정부 노력 등에 힘입어\n---\n"
        "<p>오는 18일부터 제 2금융권에서 대출을 받은 소상공인도 이자를 돌려받는다.</p>\n"
        "<p>국내 최대 동계스포츠 종합대회인 제 105회 전국동계체육대회가 열린다.</p>\n"
        "<p>증권을 제 3자에게 매도하면서 차입자에게 중도 상환 요청(리콜)</p>\n"
        "## 제 1장 데이터 모델링의 이해\n"
    )
    assert lint(text, "KO009") == [
        "KO009 3:13-18 제 1차관 should be 제1차관: the prefix 제- is written against its number",
        "KO009 5:13-19 제 2금융권 should be 제2금융권: "
        "the prefix 제- is written against its number",
        "KO009 6:22-28 제 105회 should be 제105회: the prefix 제- is written against its number",
        "KO009 7:8-12 제 3자 should be 제3자: the prefix 제- is written against its number",
        "KO009 8:4-8 제 1장 should be 제1장: the prefix 제- is written against its number",
    ]
    out = fixed(text, "KO009")
    assert "제1차관이" in out and "제2금융권에서" in out and "제105회" in out
    assert "제3자에게" in out and "## 제1장 데이터" in out and "제 " not in out


@pytest.mark.parametrize(
    "body",
    [
        "경제 2차 추경을 논의한다.",  # 경제 ends in 제: not the prefix
        "문제 3회 풀이를 마쳤다.",
        "제 의견은 2차 회의에서 말하겠다.",  # 제 = my
        "제 1, 2차 회의 결과가 나왔다.",
        "제 2 차 회의가 열렸다.",
        "제 18번 노래를 불렀다.",
        "`제 2차` 는 코드다.",
        '<a href="/제 2차">링크</a>',
    ],
)
def test_ordinals_left_alone(body: str) -> None:
    assert lint(f"---\ntitle: 회의 소식\n---\n{body}\n", "KO009") == []


# --- the Korean sites of the shared corpus --------------------------------------------------


@pytest.mark.slow
def test_corpus_findings_are_the_labelled_ones() -> None:
    require_shared(CORPUS)
    with LABELS.open(encoding="utf-8", newline="") as handle:
        labels = {
            (row["path"], int(row["line"]), row["code"]): row["label"]
            for row in csv.DictReader(handle, delimiter="\t")
        }
    run = subprocess.run(
        [sys.executable, "-m", "newslint", "--no-cache", "--select", "KO007,KO008,KO009",
         "--format", "json", *KOREAN_SITES],
        cwd=CORPUS, capture_output=True, text=True, check=False,
    )  # fmt: skip
    found = {
        (d["path"], d["start"]["line"], d["code"]) for d in json.loads(run.stdout)["diagnostics"]
    }
    assert found == set(labels)
    assert all(label == "real" for label in labels.values())
