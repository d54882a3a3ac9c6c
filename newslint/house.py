"""House rules and rule plugins: read from what a configuration names, checked, registered
beside the built-in rules, and tested on their own examples.

``custom-rules`` names YAML files of rules (``rules.custom.model``); ``plugins`` names
installed packages' ``newslint.rules`` entry points. Either is read once per process and
content, refused with every problem named by file, line and rule (``HouseRulesError``, exit 2),
and registered in the catalogue (``catalogue.add_rules``) and the check table
(``rules.add_checks``), so selection, suppressions, reports and docs treat them as any rule.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.catalogue import (
    CatalogueError,
    Example,
    RuleDoc,
    add_rules,
    builtin_index,
    load_rule_doc,
    remove_rules,
)
from newslint.config import ConfigError, LoadedSettings, parse_settings, resolve_file_settings
from newslint.engine import forget_checks, lint_bytes
from newslint.errors import UsageError
from newslint.fixer import Fixer
from newslint.rules import add_checks, remove_checks
from newslint.rules.custom import model
from newslint.shapes import Invalid, validate

if TYPE_CHECKING:
    import yaml
    from pydantic_core import ErrorDetails

    from newslint.diagnostics import Diagnostic
    from newslint.rules import Check

ENTRY_POINTS = "newslint.rules"
"""The entry-point group an installed package registers its rule plugin under."""


class HouseRulesError(ConfigError):
    """A rules file or plugin that cannot be used; the message names every problem."""


@dataclass(frozen=True)
class RuleSet:
    """The rules of one rules file or plugin, checked and ready to register."""

    source: str
    """The rules file as shown (its path), or ``plugin NAME``."""
    digest: str
    docs: tuple[RuleDoc, ...]
    checks: dict[str, Check]
    lines: dict[str, int]
    """Each rule's line in its file (no entry for a plugin's)."""
    data: tuple[str, ...] = ()
    """Site data files the rules read (``_data/authors.yml``), relative to a site root."""

    def where(self, code: str) -> str:
        """``file:line`` of a rule, or the plugin."""
        line = self.lines.get(code)
        return self.source if line is None else f"{self.source}:{line}"


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


_READ: set[Path] = set()
"""Every rules file this process was asked to read (the language server reloads on a change)."""


def rules_files() -> frozenset[Path]:
    """The rules files read so far, as absolute paths."""
    return frozenset(_READ)


def read_rules_file(path: Path) -> RuleSet:
    """The rules of a YAML rules file; ``HouseRulesError`` lists everything wrong with it."""
    _READ.add(path.absolute())
    shown = _shown(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HouseRulesError(f"{shown}: cannot read the rules file: {exc.strerror}") from None
    return _parse_rules_file(shown, data)


@functools.lru_cache(maxsize=32)
def _parse_rules_file(shown: str, data: bytes) -> RuleSet:
    import yaml

    try:
        text = data.decode("utf-8")
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
        loaded = yaml.load(text, Loader=yaml.CSafeLoader)
    except UnicodeDecodeError:
        raise HouseRulesError(f"{shown}: the rules file is not UTF-8 text") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise HouseRulesError(f"{where}: not valid YAML: {exc.problem}") from None
    rules = loaded.get("rules") if isinstance(loaded, dict) else None
    if not isinstance(rules, list) or not rules or set(loaded) != {"rules"}:
        raise HouseRulesError(
            f'{shown}: a rules file is a mapping with one key, "rules:", holding a list of '
            "rules (see docs/custom-rules.md)"
        )
    items = _child(root, "rules")
    reader = _FileReader(shown)
    for n, item in enumerate(rules):
        reader.read(item, items.value[n] if items is not None else None, n + 1)
    reader.raise_problems()
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    docs = tuple(doc for doc, _ in reader.rules)
    checks = {doc.code: check for doc, check in reader.rules}
    return RuleSet(shown, digest, docs, checks, reader.lines, tuple(sorted(reader.data)))


class _FileReader:
    """Reads a rules file's rules one by one, collecting every problem with its line."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.rules: list[tuple[RuleDoc, Check]] = []
        self.lines: dict[str, int] = {}
        self.data: set[str] = set()
        self.problems: list[tuple[int, str]] = []
        """(line, what is wrong there), reported in the order of the lines."""
        self.names: dict[str, str] = {info.name: code for code, info in builtin_index().items()}

    def read(self, item: object, node: yaml.Node | None, number: int) -> None:
        label = _label(item, number)
        try:
            rule = validate(model.HouseRule, item)
        except Invalid as exc:
            for error in exc.errors:
                self._say(node, tuple(error["loc"]), label, _reason(error))
            return
        problems = model.rule_problems(rule) + self._clashes(rule)
        for key, reason in problems:
            self._say(node, (key,) if key else (), label, reason)
        if problems:
            return
        kind = rule.kinds[0]
        module = model.kind_module(kind)
        try:
            spec = model.kind_spec(rule, module)
        except Invalid as exc:
            for error in exc.errors:
                self._say(node, ("front-matter", *error["loc"]), label, _reason(error))
            return
        found = [(_kind_loc(kind, key), reason) for key, reason in module.problems(spec)]
        placeholders = module.PLACEHOLDERS
        found += [(("message",), why) for why in model.message_problems(rule.message, placeholders)]
        if rule.pattern is not None and not found:
            found += [
                (("message",), why) for why in model.group_problems(rule.message, rule.pattern)
            ]
        for loc, reason in found:
            self._say(node, loc, label, reason)
        if found:
            return
        line = _line(node, ())
        self.lines[rule.code] = line
        self.names[rule.name] = rule.code
        self.data.update(model.data_files(rule))
        doc = model.rule_doc(rule, f"{self.shown}:{line}")
        self.rules.append((doc, model.make_check(rule, module, spec)))

    def _clashes(self, rule: model.HouseRule) -> list[tuple[str, str]]:
        if rule.code in self.lines:
            return [
                (
                    "code",
                    f"{rule.code} is already the code of the rule at line {self.lines[rule.code]}",
                )
            ]
        if rule.name in self.names:
            return [("name", f'"{rule.name}" is already the name of {self.names[rule.name]}')]
        return []

    def _say(self, node: yaml.Node | None, loc: tuple[Any, ...], label: str, reason: str) -> None:
        where = f' key "{_key(loc)}":' if loc else ""
        line = _line(node, loc)
        self.problems.append((line, f"{self.shown}:{line}: {label}:{where} {reason}"))

    def raise_problems(self) -> None:
        if self.problems:
            count = len(self.problems)
            head = f"{self.shown}: {count} problem{'s' if count > 1 else ''} in the house rules"
            lines = [text for _, text in sorted(self.problems, key=lambda item: item[0])]
            raise HouseRulesError("\n  ".join([head, *lines]))


