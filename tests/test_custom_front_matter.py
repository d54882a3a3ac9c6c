"""``front-matter:`` house rules on real front matter: spans, values, fixes, data files, problems.

The front matters are short excerpts of corpus posts (frowth-official and ranknews, Korean news
sites on the Alembic and Chirpy themes; ruby-lang.org's Korean news; the Rails weblog).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.errors import UsageError
from newslint.frontmatter import parse
from newslint.rules.custom import front_matter
from newslint.rules.custom.front_matter import (
    FrontMatterSpec,
    KeyTest,
    hits,
    problems,
)
from newslint.rules.custom.hits import Hit
from newslint.shapes import Invalid, validate

EXAMPLE = """\
if: {categories: {contains: 속보}}
require: [image]
keys:
  author: {exists-in: _data/authors.yml}
  section: {one-of: [news, sports, opinion]}
  slug: {pattern: '^[a-z0-9-]+$'}
"""

FROWTH = """\
---
title: 신분증 없을 때 대처법? 국회의원선거 필수 팁!
categories:
  - 정치
excerpt: >
  4월 10일은 제22대 국회의원을 투표하는 날입니다. 후보자의 공약을 꼼꼼히 살펴보고…
---
<p data-ke-size="size16">본문</p>
"""
"""frowth-official _posts/ (a 정치 post), its ``feature_text`` and images left out."""

RANKNEWS = """\
---
title: 청년, 취업 후 학자금대출 이자면제 대상 확대
categories:
  - News
excerpt: >
  이달, 취업 후 학자금 부담 감소 및 긴급돌봄 지원 등 9가지 정책 변경 사항 소개.
image: '/assets/img/newsdao_breakingnews.jpg'
---
본문
"""
"""ranknews _posts/2024-07-01-1.md, shortened."""

RUBY_KO = """\
---
layout: news_post
title: "ext/openssl의 기본 설정 변경"
author: "usa"
translator: "marocchino"
date: 2014-10-27 12:00:00 +0000
tags: security
lang: ko
---

루비 2.1.4, 루비 2.0.0-p594, 루비 1.9.3-p550에서 ext/openssl의 기본 설정을
"""
"""ruby-lang.org ko/news/_posts/2014-10-27-changing-default-settings-of-ext-openssl.md."""

RAILS = """\
---
layout: post
title: Ruby on Rael
categories:
- sightings
author: admin
published: true
date: 2005-03-16 21:00:50.000000000 +00:00
---
<p>You may be afraid, very afraid: <a href="http://rubyonrael.com/">Ruby on Rael</a></p>
"""
"""rails/weblog _posts/2005-03-16-ruby-on-rael.html."""

CONFIG = """\
title: 뉴스다오 실시간 뉴스 속보
defaults:
  -
    scope:
      path: ""
    values:
      image: "/assets/default-social-image.png" # Default image for sharing
  -
    scope:
      path: ""
      type: "posts"
    values:
      layout: post # Set the default layout for posts
"""
"""frowth-official's ``_config.yml`` ``defaults:``."""

AUTHORS = """\
usa:
  name: Usaku Nakamura
naruse:
  name: NARUSE Yui
nagachika:
  name: Tomoyuki Chikanaga
"""


def spec_of(source: str) -> FrontMatterSpec:
    return validate(FrontMatterSpec, yaml.safe_load(source))


def site(root: Path, config: str = CONFIG, **data: str) -> Path:
    """A Jekyll site at ``root``: ``_config.yml`` and ``_data`` files (``authors_yml=…``)."""
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(config, encoding="utf-8")
    if data:
        (root / "_data").mkdir()
    for name, text in data.items():
        stem, suffix = name.rsplit("_", 1)
        (root / "_data" / f"{stem}.{suffix}").write_text(text, encoding="utf-8")
    return root


def run(spec: str, text: str, path: Path | None = None) -> tuple[Document, list[Hit]]:
    """The hits of the rule ``spec`` on ``text``, as a post at ``path`` (written there)."""
    if path is not None:
        path.write_text(text, encoding="utf-8")
    doc = Document.from_text(str(path or "post.md"), text)
    ctx = RuleContext(doc, FileSettings(path=path))
    return doc, list(hits(spec_of(spec), ctx))


