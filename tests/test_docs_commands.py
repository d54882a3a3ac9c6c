"""``newslint rule``, ``newslint rules`` and ``newslint schema list`` as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newslint.catalogue import catalogue
from newslint.cli import main
from newslint.resources import data_dir


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
    docs = catalogue()
    assert codes == [c for c in docs if docs[c].family == "front-matter" or c[:4] == "NL00"]


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


def _builtin_lines() -> list[str]:
    """What ``schema list`` says of the built-in schemas (their paths depend on the install)."""
    where = data_dir("schemas")
    return [
        "Built-in schemas:",
        "  alembic-post     A post on the Alembic Jekyll theme.",
        f"                   {where / 'alembic-post.yaml'}",
        "  jekyll-post      A Jekyll post; only the types of the fields Jekyll and its usual "
        "plugins read.",
        f"                   {where / 'jekyll-post.yaml'}",
        "  news-post        A news post on the Alembic theme with house rules for title, "
        "categories, excerpt and image.",
        f"                   {where / 'news-post.yaml'}",
    ]


def test_schema_list_without_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        *_builtin_lines(),
        "",
        "No configuration file (newslint.toml, pyproject.toml) here or above.",
        'Posts use "jekyll-post" by default.',
    ]


def test_schema_list_with_the_configuration_schema_directories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("newslint.toml").write_text('schema-paths = ["_schemas", "more"]\nschema = "house"\n')
    Path("_schemas").mkdir()
    Path("more").mkdir()
    Path("_schemas/house.yaml").write_text("description: Our posts.\nextends: news-post\n")
    Path("_schemas/alembic-post.yaml").write_text("fields: {title: {kind: text}}\n")
    Path("_schemas/broken.yaml").write_text("fields: [1\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # the configuration is found above the directory
    assert main(["schema", "list"]) == 0
    root = tmp_path.resolve()
    assert capsys.readouterr().out.splitlines() == [
        *_builtin_lines(),
        "",
        f"Schemas in {root / '_schemas'} (schema-paths of {root / 'newslint.toml'}):",
        "  alembic-post     (no description)",
        f"                   {root / '_schemas/alembic-post.yaml'}",
        f"  broken           (not usable: {root / '_schemas/broken.yaml'}:2:1: not valid "
        "YAML: did not find expected ',' or ']')",
        f"                   {root / '_schemas/broken.yaml'}",
        "  house            Our posts.",
        f"                   {root / '_schemas/house.yaml'}",
        '  "alembic-post" here is used instead of the built-in one',
        "",
        f"Schemas in {root / 'more'} (schema-paths of {root / 'newslint.toml'}):",
        "  (none: no .yaml files there)",
        "",
        f'Posts use "house" by default ({root / "newslint.toml"}).',
    ]


def test_schema_export_finds_the_configuration_schema_directories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("newslint.toml").write_text('schema-paths = ["_schemas"]\n')
    Path("_schemas").mkdir()
    Path("_schemas/house.yaml").write_text(
        "description: Our posts.\nextends: news-post\nfields: {byline: {kind: text}}\n"
    )
    assert main(["schema", "export", "house"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert "byline" in exported["properties"]
    assert exported["required"] == ["title", "categories", "excerpt", "image"]
