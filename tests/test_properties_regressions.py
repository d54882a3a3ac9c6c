"""Inputs the property tests and bench/fuzz.py found failing, kept as explicit regressions."""

from __future__ import annotations

import pytest

from newslint.api import lint_text
from newslint.document import Document
from newslint.frontmatter import parse


@pytest.mark.parametrize(
    "scalar",
    [
        "2024-02-30",  # fuzz: ValueError "day is out of range for month" in every FM rule
        "0000-01-01",  # year 0: Ruby accepts it, Python's date does not
        "2024-01-01 99:00:00",
        "2024-01-01 10:00:00 +99",
        "0b_",  # YAML 1.1 int pattern with no digits: int("", 2)
        "0x_",
    ],
)
def test_scalar_that_looks_typed_but_is_not_stays_text(scalar: str) -> None:
    text = f"---\ntitle: Regression\nvalue: {scalar}\n---\n<p>x</p>\n"
    assert [d.code for d in lint_text(text, select=("ALL",))] == []
    fm = parse(Document.from_text("_posts/x.md", text))
    assert fm is not None
    assert fm.data["value"] == scalar
    assert fm.fields["value"][1].tag == "str"


def test_unsafe_fix_reaches_its_fixpoint_in_one_run() -> None:
    """Found by test_unsafe_fixes_converge_without_new_findings (hypothesis, shrunk by hand)."""
    from newslint.config import FileSettings
    from newslint.engine import select_rules
    from newslint.fixer import Fixer

    fixer = Fixer(FileSettings(), select_rules(["ALL"], []), unsafe=True)
    x = "x" * 10
    text = (
        "\ufeff---\ntitle: {disable: [HT001]}\ntitle: plain text\ntitle: plain text\n---\n\r\n"
        f"{x}\r<a class><select ' = class>뉴스뉴스</select>뉴스\x7f뉴스</a>\r\n"
        f"{x}{'<b>' * 20}\n\r\n{x}{'<b>' * 29}\r\n{x}{'<b>' * 29}\r\n\r"
        f"{x}{'<p>' * 40}\r\n{x}{'</i>' * 31}"
    )
    first = fixer.fix("_posts/x.md", text, fixer.lint("_posts/x.md", text))
    second = fixer.fix("_posts/x.md", first.text, fixer.lint("_posts/x.md", first.text))
    assert second.text == first.text