def span(doc: Document, hit: Hit) -> str:
    start, end = doc.index.position(hit.start), doc.index.position(hit.end)
    return f"{start.line}:{start.column}-{end.line}:{end.column}"


def fixed(doc: Document, hit: Hit) -> str:
    assert hit.fix is not None
    assert hit.fix.applicability is Applicability.UNSAFE
    text = doc.text
    for edit in sorted(hit.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def reparsed(text: str, key: str) -> Any:
    fm = parse(Document.from_text("post.md", text))
    assert fm is not None and fm.readable
    return fm.data[key]


# The spec's shape ------------------------------------------------------------------------


def test_the_example_is_accepted_as_pydantic_builds_it() -> None:
    data = yaml.safe_load(EXAMPLE)
    spec = validate(FrontMatterSpec, data)
    assert spec == TypeAdapter(FrontMatterSpec).validate_python(data)
    assert spec.if_["categories"].contains == "속보"
    assert spec.keys["author"].exists_in == "_data/authors.yml"
    assert spec.keys["section"].one_of == ["news", "sports", "opinion"]
    assert problems(spec) == []


def test_scalars_keep_their_types() -> None:
    spec = spec_of("keys: {year: {one-of: [2024, 2.5, true, news]}}")
    assert [type(v) for v in spec.keys["year"].one_of or []] == [int, float, bool, str]


@pytest.mark.parametrize(
    ("source", "location"),
    [
        ("keys: {author: {exist-in: _data/authors.yml}}", ("keys", "author", "exist-in")),
        ("iff: {categories: {contains: 속보}}\nrequire: [image]", ("iff",)),
        ("require: image", ("require",)),
        ("keys: {slug: {pattern: [a]}}", ("keys", "slug", "pattern")),
    ],
)
def test_pydantic_refuses_what_does_not_fit_and_says_where(
    source: str, location: tuple[str, ...]
) -> None:
    with pytest.raises(Invalid) as caught:
        spec_of(source)
    assert caught.value.errors[0]["loc"] == location


# problems() ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "key", "reason"),
    [
        ("if: {categories: {contains: 속보}}", "front-matter", "nothing to check"),
        ("keys: {author: {}}", "keys.author", "no test: give one-of"),
        ("require: [image]\nif: {categories: {}}", "if.categories", "no test"),
        ("keys: {section: {one-of: []}}", "keys.section.one-of", "lists no values"),
        (
            "keys: {slug: {pattern: '^[a-z0-9-+$'}}",
            "keys.slug.pattern",
            "not a regular expression: unterminated character set at position 1",
        ),
        ("keys: {author: {one-of: [a], key: login}}", "keys.author.key", "names the field"),
    ],
)
def test_problems(source: str, key: str, reason: str) -> None:
    found = problems(spec_of(source))
    assert [where for where, _ in found] == [key]
    assert found[0][1].startswith(reason), found


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/authors.yml", "is absolute"),
        ("C:\\data\\authors.yml", "is absolute"),
        ("\\\\server\\authors.yml", "is absolute"),
        ("_data/../../authors.yml", "leads out of the site"),
        ("..\\authors.yml", "leads out of the site"),
        ("_data/authors.txt", "is not a data file"),
        ("_data/authors", "is not a data file"),
    ],
)
def test_problems_of_a_data_file_path(name: str, reason: str) -> None:
    """A rule in a repository must not make newslint read files outside the site."""
    found = problems(FrontMatterSpec(keys={"author": KeyTest(exists_in=name)}))
    assert [where for where, _ in found] == ["keys.author.exists-in"]
    assert found[0][1].startswith(f'"{name}" {reason}'), found


# require, if, defaults -------------------------------------------------------------------


def test_a_required_key_missing_is_reported_where_fm010_reports(tmp_path: Path) -> None:
    root = site(tmp_path, config="title: x\n")
    doc, found = run(
        "if: {categories: {contains: 정치}}\nrequire: [image, title]",
        FROWTH,
        root / "_posts" / "2024-04-01-1.md",
    )
    assert [span(doc, hit) for hit in found] == ["1:1-1:4"]
    assert found[0].values["key"] == "image"
    assert found[0].values["value"] == ""
    assert found[0].fix is None


