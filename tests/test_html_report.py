"""The HTML report (no browser): parsed, its totals, findings and escaping checked exactly."""

from __future__ import annotations

import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import html5lib
import pytest

from newslint.cli import main
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.positions import LineIndex
from newslint.reporters import get_reporter
from newslint.reporters.html_finding import LONG_LINE, finding
from newslint.reporters.report_options import ReportOptions
from newslint.results import FileResult
from tests.conftest import SEED, SEED_NAME, example_site

HOSTILE = (
    "---\nlayout: post\ntitle: Hostile\n---\n"
    '<p><script>alert("x")</script> 한국어 🎉 a</b> & more</p>\n'
)
"""A post whose flagged line holds a script element, Hangul and an emoji."""


def _run(site: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[str, dict[str, Any]]:
    """The HTML report of ``site`` and the JSON report of the same run."""
    monkeypatch.chdir(site)
    main([".", "--format", "html", "-o", str(site.parent / "report.html"), *extra])
    main([".", "--format", "json", "-o", str(site.parent / "report.json"), *extra])
    page = (site.parent / "report.html").read_text(encoding="utf-8")
    return page, json.loads((site.parent / "report.json").read_text(encoding="utf-8"))


def _tree(page: str) -> ET.Element:
    root: ET.Element = html5lib.parse(page, namespaceHTMLElements=False)
    return root


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def _before_mark(pre: ET.Element) -> tuple[str, str]:
    """The line number and the text before the first ``<mark>`` on its line."""
    children = list(pre)
    at = next(n for n, child in enumerate(children) if child.tag == "mark")
    number = children[at - 1]
    return _text(number), number.tail or ""


def _by_id(root: ET.Element, key: str) -> ET.Element:
    found = root.find(f".//*[@id='{key}']")
    assert found is not None, key
    return found


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, dict[str, Any]]:
    return _run(example_site(tmp_path / "site"), monkeypatch)


def test_the_totals_match_the_json_report_of_the_same_run(
    seeded: tuple[str, dict[str, Any]],
) -> None:
    page, data = seeded
    root = _tree(page)
    summary = data["summary"]
    diagnostics = data["diagnostics"]
    unsafe = sum(1 for d in diagnostics if d["fix"] and d["fix"]["applicability"] == "unsafe")
    flagged = len({d["path"] for d in diagnostics})
    expected = {
        "total-errors": summary["errors"],
        "total-warnings": summary["warnings"],
        "total-infos": summary["infos"],
        "total-files": summary["files"],
        "total-flagged": flagged,
        "total-safe": summary["fixable"],
        "total-unsafe": unsafe,
        "total-baselined": summary["baselined"],
    }
    assert {key: int(_text(_by_id(root, key))) for key in expected} == expected
    assert summary["errors"] > 0 and unsafe > 0  # the seeded site has both
    headline = _text(_by_id(root, "headline"))
    assert headline == (
        f"Found {summary['errors']} errors, {summary['warnings']} warnings"
        f" in {flagged} of {summary['files']} files."
    )
    charts = {
        section.get("aria-labelledby"): section
        for section in root.iter("section")
        if section.get("aria-labelledby")
    }
    counts: dict[str, int] = {}
    for d in diagnostics:
        counts[d["code"]] = counts.get(d["code"], 0) + 1
    rows = charts["per-rule"].iter("tr")
    shown = {_text(row.find("th")).split()[0]: int(_text(row.find("td"))) for row in rows}  # type: ignore[arg-type]
    assert shown == counts


def test_every_finding_has_an_article_with_its_anchor_in_order(
    seeded: tuple[str, dict[str, Any]],
) -> None:
    page, data = seeded
    articles = [a for a in _tree(page).iter("article") if a.get("class") == "finding"]
    assert [(a.get("data-rule"), a.get("data-path")) for a in articles] == [
        (d["code"], d["path"]) for d in data["diagnostics"]
    ]
    anchors = [a.get("id") for a in articles]
    assert len(set(anchors)) == len(anchors)
    for article, d in zip(articles, data["diagnostics"], strict=True):
        assert article.get("id", "").startswith(f"{d['path']}:{d['start']['line']}")
        link = article.find("h3/a")
        assert link is not None and link.get("href") == f"#{article.get('id')}"


