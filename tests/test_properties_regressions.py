"""Inputs the property tests and bench/fuzz.py found failing, kept as explicit regressions."""

from __future__ import annotations

import pytest

from newslint.api import lint_text
from newslint.config import FileSettings
from newslint.document import Document
from newslint.engine import select_rules
from newslint.fixer import Fixer
from newslint.frontmatter import parse

PATH = "_posts/x.md"


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
    fm = parse(Document.from_text(PATH, text))
    assert fm is not None
    assert fm.data["value"] == scalar
    assert fm.fields["value"][1].tag == "str"


def test_unsafe_fix_reaches_its_fixpoint_in_one_run() -> None:
    """Found by test_unsafe_fixes_converge_without_new_findings (hypothesis, shrunk by hand)."""
    fixer = Fixer(FileSettings(), select_rules(["ALL"], []), unsafe=True)
    x = "x" * 10
    text = (
        "\ufeff---\ntitle: {disable: [HT001]}\ntitle: plain text\ntitle: plain text\n---\n\r\n"
        f"{x}\r<a class><select ' = class>뉴스뉴스</select>뉴스\x7f뉴스</a>\r\n"
        f"{x}{'<b>' * 20}\n\r\n{x}{'<b>' * 29}\r\n{x}{'<b>' * 29}\r\n\r"
        f"{x}{'<p>' * 40}\r\n{x}{'</i>' * 31}"
    )
    first = fixer.fix(PATH, text, fixer.lint(PATH, text))
    second = fixer.fix(PATH, first.text, fixer.lint(PATH, first.text))
    assert second.text == first.text


def test_fix_withdrawn_for_renaming_a_message_is_retried_once_the_text_changes() -> None:
    """bench/fuzz.py, .fuzz/crashes/crash-1f64ed016fda63fa: a second --fix still changed the text.

    Renaming <b> (HT036) turns HT003's "</b> closes <a>" into "</strong> closes <a>", which
    counted as a new finding, so the rename was withdrawn; after HT003 swapped the end tags the
    withdrawal still held, and only the next run renamed.
    """
    fixer = Fixer(FileSettings(), select_rules(["ALL"], []), unsafe=True)
    text = "--- \r\n---\r\n\n<b><a></b></a>\n"
    before = fixer.lint(PATH, text)
    assert [(d.code, d.message) for d in before] == [
        ("HT036", "<b> where the house style uses <strong>"),
        (
            "HT003",
            "</b> closes <a> before its own </a> (misnested tags); kramdown prints </b> as text",
        ),
    ]
    first = fixer.fix(PATH, text, before)
    assert first.text == "--- \r\n---\r\n\n<strong><a></a></strong>\n"
    assert (first.applied, first.remaining, first.rolled_back) == (2, [], [])
    assert fixer.lint(PATH, first.text) == []
