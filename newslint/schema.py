"""Front-matter schemas as data: ``schemas/<name>.yaml`` compiled once, checked per document.

A schema file is validated by pydantic (errors name the file, line and key), which is not even
imported when the file already has exactly the declared types (``shapes.validate``); the
compiled schema is plain frozen dataclasses, and the field checks are direct Python: building a
pydantic model per schema costs ~70 ms and its errors know nothing of YAML 1.1 or source
positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Literal, get_args

from newslint.config import ConfigError, real_path
from newslint.resources import data_dir
from newslint.shapes import Invalid, validate

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

Kind = Literal[
    "any", "string", "text", "integer", "number", "boolean", "date", "datetime",
    "url", "path", "list", "mapping", "one-of",
]  # fmt: skip
KINDS: tuple[str, ...] = get_args(Kind)


class SchemaError(ConfigError):
    """A schema that cannot be used (missing, not YAML, or not a valid schema): exit 2."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a schema file, as written."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid"}

    kind: Kind | list[Kind] = "any"
    description: str = ""
    required: bool = False
    nonempty: bool = False
    default: Any = None
    min_length: int | None = None
    max_length: int | None = None
    min_width: int | None = None
    """Fewest terminal cells the text may take (Hangul and other wide characters count two)."""
    max_width: int | None = None
    """Most terminal cells the text may take, as a reader sees it (Hangul counts two)."""
    width_hint: str | None = None
    """Where the width limit comes from, for messages (``search results``)."""
    pattern: str | None = None
    pattern_hint: str | None = None
    """What the pattern means, for messages (``a path starting with /``)."""
    allowed: list[Any] | None = None
    items: FieldSpec | None = None
    single: bool = False
    """A list field that also accepts one value (Jekyll splits a string on spaces)."""
    multiline: bool = True
    plain: bool = False
    """Plain text: HTML or Markdown in it is reported."""
    deprecated: bool | str = False
    replacement: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SchemaFile:
    """A schema file, as written."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid"}

    name: str | None = None
    description: str = ""
    extends: str | None = None
    unknown_keys: Literal["allow", "warn"] = "allow"
    fields: dict[str, FieldSpec | None] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldRule:
    """A compiled field: the spec with its pattern compiled and its name."""

    name: str
    spec: FieldSpec
    kinds: tuple[str, ...]
    pattern: re.Pattern[str] | None
    items: FieldRule | None


@dataclass(frozen=True)
class Schema:
    """A compiled schema: fields by name, aliases, and what to do with other keys."""

    name: str
    path: Path
    description: str
    unknown_keys: str
    fields: dict[str, FieldRule]
    aliases: dict[str, str]
    """alias key → field name."""

    def field_for(self, key: str) -> FieldRule | None:
        name = self.aliases.get(key, key)
        return self.fields.get(name)


@dataclass(frozen=True)
class _Read:
    """A checked schema file, and its fields as written (what ``extends`` merges)."""

    schema: SchemaFile
    written: dict[str, dict[str, Any] | None]


_CACHE: dict[tuple[Path, int], _Read] = {}
"""Parsed schema files by (path, mtime); the process-wide cache."""
_COMPILED: dict[tuple[str, tuple[Path, ...]], Schema] = {}


def find_schema(name_or_path: str, dirs: tuple[Path, ...] = ()) -> Path:
    """The file of a schema: a ``.yaml`` path, or a name looked up in ``dirs``, then built-ins.

    A name or path that is absolute or climbs with ``..`` is refused, and so is a file of ``dirs``
    (or the working directory) that is a symlink out of it: configuration and schemas come from
    the repository and must not make newslint read elsewhere (docs/security.md).
    """
    written = PurePath(name_or_path)
    if ".." in written.parts or name_or_path.startswith("~"):
        raise SchemaError(
            f'schema "{name_or_path}": not read; name a schema, or give a relative path '
            'inside the repository (without "..")'
        )
    if name_or_path.endswith((".yaml", ".yml")):
        path = Path(name_or_path)
        if not path.is_file():
            for directory in dirs:
                if (directory / name_or_path).is_file():
                    return _confined(directory / name_or_path, directory)
            raise SchemaError(f"{name_or_path}: schema file not found")
        return path if path.is_absolute() else _confined(path, Path.cwd())
    for directory in dirs:
        candidate = directory / f"{name_or_path}.yaml"
        if candidate.is_file():
            return _confined(candidate, directory)
    builtin = data_dir("schemas") / f"{name_or_path}.yaml"
    if builtin.is_file():
        return builtin
    known = sorted(p.stem for d in (*dirs, data_dir("schemas")) for p in d.glob("*.yaml"))
    import difflib

    hint = difflib.get_close_matches(name_or_path, known, n=1)
    extra = f'; did you mean "{hint[0]}"?' if hint else f" (known: {', '.join(known)})"
    raise SchemaError(f'no such schema: "{name_or_path}"{extra}')


def _confined(path: Path, directory: Path) -> Path:
    """``path``, unless it is a symlink that leads out of ``directory``: then a SchemaError."""
    if not real_path(path).is_relative_to(real_path(directory)):
        raise SchemaError(f"{path}: not read: it is a symbolic link out of {directory}")
    return path


def _read(path: Path) -> _Read:
    try:
        mtime = path.stat().st_mtime_ns
        cached = _CACHE.get((path, mtime))
        if cached is not None:
            return cached
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path}: cannot read schema: {exc}") from None
    from newslint.frontmatter import load_yaml

    try:
        root = load_yaml(text)
    except ValueError as exc:
        raise SchemaError(f"{path}:{exc}") from None
    data = {} if root is None else root.value
    try:
        parsed = validate(SchemaFile, data)
    except Invalid as exc:
        raise SchemaError(_describe(path, text, root, exc.errors)) from None
    for name, spec in parsed.fields.items():
        problem = _check_spec(spec, ["fields", name])
        if problem is not None:
            loc, message = problem
            details: ErrorDetails = {
                "type": "value_error",
                "loc": tuple(loc),
                "msg": message,
                "input": None,
            }
            raise SchemaError(_describe(path, text, root, [details]))
    read = _Read(parsed, data.get("fields") or {})
    _CACHE[(path, mtime)] = read
    return read


def _check_spec(spec: FieldSpec | None, loc: list[str]) -> tuple[list[str], str] | None:
    """What pydantic does not check in a field: lengths, its pattern, ``one-of`` values."""
    if spec is None:
        return None
    for key in ("min_length", "max_length", "min_width", "max_width"):
        if (getattr(spec, key) or 0) < 0:
            return [*loc, key], "Input should be greater than or equal to 0"
    if spec.pattern is not None:
        try:
            re.compile(spec.pattern)
        except re.error as exc:
            message = f"pattern {spec.pattern!r} is not a valid regular expression: {exc}"
            return [*loc, "pattern"], message
    kinds = spec.kind if isinstance(spec.kind, list) else [spec.kind]
    if "one-of" in kinds and not spec.allowed:
        return [*loc, "kind"], 'a "one-of" field needs "allowed" values'
    return _check_spec(spec.items, [*loc, "items"])


def _describe(path: Path, text: str, root: Any, errors: list[ErrorDetails]) -> str:
    from newslint.positions import LineIndex

    index = LineIndex(text)
    lines = [f"{path}: invalid schema"]
    for item in errors:
        loc = [part for part in item["loc"] if not str(part).startswith(("function-", "json-"))]
        where = _locate(root, loc)
        at = index.position(where) if where is not None else None
        place = f"{path}:{at.line}:{at.column}" if at else str(path)
        key = ".".join(str(p) for p in loc if p not in KINDS and not str(p).startswith("list["))
        if item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            lines.append(f'  {place}: unknown key "{key}"')
        else:
            lines.append(f'  {place}: "{key}": {item["msg"]}')
    return "\n".join(lines)


def _locate(node: Any, loc: list[Any]) -> int | None:
    """Offset of the schema node at pydantic's ``loc`` path (best effort)."""
    if node is None:
        return None
    found = node.start
    for part in loc:
        if node.kind == "map":
            match = next((p for p in node.pairs if p[0].value == part), None)
            if match is None:
                continue
            found = match[0].start
            node = match[1]
        elif node.kind == "seq" and isinstance(part, int) and part < len(node.items):
            node = node.items[part]
            found = node.start
    return int(found)


