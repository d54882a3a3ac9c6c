"""The house rules registered in this process, beside the built-in catalogue and checks."""

from __future__ import annotations

from collections.abc import Iterable

from newslint.catalogue import add_rules, remove_rules
from newslint.engine import forget_checks
from newslint.house.ruleset import HouseRulesError, RuleSet
from newslint.rules import add_checks, remove_checks

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


def unregister_all() -> None:
    """Unregister every house rule and plugin."""
    _unregister(list(_OWNERS))


def _unregister(codes: list[str]) -> None:
    for code in codes:
        del _OWNERS[code]
    for name in [n for n, c in _NAMES.items() if c in codes]:
        del _NAMES[name]
    remove_rules(codes)
    remove_checks(codes)
    forget_checks()