def test_the_rule_applies_only_when_every_if_test_holds(tmp_path: Path) -> None:
    rule = "if: {categories: {contains: 정치}, title: {pattern: 선거}}\nrequire: [image]"
    assert run(rule, RANKNEWS.replace("image:", "photo:"))[1] == []  # categories: [News]
    assert len(run(rule, FROWTH)[1]) == 1
    assert run(rule.replace("선거", "^선거"), FROWTH)[1] == []
    assert run("if: {tags: {contains: 정치}}\nrequire: [image]", FROWTH)[1] == []  # no tags


def test_an_empty_required_value_is_reported_at_its_key() -> None:
    text = FROWTH.replace("---\n<p", "image: ''\n---\n<p")
    doc, found = run("require: [image]", text)
    assert [span(doc, hit) for hit in found] == ["7:1-7:6"]


def test_defaults_from_config_count(tmp_path: Path) -> None:
    """frowth-official's defaults give every post an image and posts a layout."""
    root = site(tmp_path)
    post = root / "_posts" / "2024-04-01-1.md"
    assert run("require: [image, layout]", FROWTH, post)[1] == []
    assert run("if: {layout: {equals: post}}\nrequire: [author]", FROWTH, post)[1] != []
    page = root / "about.md"
    doc, found = run("require: [image, layout]", FROWTH, page)
    assert [(span(doc, hit), hit.values["key"]) for hit in found] == [("1:1-1:4", "layout")]


def test_a_default_value_failing_a_test_is_reported_at_the_opening_line(tmp_path: Path) -> None:
    root = site(tmp_path)
    doc, found = run(
        "keys: {image: {pattern: '^https://'}}", FROWTH, root / "_posts" / "2024-04-01-1.md"
    )
    assert [span(doc, hit) for hit in found] == ["1:1-1:4"]
    assert found[0].values["value"] == "/assets/default-social-image.png"
    assert found[0].fix is None


def test_no_front_matter_or_unreadable_yaml_gives_no_hits() -> None:
    rule = "require: [image]\nkeys: {title: {pattern: x}}"
    assert run(rule, "<p>본문</p>\n")[1] == []
    assert run(rule, "---\ntitle: '장금이' 전국 확대\n---\n")[1] == []  # frowth 2024-06-12-11.md
    assert run(rule, "---\n- a\n---\n")[1] == []  # not a mapping


# one-of, pattern, contains, equals --------------------------------------------------------


def test_one_of_reports_the_list_item_and_suggests_its_spelling() -> None:
    text = FROWTH.replace("  - 정치", "  - 정치\n  - news")
    rule = "keys: {categories: {one-of: [News, 경제, 보건, 정치, 스포츠]}}"
    doc, found = run(rule, text)
    assert [span(doc, hit) for hit in found] == ["5:5-5:9"]
    values = found[0].values
    assert values["value"] == values["match"] == "news"
    assert values["suggestion"] == "News"
    assert values["expected"] == 'one of "News", "경제", "보건", "정치", "스포츠"'
    assert found[0].fix is not None and found[0].fix.message == 'replace "news" with "News"'
    assert reparsed(fixed(doc, found[0]), "categories") == ["정치", "News"]


def test_a_suggestion_is_quoted_when_plain_yaml_would_not_keep_it() -> None:
    text = RAILS.replace("- sightings", "- c#")
    doc, found = run("keys: {categories: {one-of: ['C#', Ruby]}}", text)
    assert [span(doc, hit) for hit in found] == ["5:3-5:5"]
    assert '- "C#"\n' in fixed(doc, found[0])
    assert reparsed(fixed(doc, found[0]), "categories") == ["C#"]


def test_no_suggestion_without_a_close_value() -> None:
    doc, found = run("keys: {categories: {one-of: [News, 경제]}}", RAILS)
    assert [span(doc, hit) for hit in found] == ["5:3-5:12"]
    assert found[0].values["suggestion"] == ""
    assert found[0].fix is None


def test_pattern_is_searched_and_spans_the_quoted_value() -> None:
    doc, found = run("keys: {image: {pattern: '^https://'}}", RANKNEWS)
    assert [span(doc, hit) for hit in found] == ["7:8-7:46"]
    assert found[0].values["value"] == "/assets/img/newsdao_breakingnews.jpg"
    assert found[0].values["expected"] == "matching ^https://"
    assert run("keys: {image: {pattern: 'newsdao'}}", RANKNEWS)[1] == []


