"""The built-in rules: an explicit code → check table, imported lazily.

A check is ``check(ctx: RuleContext) -> Iterator[Finding]``. Its metadata (name, summary,
severity, examples) lives in the catalogue, ``rules/<CODE>.yaml`` at the top of the repository.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.context import RuleContext
    from newslint.diagnostics import Finding

Check = Callable[["RuleContext"], Iterator["Finding"]]

CHECKS: dict[str, str] = {
    "HT001": "newslint.rules.html.stray_end_tag",
}


class UnknownRule(KeyError):
    """Raised for a code that no rule has."""


def get_check(code: str) -> Check:
    """The check function of rule ``code``; fails with ``no such rule`` for unknown codes."""
    try:
        module_name = CHECKS[code]
    except KeyError:
        raise UnknownRule(f'no such rule: "{code}"') from None
    check: Check = importlib.import_module(module_name).check
    return check
