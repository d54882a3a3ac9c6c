"""Site findings an editor acts on: taxonomy read as Jekyll reads it, titles that really collide,
a missing top-level folder said once per site (SI012) instead of once per post (HT034, FM019)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main
from newslint.document import Document
from newslint.site_rules.index import decode, encode
from newslint.site_rules.summary import summarize
from tests.conftest import CORPUS, require_shared
from tests.test_site_rules import _write


def _found(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> list[tuple[str, str, int, int, str]]:
    main([*args, "--format", "json", "--no-cache"])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return [
        (d["path"], d["code"], d["start"]["line"], d["start"]["column"], d["message"])
        for d in report["diagnostics"]
    ]


def _terms(tmp_path: Path, front: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The categories and tags of a post with ``front`` matter, each with its written text."""
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    path = tmp_path / "_posts" / "2024-01-01-a.md"
    path.parent.mkdir()
    text = f"---\n{front}---\n<p>a</p>\n"
    path.write_text(text, encoding="utf-8")
    entry = summarize(Document.from_text(str(path), text), path, body=False)
    assert entry is not None

    def shown(items: Any) -> list[tuple[str, str]]:
        return [(i.value, text[i.span[0] : i.span[1]] if i.span else "") for i in items]

    return shown(entry.categories), shown(entry.tags)


@pytest.mark.parametrize(
    ("front", "categories", "tags"),
    [
        # A list item is one term, whatever its spaces (Jekyll never splits a list).
        (
            'tags: ["Curriculum Development", Local news]\n',
            [],
            [("Curriculum Development", '"Curriculum Development"'), ("Local news", "Local news")],
        ),
        # The plural key's string is split on whitespace, each word at its own place.
        ("tags: local  news\n", [], [("local", "local"), ("news", "news")]),
        ('tags: "local news"\n', [], [("local", '"local news"'), ("news", '"local news"')]),
        # The singular key's string is one term, and wins over the plural key for tags.
        ("tag: Local news\ntags: a b\n", [], [("Local news", "Local news")]),
        # Categories take both keys: the plural's words and the singular's value.
        (
            "categories: economy world\ncategory: Real Estate\n",
            [("economy", "economy"), ("world", "world"), ("Real Estate", "Real Estate")],
            [],
        ),
        ("tags: [2024, yes, ~]\n", [], [("2024", "2024"), ("true", "yes")]),
    ],
)
def test_categories_and_tags_are_read_as_jekyll_reads_them(
    tmp_path: Path, front: str, categories: list[tuple[str, str]], tags: list[tuple[str, str]]
) -> None:
    assert _terms(tmp_path, front) == (categories, tags)


