"""House rules and rule plugins: read from what a configuration names, checked, registered
beside the built-in rules, and tested on their own examples.

``custom-rules`` names YAML files of rules (``rules.custom.model``); ``plugins`` names
installed packages' ``newslint.rules`` entry points. Either is read once per process and
content, refused with every problem named by file, line and rule (``HouseRulesError``, exit 2),
and registered in the catalogue (``catalogue.add_rules``) and the check table
(``rules.add_checks``), so selection, suppressions, reports and docs treat them as any rule.

Modules: ``rules_file`` (reading a YAML file), ``plugins`` (entry points), ``registry`` (what
is registered), ``examples`` (running a rule's examples), ``ruleset`` (what they pass around).
"""

from __future__ import annotations

import dataclasses
import hashlib

from newslint.config import LoadedSettings
from newslint.house.examples import example_failures
from newslint.house.plugins import read_plugin
from newslint.house.registry import register, unregister_all
from newslint.house.rules_file import read_rules_file
from newslint.house.ruleset import HouseRulesError

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


def forget_all() -> None:
    """Unregister every house rule and plugin (a new workspace; each test starts clean)."""
    unregister_all()
    _VERIFIED.clear()
