"""Run the enabled rules on one document and turn their findings into diagnostics."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint.catalogue import RuleInfo, rule_index, unknown_rule_hint
from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.diagnostics import INTERNAL, Diagnostic, Finding, Related, Severity
from newslint.document import DecodeFailure, Document, decode
from newslint.errors import UsageError
from newslint.language import languages
from newslint.messages import Text, t
from newslint.positions import LineIndex, Position
from newslint.rules import Check, get_check
from newslint.suppressions import UNUSED, find_suppressions

if TYPE_CHECKING:
    from newslint.site_rules.index import Entry

NOT_UTF8 = "NL001"
BINARY = "NL002"


class SelectionError(UsageError):
    """A ``select``/``ignore`` entry that names no rule."""


def _expand(selector: str, docs: dict[str, RuleInfo]) -> set[str]:
    token = selector.strip()
    if token.upper() == "ALL":
        return set(docs)
    if token.upper() == "DEFAULT":
        return {code for code, doc in docs.items() if doc.default}
    by_name = {doc.name: code for code, doc in docs.items()}
    if token in by_name:
        return {by_name[token]}
    matched = {code for code in docs if code.startswith(token.upper())}
    if not matched:
        hint = unknown_rule_hint(token)
        raise SelectionError(f'no such rule or rule prefix: "{selector}"; {hint}')
    return matched


def select_rules(select: Iterable[str], ignore: Iterable[str]) -> frozenset[str]:
    """Codes enabled by ``select`` minus ``ignore`` (codes, prefixes, names, ALL, DEFAULT)."""
    docs = rule_index()
    chosen: set[str] = set()
    for item in select:
        chosen |= _expand(item, docs)
    for item in ignore:
        chosen -= _expand(item, docs)
    return frozenset(chosen)


def expand_codes(items: Iterable[str]) -> frozenset[str]:
    """Codes named by per-file ignores and similar lists."""
    docs = rule_index()
    codes: set[str] = set()
    for item in items:
        codes |= _expand(item, docs)
    return frozenset(codes)


def stamp(
    finding: Finding, rule: RuleInfo, severity: Severity, path: str, index: LineIndex
) -> Diagnostic:
    """``finding`` of ``rule`` in the file ``path`` as a diagnostic: code, name and
    ``severity`` stamped, offsets turned into positions by the file's ``index``."""
    start = index.position(finding.start)
    end = index.position(max(finding.end, finding.start))
    related = tuple(Related(index.position(off), note) for off, note in finding.related)
    return Diagnostic(
        path=path,
        code=rule.code,
        rule=rule.name,
        severity=severity,
        message=finding.message,
        start=start,
        end=end,
        fix=finding.fix,
        related=related,
    )


def selector_codes(selector: str) -> frozenset[str] | None:
    """Codes a suppression names (code, name, prefix); ``None`` when it names no rule."""
    try:
        return frozenset(_expand(selector, rule_index()))
    except SelectionError:
        return None


