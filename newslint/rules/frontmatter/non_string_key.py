"""FM005 non-string-key: a top-level key YAML reads as a number, boolean, date or null."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import NonStringKey, describe_key, quote
from newslint.rules.frontmatter._common import yaml_facts

_TYPE_WORDS = {
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "null": "null",
    "date": "a date",
    "datetime": "a time",
    "seq": "a list",
    "map": "a mapping",
}


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report top-level keys that YAML reads as something other than a name."""
    for fact in yaml_facts(ctx, NonStringKey):
        key = fact.key
        what = _TYPE_WORDS.get(key.tag, "not text")
        if key.kind != "scalar":
            message = (
                f"key is {what}, not a name: Liquid cannot reach it as page.<name>; use a name"
            )
        else:
            source = ctx.doc.text[key.start : key.end]
            shown = describe_key(key.value)
            read = "" if source == shown else f" (read as {shown})"
            message = (
                f"key {source} is {what} to YAML{read}, not a name; quote it: {quote(source)}:"
            )
        yield Finding(fact.start, fact.end, message)
