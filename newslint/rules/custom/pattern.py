"""``pattern`` house rules: a regular expression over a post's prose, a front-matter key, its title.

The expression is Python's ``re``, compiled once per process, always with ``MULTILINE`` (``^``
and ``$`` match at every line) and with ``IGNORECASE`` when ``ignore-case`` is set; ``\\w`` and
``\\b`` are Unicode, so a Hangul syllable is a word character. The ``text`` scope is the body's
prose (``newslint.markdown.prose``: code, Liquid, comments and tags blanked); ``front-matter:KEY``
and ``title`` match each string value of that top-level key as written in the file (inside the
quotes; the content lines of a ``|`` or ``>`` block), so spans and fixes are source offsets. A
``replacement`` (``\\1``, ``\\g<name>``) gives a fix, withheld in the front matter whenever the
edited YAML would not read as the same data with only that string changed.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Fix
from newslint.document import Document
from newslint.frontmatter import YNode, load_yaml, parse
from newslint.markdown.prose import prose
from newslint.messages import t
from newslint.rules.custom.hits import Blanks, Hit

PLACEHOLDERS = frozenset({"match", "group"})
"""``{match}``: the matched text; ``{group[1]}``, ``{group[name]}``: a group of it."""

_FRONT_MATTER = "front-matter:"
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)*")  # a scalar's anchor and tag, before its text
_SENTINEL = "\ue000"  # a private-use character: stands for the replacement while checking it


@dataclass(frozen=True)
class PatternSpec:
    """A ``pattern`` rule's settings; ``applicability`` comes from the rule's ``fix:``."""

    pattern: str
    replacement: str | None = None
    ignore_case: bool = False
    scope: str = "text"
    applicability: Applicability = Applicability.SAFE


@lru_cache(maxsize=512)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@lru_cache(maxsize=512)
def _scout(pattern: str, flags: int) -> re.Pattern[str] | None:
    """``pattern`` without a leading ``\\b``, which keeps ``re`` from skipping ahead to where a
    match may start; it finds every such place (and more), each then tried with the pattern."""
    if not pattern.startswith("\\b"):
        return None
    try:
        return re.compile(pattern[2:], flags)
    except re.error:
        return None


def _matches(spec: PatternSpec, text: str) -> Iterator[re.Match[str]]:
    """The matches ``finditer`` gives, found 3-25 times faster for a ``\\bword`` pattern."""
    compiled, scout = _compiled(spec.pattern, _flags(spec)), _scout(spec.pattern, _flags(spec))
    if scout is None:
        yield from compiled.finditer(text)
        return
    at = 0
    while at <= len(text) and (candidate := scout.search(text, at)) is not None:
        match = compiled.match(text, candidate.start())
        if match is not None:
            yield match
        at = max(match.end() if match else 0, candidate.start() + 1)


def _flags(spec: PatternSpec) -> int:
    return re.MULTILINE | (re.IGNORECASE if spec.ignore_case else 0)


def problems(spec: PatternSpec) -> list[tuple[str, str]]:
    """What is wrong with ``spec``: a pattern that does not compile or may match nothing at all,
    a malformed replacement or one naming a group the pattern lacks, an unknown scope."""
    try:
        compiled = _compiled(spec.pattern, _flags(spec))
    except re.error as exc:
        where = (
            f"line {exc.lineno}, column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        )
        found = [("pattern", f"not a regular expression: {exc.msg} at {where}")]
    except (OverflowError, RecursionError) as exc:
        reason = "too deeply nested" if isinstance(exc, RecursionError) else str(exc)
        found = [("pattern", f"not a regular expression: {reason}")]
    else:
        found = _replacement_problems(spec, compiled)
    return found + _scope_problems(spec.scope)


def _replacement_problems(spec: PatternSpec, compiled: re.Pattern[str]) -> list[tuple[str, str]]:
    """An empty-matching pattern, and a replacement ``re`` cannot expand for it."""
    found = []
    if _min_width(spec.pattern, _flags(spec)) == 0:
        reason = "it can match an empty string (x*, x?, a lone lookaround): it reports everywhere"
        found.append(("pattern", reason))
    if spec.replacement is not None:
        try:
            compiled.sub(spec.replacement, "")  # parses the template: groups, escapes
        except re.error as exc:
            found.append(("replacement", f"{exc.msg} at column {(exc.pos or 0) + 1}"))
        except IndexError as exc:  # a group name the pattern does not have
            found.append(("replacement", str(exc)))
    return found


def _min_width(pattern: str, flags: int) -> int:
    """The fewest characters a match of ``pattern`` takes (from ``re``'s own parser)."""
    name = "re._parser" if sys.version_info >= (3, 11) else "sre_parse"
    parser: Any = importlib.import_module(name)
    return int(parser.parse(pattern, flags).getwidth()[0])


def _scope_problems(scope: str) -> list[tuple[str, str]]:
    if scope in ("text", "title"):
        return []
    if scope.startswith(_FRONT_MATTER):
        key = scope.removeprefix(_FRONT_MATTER)
        if key and key == key.strip():
            return []
        return [
            ("scope", "front-matter:KEY needs a key right after the colon, e.g. front-matter:tags")
        ]
    return [("scope", f'"{scope}" is not a scope; use text, title or front-matter:KEY')]


def hits(spec: PatternSpec, ctx: RuleContext) -> Iterator[Hit]:
    """Every match of ``spec.pattern`` in its scope of ``ctx.doc``, with its fix if any."""
    if spec.scope == "text":
        yield from _text_hits(spec, ctx.doc)
        return
    key = "title" if spec.scope == "title" else spec.scope.removeprefix(_FRONT_MATTER)
    yield from _front_matter_hits(spec, ctx.doc, key)


def _text_hits(spec: PatternSpec, doc: Document) -> Iterator[Hit]:
    base, text = doc.body_start, doc.text
    for match in _matches(spec, prose(doc)):
        start, end = base + match.start(), base + match.end()
        # A match across blanked markup would edit the markup too: report it, offer no fix.
        whole = text[start:end] == match.group()
        yield Hit(start, end, _values(match), _fix(spec, match, start, end) if whole else None)


def _front_matter_hits(spec: PatternSpec, doc: Document, key: str) -> Iterator[Hit]:
    front = parse(doc)
    field = front.fields.get(key) if front is not None else None
    if field is None:
        return
    value = field[1]
    seen: set[tuple[int, int]] = set()
    for node in value.items if value.kind == "seq" else (value,):
        start, end = _scalar_text(doc.text, node)
        if (start, end) in seen or start == end:
            continue  # an alias is the anchor's text again
        seen.add((start, end))
        for match in _matches(spec, doc.text[start:end]):
            at, to = start + match.start(), start + match.end()
            fix = _fix(spec, match, at, to)
            yield Hit(at, to, _values(match), fix if fix and _keeps_yaml(doc, fix) else None)


def _scalar_text(text: str, node: YNode) -> tuple[int, int]:
    """Where a string scalar's text is written: inside its quotes, the content lines of a
    block scalar, the whole of a plain one (its anchor and tag skipped); empty otherwise."""
    if node.kind != "scalar" or node.tag != "str":
        return (node.start, node.start)
    properties = _PROPERTIES.match(text, node.start, node.end)
    start = properties.end() if properties else node.start
    if node.style in ("'", '"'):
        return (start + 1, node.end - 1)
    if node.style in ("|", ">"):
        line = text.find("\n", start, node.end)
        return (node.end, node.end) if line < 0 else (line + 1, node.end)
    return (start, node.end)


def _values(match: re.Match[str]) -> dict[str, object]:
    groups = Blanks(enumerate((match.group(), *match.groups(""))))
    groups.update(match.groupdict(""))
    return {"match": match.group(), "group": groups}


def _fix(spec: PatternSpec, match: re.Match[str], start: int, end: int) -> Fix | None:
    if spec.replacement is None:
        return None
    new = match.expand(spec.replacement)
    if new == match.group():
        return None
    message = t('replace "{match}" with "{replacement}"', match=match.group(), replacement=new)
    return Fix(message, (Edit(start, end, new),), spec.applicability)


def _keeps_yaml(doc: Document, fix: Fix) -> bool:
    """Whether the front matter, edited by ``fix``, reads as the same data with only the edited
    string changed: the edit is first made with a placeholder character, which must land in a
    string, and then for real, which must read as that data with the placeholder replaced."""
    block = doc.front_matter
    (edit,) = fix.edits
    if block is None:
        return False
    head = doc.text[block.content_start : edit.start]
    tail = doc.text[edit.end : block.content_end]
    if _SENTINEL in head or _SENTINEL in tail:
        return False
    try:
        marked = load_yaml(head + _SENTINEL + tail)
        edited = load_yaml(head + edit.replacement + tail)
    except (ValueError, RecursionError):
        return False
    if marked is None or edited is None or _swap(marked.value, "") == marked.value:
        return False  # the placeholder fell outside every string (a comment?)
    return bool(edited.value == _swap(marked.value, edit.replacement))


def _swap(value: object, replacement: str) -> object:
    """``value`` with the placeholder character replaced in every string, keys included."""
    if isinstance(value, str):
        return value.replace(_SENTINEL, replacement)
    if isinstance(value, list):
        return [_swap(item, replacement) for item in value]
    if isinstance(value, tuple):
        return tuple(_swap(item, replacement) for item in value)
    if isinstance(value, dict):
        return {_swap(k, replacement): _swap(v, replacement) for k, v in value.items()}
    return value
