"""``newslint rule``, ``newslint rules`` and ``newslint schema list`` as a user runs them."""

from __future__ import annotations

import json
import re

import pytest

from newslint.catalogue import catalogue
from newslint.cli import main


def _code_blocks(markdown: str) -> list[str]:
    """The fenced code blocks of ``markdown``, read as CommonMark does: a fence of N backticks
    ends at the first line made of N or more backticks only."""
    blocks: list[str] = []
    lines = iter(markdown.split("\n"))
    for line in lines:
        opening = re.fullmatch(r"(`{3,})[^`]*", line)
        if opening is None:
            continue
        body = []
        for inner in lines:
            closing = re.fullmatch(r"(`{3,}) *", inner)
            if closing is not None and len(closing.group(1)) >= len(opening.group(1)):
                break
            body.append(inner)
        else:
            raise AssertionError(f"a code block opened by {line!r} is never closed")
        blocks.append("\n".join(body))
    return blocks


def _example_texts(code: str) -> list[str]:
    texts = []
    for example in catalogue()[code].bad + catalogue()[code].good:
        texts += [text.rstrip("\n") for text in example.files.values()]
        texts.append(example.text.rstrip("\n"))
        if example.fixed is not None:
            texts.append(example.fixed.rstrip("\n"))
    return texts


@pytest.mark.parametrize("code", ["HT001", "HT030", "FM001"])
def test_rule_examples_are_code_blocks_that_hold_them_whole(
    code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rule", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {code} {catalogue()[code].name}\n")
    assert _code_blocks(out) == _example_texts(code)


def test_an_example_holding_a_fence_gets_a_longer_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "HT001"]) == 0
    lines = capsys.readouterr().out.split("\n")
    title = "title: End tags in code and Liquid are not HTML"
    start = lines.index(title) - 2
    assert lines[start : start + 3] == ["````", "---", title]
    end = lines.index("````", start + 1)
    assert lines[end - 3 : end] == ["```html", "</div>", "```"]


def _rules(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["rules", *args]) == 0
    return capsys.readouterr().out.splitlines()


def test_rules_filtered_by_code_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _rules(capsys, "si0")
    assert [line[:5] for line in lines] == [code for code in catalogue() if code[:3] == "SI0"]
    assert lines[0] == (
        "SI001  duplicate-url                    error   "
        "Every post should be built to a URL of its own."
    )
    assert [line[:5] for line in _rules(capsys, "HT00")] == [f"HT00{n}" for n in range(1, 10)]


def test_rules_filtered_by_name_or_family(capsys: pytest.CaptureFixture[str]) -> None:
    codes = [line[:5] for line in _rules(capsys, "end-tag")]
    assert codes == ["HT001"]
    codes = [line[:5] for line in _rules(capsys, "front-matter", "NL00")]
    assert codes == [code for code in catalogue() if code[:2] == "FM" or code[:4] == "NL00"]


def test_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json", "HT001"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "code": "HT001",
            "name": "stray-end-tag",
            "family": "html",
            "severity": "error",
            "default": True,
            "fix": "safe",
            "summary": "Every end tag should close an element that is open.",
        }
    ]
    assert main(["rules", "--output-format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["code"] for item in listed] == list(catalogue())
    off = [item["code"] for item in listed if not item["default"]]
    assert "HT022" in off and "HT001" not in off


@pytest.mark.parametrize(
    ("key", "hint"),
    [("HT9", "HT codes run from HT001 to HT"), ("zzz", "'newslint rules' lists them")],
)
def test_a_filter_that_matches_nothing_is_an_error(
    key: str, hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "HT001", key]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f'newslint: error: no rule matches "{key}"; {hint}')