_KIND_KEYS = frozenset({"attribute", "replacement", "scope", "ignore-case"})


def _kind_loc(kind: str, key: str) -> tuple[str, ...]:
    """Where a kind's problem with ``key`` is written: below ``front-matter`` (dotted keys),
    else at the rule's own key."""
    if kind == "front-matter":
        return ("front-matter", *key.split(".")) if key else ("front-matter",)
    return (key,) if key in _KIND_KEYS else (kind,)


def _reason(error: ErrorDetails) -> str:
    """pydantic's message, with a did-you-mean for a key a rule does not have."""
    if error["type"] == "missing" and len(error["loc"]) == 1:
        return "missing: every rule has a code, a name and a message"
    if error["type"] not in ("extra_forbidden", "unexpected_keyword_argument"):
        return str(error["msg"])
    import difflib

    known = [field.name.replace("_", "-") for field in dataclasses.fields(model.HouseRule)]
    close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
    hint = f'; did you mean "{close[0]}"?' if close and len(error["loc"]) == 1 else ""
    return f"unknown key{hint}" if hint else "unknown key: see docs/custom-rules.md for the keys"


def _label(item: object, number: int) -> str:
    """How a problem names its rule: code and name when the rule gives them, else its place."""
    if isinstance(item, dict) and isinstance(item.get("code"), str):
        name = item.get("name")
        return f"rule {item['code']}" + (f" ({name})" if isinstance(name, str) else "")
    return f"rule {number} of the list"


def _key(loc: Iterable[Any]) -> str:
    """A pydantic location as the YAML keys a user wrote (``bad[0].expect``)."""
    parts = ""
    for part in loc:
        parts += f"[{part}]" if isinstance(part, int) else (f".{part}" if parts else str(part))
    return parts