def _compile_field(name: str, spec: FieldSpec) -> FieldRule:
    kinds = tuple(spec.kind) if isinstance(spec.kind, list) else (spec.kind,)
    pattern = re.compile(spec.pattern) if spec.pattern else None
    items = _compile_field(name, spec.items) if spec.items else None
    return FieldRule(name, spec, kinds, pattern, items)


def load_schema(name_or_path: str, dirs: tuple[Path, ...] = ()) -> Schema:
    """The compiled schema (cached); raises :class:`SchemaError` naming the file."""
    key = (name_or_path, dirs)
    cached = _COMPILED.get(key)
    if cached is not None:
        return cached
    chain: list[tuple[Path, _Read]] = []
    seen: set[Path] = set()
    current: str | None = name_or_path
    while current is not None:
        path = find_schema(current, dirs)
        resolved = path.resolve()
        if resolved in seen:
            raise SchemaError(f'{path}: "extends" goes round in a circle')
        seen.add(resolved)
        parsed = _read(path)
        chain.append((path, parsed))
        current = parsed.schema.extends
        if current is not None and PurePath(current).is_absolute():
            raise SchemaError(f'{path}: "extends: {current}" is not read: use a schema name')
    merged: dict[str, dict[str, Any]] = {}
    for _, parsed in reversed(chain):
        for field_name, written in parsed.written.items():
            if written is None:
                merged.pop(field_name, None)
                continue
            merged[field_name] = {**merged.get(field_name, {}), **written}
    fields = {n: _compile_field(n, validate(FieldSpec, d)) for n, d in merged.items()}
    aliases = {alias: n for n, rule in fields.items() for alias in rule.spec.aliases}
    top_path, top = chain[0][0], chain[0][1].schema
    schema = Schema(
        name=top.name or top_path.stem,
        path=top_path,
        description=top.description,
        unknown_keys=top.unknown_keys,
        fields=fields,
        aliases=aliases,
    )
    _COMPILED[key] = schema
    return schema