def test_a_two_word_tag_in_a_list_is_not_matched_word_by_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, ["Google Chrome", "Lord of the Rings"] made tags "of" and "the" that "differed"
    # from the "Of" and "The" of other lists.
    _write(
        tmp_path,
        {
            "_config.yml": "title: t\n",
            "_posts/2012-03-30-egg.md": "---\ntags:\n- Chrome\n- Lord of the Rings\n---\nx\n",
            "_posts/2012-04-01-a.md": "---\ntags:\n- Lord Of The Rings\n---\nx\n",
            "_posts/2012-04-02-b.md": "---\ntags:\n- Lord Of The Rings\n- The Hobbit\n---\nx\n",
            "_posts/2012-04-03-c.md": "---\ntags:\n- Stack Exchange\n---\nx\n",
            "_posts/2012-04-04-d.md": "---\ntags: [StackExchange]\n---\nx\n",
            "_posts/2012-04-05-e.md": "---\ntags: [StackExchange]\n---\nx\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert _found(capsys, [".", "--select", "SI007,SI013"]) == [
        (
            "_posts/2012-03-30-egg.md",
            "SI013",
            4,
            3,
            'tag "Lord of the Rings" is written "Lord Of The Rings" in 2 posts; spell it one way, '
            "as a tag page may list only the posts of one spelling",
        ),
        (
            "_posts/2012-04-03-c.md",
            "SI007",
            3,
            3,
            'tag "Stack Exchange" differs from "StackExchange" (2 posts) only by spacing or '
            'hyphenation; use "StackExchange"',
        ),
    ]


def _post(title: str, lang: str = "") -> str:
    return f"---\ntitle: {title}\n{f'lang: {lang}' if lang else ''}\n---\n<p>{title}</p>\n"


def test_titles_collide_only_within_a_few_days_a_section_and_a_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    weekly = {f"_posts/2009-01-{day:02d}-edge-{day}.md": _post("Edge Rails") for day in (2, 9, 16)}
    _write(
        tmp_path,
        {
            "_config.yml": "title: t\n",
            **weekly,  # a weekly column: one title, a week apart
            "_posts/2009-01-17-edge-again.md": _post("Edge Rails"),  # published twice
            "_posts/2017-08-29-gems.md": _post("Vulnerabilities in RubyGems"),
            "_posts/2018-02-17-gems.md": _post("Vulnerabilities in RubyGems"),  # a yearly notice
            "_posts/2024-03-01-seoul.md": _post("Seoul", "en"),
            "_posts/2024-03-01-seoul-ko.md": _post("Seoul", "ko"),  # a translation
            "ja/_posts/2024-03-01-seoul.md": _post("Seoul", "en"),  # another section
            "_posts/2016-01-29-string.md": _post("MFC UAC"),  # a title left over
            "_posts/2016-02-01-uac.md": _post("MFC UAC"),
            "_posts/2016-02-06-uac-2.md": _post("MFC UAC"),
        },
    )
    monkeypatch.chdir(tmp_path)
    title = "give this post a title of its own"
    assert _found(capsys, [".", "--select", "SI002"]) == [
        (
            "_posts/2009-01-17-edge-again.md",
            "SI002",
            2,
            8,
            'title "Edge Rails" is also the title of _posts/2009-01-16-edge-16.md, published a day '
            f"earlier; {title}",
        ),
        (
            "_posts/2016-02-01-uac.md",
            "SI002",
            2,
            8,
            'title "MFC UAC" is also the title of _posts/2016-01-29-string.md, published 3 days '
            f"earlier; {title}",
        ),
    ]
    # A site that calls a week "close" says so.
    _write(tmp_path, {"newslint.toml": "[rules.SI002]\ndays = 7\n"})
    assert len(_found(capsys, [".", "--select", "SI002"])) == 5


ASSETS = '<p><img src="/assets/{0}.jpg" alt=""> <a href="/assets/{0}.pdf">PDF</a></p>\n'


def _site(root: Path) -> None:
    fence = "```\n"
    _write(
        root,
        {
            "_config.yml": "title: t\nbaseurl: /news\n",
            # The first post by path shows the markup as code: it links nothing.
            "_posts/2024-01-01-howto.md": f"---\ntitle: a\n---\n{fence}"
            '<img src="/assets/x.jpg">\n' + fence,
            "_posts/2024-01-02-b.md": "---\ntitle: b\n---\n<!-- <img src='/assets/c.jpg'> -->\n"
            + ASSETS.format("b").replace('"/assets', '"/news/assets', 1),
            "_posts/2024-01-03-c.md": "---\ntitle: c\n---\n" + ASSETS.format("c"),
            # A folder that exists, a file that does not; placeholders: each its own finding.
            "_posts/2024-01-04-d.md": "---\ntitle: d\n---\n"
            '<img src="/img/gone.jpg" alt=""> <img src="your-image-source.jpg" alt="">\n'
            '<img src="이미지 링크" alt="">\n',
            "img/here.jpg": "",
        },
    )


def test_a_missing_top_level_folder_is_said_once_per_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    here = "does not exist under the site root"
    assert _found(capsys, [".", "--select", "HT034,SI012"]) == [
        (
            "_posts/2024-01-02-b.md",
            "SI012",
            5,
            14,
            "folder /assets does not exist under the site root, and 2 files of the site link "
            "into it 4 times (the first here); add the folder, or correct the paths",
        ),
        ("_posts/2024-01-04-d.md", "HT034", 4, 6, f"<img src>: file /img/gone.jpg {here}"),
        ("_posts/2024-01-04-d.md", "HT034", 4, 39, f"<img src>: file your-image-source.jpg {here}"),
        ("_posts/2024-01-04-d.md", "HT034", 5, 6, f"<img src>: file 이미지 링크 {here}"),
    ]
    # Without SI012, HT034 reports every file again.
    found = _found(capsys, [".", "--select", "HT034"])
    assert [(path[7:17], line) for path, _, line, *_ in found] == [
        ("2024-01-02", 5),
        ("2024-01-02", 5),
        ("2024-01-03", 4),
        ("2024-01-03", 4),
        ("2024-01-04", 4),
        ("2024-01-04", 4),
        ("2024-01-04", 5),
    ]


def test_a_named_file_hosts_the_folder_finding_the_rest_of_the_site_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Committing c.md alone: b.md, which comes first, is not linted, so c.md says it.
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _found(capsys, ["_posts/2024-01-03-c.md", "--select", "HT034,SI012"]) == [
        (
            "_posts/2024-01-03-c.md",
            "SI012",
            4,
            14,
            "folder /assets does not exist under the site root, and 2 files of the site link "
            "into it 4 times (the first here); add the folder, or correct the paths",
        )
    ]


def test_a_page_has_no_index_entry_so_its_missing_folder_stays_with_ht034(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"_config.yml": "title: t\n", "about.md": "---\n---\n" + ASSETS.format("a")})
    monkeypatch.chdir(tmp_path)
    here = "does not exist under the site root"
    assert _found(capsys, ["about.md", "--select", "HT034,SI012"]) == [
        ("about.md", "HT034", 3, 9, f"<img src>: file /assets/a.jpg {here}"),
        ("about.md", "HT034", 3, 40, f"<a href>: file /assets/a.pdf {here}"),
    ]


