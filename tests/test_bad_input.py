"""Hostile or broken input gets a clear answer: a diagnostic or an error, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main

FRONT = "---\ntitle: Hostile input\n---\n"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main([*argv, "--format", "json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def _codes(report: Any) -> list[tuple[str, int, int]]:
    return [(d["code"], d["start"]["line"], d["start"]["column"]) for d in report["diagnostics"]]


def test_ten_megabyte_single_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "<p>" + "너무 긴 한 줄 " * 530_000 + "</b></p>"
    assert len(line.encode("utf-8")) > 10_000_000
    post = tmp_path / "long.md"
    post.write_text(FRONT + line + "\n", encoding="utf-8")
    code, report, err = _run(capsys, str(post))
    assert err == ""
    assert code == 1
    assert _codes(report) == [("HT001", 4, len(line) - 7)]


def test_thirty_thousand_nested_divs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "deep.md"
    post.write_text(
        FRONT + "<div>" * 30_000 + "deep" + "</div>" * 30_000 + "</i>\n", encoding="utf-8"
    )
    code, report, err = _run(capsys, str(post))
    assert err == ""
    assert "NL900" not in {d["code"] for d in report["diagnostics"]}
    assert ("HT001", 4, 5 * 30_000 + 4 + 6 * 30_000 + 1) in _codes(report)
    assert code == 1


def test_yaml_bomb_is_reported_not_expanded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        prev = chr(ord("a") + n - 1)
        name = chr(ord("a") + n)
        levels.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    post = tmp_path / "bomb.md"
    post.write_text("---\n" + "\n".join(levels) + "\n---\n<p>boom</p>\n", encoding="utf-8")
    code, report, err = _run(capsys, str(post))
    assert err == ""
    assert code == 1
    assert "FM008" in {d["code"] for d in report["diagnostics"]}


def test_python_tag_is_never_executed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentinel = tmp_path / "pwned"
    post = tmp_path / "tag.md"
    post.write_text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {sentinel}']\n---\n<p>x</p>\n",
        encoding="utf-8",
    )
    code, report, _ = _run(capsys, str(post))
    assert not sentinel.exists()
    assert ("FM007", 2, 8) in _codes(report)
    assert code == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [("FM001", 1, 1)]),
        ("Just prose, no front matter.\n", [("FM001", 1, 1)]),
        ("---\ntitle: never closed\n<p>x</p>\n", [("FM002", 1, 1)]),
    ],
    ids=["empty", "no-front-matter", "unterminated"],
)
def test_front_matter_shapes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    expected: list[tuple[str, int, int]],
) -> None:
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    code, report, _ = _run(capsys, str(post))
    assert _codes(report) == expected
    assert code == 1


def test_yaml_syntax_error_points_into_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: '장금이' 전국 확대\n---\n<p>x</p>\n", encoding="utf-8")
    code, report, _ = _run(capsys, str(post))
    assert [c[:2] for c in _codes(report)] == [("FM003", 2)]
    assert code == 1


def test_duplicate_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: one\ntitle: two\n---\n<p>x</p>\n", encoding="utf-8")
    code, report, _ = _run(capsys, str(post))
    assert _codes(report) == [("FM004", 3, 1)]
    assert report["diagnostics"][0]["related"][0]["line"] == 2
    assert code == 1


@pytest.mark.slow
def test_directory_of_ten_thousand_posts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = tmp_path / "_posts"
    posts.mkdir()
    for n in range(10_000):
        body = "<p>fine</p>" if n % 1000 else "<p>stray</i></p>"
        (posts / f"2024-01-01-post-{n:05}.md").write_text(
            f"---\ntitle: Post {n}\n---\n{body}\n", encoding="utf-8"
        )
    code, report, err = _run(capsys, str(posts))
    assert err == ""
    assert report["summary"]["files"] == 10_000
    assert _codes(report) == [("HT001", 4, 9)] * 10
    assert code == 1
