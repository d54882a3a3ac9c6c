"""``newslint rules``, ``newslint rule CODE`` and ``newslint schema export NAME``."""

from __future__ import annotations

import json
from typing import TextIO

from newslint.catalogue import RuleDoc, catalogue, render_rule, unknown_rule_hint
from newslint.errors import UsageError


def find_rule(key: str) -> RuleDoc:
    """A rule by code (any case) or name; an unknown key fails with a did-you-mean."""
    docs = catalogue()
    if key.upper() in docs:
        return docs[key.upper()]
    for doc in docs.values():
        if doc.name == key:
            return doc
    raise UsageError(f'no such rule: "{key}"; {unknown_rule_hint(key)}')


def list_rules(out: TextIO) -> int:
    for doc in catalogue().values():
        fix = "" if doc.fix == "none" else f" [fix: {doc.fix}]"
        state = "" if doc.default else " (off by default)"
        out.write(f"{doc.code}  {doc.name:<32} {doc.severity.value:<8}{doc.summary}{fix}{state}\n")
    return 0


def show_rule(key: str, out: TextIO) -> int:
    out.write(render_rule(find_rule(key)) + "\n")
    return 0


def export_schema(name: str, out: TextIO) -> int:
    from newslint.schema import export_json_schema

    json.dump(export_json_schema(name, ()), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0