def test_values_compare_as_text_whatever_yaml_read() -> None:
    assert run("keys: {published: {equals: 'true'}}", RAILS)[1] == []
    assert run("keys: {published: {equals: true}}", RAILS)[1] == []
    doc, found = run("keys: {date: {pattern: '^2005-'}}", RAILS)
    assert found == []
    doc, found = run("keys: {date: {pattern: '^2006-'}}", RAILS)
    assert found[0].values["value"] == "2005-03-16 21:00:50+00:00"
    assert span(doc, found[0]) == "8:7-8:43"


def test_contains_takes_a_list_item_or_a_single_value() -> None:
    assert run("keys: {tags: {contains: security}}", RUBY_KO)[1] == []
    assert run("keys: {categories: {contains: News}}", RANKNEWS)[1] == []
    doc, found = run("keys: {categories: {contains: 속보}}", RANKNEWS)
    assert [span(doc, hit) for hit in found] == ["4:3-4:9"]
    assert found[0].values["value"] == "- News"
    assert found[0].values["expected"] == 'a list containing "속보"'


def test_equals_suggests_the_value_in_its_case() -> None:
    doc, found = run("keys: {lang: {equals: KO}}", RUBY_KO)
    assert [span(doc, hit) for hit in found] == ["8:7-8:9"]
    assert found[0].values["expected"] == '"KO"'
    assert reparsed(fixed(doc, found[0]), "lang") == "KO"


def test_a_list_or_mapping_fails_a_test_of_text() -> None:
    text = RAILS.replace("author: admin", "author:\n  login: admin\n  email: a@b.c")
    doc, found = run("keys: {author: {pattern: '^[a-z]+$'}}", text)
    assert [span(doc, hit) for hit in found] == ["7:3-8:15"]
    assert found[0].values["value"] == "login: admin email: a@b.c"


# exists-in ---------------------------------------------------------------------------------


def test_exists_in_a_mapping_with_did_you_mean_keeping_the_quotes(tmp_path: Path) -> None:
    root = site(tmp_path, authors_yml=AUTHORS)
    post = root / "_posts" / "2014-10-27-openssl.md"
    rule = (
        "keys: {author: {exists-in: _data/authors.yml}, translator: {exists-in: _data/authors.yml}}"
    )
    doc, found = run(rule, RUBY_KO.replace('"usa"', '"Usa"'), post)
    assert [span(doc, hit) for hit in found] == ["4:9-4:14", "5:13-5:25"]
    usa, translator = found
    assert usa.values == {
        "key": "author",
        "value": "Usa",
        "match": "Usa",
        "expected": "a value listed in _data/authors.yml",
        "suggestion": "usa",
        "file": "_data/authors.yml",
    }
    assert 'author: "usa"\n' in fixed(doc, usa)
    assert reparsed(fixed(doc, usa), "author") == "usa"
    assert translator.values["suggestion"] == "" and translator.fix is None
    assert doc.dependencies == {str(root / "_data" / "authors.yml"): True}


def test_a_fix_keeps_the_anchor_an_alias_shares(tmp_path: Path) -> None:
    root = site(tmp_path, authors_yml=AUTHORS)
    text = RUBY_KO.replace('"usa"', '&who "Usa"').replace('"marocchino"', "*who")
    doc, found = run("keys: {author: {exists-in: _data/authors.yml}}", text, root / "post.md")
    assert [span(doc, hit) for hit in found] == ["4:14-4:19"]
    assert 'author: &who "usa"\n' in fixed(doc, found[0])
    assert reparsed(fixed(doc, found[0]), "translator") == "usa"


