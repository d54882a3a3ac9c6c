"""Which posts a language pack's rules run on: the post's own lang, its site's, or its script."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from newslint.document import Document
from newslint.language import languages, primary

KOREAN = "경제부처가 내년 예산안을 발표했다. 정부는 성장률 전망을 낮췄다."
DEFAULTS_KO = "defaults:\n  - scope: {path: ''}\n    values: {lang: ko}\n"
ENGLISH = "The ministry published next year's budget and lowered its growth forecast."


def _post(root: Path, front: str, body: str, config: str | None = None) -> tuple[Document, Path]:
    if config is not None:
        (root / "_config.yml").write_text(config, encoding="utf-8")
    path = root / "_posts" / "2024-01-02-post.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"---\n{front}---\n{body}\n"
    path.write_text(text, encoding="utf-8")
    return Document.from_text("_posts/2024-01-02-post.md", text), path


@pytest.mark.parametrize(
    ("front", "body", "config", "expected"),
    [
        ("title: 예산\n", KOREAN, "title: x\n", {"ko"}),  # mostly Hangul
        ("title: Budget\n", ENGLISH, "title: x\n", set()),  # nothing says Korean
        ("title: Budget\n", ENGLISH, "lang: ko-KR\n", {"ko"}),  # the site is Korean
        ("title: Budget\nlang: en\n", ENGLISH, "lang: ko-KR\n", {"en"}),  # the post says
        ("title: 예산\nlang: en\n", KOREAN, "title: x\n", {"en"}),  # the post's word wins
        ("title: Budget\n", KOREAN, "lang: en\n", {"en", "ko"}),  # a theme's default lang
        ("title: x\n", ENGLISH, DEFAULTS_KO, {"ko"}),
        ("title: x\nlocale: ko_KR\n", ENGLISH, "title: x\n", {"ko"}),
    ],
)
def test_languages_of_a_post(
    tmp_path: Path, front: str, body: str, config: str, expected: set[str]
) -> None:
    doc, path = _post(tmp_path, front, body, config)
    assert languages(doc, path) == expected


def test_a_few_hangul_words_in_english_text_do_not_make_it_korean(tmp_path: Path) -> None:
    doc, path = _post(tmp_path, "title: Seoul\n", ENGLISH * 5 + " 서울 (Seoul)", "title: x\n")
    assert languages(doc, path) == frozenset()


def test_decomposed_hangul_is_hangul(tmp_path: Path) -> None:
    """A post pasted from a Mac whole (NFD) is still Korean: its syllables start with jamo."""
    decomposed = unicodedata.normalize("NFD", KOREAN)
    doc, path = _post(tmp_path, "title: x\n", decomposed, "title: x\n")
    assert languages(doc, path) == {"ko"}


def test_a_broken_site_configuration_is_left_to_the_schema_rules(tmp_path: Path) -> None:
    doc, path = _post(tmp_path, "title: 예산\n", KOREAN, "lang: [unclosed\n")
    assert languages(doc, path) == {"ko"}


def test_primary_subtags() -> None:
    assert [primary(tag) for tag in ("ko-KR", "ko_KR.UTF-8", "EN", "", None, 3)] == [
        "ko",
        "ko",
        "en",
        "",
        "",
        "",
    ]