_JSON_KIND: dict[str, dict[str, Any]] = {
    "any": {},
    "string": {"type": "string"},
    "text": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}"},
    "datetime": {"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}"},
    "url": {"type": "string", "format": "uri-reference"},
    "path": {"type": "string"},
    "list": {"type": "array"},
    "mapping": {"type": "object"},
    "one-of": {},
}


def _json_field(rule: FieldRule) -> dict[str, Any]:
    spec = rule.spec
    options: list[dict[str, Any]] = []
    for kind in rule.kinds:
        out = dict(_JSON_KIND[kind])
        if kind in ("string", "text", "url", "path"):
            if spec.min_length is not None:
                out["minLength"] = spec.min_length
            if spec.max_length is not None:
                out["maxLength"] = spec.max_length
            if spec.pattern:
                out["pattern"] = spec.pattern
        if kind == "list":
            if rule.items is not None:
                out["items"] = _json_field(rule.items)
            if spec.min_length is not None:
                out["minItems"] = spec.min_length
            if spec.max_length is not None:
                out["maxItems"] = spec.max_length
        options.append(out)
    if spec.single and rule.items is not None:
        options.append(_json_field(rule.items))
    result: dict[str, Any] = options[0] if len(options) == 1 else {"anyOf": options}
    if spec.allowed and "list" not in rule.kinds:
        result["enum"] = list(spec.allowed)
    if spec.description:
        result["description"] = spec.description
    if spec.default is not None:
        result["default"] = spec.default
    if spec.deprecated:
        result["deprecated"] = True
    return result


def export_json_schema(name_or_path: str, dirs: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A JSON Schema (2020-12) of a front-matter schema, for editors' YAML validation."""
    schema = load_schema(name_or_path, dirs)
    properties: dict[str, Any] = {}
    for name, rule in schema.fields.items():
        properties[name] = _json_field(rule)
        for alias in rule.spec.aliases:
            properties[alias] = {**properties[name], "description": f'same as "{name}"'}
    required = [n for n, r in schema.fields.items() if r.spec.required and not r.spec.aliases]
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": schema.name,
        "type": "object",
        "properties": properties,
        "additionalProperties": schema.unknown_keys == "allow",
    }
    if schema.description:
        out["description"] = schema.description
    if required:
        out["required"] = required
    return out
