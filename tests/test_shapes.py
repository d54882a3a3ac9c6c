"""The exact-type fast path builds what pydantic would, and leaves everything else to pydantic."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pydantic import TypeAdapter

from newslint.catalogue import RuleDoc
from newslint.config import Settings
from newslint.diagnostics import Severity
from newslint.frontmatter import load_yaml
from newslint.resources import data_dir
from newslint.schema import FieldSpec, SchemaFile
from newslint.shapes import Invalid, build_exact, validate

EXACT: list[tuple[type, Any]] = [
    (Settings, {}),
    (
        Settings,
        {
            "select": ["HT", "FM001"],
            "extend_select": ["SI"],
            "per-file-ignores": {"drafts/**": ["HT001"]},
            "severity": {"HT001": "warning"},
            "schema": "news-post",
            "feature-text-template": None,
            "rules": {"HT029": {"allowed-properties": ["color"]}},
        },
    ),
    (FieldSpec, {"kind": ["string", "url"], "deprecated": "use title", "allowed": [1, "x"]}),
    (FieldSpec, {"kind": "list", "items": {"kind": "one-of", "allowed": ["a"]}, "single": True}),
    (SchemaFile, {"name": "x", "unknown_keys": "warn", "fields": {"a": None, "b": {}}}),
]


@pytest.mark.parametrize(("cls", "data"), EXACT)
def test_exactly_typed_data_is_built_as_pydantic_builds_it(cls: type, data: Any) -> None:
    built = build_exact(cls, data)
    assert built is not None
    assert built == TypeAdapter(cls).validate_python(data)


def test_the_shipped_schemas_and_catalogue_need_no_pydantic() -> None:
    for path in sorted(data_dir("schemas").glob("*.yaml")):
        root = load_yaml(path.read_text(encoding="utf-8"))
        assert root is not None
        assert build_exact(SchemaFile, root.value) is not None, path
    import yaml

    path = data_dir("rules") / "HT001.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    doc = build_exact(RuleDoc, data)
    assert doc is not None and doc.severity is Severity.ERROR
    assert doc == TypeAdapter(RuleDoc).validate_python(data)


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (Settings, {"selcet": ["HT"]}),  # unknown key
        (Settings, {"schema": "a", "schema_name": "b"}),  # one field given twice
        (Settings, {"select": ("HT",)}),  # a tuple is not a list
        (Settings, {"severity": {"HT001": "fatal"}}),
        (Settings, {"per-file-ignores": {1: ["HT"]}}),
        (Settings, []),
        (FieldSpec, {"required": 1}),  # pydantic turns 1 into True; the fast path does not
        (FieldSpec, {"min_length": True}),  # a bool is not an int
        (FieldSpec, {"kind": "strng"}),
        (FieldSpec, {"items": {"kind": "string", "typo": 1}}),
        (RuleDoc, {"code": "HT001"}),  # required fields missing
    ],
)
def test_anything_not_exactly_typed_is_declined(cls: type, data: Any) -> None:
    assert build_exact(cls, data) is None


def test_declined_data_is_converted_or_explained_by_pydantic() -> None:
    spec = validate(FieldSpec, {"required": 1, "min_length": "3"})
    assert spec.required is True and spec.min_length == 3
    with pytest.raises(Invalid) as info:
        validate(Settings, {"select": "HT", "selcet": 1})
    assert [(e["type"], e["loc"]) for e in info.value.errors] == [
        ("list_type", ("select",)),
        ("unexpected_keyword_argument", ("selcet",)),
    ]


def test_defaults_are_fresh_per_object() -> None:
    first = validate(Settings, {})
    first.select.append("HT")
    assert validate(Settings, {}).select == ["DEFAULT"]
    assert asdict(validate(SchemaFile, {})) == {
        "name": None,
        "description": "",
        "extends": None,
        "unknown_keys": "allow",
        "fields": {},
    }


def test_a_type_the_fast_path_cannot_check_is_a_bug_not_a_silent_decline() -> None:
    @dataclass
    class Odd:
        __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid"}
        where: Path

    with pytest.raises(TypeError, match="does not handle"):
        build_exact(Odd, {"where": "x"})
