"""The Korean pack's site rules: KO010 punctuation-style-mixed and KO015 repeated-block, and
what they read in the site index (a Korean post's punctuation styles and blocks with a link)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main
from newslint.document import Document
from newslint.site_rules.index import FORMAT, decode, encode
from newslint.site_rules.summary import summarize
from tests.conftest import CORPUS, require_shared

RANKNEWS = CORPUS / "ranknews__ranknews.github.io"
PROMO = '실시간 뉴스 속보는, <a href="https://newsdao.kr" rel="dofollow">https://newsdao.kr</a>'
"""The line under every one of ranknews's 1,039 posts."""


def _write(root: Path, files: dict[str, str]) -> None:
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _post(title: str, body: str) -> str:
    return f"---\ntitle: {title}\n---\n{body}\n"


def _found(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> list[tuple[str, str, int, int, int, int, str]]:
    main([*args, "--format", "json", "--no-cache"])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return [
        (
            d["path"],
            d["code"],
            d["start"]["line"],
            d["start"]["column"],
            d["end"]["line"],
            d["end"]["column"],
            d["message"],
        )
        for d in report["diagnostics"]
    ]


# Titles and sentences of ranknews posts (2024-07-01-153, -112, 2024-07-01-199, -28).
HELLIP = [
    (
        "의사 코인 챙기며 해외 원정 성형…세무조사 41명",
        "<p>국세청은 한·미 공조로 조사했다고 밝혔습니다.</p>",
    ),
    (
        "허웅 전여친 업소녀 아닌 학생…마약 투약은 사실",
        "<p>경찰은 방송·통신 자료를 확보했습니다.</p>",
    ),
    (
        "국민연금 작년 수익률 14.14%…성과급 지급율 39.9%",
        "<p>기금운용본부는 국내·해외 주식을 늘렸습니다.</p>",
    ),
]
DOTS = (
    "탄도미사일 北 2발 발사...육지 낙탄 가능성",
    "<p>합참은 추가 발사에 대비해 미국ㆍ일본과 정보를 공유하며 대비태세를 유지하고 있다.</p>",
)


def _styles_site(root: Path) -> None:
    files = {f"_posts/2024-07-0{n}-a{n}.md": _post(*pair) for n, pair in enumerate(HELLIP, 1)}
    _write(root, {**files, "_posts/2024-07-05-missile.md": _post(*DOTS)})


def test_the_minority_styles_are_reported_where_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _styles_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    missile = "_posts/2024-07-05-missile.md"
    assert _found(capsys, [".", "--select", "KO010"]) == [
        (
            missile,
            "KO010",
            2,
            21,
            2,
            24,
            'ellipsis written "...", but 3 posts of this site write "…" (U+2026): write it as '
            "the rest of the site does",
        ),
        (
            missile,
            "KO010",
            4,
            21,
            4,
            22,
            'middle dot written "ㆍ" (U+318D), but 3 posts of this site write "·" (U+00B7): '
            "write it as the rest of the site does",
        ),
    ]
    # The post named alone gets the whole site's verdict (the others' front tiers).
    assert _found(capsys, [missile, "--select", "KO010"])[0][2:4] == (2, 21)
    # So does each shard: the union of the shards' reports is the whole report.
    shards = [_found(capsys, [".", "--select", "KO010", "--shard", f"{k}/2"]) for k in (1, 2)]
    assert sorted(shards[0] + shards[1]) == _found(capsys, [".", "--select", "KO010"])


def test_a_cached_run_and_a_run_of_one_changed_file_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _styles_site(site)
    monkeypatch.chdir(site)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    fresh = _found(capsys, [".", "--select", "KO010"])
    assert len(fresh) == 2
    runs = []
    for _ in range(2):  # the second run answers from the cache (results and index entries)
        main([".", "--select", "KO010", "--format", "json", *cache])
        runs.append(json.loads(capsys.readouterr().out)["diagnostics"])
    assert runs[0] == runs[1] and len(runs[0]) == 2
    # One more post writes "..." and "ㆍ": 3 posts against 2 is no clear style, for the new post
    # named alone (the others' entries from the cache) as for the whole site.
    (site / "_posts/2024-07-06-more.md").write_text(_post(*DOTS), encoding="utf-8")
    main(["_posts/2024-07-06-more.md", "--select", "KO010", "--format", "json", *cache])
    assert json.loads(capsys.readouterr().out)["diagnostics"] == []
    assert _found(capsys, [".", "--select", "KO010"]) == []


def test_code_liquid_tags_bullets_quotes_and_the_excerpt_are_not_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _styles_site(tmp_path)
    body = (
        '<p title="a...b">합참은 <code>a...b</code> 미국·일본과 {{ "x...y" }} 공유했다.</p>\n'
        "\n• 첫째 항목입니다\n\n```\nfor x in y: ...\n```\n"
        "\n<p>보도에서 “축제 먹거리 정보 공개 부실 논란...”이라는 제목의 기사가 나왔습니다.</p>\n"
    )
    text = "---\ntitle: 탄도미사일 2발 발사…육지 낙탄 가능성\nexcerpt: 합참은...\n---\n" + body
    (tmp_path / "_posts/2024-07-05-missile.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _found(capsys, [".", "--select", "KO010"]) == []


def test_the_quotes_of_a_yaml_title_are_not_a_quotation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _styles_site(tmp_path)
    quoted = _post(f'"{DOTS[0]}"', "<p>합참이 오늘 발표했다.</p>")
    (tmp_path / "_posts/2024-07-05-missile.md").write_text(quoted, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = _found(capsys, [".", "--select", "KO010"])
    assert [(line, col, end_line, end_col) for _, _, line, col, end_line, end_col, _ in found] == [
        (2, 22, 2, 25)
    ]


def test_no_style_is_the_sites_without_a_clear_majority(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"_posts/2024-07-0{n}-a{n}.md": _post(*pair) for n, pair in enumerate(HELLIP, 1)}
    files["_posts/2024-07-05-b.md"] = _post(DOTS[0], "<p>발사 직후 합참이 발표했다.</p>")
    files["_posts/2024-07-06-c.md"] = _post("만취 운전 30대 여성 뺑소니로 또 사고...이튿날", "")
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    assert _found(capsys, [".", "--select", "KO010"]) == []  # 3 posts against 2


def test_english_posts_are_not_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    english = {
        f"_posts/2024-06-0{n}-e{n}.md": _post(f"Markets fall... again {n}", "<p>Wait...</p>")
        for n in range(1, 7)
    }
    _write(tmp_path, {**english, "_posts/2024-07-05-missile.md": _post(*DOTS)})
    monkeypatch.chdir(tmp_path)
    assert _found(capsys, [".", "--select", "KO010,KO015"]) == []


def test_the_index_entry_of_a_korean_post(tmp_path: Path) -> None:
    path = tmp_path / "_posts" / "2024-07-05-missile.md"
    text = _post(DOTS[0], DOTS[1] + "\n\n<p>&nbsp;</p>\n" + PROMO)
    _write(tmp_path, {"_posts/2024-07-05-missile.md": text})
    doc = Document.from_text(str(path), text)
    entry = summarize(doc, path, body=True)
    assert entry is not None and entry.body is not None and entry.korean
    assert entry.styles == (("...", 1), ("ㆍ", 1))
    assert [(m.style, text[slice(*m.span)]) for m in entry.body.marks] == [
        ("...", "..."),
        ("ㆍ", "ㆍ"),
    ]
    assert [text[slice(*b.span)] for b in entry.blocks] == [PROMO]
    assert decode(encode(entry), entry.path) == entry
    front = summarize(Document.from_text(str(path), text), path, body=False)
    assert front is not None and front.body is None
    assert (front.korean, front.styles, front.blocks) == (True, entry.styles, entry.blocks)
    # An entry in another layout is refused (and rebuilt by the caller), never misread.
    older = json.loads(encode(entry))
    older[-1] = FORMAT - 1
    with pytest.raises(ValueError, match="layout"):
        decode(json.dumps(older), entry.path)


def _promo_site(root: Path, carriers: int, others: int) -> None:
    files = {}
    for n in range(carriers + others):
        body = f"<p>{n}번째 기사 본문입니다. 자세한 내용은 다음과 같습니다.</p>\n"
        if n < carriers:  # the same block, however its spaces and entities are written
            body += "\n<p>&nbsp;</p>\n" + PROMO if n % 2 else "\n" + PROMO.replace(" ", "  ")
        name = f"_posts/2024-{1 + n // 28:02d}-{1 + n % 28:02d}-p{n}.md"
        files[name] = _post(f"오늘의 주요 뉴스 {n}호", body)
    _write(root, files)


def _promo_message(count: str) -> str:
    return (
        f"the same block of text and links is in {count} posts of this site (said once, here, "
        "on the first of them): a promo or notice every post carries is better kept in the "
        "layout or an include, so it is changed in one place"
    )


def test_a_block_in_many_posts_is_reported_once_on_the_first_post_by_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _promo_site(tmp_path, 10, 5)
    monkeypatch.chdir(tmp_path)
    first = ("_posts/2024-01-01-p0.md", "KO015", 6, 1, 6, 84, _promo_message("10"))
    assert _found(capsys, [".", "--select", "KO015"]) == [first]
    # Every shard agrees: the one that lints the first post reports it, the other nothing.
    shards = [_found(capsys, [".", "--select", "KO015", "--shard", f"{k}/3"]) for k in (1, 2, 3)]
    assert sorted(shards, key=len) == [[], [], [first]]
    # So does a run of a few files: the first post named reports it, another post nothing.
    assert _found(capsys, ["_posts/2024-01-01-p0.md", "--select", "KO015"]) == [first]
    assert _found(capsys, ["_posts/2024-01-02-p1.md", "--select", "KO015"]) == []


def test_each_repeated_block_is_said_once_and_a_post_counts_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _promo_site(tmp_path, 10, 2)
    notice = '<p>제보와 문의는 <a href="mailto:news@example.kr">편집국 메일</a>로 보내 주세요.</p>'
    # A second block, in posts 2 to 11, twice in p2 (the first of them by path).
    for n in range(2, 12):
        path = next(tmp_path.glob(f"_posts/*-p{n}.md"))
        twice = "\n" + notice if n == 2 else ""
        path.write_text(path.read_text(encoding="utf-8") + notice + twice + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert _found(capsys, [".", "--select", "KO015"]) == [
        ("_posts/2024-01-01-p0.md", "KO015", 6, 1, 6, 84, _promo_message("10")),
        ("_posts/2024-01-03-p2.md", "KO015", 7, 4, 7, 64, _promo_message("10")),
    ]
    # With 11 posts asked for, the second block (in 10 posts, p2's two copies counted once) and
    # the promo (in 10) are not reported.
    (tmp_path / "newslint.toml").write_text("[rules.KO015]\nposts = 11\n", encoding="utf-8")
    assert _found(capsys, [".", "--select", "KO015"]) == []


def test_a_block_in_few_posts_is_not_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _promo_site(tmp_path, 9, 0)  # fewer than posts (10)
    monkeypatch.chdir(tmp_path)
    assert _found(capsys, [".", "--select", "KO015"]) == []
    _promo_site(tmp_path, 10, 41)  # 10 of 51: under a fifth of the posts (share, 20)
    assert _found(capsys, [".", "--select", "KO015"]) == []
    (tmp_path / "newslint.toml").write_text("[rules.KO015]\nshare = 10\n", encoding="utf-8")
    assert [f[0] for f in _found(capsys, [".", "--select", "KO015"])] == ["_posts/2024-01-01-p0.md"]


@pytest.fixture
def ranknews() -> Path:
    return require_shared(RANKNEWS)


@pytest.mark.slow  # reads the front of every post of the site
def test_ranknews_post_named_alone(
    ranknews: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ranknews)
    found = _found(capsys, ["_posts/2024-07-01-28.md", "--select", "KO010,KO015"])
    assert [
        (code, line, col, end_line, end_col) for _, code, line, col, end_line, end_col, _ in found
    ] == [
        ("KO010", 2, 21, 2, 24),
        ("KO010", 24, 190, 24, 191),
    ]  # its promo is reported once for the site, on the first post by path
    assert found[0][6].startswith('ellipsis written "...", but 62 posts of this site write "…"')
    found = _found(capsys, ["_posts/2024-07-01-1.md", "--select", "KO015"])
    assert found == [
        ("_posts/2024-07-01-1.md", "KO015", 106, 1, 106, 79, _promo_message("1,039")),
    ]


@pytest.mark.slow
def test_counts_on_the_korean_sites(capsys: pytest.CaptureFixture[str]) -> None:
    corpus = require_shared(CORPUS)
    sites = ["ranknews__ranknews.github.io", "frowth-official__frowth-official.github.io"]
    found = _found(capsys, [str(corpus / site) for site in sites] + ["--select", "KO010,KO015"])
    counts: dict[tuple[str, str], int] = {}
    for path, code, *_ in found:
        key = (code, Path(path).relative_to(corpus).parts[0])
        counts[key] = counts.get(key, 0) + 1
    assert counts == {
        ("KO010", sites[0]): 28,
        ("KO015", sites[0]): 1,
        ("KO010", sites[1]): 20,
        ("KO015", sites[1]): 1,
    }