def test_front_matter_paths_into_a_missing_folder_are_left_to_si012(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    post = "---\ntitle: a\ncategories: [News]\nexcerpt: An excerpt long enough to pass.\n"
    _write(
        tmp_path,
        {
            "_config.yml": "title: t\n",
            "newslint.toml": 'schema = "news-post"\n',
            "_posts/2024-01-01-a.md": post + "image: /uploads/lead.jpg\n---\n<p>a</p>\n",
            "_posts/2024-01-02-b.md": post + "image: /img/lead.jpg\n---\n<p>b</p>\n",
            "img/other.jpg": "",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert _found(capsys, [".", "--select", "FM019,SI012"]) == [
        (
            "_posts/2024-01-01-a.md",
            "SI012",
            5,
            8,
            "folder /uploads does not exist under the site root, and this file links into it; "
            "add the folder, or correct the path",
        ),
        (
            "_posts/2024-01-02-b.md",
            "FM019",
            5,
            8,
            '"image": file /img/lead.jpg does not exist under the site root',
        ),
    ]


def test_an_entry_keeps_its_language_redirect_and_folders_through_the_cache(
    tmp_path: Path,
) -> None:
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    path = tmp_path / "_posts" / "2024-01-01-a.md"
    path.parent.mkdir()
    text = "---\nlang: ko\nredirect_to: /b/\nimage: /assets/a.png\n---\n<img src='/assets/b.gif'>\n"
    entry = summarize(Document.from_text(str(path), text), path, body=True)
    assert entry is not None
    assert (entry.lang, entry.redirect) == ("ko", True)
    assert [(u.folder, text[u.span[0] : u.span[1]], u.count) for u in entry.folders] == [
        ("assets", "/assets/a.png", 2)
    ]
    assert decode(encode(entry), entry.path) == entry


@pytest.mark.slow
def test_the_corpus_without_asset_folders_gets_one_finding_per_site_and_folder() -> None:
    corpus = require_shared(CORPUS)
    sites = ["frowth-official__frowth-official.github.io", "ranknews__ranknews.github.io"]
    report = json.loads(
        subprocess.run(
            [
                *(sys.executable, "-m", "newslint", *sites, "--select", "HT034,SI012"),
                *("--format", "json", "--no-cache"),
            ],
            cwd=corpus,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    )
    assert [(d["code"], d["path"], d["message"]) for d in report["diagnostics"]] == [
        (
            "HT034",
            "frowth-official__frowth-official.github.io/_posts/2024-07-29-9.md",
            "<img src>: file image-url does not exist under the site root",
        ),
        (
            "SI012",
            "ranknews__ranknews.github.io/_posts/2024-07-01-1.md",
            "folder /assets does not exist under the site root, and 1,039 files of the site "
            "link into it 2,073 times (the first here); add the folder, or correct the paths",
        ),
    ]
