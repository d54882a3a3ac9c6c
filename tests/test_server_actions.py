"""The edits behind the server's code actions, applied to real text and linted again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newslint.api import lint_text
from newslint.cli import main
from newslint.config import FileSettings
from newslint.diagnostics import INTERNAL, Applicability, Diagnostic, Edit
from newslint.engine import NOT_UTF8, file_diagnostic, lint_bytes, select_rules
from newslint.positions import Position
from newslint.server.actions import Suppression, disable_for_line, fix_all, minimal_edit

from .conftest import SEED

POST = "_posts/2023-06-15-seed.md"
COMMENT = "<!-- newslint-disable-next-line {} -->"


def _seed() -> str:
    return SEED.read_bytes().decode("utf-8")


def _apply(text: str, edit: Edit) -> str:
    return text[: edit.start] + edit.replacement + text[edit.end :]


def _found(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in lint_text(text, POST)]


def _only(text: str, code: str) -> Diagnostic:
    [diag] = [d for d in lint_text(text, POST) if d.code == code]
    return diag


def _silence(text: str, diag: Diagnostic) -> tuple[Suppression, str]:
    """The suppression of ``diag`` and the text with it, which lints as ``text`` did without
    ``diag`` and without an unused suppression (NL101)."""
    action = disable_for_line(diag, text)
    assert action is not None
    silenced = _apply(text, action.edit)
    expected = [(d.code, d.message) for d in lint_text(text, POST) if d != diag]
    assert _found(silenced) == expected
    return action, silenced


# fix all -------------------------------------------------------------------------------


def test_fix_all_writes_the_bytes_newslint_fix_writes(tmp_path: Path) -> None:
    copy = tmp_path / "seed.md"
    shutil.copyfile(SEED, copy)
    text = _seed()
    enabled = select_rules(("DEFAULT",), ())
    diagnostics = lint_text(text, str(copy))
    fixed = fix_all(text, str(copy), FileSettings(), enabled, diagnostics)
    assert main([str(copy), "--fix", "--no-cache"]) == 0
    assert fixed != text
    assert copy.read_bytes() == fixed.encode("utf-8")


def test_fix_all_leaves_unsafe_fixes_alone() -> None:
    text = "---\ntitle: t\n---\n<p>안녕 👋🏽</b> <widgit>x</widgit></p>\n"
    diagnostics = lint_text(text, POST)
    unsafe = [d.code for d in diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE]
    assert unsafe == ["HT037"]
    fixed = fix_all(text, POST, FileSettings(), select_rules(("DEFAULT",), ()), diagnostics)
    at = text.index("</b>")
    assert fixed == text[:at] + text[at + 4 :]
    assert [d.code for d in lint_text(fixed, POST)] == unsafe


# minimal edit ----------------------------------------------------------------------------


def test_minimal_edit_of_equal_texts_is_none() -> None:
    assert minimal_edit("안녕 👋", "안녕 👋") is None


def test_minimal_edit_counts_code_points_across_hangul_and_emoji() -> None:
    before = "---\ntitle: 세계\n---\n<p>안녕 👋🏽 친구</b> 🎉 끝</p>\n"
    text_fixed = fix_all(
        before, POST, FileSettings(), select_rules(("DEFAULT",), ()), lint_text(before, POST)
    )
    at = before.index("</b>")
    assert minimal_edit(before, text_fixed) == Edit(at, at + 4, "")


@pytest.mark.parametrize(
    ("before", "after", "edit"),
    [
        ("👋 가나다 🎉", "👋 가나라다 🎉", Edit(4, 4, "라")),
        ("👋🏽 가", "👋🏾 가", Edit(1, 2, "\U0001f3fe")),
        ("한글 끝", "한글", Edit(2, 4, "")),
        ("aaa", "aaaa", Edit(3, 3, "a")),
        ("", "🎉", Edit(0, 0, "🎉")),
        # never between CR and LF, where an editor's position cannot point
        ("가\r\n나", "가\n나", Edit(1, 3, "\n")),
        ("가\r\n나", "가\rX\n나", Edit(1, 3, "\rX\n")),
    ],
)
def test_minimal_edit_spans_only_what_differs(before: str, after: str, edit: Edit) -> None:
    assert minimal_edit(before, after) == edit
    assert _apply(before, edit) == after


# disable for a line --------------------------------------------------------------------------


def test_seed_stray_end_tag_is_silenced_by_a_comment_line_before_it() -> None:
    text = _seed()
    diag = _only(text, "HT001")
    assert (diag.start.line, diag.start.column) == (32, 209)
    action, silenced = _silence(text, diag)
    line = text.index('<p data-ke-size="size16">한-카자흐 간의')
    assert action == Suppression(
        "Disable HT001 (stray-end-tag) for this line",
        Edit(line, line, COMMENT.format("HT001") + "\n"),
    )
    assert silenced.splitlines()[31] == COMMENT.format("HT001")


def test_crlf_text_gets_a_crlf_comment_line() -> None:
    text = _seed().replace("\n", "\r\n")
    action, silenced = _silence(text, _only(text, "HT001"))
    assert action.edit.replacement == COMMENT.format("HT001") + "\r\n"
    assert "\n" not in silenced.replace("\r\n", "")


@pytest.mark.parametrize(
    ("path", "line", "prefix"),
    [
        ("_posts/2023-06-15-a.md", "<div>\n  <p>a</b></p>\n</div>\n", "  "),
        ("_posts/2023-06-15-a.md", "> quote\n> more </b> text\n", "> "),
        ("_posts/2023-06-15-a.md", "* item\n\t  more </b> text\n", "\t  "),
        ("page.html", "<div>\n> a </b>\n</div>\n", ""),
    ],
)
def test_the_comment_line_is_indented_as_the_line_it_silences(
    path: str, line: str, prefix: str
) -> None:
    text = f"---\ntitle: t\n---\n{line}"
    [diag] = lint_text(text, path)
    action = disable_for_line(diag, text)
    assert action is not None
    at = text.rindex("\n", 0, text.index("</b>")) + 1
    assert action.edit == Edit(at, at, prefix + COMMENT.format("HT001") + "\n")
    assert lint_text(_apply(text, action.edit), path) == []


def test_the_comment_line_goes_after_a_byte_order_mark() -> None:
    text = "\ufeff<div>안녕</b></div>\n"
    [diag] = [d for d in lint_text(text, "page.html") if d.code == "HT001"]
    action = disable_for_line(diag, text)
    assert action is not None
    assert _apply(text, action.edit) == "\ufeff" + COMMENT.format("HT001") + "\n" + text[1:]


def test_a_second_code_on_the_same_line_joins_the_comment() -> None:
    text = "---\ntitle: t\n---\nIntro 👋\n<p title=a title=b>안녕</b></p>\n"
    _, once = _silence(text, _only(text, "HT001"))
    action, twice = _silence(once, _only(once, "HT004"))
    assert action.title == "Disable HT004 (duplicate-attribute) for this line"
    assert twice == text.replace("Intro 👋\n", "Intro 👋\n" + COMMENT.format("HT001, HT004") + "\n")


def test_a_comment_with_a_reason_gets_the_code_before_the_reason() -> None:
    text = (
        "---\ntitle: t\n---\n<!-- newslint-disable-next-line HT001 -- kept on purpose -->\n"
        "<p title=a title=b>x</b></p>\n"
    )
    _, silenced = _silence(text, _only(text, "HT004"))
    assert silenced == text.replace("HT001 --", "HT001, HT004 --")


def test_a_diagnostic_already_silenced_gets_no_action() -> None:
    text = "---\ntitle: a\ntitle: b\n---\nx\n"
    diag = _only(text, "FM004")
    _, silenced = _silence(text, diag)
    assert disable_for_line(diag, silenced) is None


# disable in front matter ---------------------------------------------------------------------


def test_front_matter_finding_gets_the_whole_file_key_as_its_last_key() -> None:
    text = "---\ntitle: 안녕 👋\ntitle: b\n---\nbody\n"
    action, silenced = _silence(text, _only(text, "FM004"))
    assert action.title == "Disable FM004 (duplicate-key) for this file (front matter)"
    assert silenced == text.replace("b\n---", "b\nnewslint:\n  disable: [FM004]\n---")


def test_front_matter_key_in_crlf_text_and_under_an_indented_mapping() -> None:
    text = "---\r\n  title: a\r\n  title: b\r\n---\r\nbody\r\n"
    _, silenced = _silence(text, _only(text, "FM004"))
    added = "  newslint:\r\n    disable: [FM004]\r\n"
    assert silenced == text.replace("b\r\n---", "b\r\n" + added + "---")


@pytest.mark.parametrize(
    ("key", "extended"),
    [
        ("newslint: {disable: [HT001]}", "newslint: {disable: [HT001, FM004]}"),
        ("newslint:\n  disable: [HT001]", "newslint:\n  disable: [HT001, FM004]"),
        ("newslint: {disable: 'HT001'}", "newslint: {disable: ['HT001', FM004]}"),
        (
            "newslint:\n  disable:\n    - HT001  # a reason",
            "newslint:\n  disable:\n    - HT001  # a reason\n    - FM004",
        ),
    ],
)
def test_an_existing_whole_file_key_is_extended(key: str, extended: str) -> None:
    text = f"---\ntitle: a\ntitle: b\n{key}\n---\n<p>x</b></p>\n"
    _, silenced = _silence(text, _only(text, "FM004"))
    assert silenced == text.replace(key, extended)


@pytest.mark.parametrize(
    "body",
    [
        "<p\n  title=a title=b>x</p>\n",  # the line starts inside a tag
        "<!-- a\n --><p title=a title=b>x</p>\n",  # inside a comment
        "{% if x\n %}<p title=a title=b>x</p>\n",  # inside Liquid
    ],
)
def test_a_line_starting_inside_markup_is_silenced_in_front_matter(body: str) -> None:
    text = f"---\ntitle: t\n---\n{body}"
    action, silenced = _silence(text, _only(text, "HT004"))
    assert action.title == "Disable HT004 (duplicate-attribute) for this file (front matter)"
    assert silenced == text.replace("t\n---", "t\nnewslint:\n  disable: [HT004]\n---")


# no place to put a suppression ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("<p>x</b></p>\n", "FM001"),  # no front matter
        ("---\ntitle: [a\n---\nx\n", "FM003"),  # YAML that cannot be read
        ("---\n- a\n---\nx\n", "FM009"),  # front matter that is not a mapping
        ("---\ntitle: a\ntitle: b\nnewslint: off\n---\nx\n", "FM004"),  # a malformed key
        ("---\n{title: a, title: b}\n---\nx\n", "FM004"),  # a flow mapping: no last line
        ("<p\n  title=a title=b>x</p>\n", "HT004"),  # inside a tag, and no front matter
    ],
)
def test_findings_with_no_place_for_a_suppression_get_none(text: str, code: str) -> None:
    assert disable_for_line(_only(text, code), text) is None


def test_file_level_findings_get_none() -> None:
    [not_utf8] = lint_bytes(
        POST, b"---\ntitle: caf\xe9\n---\n", FileSettings(), frozenset()
    ).diagnostics
    assert not_utf8.code == NOT_UTF8
    internal = file_diagnostic(POST, INTERNAL, "internal error in rule HT001", Position(4, 1, 16))
    text = "---\ntitle: t\n---\n<p>x</p>\n"
    assert disable_for_line(not_utf8, text) is None
    assert disable_for_line(internal, text) is None