def test_exists_in_suggests_a_close_spelling(tmp_path: Path) -> None:
    root = site(tmp_path, authors_yml=AUTHORS)
    text = RUBY_KO.replace('"usa"', "nagachka")
    doc, found = run("keys: {author: {exists-in: _data/authors.yml}}", text, root / "post.md")
    assert [span(doc, hit) for hit in found] == ["4:9-4:17"]
    assert "author: nagachika\n" in fixed(doc, found[0])


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("authors.yml", "- admin\n- David\n", None),
        ("authors.yaml", "- id: admin\n  name: Admin\n- id: David\n", None),
        ("authors.yml", "- login: admin\n- login: David\n- name: nobody\n", "login"),
        ("authors.json", '{"admin": {"name": "Admin"}, "David": {}}', None),
        ("authors.json", '[{"login": "admin"}, {"login": "David"}]', "login"),
        ("authors.csv", "login,name\nadmin,Admin\nDavid,David Heinemeier Hansson\n", None),
        ("authors.csv", "name,id\nAdmin,admin\nDHH,David\n", None),
        ("authors.csv", "name,login\nAdmin,admin\nDHH,David\n", "login"),
    ],
)
def test_exists_in_reads_each_shape_of_data_file(
    tmp_path: Path, name: str, data: str, key: str | None
) -> None:
    root = site(tmp_path, config="title: Riding Rails\n")
    (root / "_data").mkdir()
    (root / "_data" / name).write_text(data, encoding="utf-8")
    with_key = f", key: {key}" if key else ""
    rule = f"keys: {{author: {{exists-in: _data/{name}{with_key}}}}}"
    post = root / "_posts" / "2005-03-16-ruby-on-rael.html"
    assert run(rule, RAILS, post)[1] == []
    doc, found = run(rule, RAILS.replace("author: admin", "author: Admin"), post)
    assert [(span(doc, hit), hit.values["suggestion"]) for hit in found] == [("6:9-6:14", "admin")]


def test_a_missing_data_file_stops_the_run_naming_it(tmp_path: Path) -> None:
    root = site(tmp_path)
    with pytest.raises(UsageError, match=r"_data/authors\.yml: the data file .* is missing"):
        run("keys: {author: {exists-in: _data/authors.yml}}", RUBY_KO, root / "post.md")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("usa: [\n", "cannot be read"),
        ("just text\n", "neither a list nor a mapping"),
    ],
)
def test_an_unreadable_data_file_stops_the_run_naming_it(
    tmp_path: Path, data: str, message: str
) -> None:
    root = site(tmp_path, authors_yml=data)
    with pytest.raises(UsageError, match=f"authors.yml: .*{message}"):
        run("keys: {author: {exists-in: _data/authors.yml}}", RUBY_KO, root / "post.md")


def test_a_csv_without_the_named_column_stops_the_run(tmp_path: Path) -> None:
    root = site(tmp_path, authors_csv="id,name\nusa,Usaku\n")
    with pytest.raises(UsageError, match='names the column "login"'):
        run("keys: {author: {exists-in: _data/authors.csv, key: login}}", RUBY_KO, root / "p.md")


def test_a_data_file_linked_from_outside_the_site_is_not_read(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    (tmp_path / "secret.yml").write_text(AUTHORS, encoding="utf-8")
    (root / "_data").mkdir()
    (root / "_data" / "authors.yml").symlink_to(tmp_path / "secret.yml")
    with pytest.raises(UsageError, match="symbolic link out of the site"):
        run("keys: {author: {exists-in: _data/authors.yml}}", RUBY_KO, root / "post.md")


def test_outside_a_jekyll_site_exists_in_has_no_hits(tmp_path: Path) -> None:
    rule = "keys: {author: {exists-in: _data/authors.yml}, lang: {one-of: [en]}}"
    found = run(rule, RUBY_KO, tmp_path / "post.md")[1]
    assert [hit.values["key"] for hit in found] == ["lang"]
    assert [hit.values["key"] for hit in run(rule, RUBY_KO)[1]] == ["lang"]  # standard input


def test_a_data_file_is_read_once_until_it_changes(tmp_path: Path) -> None:
    root = site(tmp_path, authors_yml=AUTHORS)
    rule = "keys: {author: {exists-in: _data/authors.yml}}"
    front_matter._parsed.cache_clear()
    for name in ("a.md", "b.md", "c.md"):
        assert run(rule, RUBY_KO, root / name)[1] == []
    assert front_matter._parsed.cache_info().misses == 1
    data = root / "_data" / "authors.yml"
    data.write_text("naruse: {}\n", encoding="utf-8")
    os.utime(data, ns=(1, 1))
    assert [hit.values["value"] for hit in run(rule, RUBY_KO, root / "d.md")[1]] == ["usa"]
    assert front_matter._parsed.cache_info().misses == 2
