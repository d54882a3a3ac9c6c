"""The documentation commands: ``rules``, ``rule CODE``, ``schema export`` and ``schema list``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

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


def _matcher(key: str, docs: list[RuleDoc]) -> Callable[[RuleDoc], bool]:
    """A code prefix (``HT``, ``si0``) when some code starts with ``key``; else a family or a
    part of a rule's name (``html``, ``tag``)."""
    prefix, word = key.upper(), key.lower()
    if any(doc.code.startswith(prefix) for doc in docs):
        return lambda doc: doc.code.startswith(prefix)
    return lambda doc: word == doc.family or word in doc.name


def select_rules(filters: tuple[str, ...]) -> list[RuleDoc]:
    """The rules that match any of ``filters`` (all rules for none), in code order.

    A filter that matches no rule fails with a hint, so a typo does not print an empty list.
    """
    docs = list(catalogue().values())
    matchers = []
    for key in filters:
        matcher = _matcher(key, docs)
        if not any(matcher(doc) for doc in docs):
            raise UsageError(f'no rule matches "{key}"; {unknown_rule_hint(key)}')
        matchers.append(matcher)
    return [doc for doc in docs if not matchers or any(match(doc) for match in matchers)]


def rule_record(doc: RuleDoc) -> dict[str, Any]:
    """A rule as ``newslint rules --format json`` lists it."""
    return {
        "code": doc.code,
        "name": doc.name,
        "family": doc.family,
        "severity": doc.severity.value,
        "default": doc.default,
        "fix": doc.fix,
        "summary": doc.summary,
    }


def list_rules(out: TextIO, filters: tuple[str, ...] = (), output_format: str = "text") -> int:
    docs = select_rules(filters)
    if output_format == "json":
        json.dump([rule_record(doc) for doc in docs], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for doc in docs:
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
