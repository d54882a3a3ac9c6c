"""Reading a YAML rules file: every rule validated, its kind checked, every problem named by
file, line, rule and key."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.catalogue import RuleDoc, builtin_index
from newslint.config import relative_to_cwd
from newslint.house.ruleset import HouseRulesError, RuleSet
from newslint.rules.custom import model
from newslint.rules.custom.keys import yaml_key
from newslint.shapes import Invalid, validate

if TYPE_CHECKING:
    import yaml
    from pydantic_core import ErrorDetails

    from newslint.rules import Check


_READ: set[Path] = set()
"""Every rules file this process was asked to read (the language server reloads on a change)."""


def rules_files() -> frozenset[Path]:
    """The rules files read so far, as absolute paths."""
    return frozenset(_READ)


def read_rules_file(path: Path) -> RuleSet:
    """The rules of a YAML rules file; ``HouseRulesError`` lists everything wrong with it."""
    _READ.add(path.absolute())
    shown = relative_to_cwd(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HouseRulesError(f"{shown}: cannot read the rules file: {exc.strerror}") from None
    return _parse_rules_file(shown, data)


@functools.lru_cache(maxsize=32)
def _parse_rules_file(shown: str, data: bytes) -> RuleSet:
    import yaml

    try:
        # One parse: the nodes give each key's line, the data built from them the rules.
        loader = yaml.CSafeLoader(data.decode("utf-8"))
        try:
            root = loader.get_single_node()
            loaded: object = None if root is None else loader.construct_document(root)
        finally:
            loader.dispose()
    except UnicodeDecodeError:
        raise HouseRulesError(f"{shown}: the rules file is not UTF-8 text") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise HouseRulesError(f"{where}: not valid YAML: {exc.problem}") from None
    rules = loaded.get("rules") if isinstance(loaded, dict) else None
    if (
        not isinstance(loaded, dict)
        or set(loaded) != {"rules"}
        or not isinstance(rules, list)
        or not rules
    ):
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

    known = [yaml_key(field.name) for field in dataclasses.fields(model.HouseRule)]
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
