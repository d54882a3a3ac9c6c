"""Completion in posts: schema keys (required first), allowed values, the site's terms by
frequency, ``{% post_url %}`` targets, and the ranges each replaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import FileSettings
from newslint.server.completion import Suggestion, Vocabulary, complete
from tests.conftest import SEED

CURSOR = "‸"
HOUSE = """\
name: house
fields:
  layout:
    kind: one-of
    allowed: [post, page]
    description: The layout that renders the post.
  title:
    kind: string
    required: true
    description: The headline.
  tags:
    kind: list
    single: true
    items: {kind: string}
  draft:
    kind: boolean
  subtitle:
    kind: string
    required: true
    aliases: [sub]
  old:
    kind: string
    deprecated: true
"""
SITE = Vocabulary(
    categories={"News": 12, "IT": 3, "Tech": 3, "2024": 1},
    tags={"python": 4, "yes": 2, "rust": 4, "go": 1},
    posts=("2023-12-31-year-end", "news/2024-05-01-budget", "2024-01-02-new-year"),
)


@pytest.fixture
def house(tmp_path: Path) -> FileSettings:
    """Settings whose schema is a custom one found in a configured schema directory."""
    (tmp_path / "house.yaml").write_text(HOUSE, encoding="utf-8")
    return FileSettings(schema_name="house", schema_dirs=(tmp_path,))


def at(marked: str, file_settings: FileSettings, vocabulary: Vocabulary = SITE) -> list[Suggestion]:
    """Complete where ``CURSOR`` is in ``marked`` (the marker is not part of the text)."""
    offset = marked.index(CURSOR)
    return complete(marked.replace(CURSOR, "", 1), offset, file_settings, vocabulary)


def summary(found: list[Suggestion]) -> list[tuple[str, str, int, int]]:
    return [(s.label, s.insert, s.start, s.end) for s in found]


def test_keys_not_given_yet_required_first_in_schema_order(house: FileSettings) -> None:
    text = "---\nlayout: post\nsub: A second line\n" + CURSOR + "\n---\nBody\n"
    found = at(text, house)
    offset = text.index(CURSOR)
    # subtitle is given through its alias, layout as itself; a deprecated key is never offered
    assert summary(found) == [
        ("title", "title: ", offset, offset),
        ("tags", "tags: ", offset, offset),
        ("draft", "draft: ", offset, offset),
    ]
    assert [s.kind for s in found] == ["field"] * 3
    assert [s.sort_text for s in found] == ["0000", "0001", "0002"]
    assert [s.detail for s in found] == ["required · string", "list of strings", "boolean"]
    assert found[0].documentation == "The headline.\n\nType: string"


def test_key_typed_in_part_is_replaced_whole(house: FileSettings) -> None:
    # Cursor inside a key that already has its colon: the key alone is replaced.
    found = at("---\nla" + CURSOR + "yot: post\ntitle: T\n---\n", house)
    assert summary(found) == [
        ("subtitle", "subtitle", 4, 9),
        ("layout", "layout", 4, 9),
        ("tags", "tags", 4, 9),
        ("draft", "draft", 4, 9),
    ]
    layout = found[1]
    assert layout.detail == "one of the allowed values"
    assert layout.documentation == (
        "The layout that renders the post.\n\nType: one of the allowed values"
        "\n\nAllowed values: `post`, `page`"
    )
    # Without a colon yet, the key comes with one; an unterminated front matter counts.
    found = at("---\ntitle: T\ndr" + CURSOR, house)
    assert ("draft", "draft: ", 13, 15) in summary(found)
    assert "title" not in [s.label for s in found]


def test_site_default_makes_a_required_key_optional(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "_config.yml").write_text(
        "defaults:\n  - scope: {path: ''}\n    values: {title: Daily}\n", encoding="utf-8"
    )
    (tmp_path / "_posts").mkdir()
    post = tmp_path / "_posts" / "2024-06-12-rain.md"
    file_settings = FileSettings(schema_name="house", schema_dirs=(tmp_path,), path=post)
    found = at("---\n" + CURSOR + "\n---\n", file_settings)
    assert [(s.label, s.detail) for s in found] == [
        ("subtitle", "required · string"),
        ("layout", "one of the allowed values"),
        ("title", "default in _config.yml · string"),
        ("tags", "list of strings"),
        ("draft", "boolean"),
    ]
    assert found[2].documentation.endswith("Set for this file by `_config.yml` defaults: `Daily`")


def test_allowed_values_and_booleans(house: FileSettings) -> None:
    text = "---\nlayout: p" + CURSOR + "\n---\n"
    assert summary(at(text, house)) == [("post", "post", 12, 13), ("page", "page", 12, 13)]
    # The cursor touching the colon: the value comes with its space.
    found = at("---\ndraft:" + CURSOR + "\n", house)
    assert summary(found) == [("true", " true", 10, 10), ("false", " false", 10, 10)]
    assert [s.detail for s in found] == ["boolean", "boolean"]
    # In a value followed by a comment, the value alone is replaced.
    found = at("---\ndraft: tr" + CURSOR + "ue  # for now\n---\n", house)
    assert summary(found) == [("true", "true", 11, 15), ("false", "false", 11, 15)]
    assert at("---\ndraft: true  # for" + CURSOR + "\n---\n", house) == []
    assert at("---\ntitle: " + CURSOR + "\n---\n", house) == []


def test_flow_list_offers_site_tags_by_frequency_without_those_given(house: FileSettings) -> None:
    text = "---\ntags: [rust, " + CURSOR + "]\n---\n"
    found = at(text, house)
    offset = text.index(CURSOR)
    # "yes" would read as a boolean: it goes in quoted; ties are in name order
    assert summary(found) == [
        ("python", "python", offset, offset),
        ("yes", '"yes"', offset, offset),
        ("go", "go", offset, offset),
    ]
    assert [s.detail for s in found] == ["used by 4 posts", "used by 2 posts", "used by 1 post"]
    assert [s.kind for s in found] == ["value"] * 3
    # After an opening quote the value goes in as it is, before the closing quote.
    found = at("---\ntags: [go, 'ye" + CURSOR + "s']\n---\n", house)
    assert summary(found) == [("yes", "yes", 16, 19)]


def test_block_list_item_under_categories() -> None:
    text = "---\ncategories:\n  - News\n  # soon\n  - T" + CURSOR + "\n  - IT\n---\n"
    found = at(text, FileSettings())
    start = text.index(CURSOR) - 1
    assert summary(found) == [("Tech", "Tech", start, start + 1)]
    # The typed word filters the site's terms; an empty item offers them all, a year quoted.
    found = at("---\ncategories:\n- " + CURSOR + "\n---\n", FileSettings())
    assert [(s.label, s.insert) for s in found] == [
        ("News", "News"),
        ("IT", "IT"),
        ("Tech", "Tech"),
        ("2024", '"2024"'),
    ]
    # A dash the cursor touches gets its space.
    assert at("---\ncategories:\n  -" + CURSOR, FileSettings())[0].insert == " News"
    # A list item under a nested key is not a category.
    assert at("---\nimage:\n  tags:\n    - " + CURSOR + "\n---\n", FileSettings()) == []


def test_words_of_a_text_jekyll_splits() -> None:
    text = "---\ntags: python r" + CURSOR + "u go\n---\n"
    found = at(text, FileSettings())
    assert summary(found) == [("rust", "rust", 17, 19)]
    assert at("---\ncategory: " + CURSOR + "\n---\n", FileSettings())[0].label == "News"


def test_schema_restricts_categories_ranked_by_site_use() -> None:
    news = FileSettings(schema_name="news-post")
    found = at("---\ncategories: [정치, " + CURSOR + "]\n---\n", news)
    labels = [s.label for s in found]
    # Allowed values used on the site first (Tech is used but not allowed), then schema order.
    assert labels[:4] == ["News", "IT", "경제", "사회"]
    assert "Tech" not in labels
    assert "정치" not in labels
    assert len(labels) == 29
    assert [s.detail for s in found[:3]] == ["used by 12 posts", "used by 3 posts", "not used yet"]


def test_seed_post_keys_with_news_schema() -> None:
    seed = SEED.read_text(encoding="utf-8")
    without_image = seed.replace("image: '/assets/img/newsdao_breakingnews.jpg'\n", CURSOR + "\n")
    assert without_image != seed
    found = at(without_image, FileSettings(schema_name="news-post"))
    offset = without_image.index(CURSOR)
    assert (found[0].label, found[0].detail) == ("image", "required · path")
    assert (found[0].start, found[0].end) == (offset, offset)
    labels = [s.label for s in found]
    for present in ("title", "categories", "excerpt", "feature_text", "header-img"):
        assert present not in labels
    assert labels.index("layout") == 1
    # In the seed's block list of categories: the allowed values, News already given.
    item = seed.replace("  - News\n", "  - News\n  - " + CURSOR + "\n")
    assert "News" not in [s.label for s in at(item, FileSettings(schema_name="news-post"))]


def test_post_url_targets_newest_first(house: FileSettings) -> None:
    text = "---\ntitle: T\n---\nSee {% post_url 2024" + CURSOR + " %} and more.\n"
    offset = text.index(CURSOR)
    found = at(text, house)
    assert summary(found) == [
        ("news/2024-05-01-budget", "news/2024-05-01-budget", offset - 4, offset),
        ("2024-01-02-new-year", "2024-01-02-new-year", offset - 4, offset),
    ]
    assert [s.kind for s in found] == ["reference", "reference"]
    # What is typed matches anywhere in a target; the whole target around the cursor is
    # replaced; no completion once the tag is closed.
    found = at("{%- post_url ye" + CURSOR + "ar-end -%}", house)
    assert summary(found) == [
        ("2024-01-02-new-year", "2024-01-02-new-year", 13, 21),
        ("2023-12-31-year-end", "2023-12-31-year-end", 13, 21),
    ]
    assert at("{% post_url 2024-01-02-new-year %} " + CURSOR, house) == []
    assert at("---\ntitle: {% post_url " + CURSOR + "\n---\n", house) == []


def test_no_schema_no_keys_but_site_terms_still(tmp_path: Path) -> None:
    broken = FileSettings(schema_name="nowhere", schema_dirs=(tmp_path,))
    assert at("---\n" + CURSOR + "\n---\n", broken) == []
    assert [s.label for s in at("---\ntags: [" + CURSOR + "]\n", broken)] == [
        "python",
        "rust",
        "yes",
        "go",
    ]
    # Jekyll splits a text of tags into words, whatever the schema says.
    assert summary(at("---\ntags: python r" + CURSOR, broken)) == [("rust", "rust", 17, 18)]


def test_nothing_on_delimiters_comments_or_nested_lines(house: FileSettings) -> None:
    assert at("--" + CURSOR + "-\ntitle: T\n---\n", house) == []
    assert at("---\ntitle: T\n-" + CURSOR + "--\n", house) == []
    assert at("---\n# a note" + CURSOR + "\n---\n", house) == []
    assert at("---\nimage:\n  pa" + CURSOR + "\n---\n", house) == []
    assert at("---\r\nti" + CURSOR + "\r\n---\r\n", house)[0] == Suggestion(
        label="title",
        kind="field",
        insert="title: ",
        start=5,
        end=7,
        detail="required · string",
        documentation="The headline.\n\nType: string",
        sort_text="0000",
    )


FRAGMENTS = st.sampled_from(
    ["---", "\n", "\r\n", "\r", " ", "-", ":", "[", "]", ",", "'", '"', "#", "tags", "title",
     "categories", "draft", "{% post_url ", "%}", "News", "\ufeff", "...", "\t", "é", "|"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(), st.lists(FRAGMENTS).map("".join)),
    offset=st.integers(min_value=-5, max_value=200),
)
def test_any_text_any_offset_gives_a_list(text: str, offset: int) -> None:
    file_settings = FileSettings(schema_name="news-post")
    found = complete(text, offset, file_settings, SITE)
    assert isinstance(found, list)
    at_offset = min(max(offset, 0), len(text))
    for item in found:
        assert 0 <= item.start <= at_offset <= item.end <= len(text)
