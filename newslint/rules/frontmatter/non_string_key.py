"""FM005 non-string-key: a top-level key YAML reads as a number, boolean, date or null."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import NonStringKey, describe_key, quote
from newslint.messages import N_, t
from newslint.rules.frontmatter._common import yaml_facts

_NOT_TEXT = N_("not text")
_TYPE_WORDS = {
    "int": N_("an integer"),
    "float": N_("a number"),
    "bool": N_("a boolean"),
    "null": N_("null"),
    "date": N_("a date"),
    "datetime": N_("a time"),
    "seq": N_("a list"),
    "map": N_("a mapping"),
}


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report top-level keys that YAML reads as something other than a name."""
    for fact in yaml_facts(ctx, NonStringKey):
        key = fact.key
        what = t(_TYPE_WORDS.get(key.tag, _NOT_TEXT))
        if key.kind != "scalar":
            message = t(
                "key is {what}, not a name: Liquid cannot reach it as page.<name>; use a name",
                what=what,
            )
        else:
            source = ctx.doc.text[key.start : key.end]
            shown = describe_key(key.value)
            read = "" if source == shown else t(" (read as {value})", value=shown)
            message = t(
                "key {source} is {what} to YAML{read}, not a name; quote it: {quoted}:",
                source=source,
                what=what,
                read=read,
                quoted=quote(source),
            )
        yield Finding(fact.start, fact.end, message)