def test_the_seed_shows_its_stray_end_tag_marked_on_line_32_with_the_fix_as_a_diff(
    seeded: tuple[str, dict[str, Any]],
) -> None:
    page, _ = seeded
    root = _tree(page)
    article = _by_id(root, f"{SEED_NAME}:32")
    assert article.get("data-rule") == "HT001"
    raw = page[page.index(f'id="{SEED_NAME}:32"') :]
    raw = raw[: raw.index("</article>")]
    assert raw.count("<mark>&lt;/b&gt;</mark>") == 1
    source = article.find("pre[@class='source']")
    assert source is not None
    lines = _text(source).split("\n")
    row32 = next(line for line in lines if line.startswith("32"))
    seed_line = SEED.read_text(encoding="utf-8").splitlines()[31]
    column = seed_line.index("</b>")
    assert len(seed_line) < LONG_LINE  # shown whole
    assert row32 == f"32{seed_line}" and column == 208
    mark = source.find("mark")
    assert mark is not None and mark.text == "</b>"
    assert _before_mark(source) == ("32", seed_line[:column])
    diff = article.find("pre[@class='diff']")
    assert diff is not None
    old, new = _text(diff).split("\n")
    assert old == f"- {seed_line}" and new == f"+ {seed_line[:column]}{seed_line[column + 4 :]}"
    removed = diff.find(".//del")
    assert removed is not None and removed.text == "</b>"


