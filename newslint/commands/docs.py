"""The documentation commands: ``rules``, ``rule CODE``, ``schema export`` and ``schema list``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newslint.catalogue import RuleDoc, catalogue, render_rule, unknown_rule_hint
from newslint.config import relative_to_cwd
from newslint.errors import UsageError
from newslint.i18n import SOURCE, Translator, environment_language, translator

if TYPE_CHECKING:
    from newslint.config import LoadedSettings


def find_rule(key: str) -> RuleDoc:
    """A rule by code (any case) or name; an unknown key fails with a did-you-mean."""
    docs = catalogue()
    if key.upper() in docs:
        return docs[key.upper()]
    for doc in docs.values():
        if doc.name == key:
            return doc
    raise UsageError(f'no such rule: "{key}"; {unknown_rule_hint(key)}')


def _matcher(key: str, docs: list[RuleDoc]) -> Callable[[RuleDoc], bool]:
    """A code prefix (``HT``, ``si0``) when some code starts with ``key``; else a family or a
    part of a rule's name (``html``, ``tag``)."""
    prefix, word = key.upper(), key.lower()
    if any(doc.code.startswith(prefix) for doc in docs):
        return lambda doc: doc.code.startswith(prefix)
    return lambda doc: word == doc.family or word in doc.name


def select_rules(filters: tuple[str, ...]) -> list[RuleDoc]:
    """The rules that match any of ``filters`` (all rules for none), in code order.

    A filter that matches no rule fails with a hint, so a typo does not print an empty list.
    """
    docs = list(catalogue().values())
    matchers = []
    for key in filters:
        matcher = _matcher(key, docs)
        if not any(matcher(doc) for doc in docs):
            raise UsageError(f'no rule matches "{key}"; {unknown_rule_hint(key)}')
        matchers.append(matcher)
    return [doc for doc in docs if not matchers or any(match(doc) for match in matchers)]


def rule_record(doc: RuleDoc) -> dict[str, Any]:
    """A rule as ``newslint rules --format json`` lists it."""
    return {
        "code": doc.code,
        "name": doc.name,
        "family": doc.family,
        "severity": doc.severity.value,
        "default": doc.default,
        "fix": doc.fix,
        "summary": doc.summary,
    }


def docs_translator(language: str | None) -> Translator:
    """The translator for ``--lang``, else for the environment's language."""
    return translator(language or environment_language() or SOURCE)


def list_rules(
    out: TextIO,
    filters: tuple[str, ...] = (),
    output_format: str = "text",
    language: str | None = None,
) -> int:
    docs = select_rules(filters)
    if output_format == "json":
        json.dump([rule_record(doc) for doc in docs], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    tr = docs_translator(language)
    for doc in docs:
        fix = "" if doc.fix == "none" else " " + tr.gettext("[fix: {fix}]").format(fix=doc.fix)
        state = "" if doc.default else " " + tr.gettext("(off by default)")
        summary = tr.gettext(doc.summary.strip())
        out.write(f"{doc.code}  {doc.name:<32} {doc.severity.value:<8}{summary}{fix}{state}\n")
    return 0


def show_rule(key: str, out: TextIO, language: str | None = None) -> int:
    out.write(render_rule(find_rule(key), docs_translator(language)) + "\n")
    return 0


def export_schema(name: str, out: TextIO) -> int:
    """Schema ``name`` as JSON Schema: a built-in one, a .yaml path, or one of the schema
    directories the configuration found from the working directory names."""
    from newslint.schema import export_json_schema

    _, dirs = _configured_schema_dirs()
    json.dump(export_json_schema(name, dirs), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0


def _schema_lines(path: Path, dirs: tuple[Path, ...]) -> list[str]:
    """Two lines for one schema file: its name and description, then where it is."""
    from newslint.schema import SchemaError, load_schema

    try:
        description = load_schema(path.stem, dirs).description or "(no description)"
    except SchemaError as exc:
        description = f"(not usable: {str(exc).splitlines()[0]})"
    return [f"  {path.stem:<16} {description}", f"  {'':<16} {relative_to_cwd(path)}"]


def _configured_schema_dirs() -> tuple[LoadedSettings, tuple[Path, ...]]:
    """The configuration found from the working directory and its schema directories."""
    from newslint.config import ConfigFinder

    loaded = ConfigFinder().for_directory(Path.cwd())
    return loaded, tuple(loaded.root / entry for entry in loaded.settings.schema_paths)


def list_schemas(out: TextIO) -> int:
    """The built-in schemas, then those of the schema directories the configuration found from
    the working directory names (``schema-paths``), and the schema posts use by default."""
    from newslint.resources import data_dir

    loaded, dirs = _configured_schema_dirs()
    builtin = sorted(data_dir("schemas").glob("*.yaml"))
    lines = ["Built-in schemas:"]
    for path in builtin:
        lines += _schema_lines(path, ())
    source = "no configuration file" if loaded.source is None else relative_to_cwd(loaded.source)
    for directory in dirs:
        found = sorted(directory.glob("*.yaml"))
        lines += ["", f"Schemas in {relative_to_cwd(directory)} (schema-paths of {source}):"]
        lines += [line for path in found for line in _schema_lines(path, dirs)]
        if not found:
            lines.append("  (none: no .yaml files there)")
        overrides = sorted({p.stem for p in found} & {p.stem for p in builtin})
        lines += [f'  "{name}" here is used instead of the built-in one' for name in overrides]
    default = loaded.settings.schema_name
    lines.append("")
    if loaded.source is None:
        lines.append("No configuration file (newslint.toml, pyproject.toml) here or above.")
        lines.append(f'Posts use "{default}" by default.')
    else:
        if not dirs:
            lines.append(f"{source} names no schema directories (schema-paths).")
        lines.append(f'Posts use "{default}" by default ({source}).')
    out.write("\n".join(lines) + "\n")
    return 0
