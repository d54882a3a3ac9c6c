"""A rule's examples, linted (and fixed) as the catalogue's own are: what each gets wrong."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.catalogue import Example, RuleDoc, expect_line
from newslint.config import LoadedSettings, parse_settings, resolve_file_settings
from newslint.engine import lint_bytes
from newslint.errors import UsageError
from newslint.fixer import Fixer
from newslint.house.ruleset import RuleSet

if TYPE_CHECKING:
    pass


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
        got = [expect_line(d) for d in linted.diagnostics]
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
