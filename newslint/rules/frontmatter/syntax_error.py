"""FM003: Report front matter that YAML cannot read, at the place it stops, in plain words.

In a post (a file under ``_posts/``) the message also says what Jekyll then does: it drops the
whole front matter and publishes the post untitled, dated the day of the build, at a URL made
of the whole file name (checked against a real build in tests/test_jekyll_agreement.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import PurePath

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.rules.frontmatter._common import yaml_problems


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report front matter that YAML cannot read, at the place it stops, in plain words."""
    path = PurePath(ctx.doc.path)
    effect = ""
    if "_posts" in path.parts[:-1] and "_drafts" not in path.parts:
        effect = (
            "; until then Jekyll ignores all of it and publishes the post untitled, "
            f"dated the build day, at …/{path.stem}/"
        )
    for finding in yaml_problems(ctx, "FM003"):
        yield dataclasses.replace(finding, message=finding.message + effect)
