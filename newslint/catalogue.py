"""The rule catalogue: one YAML file per rule in ``rules/``, shipped inside the wheel.

Linting needs only each rule's code, name, family, severity and whether it is on by default
(``RuleInfo``); ``rules/index.json`` holds those, derived from the YAML files and stamped with a
digest of them, so a run reads it instead of parsing every rule's documentation. When the digest
does not match (a rule file was edited), the YAML files are read, as they are for the full
documentation (``catalogue``); ``python scripts/rule_index.py`` writes the index again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from newslint.diagnostics import Diagnostic, Severity
from newslint.i18n import SOURCE, Translator, translator
from newslint.resources import data_dir
from newslint.shapes import Invalid, validate


@dataclass(frozen=True)
class Example:
    """A document with the diagnostics its rule must report on it (``L:C-L:C message``)."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid"}

    text: str
    path: str = "_posts/2024-01-01-example.md"
    expect: list[str] = field(default_factory=list)
    fixed: str | None = None
    """The text after ``--fix`` (and ``--unsafe-fixes`` for unsafe fixes), when the rule fixes."""
    settings: dict[str, object] = field(default_factory=dict)
    """Configuration (as in ``[tool.newslint]``) the example is linted with."""
    encoding: str = "utf-8"
    """How ``text`` becomes the file's bytes (``latin-1`` shows a file that is not UTF-8)."""
    files: dict[str, str] = field(default_factory=dict)
    """Other files of the site (path from the site root → text), for site rules."""


def expect_line(diagnostic: Diagnostic) -> str:
    """A diagnostic as an example's ``expect:`` lists it: ``L:C-L:C message``."""
    start, end = diagnostic.start, diagnostic.end
    return f"{start.line}:{start.column}-{end.line}:{end.column} {diagnostic.message}"


@dataclass(frozen=True)
class RuleDoc:
    """A rule's metadata: identity, severity, documentation and tested examples."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid"}

    code: str
    name: str
    family: Literal["file", "front-matter", "html", "text", "markdown", "site"]
    summary: str
    rationale: str
    bad: list[Example]
    good: list[Example]
    severity: Severity = Severity.ERROR
    default: bool = True
    fix: Literal["safe", "unsafe", "none"] = "none"
    fix_title: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    """Option name → one-line description, for documentation."""
    language: str | None = None
    """A rule of a language pack (``ko``) runs only on documents in that language."""
    origin: str | None = None
    """Where a rule that is not built in comes from: its rules file and line, or its plugin."""

    def info(self) -> RuleInfo:
        """What linting needs of this rule."""
        return RuleInfo(
            self.code, self.name, self.family, self.severity, self.default, self.language
        )


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's identity and defaults: what linting and rule selection need."""

    code: str
    name: str
    family: str
    severity: Severity
    default: bool
    language: str | None = None
    """The language whose documents the rule runs on (``None``: every document)."""


INDEX = "index.json"
"""The file in ``rules/`` that holds every rule's ``RuleInfo`` (see the module docstring)."""
INDEX_FORMAT = 2


class CatalogueError(Exception):
    """A catalogue file that does not describe a rule properly (a bug in newslint itself)."""


def load_rule_doc(path: Path) -> RuleDoc:
    """One catalogue file, validated; ``CatalogueError`` says what is wrong with it."""
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        doc = validate(RuleDoc, data)
    except (OSError, yaml.YAMLError, Invalid) as exc:
        raise CatalogueError(f"{path}: {exc}") from None
    if doc.code != path.stem:
        raise CatalogueError(f"{path}: code {doc.code} does not match the file name")
    return doc


_ADDED: dict[str, RuleDoc] = {}
"""Rules registered at run time (house rules, plugins), keyed by code."""
_MERGED: dict[str, Any] = {}
"""``catalogue()`` and ``rule_index()`` with the added rules, made when first asked for."""


def add_rules(docs: list[RuleDoc]) -> None:
    """Register rules that are not built in, so selection, reports and docs know them."""
    _ADDED.update((doc.code, doc) for doc in docs)
    _MERGED.clear()


def remove_rules(codes: list[str]) -> None:
    """Forget registered rules (a rules file that changed or was dropped)."""
    for code in codes:
        _ADDED.pop(code, None)
    _MERGED.clear()


def catalogue() -> dict[str, RuleDoc]:
    """Every rule's documentation, keyed by code, built-in rules first, each part in code order."""
    if not _ADDED:
        return builtin_catalogue()
    merged: dict[str, RuleDoc] | None = _MERGED.get("docs")
    if merged is None:
        merged = _MERGED["docs"] = {**builtin_catalogue(), **dict(sorted(_ADDED.items()))}
    return merged


def rule_index() -> dict[str, RuleInfo]:
    """Every rule's ``RuleInfo``, keyed by code: the built-in ones, then registered ones."""
    if not _ADDED:
        return builtin_index()
    merged: dict[str, RuleInfo] | None = _MERGED.get("index")
    if merged is None:
        added = {code: doc.info() for code, doc in sorted(_ADDED.items())}
        merged = _MERGED["index"] = {**builtin_index(), **added}
    return merged


