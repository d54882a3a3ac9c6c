"""``newslint test-rules``: run every house rule's and plugin's examples and say what failed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newslint.config import ConfigFinder, LoadedSettings
from newslint.errors import UsageError

if TYPE_CHECKING:
    from newslint.house.ruleset import RuleSet


def configured_house(config: Path | None) -> LoadedSettings:
    """The configuration found from the working directory (or ``config``), with its house
    rules and plugins registered, so the documentation commands list them too."""
    loaded = ConfigFinder(config).for_directory(Path.cwd())
    if not loaded.settings.custom_rules and not loaded.settings.plugins:
        return loaded
    from newslint.house import install

    return install(loaded)


def _rule_sets(files: tuple[str, ...], config: Path | None) -> list[RuleSet]:
    """The rule sets of ``files``, else those the configuration names."""
    from newslint.house.plugins import read_plugin
    from newslint.house.rules_file import read_rules_file

    if files:
        return [read_rules_file(Path(name)) for name in files]
    loaded = ConfigFinder(config).for_directory(Path.cwd())
    settings = loaded.settings
    sets = [read_rules_file(loaded.root / entry) for entry in settings.custom_rules]
    sets += [read_plugin(name) for name in settings.plugins]
    if not sets:
        where = "no configuration file" if loaded.source is None else str(loaded.source)
        raise UsageError(
            f"no house rules to test ({where} names no custom-rules or plugins); "
            "name rules files: newslint test-rules newslint-rules.yaml"
        )
    return sets


def test_rules(out: TextIO, files: tuple[str, ...] = (), config: Path | None = None) -> int:
    """Test every rule's examples; 1 when one fails or a rule has none, else 0."""
    from newslint.house.examples import example_failures
    from newslint.house.registry import register

    sets = _rule_sets(files, config)
    register(sets)
    failed = examples = 0
    for rule_set in sets:
        out.write(f"{rule_set.source}\n")
        problems = example_failures(rule_set)
        for doc in rule_set.docs:
            count = len(doc.bad) + len(doc.good)
            examples += count
            own = problems.get(doc.code, [])
            if count == 0:
                own = [
                    f"{rule_set.where(doc.code)}: {doc.code} has no examples: add bad: "
                    "and good: examples, so the rule is tested"
                ]
            verdict = "FAILED" if own else "ok"
            out.write(
                f"  {doc.code}  {doc.name:<28} {count} example{'s' * (count != 1)}  {verdict}\n"
            )
            for problem in own:
                out.write(f"    {problem}\n")
            failed += bool(own)
    rules = sum(len(rule_set.docs) for rule_set in sets)
    out.write(f"{rules} rule{'s' * (rules != 1)}, {examples} example{'s' * (examples != 1)}: ")
    out.write(f"{failed} rule{'s' * (failed != 1)} failed\n" if failed else "all passed\n")
    return 1 if failed else 0