def _child(node: yaml.Node | None, key: object) -> Any:
    """The value node under ``key`` (a mapping key or a list index), if there is one."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _line(node: yaml.Node | None, loc: Iterable[Any]) -> int:
    """The 1-based line of the deepest node ``loc`` reaches from ``node``."""
    line = node.start_mark.line + 1 if node is not None else 0
    for part in loc:
        node = _child(node, part)
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def read_plugin(name: str) -> RuleSet:
    """The rules of the installed plugin registered as the ``newslint.rules`` entry point
    ``name``: an object with ``catalogue`` (a directory of ``CODE.yaml`` files in the
    built-in catalogue's format) and ``checks`` (code → ``check(ctx)``)."""
    from importlib.metadata import entry_points

    found = list(entry_points(group=ENTRY_POINTS, name=name))
    if not found:
        installed = sorted(point.name for point in entry_points(group=ENTRY_POINTS))
        known = ", ".join(installed) if installed else "none"
        raise HouseRulesError(
            f'plugin "{name}" is not installed: no package registers a "{ENTRY_POINTS}" entry '
            f"point of that name (installed: {known}); pip install the package that provides it"
        )
    point = found[0]
    source = f"plugin {name}"
    try:
        plugin = point.load()
        directory = Path(plugin.catalogue)
        checks = dict(plugin.checks)
    except Exception as exc:  # noqa: BLE001 - a third party's import can raise anything
        raise HouseRulesError(
            f"{source} ({point.value}) cannot be loaded: {type(exc).__name__}: {exc}; it needs "
            '"catalogue" (a directory of rule files) and "checks" (code → check)'
        ) from None
    problems: list[str] = []
    docs: list[RuleDoc] = []
    digest = hashlib.blake2b(f"{point.value}\0{_release(point)}\0".encode(), digest_size=16)
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.read_bytes())
        try:
            doc = load_rule_doc(path)
        except CatalogueError as exc:
            problems.append(str(exc))
            continue
        if doc.code.startswith(model.RESERVED) or doc.family in ("file", "site"):
            problems.append(
                f"{path}: {doc.code}: a plugin's rule needs its own code prefix "
                "and a family that reads one document"
            )
        elif doc.code not in checks:
            problems.append(f"{path}: {doc.code} has no check in the plugin's checks")
        docs.append(dataclasses.replace(doc, origin=source))
    problems += [
        f"{source}: check {code} has no rule file"
        for code in checks.keys() - {d.code for d in docs}
    ]
    if problems or not docs:
        problems = problems or [f"{directory}: no rule files (CODE.yaml)"]
        raise HouseRulesError("\n  ".join([f"{source} cannot be used:", *problems]))
    wanted = {doc.code: checks[doc.code] for doc in docs}
    return RuleSet(source, digest.hexdigest(), tuple(docs), wanted, {})


def _release(point: Any) -> str:
    """The plugin's distribution as installed: name, version and its file list with hashes,
    so an upgraded plugin is not answered from the cache of the old one."""
    dist = point.dist
    if dist is None:
        return ""
    return f"{dist.name} {dist.version}\0{dist.read_text('RECORD') or ''}"


_OWNERS: dict[str, tuple[str, str]] = {}
"""Registered code → (source, digest) of the rule set that registered it."""
_NAMES: dict[str, str] = {}
"""Registered name → code, so two sources cannot share a name."""


def register(rule_sets: Iterable[RuleSet]) -> None:
    """Register rule sets; a code or name another source registered with other contents is
    refused (a copy of the same file, as two sites of one repository may keep, is the same
    rules; a changed file replaces its own earlier rules)."""
    for rule_set in rule_sets:
        stale = [
            c
            for c, (src, dig) in _OWNERS.items()
            if src == rule_set.source and dig != rule_set.digest
        ]
        _unregister(stale)
        for doc in rule_set.docs:
            owner = _OWNERS.get(doc.code)
            if owner is not None and rule_set.source != owner[0] and rule_set.digest != owner[1]:
                raise HouseRulesError(
                    f"{rule_set.where(doc.code)}: {doc.code} is also defined by {owner[0]}: "
                    "give each house rule its own code"
                )
            if _NAMES.get(doc.name, doc.code) != doc.code:
                raise HouseRulesError(
                    f'{rule_set.where(doc.code)}: the name "{doc.name}" is also the name of '
                    f"{_NAMES[doc.name]}: give each rule its own name"
                )
        if all(_OWNERS.get(doc.code, ("", ""))[1] == rule_set.digest for doc in rule_set.docs):
            continue
        for doc in rule_set.docs:
            _OWNERS[doc.code] = (rule_set.source, rule_set.digest)
            _NAMES[doc.name] = doc.code
        add_rules(list(rule_set.docs))
        add_checks(rule_set.checks)
        forget_checks()


