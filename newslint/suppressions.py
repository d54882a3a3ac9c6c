"""Suppressions: comments in the body and a front-matter key that silence findings.

In the body, outside what ``newslint.markdown`` masks as code (code blocks and spans, Liquid)::

    <!-- newslint-disable-next-line HT001, FM014 -->   the line after the comment
    <!-- newslint-disable HT001 --> ... <!-- newslint-enable HT001 -->   a range
    <!-- newslint-disable -->                          every rule, to the end or to an enable

and for the whole file, in the front matter: ``newslint: {disable: [HT001]}``. Selectors are
codes, rule names or prefixes; text after `` -- `` is a reason and is ignored. The engine applies
suppressions after the rules ran; a suppression that silenced nothing is reported as ``NL101``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint.diagnostics import Diagnostic, Edit, Finding, Fix
from newslint.document import Document
from newslint.messages import N_, Text, t

if TYPE_CHECKING:
    from newslint.frontmatter import YNode

UNUSED = "NL101"
FRONT_MATTER_KEY = "newslint"
"""The front-matter key for whole-file suppressions; schemas must not flag it as unknown."""

Resolve = Callable[[str], "frozenset[str] | None"]
"""Codes a selector names (code, rule name or prefix); ``None`` when it names no rule."""

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DIRECTIVE = re.compile(r"\s*newslint-([\w-]*)")
_KINDS = ("disable-next-line", "disable", "enable")
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
_TOKEN = re.compile(r"[^\s,]+")


@dataclass
class _Selector:
    """One rule named by a suppression, where it is written, and whether it silenced anything."""

    text: str
    start: int
    end: int
    codes: frozenset[str] | None
    used: bool = False


@dataclass
class _Directive:
    """One suppression comment, or the front-matter key."""

    kind: str
    """``disable-next-line``, ``disable``, ``enable`` or ``file``."""
    start: int
    end: int
    selectors: list[_Selector]
    """Empty: every rule."""
    target_line: int = 0
    """For ``disable-next-line``: the line it silences."""
    removal: tuple[Edit, ...] = ()
    """The edits that delete the whole suppression; empty when it cannot be deleted safely."""
    every_rule: _Selector = field(init=False)
    """Stands for "every rule" when there is no selector; ``used`` says if it silenced one."""

    def __post_init__(self) -> None:
        self.every_rule = _Selector("", self.start, self.end, None)

    def match(self, code: str) -> _Selector | None:
        """The selector that names ``code`` (``every_rule`` when there is none), or ``None``."""
        if not self.selectors:
            return self.every_rule
        for selector in self.selectors:
            if selector.codes is not None and code in selector.codes:
                return selector
        return None


@dataclass
class Suppressions:
    """Every suppression of one document, with which of them silenced something."""

    next_line: list[_Directive]
    ranges: list[_Directive]
    whole_file: list[_Directive]
    problems: list[Finding]
    """Comments that look like directives but are not one (an unknown ``newslint-`` word)."""

    def filter(self, diagnostics: Iterable[Diagnostic], keep: frozenset[str]) -> list[Diagnostic]:
        """``diagnostics`` minus the suppressed ones (codes in ``keep`` are never suppressed)."""
        return [d for d in diagnostics if d.code in keep or not self._suppress(d)]

    def _suppress(self, diag: Diagnostic) -> bool:
        for directive in self.next_line:
            if directive.target_line == diag.start.line and _credit(directive, diag.code):
                return True
        active: _Selector | None = None
        for directive in self.ranges:
            if directive.start >= diag.start.offset:
                break
            hit = directive.match(diag.code)
            if hit is not None:
                active = hit if directive.kind == "disable" else None
        if active is not None:
            active.used = True
            return True
        return any(_credit(directive, diag.code) for directive in self.whole_file)

    def unused(self, active: frozenset[str]) -> Iterator[Finding]:
        """``NL101`` findings: suppressions of rules in ``active`` that silenced nothing."""
        yield from self.problems
        for directive in [*self.next_line, *self.ranges, *self.whole_file]:
            if directive.kind != "enable":
                yield from _unused(directive, active)


def _credit(directive: _Directive, code: str) -> bool:
    hit = directive.match(code)
    if hit is None:
        return False
    hit.used = True
    return True


_WHERE = {
    "disable-next-line": N_("on the next line"),
    "disable": N_("in the disabled range"),
    "file": N_("in this file"),
}


def _unused(directive: _Directive, active: frozenset[str]) -> Iterator[Finding]:
    where = t(_WHERE[directive.kind])
    whole = (
        Fix(t("remove the unused suppression"), directive.removal) if directive.removal else None
    )
    if not directive.selectors:
        if not directive.every_rule.used:
            message = t("unused suppression: no finding {where}", where=where)
            yield Finding(directive.start, directive.end, message, whole)
        return
    unknown = [s for s in directive.selectors if s.codes is None]
    idle = [s for s in directive.selectors if s.codes and s.codes & active and not s.used]
    dead = len(unknown) + len(idle)
    if dead == 0:
        return
    if dead == len(directive.selectors):
        reasons: list[Text] = []
        if idle:
            names = " or ".join(s.text for s in idle)
            reasons.append(t("no {names} finding {where}", names=names, where=where))
        reasons.extend(_unknown_reason(s) for s in unknown)
        joined = reasons[0]
        for reason in reasons[1:]:
            joined = t("{first}; {second}", first=joined, second=reason)
        message = t("unused suppression: {reasons}", reasons=joined)
        yield Finding(directive.start, directive.end, message, whole)
        return
    for selector in directive.selectors:
        if selector in unknown:
            reason = _unknown_reason(selector)
        elif selector in idle:
            reason = t("no {names} finding {where}", names=selector.text, where=where)
        else:
            continue
        fix = None
        if directive.kind != "file":
            title = t("remove {selector} from the suppression", selector=selector.text)
            fix = Fix(title, (_drop(directive, selector),))
        message = t("unused suppression: {reasons}", reasons=reason)
        yield Finding(selector.start, selector.end, message, fix)


def _unknown_reason(selector: _Selector) -> Text:
    return t(
        '"{selector}" names no rule (use a code such as HT001, a rule name or a prefix)',
        selector=selector.text,
    )


def _drop(directive: _Directive, selector: _Selector) -> Edit:
    """Delete one selector and the separator that joins it to its neighbour."""
    selectors = directive.selectors
    n = selectors.index(selector)
    if n > 0:
        return Edit(selectors[n - 1].end, selector.end)
    return Edit(selector.start, selectors[1].start)


def find_suppressions(doc: Document, resolve: Resolve) -> Suppressions | None:
    """The suppressions of ``doc``; ``None`` when it has none (the common, fast case)."""
    if "newslint" not in doc.text:
        return None
    next_line: list[_Directive] = []
    ranges: list[_Directive] = []
    problems: list[Finding] = []
    body_start = doc.body_start
    if "newslint-" in doc.text[body_start:]:
        from newslint.markdown.mask import mask_document

        mask = mask_document(doc)
        for match in _COMMENT.finditer(doc.text, body_start):
            opener = match.start() - body_start
            if mask.covers(opener, opener + 4):
                continue  # in a code block, a code span or a Liquid raw/highlight block
            parsed = _parse_comment(doc, match, resolve)
            if isinstance(parsed, Finding):
                problems.append(parsed)
            elif parsed is not None:
                (next_line if parsed.kind == "disable-next-line" else ranges).append(parsed)
    whole_file = _front_matter(doc, resolve, problems)
    if not (next_line or ranges or whole_file or problems):
        return None
    return Suppressions(next_line, ranges, whole_file, problems)


def _parse_comment(
    doc: Document, match: re.Match[str], resolve: Resolve
) -> _Directive | Finding | None:
    head = _DIRECTIVE.match(match.group(1))
    if head is None:
        return None
    kind = head.group(1)
    if kind not in _KINDS:
        message = t(
            'unknown suppression comment "newslint-{kind}"; use newslint-disable-next-line, '
            "newslint-disable or newslint-enable",
            kind=kind,
        )
        return Finding(match.start(), match.end(), message)
    rest_start = match.start(1) + head.end()
    rest = match.group(1)[head.end() :]
    reason = _REASON.search(rest)
    if reason is not None:
        rest = rest[: reason.start()]
    selectors = [
        _Selector(m.group(), rest_start + m.start(), rest_start + m.end(), resolve(m.group()))
        for m in _TOKEN.finditer(rest)
    ]
    index = doc.index
    directive = _Directive(kind, match.start(), match.end(), selectors)
    directive.target_line = index.position(match.end()).line + 1
    directive.removal = (_remove_comment(doc, match.start(), match.end()),)
    return directive


def _remove_comment(doc: Document, start: int, end: int) -> Edit:
    """Delete a comment: its whole line when nothing else is on it, else it and the space before."""
    text, index = doc.text, doc.index
    line_start = index.line_start(index.position(start).line)
    end_line = index.position(end).line
    line_end = index.line_start(end_line + 1) if end_line < index.line_count else len(text)
    before, after = text[line_start:start], text[end:line_end]
    if not before.strip() and not after.strip():
        return Edit(line_start, line_end)
    return Edit(start - (len(before) - len(before.rstrip(" \t"))), end)


def _front_matter(doc: Document, resolve: Resolve, problems: list[Finding]) -> list[_Directive]:
    block = doc.front_matter
    if block is None or FRONT_MATTER_KEY not in doc.text[block.content_start : block.content_end]:
        return []
    from newslint.frontmatter import parse

    fm = parse(doc)
    if fm is None or FRONT_MATTER_KEY not in fm.fields:
        return []
    key, value = fm.fields[FRONT_MATTER_KEY]
    nodes = _disable_list(value)
    if nodes is None:
        message = t(
            'front-matter key "{key}" must be a mapping such as '
            "{{disable: [HT001, stray-end-tag]}}",
            key=FRONT_MATTER_KEY,
        )
        problems.append(Finding(key.start, value.end, message))
        return []
    selectors = [_Selector(n.value, n.start, n.end, resolve(n.value)) for n in nodes]
    index = doc.index
    first = index.line_start(index.position(key.start).line)
    last_line = index.position(value.end).line
    after = index.line_start(last_line + 1) if last_line < index.line_count else len(doc.text)
    directive = _Directive("file", key.start, value.end, selectors)
    if first == key.start and after <= block.content_end:
        directive.removal = (Edit(first, after),)
    return [directive]


def _disable_list(value: YNode) -> tuple[YNode, ...] | None:
    """The selector nodes of ``{disable: [...]}`` or ``{disable: CODE}``; ``None`` if malformed."""
    if value.kind != "map" or len(value.pairs) != 1 or value.pairs[0][0].value != "disable":
        return None
    disable = value.pairs[0][1]
    nodes = disable.items if disable.kind == "seq" else (disable,)
    if not nodes or not all(isinstance(n.value, str) and n.kind == "scalar" for n in nodes):
        return None
    return nodes
