"""The HTML report in a real browser: Debian's chromium, driven by Playwright, shows what a
person reading the report sees; a screenshot is kept (``NEWSLINT_SCREENSHOT_DIR``, else tmp)."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newslint.cli import main
from tests.conftest import SEED, SEED_NAME, example_site

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium (Playwright's own browser downloads are never used)."""
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HIGHLIGHT = "rgb(255, 212, 59)"
"""The background of ``<mark>`` in the report's style sheet (#ffd43b)."""


@pytest.fixture
def page() -> Iterator[Page]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright for Python is absent: pip install playwright"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield browser.new_page(viewport={"width": 1100, "height": 1200})
        finally:
            browser.close()


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    """The HTML report of the example site with the seed, and the JSON report of that run."""
    site = example_site(tmp_path / "site")
    monkeypatch.chdir(site)
    main([".", "--format", "html", "-o", str(tmp_path / "report.html")])
    main([".", "--format", "json", "-o", str(tmp_path / "report.json")])
    return tmp_path / "report.html", json.loads((tmp_path / "report.json").read_text("utf-8"))


def _visible_rules(page: Page) -> list[str]:
    shown = page.locator("article.finding:visible")
    return [shown.nth(n).get_attribute("data-rule") or "" for n in range(shown.count())]


def test_a_reader_sees_the_totals_filters_the_list_and_the_seeds_highlighted_tag(
    page: Page, run: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    report, data = run
    summary, diagnostics = data["summary"], data["diagnostics"]
    codes = Counter(d["code"] for d in diagnostics)
    flagged = len({d["path"] for d in diagnostics})
    page.goto(report.as_uri())

    headline = page.locator("#headline")
    assert headline.is_visible()
    assert headline.inner_text() == (
        f"Found {summary['errors']} errors, {summary['warnings']} warnings"
        f" in {flagged} of {summary['files']} files."
    )
    assert page.title() == f"newslint report: {headline.inner_text()}"
    assert page.locator("#total-errors").inner_text() == str(summary["errors"])
    overview = page.locator("#overview").bounding_box()
    findings = page.locator("#findings").bounding_box()
    assert overview is not None and findings is not None
    assert overview["y"] < findings["y"] < 1200 * 2  # the overview comes first, near the top
    assert _visible_rules(page) == [d["code"] for d in diagnostics]

    mark = page.locator(f'[id="{SEED_NAME}:32"] pre.source mark')
    mark.scroll_into_view_if_needed()
    assert mark.is_visible() and mark.inner_text() == "</b>"
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == HIGHLIGHT
    seed_line = SEED.read_text(encoding="utf-8").splitlines()[31]
    row = page.locator(f'[id="{SEED_NAME}:32"] pre.source').inner_text().split("\n")[1]
    assert row == f"32{seed_line}"  # Hangul drawn from UTF-8 as it is in the post

    page.evaluate("window.scrollTo(0, 0)")
    screenshots = Path(os.environ.get("NEWSLINT_SCREENSHOT_DIR") or tmp_path)
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshots / "report.png"))
    assert (screenshots / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    rare = min(codes, key=lambda code: (codes[code], code))
    page.get_by_label("Rule code or name").press_sequentially(rare)
    assert _visible_rules(page) == [rare] * codes[rare]
    assert len(diagnostics) > codes[rare]
    assert page.locator("#shown").inner_text() == f"{codes[rare]} of {len(diagnostics)}"

    page.get_by_role("button", name="Clear filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('article.finding:not([hidden])').length == {len(diagnostics)}"
    )
    page.get_by_label("Severity").select_option("warning")
    warnings = [d["code"] for d in diagnostics if d["severity"] == "warning"]
    assert _visible_rules(page) == warnings and len(warnings) == summary["warnings"]
