"""A house rule as its YAML file writes it, what is wrong with it, and the check made from it.

A rule names its kind by the one key it gives: ``selector`` (with ``attribute``), ``pattern``
(with ``replacement``, ``ignore-case``, ``scope``) or ``front-matter``. Each kind is a module
with the same four names: its spec, the placeholders a message may use, ``problems`` and
``hits``; it is imported only when a rule of its kind is loaded (lxml only for selectors).
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from newslint.catalogue import Example, RuleDoc
from newslint.diagnostics import Applicability, Finding, Severity
from newslint.errors import UsageError
from newslint.messages import t
from newslint.rules.custom.hits import Blanks, Hit
from newslint.rules.custom.keys import SHAPE
from newslint.shapes import validate

if TYPE_CHECKING:
    from newslint.context import RuleContext

RESERVED = ("FM", "HT", "SI", "NL", "KO")
"""Code prefixes of newslint's own rules, which a house rule may not take."""
_CODE = re.compile(r"[A-Z]{1,5}[0-9]{1,4}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_KINDS: dict[str, str] = {
    "selector": "newslint.rules.custom.selector",
    "pattern": "newslint.rules.custom.pattern",
    "front-matter": "newslint.rules.custom.front_matter",
}
_OWN_KEYS: dict[str, tuple[str, ...]] = {
    "selector": ("attribute",),
    "pattern": ("replacement", "ignore-case", "scope"),
    "front-matter": (),
}


@dataclass(frozen=True)
class HouseRule:
    """One entry of a rules file's ``rules:`` list, as written (keys are kebab-case)."""

    __pydantic_config__: ClassVar[dict[str, object]] = SHAPE

    code: str
    name: str
    message: str
    severity: Severity = Severity.WARNING
    summary: str | None = None
    """One line for ``newslint rules``; the message is used when it is not given."""
    rationale: str = ""
    fix: Literal["safe", "unsafe"] | None = None
    default: bool = True
    bad: list[Example] = field(default_factory=list)
    good: list[Example] = field(default_factory=list)
    selector: str | None = None
    attribute: str | None = None
    pattern: str | None = None
    replacement: str | None = None
    ignore_case: bool | None = None
    scope: str | None = None
    front_matter: dict[str, Any] | None = None

    @property
    def kinds(self) -> list[str]:
        """The kind keys this rule gives (exactly one is right)."""
        given: dict[str, object] = {"selector": self.selector, "pattern": self.pattern}
        given["front-matter"] = self.front_matter
        return [kind for kind, value in given.items() if value is not None]


def kind_module(kind: str) -> ModuleType:
    """The module of a kind of house rule, imported on first use."""
    return importlib.import_module(_KINDS[kind])


def rule_problems(rule: HouseRule) -> list[tuple[str, str]]:
    """What is wrong with ``rule`` apart from its kind's own settings, as (key, reason)."""
    problems: list[tuple[str, str]] = []
    if not _CODE.fullmatch(rule.code):
        problems.append(("code", "a code is 1-5 capital letters and 1-4 digits, e.g. X001"))
    elif rule.code.startswith(RESERVED):
        reserved = ", ".join(RESERVED)
        problems.append(("code", f"codes starting {reserved} are newslint's own; use e.g. X001"))
    if not _NAME.fullmatch(rule.name):
        problems.append(("name", "a name is lower-case words joined by hyphens, e.g. embed-host"))
    kinds = rule.kinds
    if len(kinds) != 1:
        found = ", ".join(kinds) if kinds else "none"
        reason = f"give exactly one of selector, pattern, front-matter (found: {found})"
        problems.append(("", reason))
        return problems
    given: dict[str, object] = {"attribute": rule.attribute, "replacement": rule.replacement}
    given |= {"ignore-case": rule.ignore_case, "scope": rule.scope}
    for key, value in given.items():
        if value is not None and key not in _OWN_KEYS[kinds[0]]:
            owner = next(kind for kind, keys in _OWN_KEYS.items() if key in keys)
            problems.append((key, f'"{key}" goes with {owner}, not {kinds[0]}'))
    if rule.fix is not None and rule.replacement is None:
        problems.append(("fix", 'only a pattern rule with a "replacement" has a fix'))
    problems += [
        ("bad", f"example {n}: list what it reports under expect:")
        for n, example in enumerate(rule.bad, 1)
        if not example.expect
    ]
    problems += [
        ("good", f"example {n}: a good example expects nothing")
        for n, example in enumerate(rule.good, 1)
        if example.expect
    ]
    return problems


