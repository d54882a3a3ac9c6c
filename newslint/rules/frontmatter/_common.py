"""What the front-matter rules share: the facts of reading the YAML and of the schema check."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar, overload

from newslint.context import RuleContext
from newslint.frontmatter import parse
from newslint.messages import t
from newslint.validation import FieldFact, schema_facts

F = TypeVar("F")
G = TypeVar("G")


def yaml_facts(ctx: RuleContext, kind: type[F]) -> Iterator[F]:
    """What reading the front matter found, of one kind, in the order found."""
    fm = parse(ctx.doc)
    if fm is not None:
        yield from fm.facts_of(kind)


@overload
def schema_violations(ctx: RuleContext, kind: type[F], /) -> Iterator[F]: ...
@overload
def schema_violations(ctx: RuleContext, kind: type[F], other: type[G], /) -> Iterator[F | G]: ...
def schema_violations(ctx: RuleContext, *kinds: type[object]) -> Iterator[object]:
    """What the schema check found, of one or two kinds, in the order of the fields."""
    for fact in schema_facts(ctx):
        if isinstance(fact, kinds):
            yield fact


def label(fact: FieldFact) -> str:
    """The field a fact is about, as messages name it: ``"tags"``, ``item 2 of "tags"``."""
    if fact.item is None:
        return f'"{fact.key}"'
    return t('item {number} of "{key}"', number=fact.item + 1, key=fact.key)