def _suppress(
    doc: Document, settings: FileSettings, active: frozenset[str], out: list[Diagnostic]
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; report suppressions that silenced nothing (``NL101``)."""
    found = find_suppressions(doc, selector_codes)
    if found is None:
        return out
    kept = found.filter(out, keep=frozenset({INTERNAL}))
    if UNUSED in active:
        rule = rule_index()[UNUSED]
        severity = settings.severity.get(UNUSED, rule.severity)
        kept.extend(stamp(f, rule, severity, doc.path, doc.index) for f in found.unused(active))
    return kept


def file_diagnostic(path: str, code: str, message: str, at: Position) -> Diagnostic:
    """A diagnostic for a file-level problem reported without a parsed document."""
    rule = rule_index()[code]
    return Diagnostic(path, code, rule.name, rule.severity, message, at, at)


def failure(code: str, exc: Exception, report_with: str) -> Text:
    """The message of an ``NL900``: which rule failed and how; the other rules still ran."""
    error = f"{type(exc).__name__}: {exc}"
    return t(
        "internal error in rule {code} ({error}); "
        "the other rules still ran; please report this with {report_with}",
        code=code,
        error=error,
        report_with=report_with,
    )


def lint_document(
    doc: Document, settings: FileSettings, enabled: frozenset[str]
) -> list[Diagnostic]:
    """Every enabled rule's findings on ``doc``, sorted by position."""
    ignored = expand_codes(settings.ignored) if settings.ignored else frozenset()
    active = enabled - ignored
    ctx = RuleContext(doc, settings, active)
    out: list[Diagnostic] = []
    spoken: frozenset[str] | None = None
    for rule, check in _document_rules(active):
        code = rule.code
        if rule.language is not None:
            if spoken is None:
                spoken = languages(doc, settings.path)
            if rule.language not in spoken:
                continue
        severity = settings.severity.get(code, rule.severity)
        try:
            for finding in check(ctx):
                out.append(stamp(finding, rule, severity, doc.path, doc.index))
        except UsageError:
            raise  # a broken schema or site configuration stops the run with exit 2
        except Exception as exc:  # noqa: BLE001 - the error boundary of one rule on one file
            at = doc.index.position(doc.body_start)
            out.append(file_diagnostic(doc.path, INTERNAL, failure(code, exc, t("the file")), at))
    # Site findings arrive after the run; their suppressions are not judged here.
    out = _suppress(doc, settings, _not_site(active), out)
    out.sort(key=lambda d: d.sort_key)
    return out


@functools.lru_cache(maxsize=64)
def _document_rules(active: frozenset[str]) -> tuple[tuple[RuleInfo, Check], ...]:
    """The rules among ``active`` that run on a parsed document, in code order, with their
    checks: file rules run before parsing, site rules after every file (``site_rules``)."""
    docs = rule_index()
    chosen = sorted(code for code in active if docs[code].family not in ("file", "site"))
    return tuple((docs[code], get_check(code)) for code in chosen)


def forget_checks() -> None:
    """Drop what is remembered of the rules' checks (rules were registered or removed)."""
    _document_rules.cache_clear()
    _not_site.cache_clear()


@functools.lru_cache(maxsize=64)
def _not_site(active: frozenset[str]) -> frozenset[str]:
    """``active`` without the site rules."""
    docs = rule_index()
    return frozenset(code for code in active if docs[code].family != "site")


@dataclass(frozen=True)
class FileLint:
    """One file's diagnostics, its decoded text, and the other files its findings depend on."""

    diagnostics: list[Diagnostic]
    text: str | None
    """``None`` when the bytes could not be decoded."""
    dependencies: dict[str, bool] = field(default_factory=dict)
    site: Entry | None = None
    """The file's site-index entry, when site rules are enabled (``site_rules.index``)."""


def lint_bytes(path: str, data: bytes, settings: FileSettings, enabled: frozenset[str]) -> FileLint:
    """Decode ``data`` strictly and lint it; a file that is not UTF-8 gets one diagnostic."""
    text = decode(data)
    if isinstance(text, DecodeFailure):
        at = Position(text.line, text.column, text.offset)
        if text.binary:
            message = t(
                "file looks binary (it contains NUL bytes and is not UTF-8); lint text files only"
            )
            return FileLint([file_diagnostic(path, BINARY, message, at)], None)
        byte = f"0x{text.byte:02x}"
        message = t(
            "file is not valid UTF-8: byte {byte} at {line}:{column} "
            "cannot be decoded; save the file as UTF-8",
            byte=byte,
            line=text.line,
            column=text.column,
        )
        return FileLint([file_diagnostic(path, NOT_UTF8, message, at)], None)
    return lint_decoded(path, text, settings, enabled)


def lint_decoded(path: str, text: str, settings: FileSettings, enabled: frozenset[str]) -> FileLint:
    """Lint a decoded text (a file's, or an editor's unsaved buffer) as the file ``path``."""
    doc = Document.from_text(path, text)
    diagnostics = lint_document(doc, settings, enabled)
    entry = None
    if settings.path is not None and any(docs_family(c) == "site" for c in enabled):
        from newslint.site_rules.summary import summarize

        entry = summarize(doc, settings.path, body=True)
    return FileLint(diagnostics, text, doc.dependencies, entry)


def docs_family(code: str) -> str:
    """The catalogue family of rule ``code``."""
    return rule_index()[code].family
