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
    "FM001": "newslint.rules.frontmatter.missing",
    "FM002": "newslint.rules.frontmatter.unterminated",
    "FM003": "newslint.rules.frontmatter.syntax_error",
    "FM004": "newslint.rules.frontmatter.duplicate_key",
    "FM005": "newslint.rules.frontmatter.non_string_key",
    "FM006": "newslint.rules.frontmatter.tab_indentation",
    "FM007": "newslint.rules.frontmatter.unsafe_tag",
    "FM008": "newslint.rules.frontmatter.alias_bomb",
    "FM009": "newslint.rules.frontmatter.not_mapping",
    "FM010": "newslint.rules.frontmatter.missing_field",
    "FM011": "newslint.rules.frontmatter.wrong_type",
    "FM012": "newslint.rules.frontmatter.value_not_allowed",
    "FM013": "newslint.rules.frontmatter.length_out_of_range",
    "FM014": "newslint.rules.frontmatter.unknown_key",
    "FM015": "newslint.rules.frontmatter.empty_value",
    "FM016": "newslint.rules.frontmatter.markup_in_plain_text",
    "FM017": "newslint.rules.frontmatter.pattern_mismatch",
    "FM018": "newslint.rules.frontmatter.deprecated_key",
    "FM019": "newslint.rules.frontmatter.image_not_found",
    "FM020": "newslint.rules.frontmatter.feature_text",
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