def test_the_page_loads_nothing_and_labels_its_filters(
    seeded: tuple[str, dict[str, Any]],
) -> None:
    page, _ = seeded
    root = _tree(page)
    assert root.get("lang") == "en"
    assert root.find("head/meta[@charset='utf-8']") is not None
    assert [e.get("src") for e in root.iter() if e.get("src") is not None] == []
    hrefs = [e.get("href", "") for e in root.iter() if e.get("href") is not None]
    assert hrefs and all(href.startswith("#") for href in hrefs)
    assert [e.tag for e in root.iter() if e.tag in {"link", "iframe", "img", "object"}] == []
    style = _text(root.find("head/style"))  # type: ignore[arg-type]
    assert "url(" not in style and "@import" not in style
    labelled = {label.get("for") for label in root.iter("label")}
    controls = [e.get("id") for e in root.iter() if e.tag in {"input", "select"}]
    assert controls == ["f-rule", "f-severity", "f-path", "f-text"]
    assert labelled == set(controls)
    levels = [int(e.tag[1]) for e in root.iter() if re.fullmatch(r"h[1-6]", str(e.tag))]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_a_post_holding_a_script_is_shown_as_text_with_its_hangul_and_emoji(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = example_site(tmp_path / "site")
    (site / "_posts" / "2024-07-01-hostile.md").write_text(HOSTILE, encoding="utf-8")
    page, data = _run(site, monkeypatch, "--select", "HT001")
    root = _tree(page)
    assert len(list(root.iter("script"))) == 1  # the report's own filter script
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    line = HOSTILE.splitlines()[4]
    hostile = [d for d in data["diagnostics"] if d["path"].endswith("hostile.md")]
    assert [d["code"] for d in hostile] == ["HT001"]
    article = _by_id(root, f"{hostile[0]['path']}:5")
    source = article.find("pre[@class='source']")
    assert source is not None
    assert f"5{line}" in _text(source).split("\n")
    mark = source.find("mark")
    column = hostile[0]["start"]["column"]
    assert mark is not None and mark.text == line[column - 1 : column + 3] == "</b>"
    assert _before_mark(source) == ("5", line[: column - 1])


def test_findings_hidden_by_the_baseline_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = example_site(tmp_path / "site")
    baseline = str(tmp_path / "baseline.json")
    monkeypatch.chdir(site)
    main([".", "--format", "json", "-o", str(tmp_path / "b.json")])
    main([".", "--write-baseline", baseline, "-q"])
    before = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    (site / "_posts" / "2024-07-01-hostile.md").write_text(HOSTILE, encoding="utf-8")
    page, data = _run(site, monkeypatch, "--baseline", baseline)
    root = _tree(page)
    assert data["summary"]["baselined"] == len(before["diagnostics"]) > 0
    assert int(_text(_by_id(root, "total-baselined"))) == data["summary"]["baselined"]
    articles = [a for a in root.iter("article") if a.get("class") == "finding"]
    assert len(articles) == len(data["diagnostics"]) > 0


def _stray(path: str, source: str) -> Diagnostic:
    index = LineIndex(source)
    start = source.index("</b>")
    fix = Fix("remove </b>", (Edit(start, start + 4),), Applicability.SAFE)
    return Diagnostic(
        path,
        "HT001",
        "stray-end-tag",
        Severity.ERROR,
        "stray </b>",
        index.position(start),
        index.position(start + 4),
        fix,
    )


def test_the_page_grows_with_findings_not_with_clean_posts() -> None:
    source = "<p>a</b></p>\n"
    flagged = FileResult("_posts/a.md", [_stray("_posts/a.md", source)], source=source)
    pages = []
    for clean_posts in (9, 999):
        out = io.StringIO()
        results = [flagged] + [FileResult(f"_posts/c{n}.md") for n in range(clean_posts)]
        get_reporter("html")(results, out, ReportOptions())
        pages.append(out.getvalue())
    assert "in 1 of 10 files" in pages[0] and "in 1 of 1000 files" in pages[1]
    assert len(pages[1]) - len(pages[0]) == 2 * 2  # "10" -> "1000" in the headline and totals


def test_a_span_far_along_a_long_line_is_shown_in_a_window() -> None:
    source = "x" * 5000 + "</b>" + "y" * 5000 + "\n"
    diag = _stray("_posts/long.md", source)
    article = finding(diag, "_posts/long.md:1", "stray-end-tag", "", LineIndex(source))
    root = _tree(f"<!DOCTYPE html><html><body>{article}</body></html>")
    shown = _text(root.find(".//pre[@class='source']"))  # type: ignore[arg-type]
    assert shown == "1\u2026" + "x" * 150 + "</b>" + "y" * 150 + "\u2026"
    diff = _text(root.find(".//pre[@class='diff']"))  # type: ignore[arg-type]
    x, y = "x" * 150 + "\u2026" + "x" * 150, "y" * 150 + "\u2026" + "y" * 150
    assert diff == f"- {x}</b>{y}\n+ {x}{y}"


def test_a_fix_across_lines_shows_the_lines_it_leaves_alone_once() -> None:
    source = "<p>\nfirst line\nsecond</b> line\nthird line\n</p>\n"
    start = source.index("first")
    end = source.index("third")
    replacement = source[start:end].replace("</b>", "")
    edit = Edit(start, end, replacement)
    diag = replace(_stray("_posts/a.md", source), fix=Fix("remove </b>", (edit,)))
    article = finding(diag, "_posts/a.md:3", "stray-end-tag", "", LineIndex(source))
    diff = _tree(f"<!DOCTYPE html><html><body>{article}</body></html>").find(
        ".//pre[@class='diff']"
    )
    assert diff is not None
    assert _text(diff) == "  first line\n- second</b> line\n+ second line\n  third line"
    assert [e.text for e in diff.iter("del")] == ["</b>"] and list(diff.iter("ins")) == []


def test_a_run_without_findings_says_so_and_lists_the_files_it_could_not_read() -> None:
    results = [
        FileResult("_posts/ok.md"),
        FileResult("_posts/gone.md", error="cannot read file: <gone>"),
    ]
    out = io.StringIO()
    get_reporter("html")(results, out, ReportOptions())
    root = _tree(out.getvalue())
    assert _text(_by_id(root, "headline")) == "No findings in 1 file linted."
    assert _text(_by_id(root, "total-unreadable")) == "1"
    assert root.find(".//form") is None and list(root.iter("article")) == []
    problems = [_text(item) for item in root.iter("li")]
    assert problems == ["_posts/gone.md could not be linted: cannot read file: <gone>"]
