"""FM009 front-matter-not-mapping: front matter that is a list or a single value."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import describe_key, parse
from newslint.messages import t


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter that YAML reads as a list or a single value."""
    fm = parse(ctx.doc)
    root = fm.root if fm is not None else None
    if root is None or root.kind == "map":
        return
    if root.kind == "seq":
        what = t("a list")
    else:
        what = t("a single value ({value})", value=describe_key(root.value))
    message = t('front matter is {what}, not "key: value" lines; Jekyll needs a mapping', what=what)
    yield Finding(root.start, root.end, message)