def message_problems(message: str, placeholders: frozenset[str]) -> list[str]:
    """What is wrong with a message template: unknown fields, and anything but plain fields
    (a field's attributes, conversions and format specs are refused)."""
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        return [f"{exc}; write a literal brace as {{{{ or }}}}"]
    problems = []
    known = ", ".join("{" + name + "}" for name in sorted(placeholders))
    for _text, name, spec, conversion in parsed:
        if name is None:
            continue
        head = re.match(r"[^.\[]*", name)
        base = head.group() if head else name
        if base not in placeholders or "." in name or spec or conversion:
            problems.append(f"{{{name}}} cannot be filled in; this kind of rule knows {known}")
    return problems


def group_problems(message: str, pattern: str) -> list[str]:
    """``{group[…]}`` fields of a pattern rule's message that name no group of its pattern."""
    compiled = re.compile(pattern)
    problems = []
    for _text, name, _spec, _conversion in string.Formatter().parse(message):
        found = re.fullmatch(r"group\[([^\]]*)\]", name or "")
        if found is None:
            continue
        group = found.group(1)
        exists = int(group) <= compiled.groups if group.isdigit() else group in compiled.groupindex
        if not exists:
            problems.append(f"{{{name}}} names a group the pattern does not have")
    return problems


def kind_spec(rule: HouseRule, module: ModuleType) -> Any:
    """The kind's spec from the rule's keys (a front-matter spec is validated by pydantic:
    ``shapes.Invalid`` with locations below ``front-matter``)."""
    kind = rule.kinds[0]
    if kind == "selector":
        return module.SelectorSpec(rule.selector, rule.attribute)
    if kind == "pattern":
        safety = Applicability(rule.fix or "safe")
        return module.PatternSpec(
            str(rule.pattern),
            rule.replacement,
            bool(rule.ignore_case),
            rule.scope or "text",
            safety,
        )
    return validate(module.FrontMatterSpec, rule.front_matter)


def data_files(rule: HouseRule) -> list[str]:
    """The site data files a front-matter rule's ``exists-in`` tests read."""
    spec = rule.front_matter or {}
    tests = [*dict(spec.get("if") or {}).values(), *dict(spec.get("keys") or {}).values()]
    return [
        str(test["exists-in"]) for test in tests if isinstance(test, dict) and "exists-in" in test
    ]


def _suggests(spec: dict[str, Any]) -> bool:
    """Whether a front-matter rule's value tests can offer a did-you-mean fix."""
    tests = dict(spec.get("keys") or {}).values()
    offering = ("one-of", "exists-in", "equals")
    return any(isinstance(test, dict) and any(key in test for key in offering) for test in tests)


_FAMILIES = {"selector": "html", "pattern": "text", "front-matter": "front-matter"}


def rule_doc(rule: HouseRule, origin: str) -> RuleDoc:
    """The catalogue entry of a house rule (what ``newslint rule X001`` and SARIF show)."""
    kind = rule.kinds[0]
    family = _FAMILIES[kind]
    if kind == "pattern" and (rule.scope or "text") != "text":
        family = "front-matter"
    fix: Literal["safe", "unsafe", "none"] = "none"
    if rule.replacement is not None:
        fix = rule.fix or "safe"
    elif kind == "front-matter" and _suggests(rule.front_matter or {}):
        fix = "unsafe"  # a did-you-mean replacement
    return RuleDoc(
        code=rule.code,
        name=rule.name,
        family=family,  # type: ignore[arg-type]
        summary=rule.summary or rule.message,
        rationale=rule.rationale or rule.summary or rule.message,
        bad=rule.bad,
        good=rule.good,
        severity=rule.severity,
        default=rule.default,
        fix=fix,
        origin=origin,
    )


def make_check(
    rule: HouseRule, module: ModuleType, spec: Any
) -> Callable[[RuleContext], Iterator[Finding]]:
    """The check of a house rule: its kind's hits, each worded by the rule's message. A
    problem that stops the run (a missing data file) names the rule."""
    hits, message, label = module.hits, rule.message, f"{rule.code} ({rule.name})"

    def check(ctx: RuleContext) -> Iterator[Finding]:
        try:
            for hit in hits(spec, ctx):
                yield Finding(hit.start, hit.end, worded(message, hit), hit.fix)
        except UsageError as exc:
            raise UsageError(f"house rule {label}: {exc}") from None

    return check


def worded(message: str, hit: Hit) -> str:
    """``message`` with the hit's values filled in, and a did-you-mean the message does not
    already show."""
    values: Mapping[str, object] = Blanks(hit.values)
    text = string.Formatter().vformat(message, (), values)
    suggestion = hit.values.get("suggestion")
    if suggestion and "{suggestion" not in message:
        return t(
            '{message}; did you mean "{suggestion}"?', message=text, suggestion=str(suggestion)
        )
    return text
