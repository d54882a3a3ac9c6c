"""FM007 unsafe-yaml-tag: an explicit tag other than the standard ones (never constructed)."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import UnknownTag
from newslint.messages import t
from newslint.rules.frontmatter._common import yaml_facts
from newslint.yamlscalars import TAG_PREFIX


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report each tag that is not a standard one, naming the danger of a language's own."""
    for fact in yaml_facts(ctx, UnknownTag):
        short = fact.tag.replace(TAG_PREFIX, "!!")
        if "python/" in fact.tag or "ruby/" in fact.tag:
            message = t(
                "unsafe YAML tag {tag}: it asks the loader to build a program object; "
                "newslint never runs it and Jekyll refuses it; remove the tag",
                tag=short,
            )
        else:
            message = t(
                "unknown YAML tag {tag}: Jekyll's safe loader refuses it; "
                "remove the tag (quote the value if it is text)",
                tag=short,
            )
        yield Finding(fact.start, fact.end, message)
