"""FM019 image-not-found: a path field naming no file under the site root.

A file whose whole top-level folder is missing is left to the site rule that says so once per
site, when it runs (``site_rules.folders.deferred``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.frontmatter._common import label, schema_violations
from newslint.site_rules.folders import deferred, top_folder
from newslint.validation import MissingFile, OutsideSite


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report a path field whose file is not under the site root, with a did-you-mean."""
    for fact in schema_violations(ctx, OutsideSite, MissingFile):
        if isinstance(fact, OutsideSite):
            problem = t(
                "file {path} would be outside the site root; use a path under it", path=fact.path
            )
        elif deferred(ctx, fact.root, top_folder(fact.path), ""):
            continue
        else:
            problem = t(
                "file {path} does not exist under the site root{guess}",
                path=fact.path,
                guess=_close_name(fact),
            )
        message = t("{field}: {problem}", field=label(fact), problem=problem)
        yield Finding(fact.node.start, fact.node.end, message)


def _close_name(fact: MissingFile) -> str:
    """A did-you-mean naming a file beside where the path leads, whose name is close to it."""
    target = fact.target
    if not target.parent.is_dir():
        return ""
    names = [p.name for p in target.parent.iterdir()]
    close = difflib.get_close_matches(target.name, names, n=1)
    return t('; did you mean "{name}"?', name=close[0]) if close else ""
