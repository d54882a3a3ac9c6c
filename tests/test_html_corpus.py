"""Across the shared corpus, no HTML finding starts inside code or Liquid that was masked."""

from __future__ import annotations

import pytest

from newslint.config import FileSettings
from newslint.document import Document, decode
from newslint.engine import lint_document, select_rules
from newslint.html.parse import parse_html
from tests.conftest import CORPUS, require_shared


@pytest.mark.slow
def test_no_html_finding_starts_in_masked_code_or_liquid() -> None:
    corpus = require_shared(CORPUS)
    enabled = select_rules(["HT"], [])
    checked = findings = 0
    for path in sorted(corpus.rglob("*")):
        if path.suffix not in (".md", ".markdown", ".html") or "_posts" not in path.parts:
            continue
        text = decode(path.read_bytes())
        if not isinstance(text, str):
            continue
        doc = Document.from_text(str(path), text)
        parse = parse_html(doc)
        for diag in lint_document(doc, FileSettings(path=path), enabled):
            start = diag.start.offset
            assert not parse.masked(start, start + 1), f"{path}:{diag.start.line}: {diag.code}"
            findings += 1
        checked += 1
    assert checked > 12000 and findings > 1000
