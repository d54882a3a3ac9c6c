"""Front matter read with positions: YAML problems (FM001-FM009) on real text, exact spans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newslint.config import FileSettings
from newslint.document import Document
from newslint.engine import lint_document
from newslint.frontmatter import MAX_NODES, DuplicateKey, NonStringKey, UnknownTag, parse
from newslint.yamlscalars import TEXT_STARTS, resolve_scalar

FIXTURES = Path(__file__).parent / "fixtures" / "frontmatter"
FM_CODES = frozenset(f"FM{n:03d}" for n in range(1, 21))


JEKYLL_DROPS = (
    "; until then Jekyll ignores all of it and publishes the post untitled, dated the build day, "
    "at …/2024-01-01-x/"
)
"""What FM003 adds in a post: Jekyll drops front matter it cannot read (test_jekyll_agreement)."""


def lint(text: str, **settings: object) -> list[str]:
    """``code L:C-L:C message`` for every FM diagnostic on ``text``."""
    doc = Document.from_text("_posts/2024-01-01-x.md", text)
    diagnostics = lint_document(doc, FileSettings(**settings), FM_CODES)  # type: ignore[arg-type]
    return [
        f"{d.code} {d.start.line}:{d.start.column}-{d.end.line}:{d.end.column} {d.message}"
        for d in diagnostics
    ]


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def test_values_resolve_as_yaml_1_1_and_psych() -> None:
    text = (
        "---\ntitle: '2024'\nok: yes\noff: Off\nd: 2024-01-02\n"
        "t: 2024-01-02 10:00:00 +0900\nn: 1_000\nf: 1.10\nnothing:\n"
        "list: [a, 1]\n---\n"
    )
    fm = parse(Document.from_text("x.md", text))
    assert fm is not None and fm.readable
    assert fm.data == {
        "title": "2024",
        "ok": True,
        "d": dt.date(2024, 1, 2),
        "t": dt.datetime(2024, 1, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        "n": 1000,
        "f": 1.1,
        "nothing": None,
        "list": ["a", 1],
    }
    # ``off:`` is the boolean key false: not a field, reported by FM005.
    assert [type(fact) for fact in fm.facts] == [NonStringKey]


def test_reading_records_facts_in_the_order_found() -> None:
    text = "---\ntitle: a\n2024: !!set b\ntitle: c\n---\n"
    fm = parse(Document.from_text("x.md", text))
    assert fm is not None and fm.root is not None and not fm.readable
    key = fm.root.pairs[1][0]
    assert fm.facts == (
        UnknownTag(19, 24, "tag:yaml.org,2002:set"),
        DuplicateKey(27, 32, "title", 4),
        NonStringKey(13, 17, key),
    )
    assert list(fm.facts_of(DuplicateKey)) == [DuplicateKey(27, 32, "title", 4)]


def test_hangul_value_positions_count_code_points() -> None:
    text = "---\ntitle: 한글 제목 😀\nimage: /x.jpg\n---\n"
    doc = Document.from_text("x.md", text)
    fm = parse(doc)
    assert fm is not None
    key, value = fm.fields["image"]
    assert doc.text[key.start : key.end] == "image"
    assert doc.text[value.start : value.end] == "/x.jpg"
    assert doc.index.position(value.start).line == 3


def test_crlf_duplicate_key_points_at_second_with_related_first() -> None:
    text = fixture("crlf_duplicate.md")
    assert lint(text) == [
        'FM004 3:1-3:6 duplicate key "title": YAML keeps only the last value; keep one of them'
    ]
    doc = Document.from_text("x.md", text)
    (diag,) = lint_document(doc, FileSettings(), frozenset({"FM004"}))
    assert [(r.position.line, r.position.column) for r in diag.related] == [(2, 1)]
    fm = parse(doc)
    assert fm is not None and fm.data["title"] == "두 번째"


def test_bom_file_front_matter_and_date_where_text_expected() -> None:
    text = fixture("bom_bool_title.md")
    assert lint(text) == [
        'FM011 2:8-2:10 "title" is a boolean (YAML reads unquoted no as false); '
        'quote it: title: "no"'
    ]
    assert lint("---\ntitle: 2024-01-02\n---\n") == [
        'FM011 2:8-2:18 "title" is a date (YAML reads unquoted 2024-01-02 as a date); '
        'quote it: title: "2024-01-02"'
    ]


def test_billion_laughs_is_refused_without_expanding() -> None:
    text = fixture("billion_laughs.md")
    result = lint(text)
    assert len(result) == 1 and result[0].startswith("FM008 6:8-6:10 ")
    assert f"beyond {MAX_NODES:,} values" in result[0]
    fm = parse(Document.from_text("x.md", text))
    assert fm is not None and not fm.readable and fm.root is None


def test_python_tag_is_reported_and_never_executed(tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    text = f'---\ntitle: !!python/object/apply:os.system ["touch {sentinel}"]\n---\n'
    result = lint(text)
    assert [r.split(" ", 2)[:2] for r in result] == [["FM007", "2:8-2:39"]]
    assert not sentinel.exists()
    fm = parse(Document.from_text("x.md", text))
    assert fm is not None and not fm.readable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: x\ncategories:\n\t- News\n---\n",
            "FM006 4:1-4:2 tab in indentation: YAML indents with spaces only; "
            "replace the tab with spaces",
        ),
        (
            "---\n2024: year\n---\n",
            'FM005 2:1-2:5 key 2024 is an integer to YAML, not a name; quote it: "2024":',
        ),
        (
            "---\non: air\n---\n",
            'FM005 2:1-2:3 key on is a boolean to YAML (read as true), not a name; quote it: "on":',
        ),
        (
            "---\na: &x [1, *x]\n---\n",
            "FM008 2:11-2:13 alias *x refers to its own anchor (a recursive structure); "
            "Jekyll cannot use it; remove the alias",
        ),
        (
            "---\nimage: *nowhere\n---\n",
            "FM003 2:8-2:16 alias *nowhere has no anchor &nowhere before it; "
            "define the anchor first or quote the value" + JEKYLL_DROPS,
        ),
        (
            "---\n- a\n---\n",
            'FM009 2:1-2:4 front matter is a list, not "key: value" lines; Jekyll needs a mapping',
        ),
        (
            '---\ntitle: "never closed\n---\n',
            'FM003 2:8-2:21 the quoted value opened with " is never closed; add the closing "'
            + JEKYLL_DROPS,
        ),
    ],
)
def test_yaml_problems(text: str, expected: str) -> None:
    assert lint(text) == [expected]


def test_empty_front_matter_is_fine_and_no_front_matter_is_not() -> None:
    assert lint("---\n---\nbody\n") == []
    assert lint("---\n# only a comment\n---\nbody\n") == []
    assert lint("<p>body</p>\n") == [
        'FM001 1:1-1:12 no front matter: the file does not start with a "---" line, '
        "so Jekyll will not treat it as a post"
    ]


def test_corpus_style_quoted_word_title() -> None:
    text = "---\ntitle: '장금이' 전국 확대, 전통시장 금융사기 예방 프로젝트!\n---\n"
    (message,) = lint(text)
    assert message.startswith("FM003 2:14-2:39 ")
    assert "quote the whole value: title: \"'장금이' 전국 확대" in message


def test_parse_is_memoised_per_document() -> None:
    doc = Document.from_text("x.md", "---\ntitle: x\n---\n")
    assert parse(doc) is parse(doc)


@pytest.mark.parametrize("start", sorted(TEXT_STARTS))
def test_plain_scalars_taken_as_text_unresolved_are_text_when_resolved(start: str) -> None:
    for tail in ("", "es", "rue", "ull", "ff", "024-01-02", "1", ".5", ":00", "<", " on"):
        assert resolve_scalar(start + tail, True, None) == ("str", start + tail)


@pytest.mark.parametrize("typed", ["yes", "No", "TRUE", "oFF", "null", "~", "", "12", "-1", ".5"])
def test_typed_plain_scalars_are_not_taken_as_text_unresolved(typed: str) -> None:
    assert typed[:1] not in TEXT_STARTS
    assert resolve_scalar(typed, True, None)[0] != "str"