def forget_all() -> None:
    """Unregister every house rule and plugin (a new workspace; each test starts clean)."""
    _unregister(list(_OWNERS))
    _VERIFIED.clear()


def _unregister(codes: list[str]) -> None:
    for code in codes:
        del _OWNERS[code]
    for name in [n for n, c in _NAMES.items() if c in codes]:
        del _NAMES[name]
    remove_rules(codes)
    remove_checks(codes)
    forget_checks()


_VERIFIED: set[str] = set()
"""Digests of rule sets whose examples passed in this process."""


def install(loaded: LoadedSettings) -> LoadedSettings:
    """Read, register and test the house rules and plugins ``loaded`` names; ``loaded`` with
    their digest and data files, for the cache key. Unchanged when it names none."""
    settings = loaded.settings
    if not settings.custom_rules and not settings.plugins:
        return loaded
    rule_sets = [read_rules_file(loaded.root / entry) for entry in settings.custom_rules]
    rule_sets += [read_plugin(name) for name in settings.plugins]
    register(rule_sets)
    for rule_set in rule_sets:
        if rule_set.digest in _VERIFIED:
            continue
        failed = [line for lines in example_failures(rule_set).values() for line in lines]
        if failed:
            raise HouseRulesError(
                "\n  ".join(
                    [
                        f"{rule_set.source}: examples that do not give what they expect "
                        "('newslint test-rules' shows them all):",
                        *failed,
                    ]
                )
            )
        _VERIFIED.add(rule_set.digest)
    digest = hashlib.blake2b(digest_size=16)
    for rule_set in rule_sets:
        digest.update(f"{rule_set.source}\0{rule_set.digest}\n".encode())
    data = tuple(sorted({name for rule_set in rule_sets for name in rule_set.data}))
    return dataclasses.replace(loaded, house_digest=digest.hexdigest(), house_data=data)


def example_failures(rule_set: RuleSet) -> dict[str, list[str]]:
    """What each registered rule of ``rule_set`` gets wrong on its examples, by code (rules
    whose examples all pass are left out)."""
    failed: dict[str, list[str]] = {}
    for doc in rule_set.docs:
        for kind, examples in (("bad", doc.bad), ("good", doc.good)):
            for n, example in enumerate(examples, 1):
                problem = _example_problem(doc, example)
                if problem:
                    where = rule_set.where(doc.code)
                    failed.setdefault(doc.code, []).append(
                        f"{where}: {doc.code} {kind} example {n}: {problem}"
                    )
    return failed


def rendered(diagnostic: Diagnostic) -> str:
    """A diagnostic as an example's ``expect:`` lists it: ``L:C-L:C message``."""
    start, end = diagnostic.start, diagnostic.end
    return f"{start.line}:{start.column}-{end.line}:{end.column} {diagnostic.message}"


def _example_problem(doc: RuleDoc, example: Example) -> str:
    """What is wrong with one example's result (``""`` when it gives exactly what it says)."""
    enabled = frozenset({doc.code})
    with tempfile.TemporaryDirectory(prefix="newslint-example-") as tmp:
        root = Path(tmp).resolve()
        if example.files:
            for relative, text in {"_config.yml": "title: example\n", **example.files}.items():
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        try:
            settings = parse_settings(example.settings, root / "newslint.toml")
        except UsageError as exc:
            return f"settings: {exc}"
        path = root / example.path
        file_settings = resolve_file_settings(LoadedSettings(settings, root, None), path)
        data = example.text.encode(example.encoding)
        linted = lint_bytes(example.path, data, file_settings, enabled)
        got = [rendered(d) for d in linted.diagnostics]
        if got != example.expect:
            return _difference(example.expect, got)
        if example.fixed is None or linted.text is None:
            return ""
        fixer = Fixer(file_settings, enabled, unsafe=True)
        outcome = fixer.fix(example.path, linted.text, linted.diagnostics)
    if outcome.text != example.fixed:
        return _difference([example.fixed], [outcome.text], what="the fixed text")
    return ""


def _difference(expected: list[str], got: list[str], what: str = "diagnostics") -> str:
    """Expected and reported, one per line, as a failure explains them."""

    def lines(items: list[str]) -> str:
        return "".join(f"\n      {item!r}" for item in items) or "\n      (nothing)"

    return f"{what} differ\n    expected:{lines(expected)}\n    got:{lines(got)}"
