"""Schemas as data: loading, extends, errors naming the file, JSON export, site defaults, FM020."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import ConfigError, FileSettings
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.engine import lint_document
from newslint.schema import SchemaError, export_json_schema, load_schema
from newslint.site import defaults_for, load_site

FIXTURES = Path(__file__).parent / "fixtures" / "frontmatter"
FM_CODES = frozenset(f"FM{n:03d}" for n in range(1, 21))
NEWS_POST = """---
title: 전통시장 금융사기 예방 확대
categories: [News]
excerpt: 정부가 전통시장 금융사기 예방 프로젝트를 전국으로 확대한다.
image: /assets/lead.jpg
---
<p>본문</p>
"""


def lint(text: str, path: Path | None = None, **settings: object) -> list[str]:
    doc = Document.from_text(str(path or "_posts/x.md"), text)
    file_settings = FileSettings(path=path, **settings)  # type: ignore[arg-type]
    return [
        f"{d.code} {d.start.line}:{d.start.column}-{d.end.line}:{d.end.column} {d.message}"
        for d in lint_document(doc, file_settings, FM_CODES)
    ]


def site(tmp_path: Path, config: str = "title: Site\n") -> Path:
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    return tmp_path / "_posts" / "2024-06-12-11.md"


def test_builtin_schemas_load_and_extend() -> None:
    news = load_schema("news-post")
    assert news.fields["title"].spec.required
    assert "layout" in news.fields  # from jekyll-post through alembic-post
    assert news.aliases == {}
    assert load_schema("jekyll-post").unknown_keys == "allow"


def test_unknown_schema_name_suggests() -> None:
    with pytest.raises(SchemaError, match='no such schema: "news-pots"; did you mean "news-post"'):
        load_schema("news-pots")


def test_broken_schema_names_file_line_and_key(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "name: house\nfields:\n  title:\n    kind: strng\n    requird: true\n", encoding="utf-8"
    )
    with pytest.raises(SchemaError) as info:
        load_schema("house", (tmp_path,))
    message = str(info.value)
    assert f"{tmp_path / 'house.yaml'}:4:5" in message and "kind" in message
    assert f'{tmp_path / "house.yaml"}:5:5: unknown key "fields.title.requird"' in message
    assert isinstance(info.value, ConfigError)


def test_schema_yaml_error_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("fields: [\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad\.yaml:2:1: not valid YAML"):
        load_schema(str(tmp_path / "bad.yaml"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "name: a\nname: b\n",
            '2:1: duplicate key "name": YAML keeps only the last value; keep one of them',
        ),
        (
            "name: !!set x\n",
            "1:7: unknown YAML tag !!set: Jekyll's safe loader refuses it; "
            "remove the tag (quote the value if it is text)",
        ),
        (
            "name: !!python/object:os.system x\n",
            "1:7: unsafe YAML tag !!python/object:os.system: it asks the loader to build a "
            "program object; newslint never runs it and Jekyll refuses it; remove the tag",
        ),
        (
            "fields: &f {a: *f}\n",
            "1:16: alias *f refers to its own anchor (a recursive structure); "
            "Jekyll cannot use it; remove the alias",
        ),
        (
            "name: *n\n",
            "1:7: alias *n has no anchor &n before it; define the anchor first or quote the value",
        ),
        (
            "fields:" + " [" * 101 + "\n",
            "1:207: front matter nested deeper than 100 levels; it was not loaded; flatten it",
        ),
    ],
)
def test_schema_yaml_refused_names_the_place_and_why(
    tmp_path: Path, text: str, reason: str
) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(str(tmp_path / "bad.yaml"))
    assert str(info.value) == f"{tmp_path / 'bad.yaml'}:{reason}"
    # The same words as the front-matter rule that reports the same YAML in a post.
    line, column, message = reason.split(":", 2)
    first = lint(f"---\n{text}---\n", Path("notes/x.md"))[0]
    assert first.split(" ", 2)[1].startswith(f"{int(line) + 1}:{column}-")
    assert first.split(" ", 2)[2] == message.strip()


def test_house_schema_in_schema_dirs_overrides_and_extends(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "extends: jekyll-post\nunknown_keys: warn\nfields:\n"
        "  slug: {kind: string, pattern: '^[a-z0-9-]+$', pattern_hint: a lower-case slug}\n"
        "  subtitle: {aliases: [sub], kind: string, deprecated: true, replacement: title}\n",
        encoding="utf-8",
    )
    text = "---\ntitle: x\nslug: Hello World\ntitel: y\nsub: z\n---\n"
    assert lint(text, schema_name="house", schema_dirs=(tmp_path,)) == [
        'FM017 3:7-3:18 "slug" is not a lower-case slug: "Hello World"',
        'FM014 4:1-4:6 unknown key "titel"; did you mean "title"?',
        'FM018 5:1-5:4 "sub" is deprecated; use "title" instead',
    ]


def test_json_schema_export() -> None:
    exported = export_json_schema("news-post")
    assert exported["required"] == ["title", "categories", "excerpt", "image"]
    assert exported["additionalProperties"] is False
    categories = exported["properties"]["categories"]["anyOf"][0]
    assert categories["type"] == "array" and "News" in categories["items"]["enum"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(exported)


def test_news_post_on_a_site_with_the_image(tmp_path: Path) -> None:
    post = site(tmp_path)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "lead.jpg").write_bytes(b"")
    assert lint(NEWS_POST, post, schema_name="news-post") == []
    (tmp_path / "assets" / "lead.jpg").unlink()
    (tmp_path / "assets" / "lead.jpeg").write_bytes(b"")
    assert lint(NEWS_POST, post, schema_name="news-post") == [
        'FM019 5:8-5:24 "image": file /assets/lead.jpg does not exist under the site root; '
        'did you mean "lead.jpeg"?'
    ]


def test_defaults_supply_required_fields(tmp_path: Path) -> None:
    post = site(
        tmp_path,
        "defaults:\n  - scope: {path: '', type: posts}\n    values: {image: /assets/d.jpg}\n"
        "  - scope: {path: _drafts}\n    values: {layout: draft}\n",
    )
    text = NEWS_POST.replace("image: /assets/lead.jpg\n", "")
    assert defaults_for(post) == {"image": "/assets/d.jpg"}
    assert lint(text, post, schema_name="news-post") == []
    assert lint(text, None, schema_name="news-post") == [
        'FM010 1:1-1:4 required field "image" is missing from the front matter'
    ]


def test_broken_site_config_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"_config\.yml:2:1: not valid YAML"):
        load_site(tmp_path)


def test_feature_text_fix_keeps_style_and_is_idempotent() -> None:
    text = (FIXTURES / "seed_like.md").read_text(encoding="utf-8")
    doc = Document.from_text("x.md", text)
    (diag,) = lint_document(doc, FileSettings(), frozenset({"FM020"}))
    assert (diag.start.line, diag.start.column, diag.end.column) == (10, 21, 25)
    assert diag.message == (
        'feature_text does not match excerpt: it has "위치에서 주목받고 있다." '
        'where excerpt has "역사적 위치에서 주목받고 …"'
    )
    assert diag.fix is not None and diag.fix.applicability is Applicability.UNSAFE
    (edit,) = diag.fix.edits
    fixed = text[: edit.start] + edit.replacement + text[edit.end :]
    assert fixed == text.replace("중심지였던 위치에서", "중심지였던 역사적 위치에서")
    assert lint_document(Document.from_text("x.md", fixed), FileSettings(), FM_CODES) == []


def test_feature_text_template_literal_block_crlf() -> None:
    text = (
        "---\r\nexcerpt: |\r\n  New text\r\nfeature_text: |\r\n"
        "    ## Breaking\r\n    Old text\r\n---\r\n"
    )
    template = "## Breaking\n{excerpt}"
    doc = Document.from_text("x.md", text)
    (diag,) = lint_document(doc, FileSettings(feature_text_template=template), FM_CODES)
    assert diag.code == "FM020" and (diag.start.line, diag.start.column) == (6, 5)
    assert diag.fix is not None
    (edit,) = diag.fix.edits
    fixed = text[: edit.start] + edit.replacement + text[edit.end :]
    assert fixed == text.replace("Old text", "New text")


@pytest.mark.parametrize(
    ("date", "problem"),
    [
        ("2024-02-29", None),
        ('"2024-02-29 23:59:60 +0900"', None),
        # Psych keeps these as text; Jekyll rolls them over (test_jekyll_agreement builds them).
        ("2024-02-30", "an impossible date (February 30: Jekyll dates the post 2024-03-01)"),
        ("2023-02-29", "an impossible date (February 29: Jekyll dates the post 2023-03-01)"),
        ('"2024-02-01 25:61:00"', "text"),
        ('"March 3, 2024"', None),
    ],
)
def test_dates_that_are_not_on_the_calendar_are_reported(date: str, problem: str | None) -> None:
    found = lint(f"---\ntitle: t\ndate: {date}\n---\n<p>x</p>\n")
    where = f"FM011 3:7-3:{7 + len(date)}"
    if problem is None:
        assert found == []
    elif problem == "text":
        shown = date.strip('"')
        assert found == [
            f'{where} "date" is text ("{shown}"); expected a date and time; '
            "write it as 2024-01-02 10:00:00 +0900"
        ]
    else:
        assert found == [f'{where} "date" is {problem}; write the real date']
