"""``newslint rule``, ``newslint rules`` and ``newslint schema list`` as a user runs them."""

from __future__ import annotations

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
