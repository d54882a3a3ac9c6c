"""Suppression comments and the ``newslint`` front-matter key; NL101 reports unused ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint import engine
from newslint.api import lint_text
from newslint.cli import main
from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.diagnostics import Diagnostic, Edit, Finding, Fix
from newslint.engine import select_rules
from newslint.fixer import Fixer
from newslint.rules import get_check

SELECT = ("HT001", "FM004", "NL101")


def _stray_b(ctx: RuleContext) -> Iterator[Finding]:
    """Stands in for HT001 so these tests do not depend on the HTML parser: every ``</b>``."""
    text = ctx.doc.text
    at = text.find("</b>", ctx.doc.body_start)
    while at != -1:
        fix = Fix("remove </b>", (Edit(at, at + 4),))
        yield Finding(at, at + 4, "stray end tag </b>: no <b> is open here", fix)
        at = text.find("</b>", at + 4)


@pytest.fixture(autouse=True)
def _stub_ht001(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        engine, "get_check", lambda code: _stray_b if code == "HT001" else get_check(code)
    )


def _lint(text: str, select: tuple[str, ...] = SELECT) -> list[str]:
    return [_render(d) for d in lint_text(text, select=select)]


def _render(diag: Diagnostic) -> str:
    s, e = diag.start, diag.end
    return f"{s.line}:{s.column}-{e.line}:{e.column} {diag.code} {diag.message}"


def _fix(text: str) -> str:
    enabled = select_rules(SELECT, ())
    fixer = Fixer(FileSettings(), enabled, unsafe=False)
    return fixer.fix("_posts/x.md", text, fixer.lint("_posts/x.md", text)).text


STRAY = "stray end tag </b>: no <b> is open here"


def test_disable_next_line_silences_only_the_next_line() -> None:
    text = (
        "---\ntitle: t\n---\n"
        "<!-- newslint-disable-next-line HT001 -->\n"
        "<p>one</b></p>\n"
        "<p>two</b></p>\n"
    )
    assert _lint(text) == [f"6:7-6:11 HT001 {STRAY}"]


def test_selectors_are_codes_names_or_prefixes_with_a_reason() -> None:
    text = (
        "---\ntitle: t\n---\n"
        "<p>a</b></p> <!-- newslint-disable-next-line stray-end-tag -- the next line -->\n"
        "<p>b</b></p>\n"
        "<!-- newslint-disable-next-line HT -->\n"
        "<p>c</b></p>\n"
    )
    assert _lint(text) == [f"4:5-4:9 HT001 {STRAY}"]


def test_range_and_enable() -> None:
    text = (
        "---\ntitle: t\n---\n"
        "<!-- newslint-disable HT001 -->\n"
        "<p>a</b></p>\n"
        "<p>b</b></p>\n"
        "<!-- newslint-enable HT001 -->\n"
        "<p>c</b></p>\n"
    )
    assert _lint(text) == [f"8:5-8:9 HT001 {STRAY}"]


def test_disable_everything_then_enable_one_rule() -> None:
    text = (
        "---\ntitle: t\n---\n"
        "<!-- newslint-disable -->\n"
        "<p>a</b></p>\n"
        "<!-- newslint-enable stray-end-tag -->\n"
        "<p>c</b></p>\n"
    )
    assert _lint(text) == [f"7:5-7:9 HT001 {STRAY}"]


def test_disable_without_enable_runs_to_the_end() -> None:
    text = "---\ntitle: t\n---\n<p>a</b></p>\n<!-- newslint-disable -->\n<p>b</b></p>\n\n<b>c</b>\n"
    assert _lint(text) == [f"4:5-4:9 HT001 {STRAY}"]


def test_comments_in_code_are_not_directives() -> None:
    text = (
        "---\ntitle: t\n---\n"
        "```html\n"
        "<!-- newslint-disable HT001 -->\n"
        "```\n"
        "Write `<!-- newslint-disable-next-line HT001 -->` above the line.\n"
        "<p>a</b></p>\n"
    )
    assert _lint(text) == [f"8:5-8:9 HT001 {STRAY}"]


def test_unused_comment_is_reported_and_fixed_by_deleting_its_line() -> None:
    text = "---\ntitle: t\n---\n<!-- newslint-disable-next-line HT001 -->\n<p>clean</p>\n"
    assert _lint(text) == [
        "4:1-4:42 NL101 unused suppression: no HT001 finding on the next line",
    ]
    assert _fix(text) == "---\ntitle: t\n---\n<p>clean</p>\n"


def test_unused_selector_among_used_ones_is_removed_alone() -> None:
    text = "---\ntitle: t\n---\n<!-- newslint-disable-next-line FM004, HT001 -->\n<p>a</b></p>\n"
    assert _lint(text) == ["4:33-4:38 NL101 unused suppression: no FM004 finding on the next line"]
    fixed = _fix(text)
    assert fixed == "---\ntitle: t\n---\n<!-- newslint-disable-next-line HT001 -->\n<p>a</b></p>\n"
    assert _lint(fixed) == []


def test_unknown_rule_and_unknown_directive() -> None:
    text = (
        "---\ntitle: t\n---\n"
        "<p>a</b></p> <!-- newslint-disable-line HT001 -->\n"
        "<!-- newslint-disable-next-line HT001, XX9 -->\n"
        "<p>b</b></p>\n"
    )
    assert _lint(text) == [
        f"4:5-4:9 HT001 {STRAY}",
        '4:14-4:50 NL101 unknown suppression comment "newslint-disable-line"; use '
        "newslint-disable-next-line, newslint-disable or newslint-enable",
        '5:40-5:43 NL101 unused suppression: "XX9" names no rule (use a code such as HT001, '
        "a rule name or a prefix)",
    ]


def test_suppressions_of_rules_that_do_not_run_are_not_judged() -> None:
    text = "---\ntitle: t\n---\n<!-- newslint-disable-next-line HT001 -->\n<p>clean</p>\n"
    assert _lint(text, select=("FM", "NL101")) == []


def test_front_matter_key_silences_the_whole_file() -> None:
    text = "---\ntitle: a\ntitle: b\nnewslint: {disable: [FM004, HT]}\n---\n<p>a</b></p>\n"
    assert _lint(text) == []


def test_unused_front_matter_key_is_reported_and_removed() -> None:
    text = "---\ntitle: a\nnewslint:\n  disable:\n    - HT001\nlayout: post\n---\n<p>ok</p>\n"
    assert _lint(text) == ["3:1-5:12 NL101 unused suppression: no HT001 finding in this file"]
    assert _fix(text) == "---\ntitle: a\nlayout: post\n---\n<p>ok</p>\n"


def test_malformed_front_matter_key() -> None:
    text = "---\nnewslint: [HT001]\n---\n<p>a</b></p>\n"
    assert _lint(text) == [
        '2:1-2:18 NL101 front-matter key "newslint" must be a mapping such as '
        "{disable: [HT001, stray-end-tag]}",
        f"4:5-4:9 HT001 {STRAY}",
    ]


def test_fix_leaves_a_suppressed_finding_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    text = (
        "---\ntitle: t\n---\n"
        "<!-- newslint-disable-next-line HT001 -->\n"
        "<p>kept</b></p>\n"
        "<p>fixed</b></p>\n"
    )
    post.write_text(text, encoding="utf-8")
    assert main([str(post), "--fix", "--select", ",".join(SELECT)]) == 0
    assert post.read_text(encoding="utf-8") == text.replace("fixed</b>", "fixed")
    assert capsys.readouterr().out == "All checks passed (1 file).\nApplied 1 fix.\n"
