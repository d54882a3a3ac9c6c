"""Paths in front matter are checked under the site root only, and recorded for the cache."""

from __future__ import annotations

from pathlib import Path

from newslint.config import FileSettings
from newslint.document import Document
from newslint.engine import lint_document

POST = """---
title: A post with an image path
categories: [News]
excerpt: An excerpt that is long enough for the news schema.
image: {image}
---
<p>Body.</p>
"""


def _site(tmp_path: Path) -> Path:
    (tmp_path / "_config.yml").write_text("title: Site\n", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "lead.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "_posts").mkdir()
    return tmp_path / "_posts" / "2024-01-01-post.md"


def _lint(path: Path, image: str) -> tuple[list[str], Document]:
    doc = Document.from_text(str(path), POST.format(image=image))
    settings = FileSettings(schema_name="news-post", path=path)
    found = lint_document(doc, settings, frozenset({"FM019"}))
    return [f"{d.start.line}:{d.start.column} {d.message}" for d in found], doc


def test_existing_image_is_fine_and_recorded(tmp_path: Path) -> None:
    post = _site(tmp_path)
    messages, doc = _lint(post, "/assets/lead.jpg")
    assert messages == []
    assert doc.dependencies == {str(tmp_path.resolve() / "assets" / "lead.jpg"): True}


def test_missing_image_suggests_a_close_name(tmp_path: Path) -> None:
    post = _site(tmp_path)
    messages, _ = _lint(post, "/assets/lead.jpeg")
    assert messages == [
        '5:8 "image": file /assets/lead.jpeg does not exist under the site root; '
        'did you mean "lead.jpg"?'
    ]


def test_path_leaving_the_site_root_is_a_finding_not_a_file_access(tmp_path: Path) -> None:
    post = _site(tmp_path)
    messages, doc = _lint(post, "../../../../etc/passwd")
    assert messages == [
        '5:8 "image": file ../../../../etc/passwd would be outside the site root; '
        "use a path under it"
    ]
    assert doc.dependencies == {}