@functools.cache
def builtin_catalogue() -> dict[str, RuleDoc]:
    """Every built-in rule's documentation, keyed by code, in code order."""
    docs = [load_rule_doc(path) for path in sorted(data_dir("rules").glob("*.yaml"))]
    return {doc.code: doc for doc in docs}


@functools.cache
def builtin_index() -> dict[str, RuleInfo]:
    """Every built-in rule's ``RuleInfo``, keyed by code, in code order: from
    ``rules/index.json`` while it matches the rule files, else from the files themselves."""
    directory = data_dir("rules")
    try:
        stored = json.loads((directory / INDEX).read_text(encoding="utf-8"))
        if stored["format"] == INDEX_FORMAT and stored["digest"] == rules_digest(directory):
            return {item["code"]: _info(item) for item in stored["rules"]}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing or malformed: the rule files answer
    return {code: doc.info() for code, doc in builtin_catalogue().items()}


def _info(item: dict[str, Any]) -> RuleInfo:
    return RuleInfo(
        str(item["code"]),
        str(item["name"]),
        str(item["family"]),
        Severity(item["severity"]),
        bool(item["default"]),
        None if item["language"] is None else str(item["language"]),
    )


def rules_digest(directory: Path) -> str:
    """A digest of the names and contents of the rule files in ``directory``."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(directory.glob("*.yaml")):
        digest.update(b"%s\0%d\0" % (path.name.encode(), path.stat().st_size))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def index_text() -> str:
    """The ``rules/index.json`` that matches the rule files (as JSON text)."""
    rules = [
        {
            "code": doc.code,
            "name": doc.name,
            "family": doc.family,
            "severity": doc.severity.value,
            "default": doc.default,
            "language": doc.language,
        }
        for doc in builtin_catalogue().values()
    ]
    digest = rules_digest(data_dir("rules"))
    index = {"format": INDEX_FORMAT, "digest": digest, "rules": rules}
    return json.dumps(index, indent=1) + "\n"


def code_block(text: str) -> list[str]:
    """``text`` as the lines of a fenced Markdown code block whose fence no run of backticks in
    ``text`` can close: one backtick longer than the longest run, and at least three."""
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return [fence, text.rstrip("\n"), fence]


def render_rule(doc: RuleDoc, tr: Translator | None = None) -> str:
    """A rule's documentation as Markdown: what, why, fix, options, examples (the prose in
    ``tr``'s language where the catalogue translates it; examples stay as they are)."""
    tr = tr or translator(SOURCE)
    state = tr.gettext("yes") if doc.default else tr.gettext("no")
    lines = [f"# {doc.code} {doc.name}", "", tr.gettext(doc.summary.strip()), ""]
    lines += [
        tr.gettext(
            "Default severity: {severity}. Enabled by default: {enabled}. Fix: {fix}."
        ).format(severity=doc.severity.value, enabled=state, fix=doc.fix),
        "",
    ]
    if doc.origin is not None:
        lines += [tr.gettext("Defined in {origin}.").format(origin=doc.origin), ""]
    why, options = tr.gettext("Why"), tr.gettext("Options")
    lines += [f"## {why}", "", tr.gettext(doc.rationale.strip()), ""]
    if doc.options:
        lines += [f"## {options}", ""]
        lines += [f"- `{name}`: {text}" for name, text in doc.options.items()]
        lines.append("")
    for title, examples in ((tr.gettext("Incorrect"), doc.bad), (tr.gettext("Correct"), doc.good)):
        lines += [f"## {title}", ""]
        for example in examples:
            if example.files:
                lines += [
                    tr.gettext("`{path}`, in a site that also has:").format(path=example.path)
                ]
                lines.append("")
                for name, text in example.files.items():
                    lines += [f"`{name}`:", *code_block(text)]
                lines.append(f"`{example.path}`:")
            lines += code_block(example.text)
            lines += [f"- {expect}" for expect in example.expect]
            if example.fixed is not None:
                lines += ["", tr.gettext("After the fix:"), *code_block(example.fixed)]
            lines.append("")
    return "\n".join(lines)


def unknown_rule_hint(key: str) -> str:
    """What to say after "no such rule: KEY": the code range of its family, or a close name.

    A code is a number, not a word, so ``HT999`` gets ``HT001``-``HT036`` rather than the code
    that happens to share the most digits.
    """
    import difflib

    docs = rule_index()
    family = re.fullmatch(r"([A-Za-z]+)\d*", key.strip())
    if family is not None:
        codes = sorted(code for code in docs if code.startswith(family.group(1).upper()))
        if codes and codes != [key.upper()]:
            return f"{family.group(1).upper()} codes run from {codes[0]} to {codes[-1]}"
    by_name = {doc.name: code for code, doc in docs.items()}
    squeezed = re.sub(r"[-_ ]", "", key.lower())
    close = [name for name in by_name if squeezed and squeezed in name.replace("-", "")]
    close = close or difflib.get_close_matches(key.lower().replace("_", "-"), list(by_name), n=1)
    if close:
        return f'did you mean "{close[0]}" ({by_name[close[0]]})?'
    return "'newslint rules' lists them"
