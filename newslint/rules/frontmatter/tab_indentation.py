"""FM006 tab-indentation: a tab indenting front matter; YAML allows spaces only."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.frontmatter._common import yaml_facts
from newslint.yamlerrors import TabIndent


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report the tab that stopped YAML reading the front matter."""
    for fact in yaml_facts(ctx, TabIndent):
        message = t(
            "tab in indentation: YAML indents with spaces only; replace the tab with spaces"
        )
        yield Finding(fact.start, fact.end, message)
