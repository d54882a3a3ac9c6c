"""The site-index entry is built lazily: only the tags and URL placeholders it uses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NoReturn

import pytest

from newslint.document import Document
from newslint.html.parse import parse_html
from newslint.site_rules import jekyll
from newslint.site_rules.index import Body
from newslint.site_rules.summary import summarize


def _body(tmp_path: Path, body: str) -> tuple[Body, Document]:
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    path = tmp_path / "_posts" / "2024-03-05-x.md"
    path.parent.mkdir()
    doc = Document.from_text(str(path), "---\ntitle: X\n---\n" + body)
    entry = summarize(doc, path, body=True)
    assert entry is not None and entry.body is not None
    return entry.body, doc


def test_body_links_come_from_link_tags_without_building_every_tag(tmp_path: Path) -> None:
    text = '<p>See <a href="/a/">a</a>, <a href="//cdn/x">b</a> and <img src="/i.png"></p>\n'
    body, doc = _body(tmp_path, text)
    assert [(link.kind, link.target) for link in body.links] == [("href", "/a/"), ("src", "/i.png")]
    start = doc.text.index("/a/")
    assert body.links[0].span == (start, start + 3)
    assert "tags" not in vars(parse_html(doc))


@pytest.mark.parametrize(
    ("text", "length", "other"),
    [
        ("<p>one two</p>\n<p> three </p>\n", 11, False),
        ('<p>pic <image src="x.png"></p>\n', 3, True),  # the parser makes <image> an <img>
        ("<video></video>\n", 0, True),
        ("<p>![alt](x.png)</p>\n", 13, True),
    ],
)
def test_body_text_length_and_other_content(
    tmp_path: Path, text: str, length: int, other: bool
) -> None:
    body, _ = _body(tmp_path, text)
    assert (body.text_length, body.other_content) == (length, other)


class _DateOnly(dt.datetime):
    """A date whose calendar lookups fail: only the placeholders a template names may use them."""

    def strftime(self, fmt: str) -> NoReturn:
        raise AssertionError(f"strftime({fmt!r}) called")

    def isocalendar(self) -> NoReturn:
        raise AssertionError("isocalendar() called")

    def timetuple(self) -> NoReturn:
        raise AssertionError("timetuple() called")


def _url(template: str, when: dt.datetime = dt.datetime(2024, 3, 5, 7, 8, 9)) -> str:
    return jekyll.build_url(
        template,
        when=when,
        slug="Hello World",
        basename="2024-03-05-Hello World",
        suffix=".md",
        categories=["News", "news", "Local"],
        collection="posts",
        path_in_collection="2024-03-05-Hello World",
    )


@pytest.mark.parametrize(
    ("template", "url"),
    [
        ("/:title:output_ext", "/Hello-World.html"),
        ("/:categories/:slug/", "/news/local/hello-world/"),
        ("/:short_month-:long_month/:short_day-:long_day/", "/Mar-March/Tue-Tuesday/"),
        ("/:w_year/W:week/:y_day/:short_year/", "/2024/W10/065/24/"),
        ("/:hour:minute:second/:i_month/:i_day/", "/070809/3/5/"),
        ("/:yearly/:unknown/", "/2024ly/:unknown/"),
        ("/:titles/", "/Hello-Worlds/"),  # Jekyll replaces ":title" wherever it is
        ("/:title/:titles/", "/Hello-World/Hello-Worlds/"),
        ("/:collection/:path/./:name", "/posts/2024-03-05-Hello World/2024-03-05-hello-world"),
    ],
)
def test_build_url_fills_the_placeholders_the_template_names(template: str, url: str) -> None:
    assert _url(template) == url


def test_build_url_works_out_only_the_named_placeholders(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("slugify called for a template without :title, :slug or :name")

    monkeypatch.setattr(jekyll, "slugify", refuse)
    when = _DateOnly(2024, 3, 5, 7, 8, 9)
    assert _url("/:categories/:year/:month/:day/:hour", when) == "/news/local/2024/03/05/07"


@pytest.mark.parametrize("pretty", [False, True])
def test_slugify_of_ascii_text_matches_the_rule_for_any_script(pretty: bool) -> None:
    texts = ["Hello, World!", "  a__b--c  ", "C++ & Rust (2024)", "x.y~z@w", "\t\x00end", ""]
    for text in texts:
        for cased in (False, True):
            expected = jekyll._slug_of_any(text, pretty)
            expected = expected[1:] if expected.startswith("-") else expected
            expected = expected[:-1] if expected.endswith("-") else expected
            expected = expected if cased else expected.lower()
            assert jekyll.slugify(text, pretty=pretty, cased=cased) == expected, text
    assert jekyll.slugify("Ünïcode \u2013 한국어 title") == "ünïcode-한국어-title"
