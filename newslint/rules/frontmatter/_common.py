"""What the front-matter rules share: problems found while reading YAML, schema findings."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import parse
from newslint.validation import findings


def yaml_problems(ctx: RuleContext, code: str) -> Iterator[Finding]:
    """Findings of rule ``code`` among the problems met while reading the front matter."""
    fm = parse(ctx.doc)
    if fm is None:
        return
    for problem in fm.problems_of(code):
        yield Finding(problem.start, problem.end, problem.message, related=problem.related)


def schema_findings(ctx: RuleContext, code: str) -> Iterator[Finding]:
    """Findings of rule ``code`` from checking the front matter against its schema."""
    yield from findings(ctx).get(code, ())
