"""SARIF 2.1.0 for code scanning: catalogue rules, results with UTF-16 regions and fixes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from newslint.catalogue import RuleDoc, catalogue, render_rule
from newslint.diagnostics import Diagnostic, Severity
from newslint.fingerprint import fingerprints
from newslint.i18n import Translator
from newslint.positions import LineIndex
from newslint.reporters.jsonstream import Later, Streamed, write
from newslint.reporters.localized import translations
from newslint.reporters.summary import Tally
from newslint.version import __version__

if TYPE_CHECKING:
    from newslint.reporters.report_options import ReportOptions
    from newslint.results import FileResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT = "%SRCROOT%"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SNIPPET_LIMIT = 400


def _rule(doc: RuleDoc) -> dict[str, Any]:
    # A house rule's or plugin's precision is its authors' to know, not newslint's to claim.
    properties: dict[str, Any] = {"tags": [doc.family], "precision": "very-high"}
    if doc.origin is not None:
        properties = {"tags": [doc.family, "house-rule"]}
    return {
        "id": doc.code,
        "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": " ".join(doc.rationale.split())},
        "help": {"text": " ".join(doc.rationale.split()), "markdown": render_rule(doc)},
        "defaultConfiguration": {"level": _LEVEL[doc.severity], "enabled": doc.default},
        "properties": properties,
    }


def _tool(rules: UsedRules) -> dict[str, Any]:
    driver = {"name": "newslint", "version": __version__, "semanticVersion": __version__}
    return {"driver": {**driver, "rules": rules.table()}}


def _uri(path: str) -> tuple[str, str | None]:
    """A relative URI under %SRCROOT% (the working directory) when possible, else a file URI."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_uri(), None
    return quote(candidate.as_posix()), ROOT


def _region(diag: Diagnostic, index: LineIndex | None) -> dict[str, Any]:
    if index is None:
        return {"startLine": diag.start.line, "startColumn": diag.start.column}
    region: dict[str, Any] = {
        "startLine": diag.start.line,
        "startColumn": index.utf16_column(diag.start.offset),
        "endLine": diag.end.line,
        "endColumn": index.utf16_column(diag.end.offset),
    }
    snippet = index.text[diag.start.offset : diag.end.offset]
    if snippet and len(snippet) <= SNIPPET_LIMIT:
        region["snippet"] = {"text": snippet}
    return region


def _fix(diag: Diagnostic, index: LineIndex | None, location: dict[str, Any]) -> list[Any]:
    if diag.fix is None or index is None:
        return []
    replacements = []
    for edit in diag.fix.edits:
        start, end = index.position(edit.start), index.position(edit.end)
        replacements.append(
            {
                "deletedRegion": {
                    "startLine": start.line,
                    "startColumn": index.utf16_column(edit.start),
                    "endLine": end.line,
                    "endColumn": index.utf16_column(edit.end),
                },
                "insertedContent": {"text": edit.replacement},
            }
        )
    return [
        {
            "description": {"text": f"{diag.fix.message} ({diag.fix.applicability.value} fix)"},
            "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
        }
    ]


class UsedRules:
    """The rules the results use, each indexed in the order it was first used."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}

    def index(self, code: str) -> int:
        """The ``ruleIndex`` of ``code``, adding the rule on its first use."""
        return self._index.setdefault(code, len(self._index))

    def table(self) -> list[dict[str, Any]]:
        """The ``tool.driver.rules`` entries, in ``ruleIndex`` order."""
        docs = catalogue()
        return [_rule(docs[code]) for code in self._index]


def _results(
    results: Iterable[FileResult],
    notifications: list[dict[str, Any]],
    rules: UsedRules,
    tr: Translator,
) -> Iterator[dict[str, Any]]:
    """The SARIF result of every diagnostic; files that failed go to ``notifications``."""
    for result in results:
        uri, base = _uri(result.path)
        location: dict[str, Any] = {"uri": uri}
        if base is not None:
            location["uriBaseId"] = base
        for level, problem in (("error", result.error), ("warning", result.warning)):
            if problem is not None:
                notifications.append(
                    {
                        "level": level,
                        "message": {"text": f"{result.path}: {problem}"},
                        "locations": [{"physicalLocation": {"artifactLocation": location}}],
                    }
                )
        index = LineIndex(result.source) if result.source is not None else None
        prints = fingerprints(result.diagnostics, result.source)
        for diag, print_ in zip(result.diagnostics, prints, strict=True):
            entry = _result(diag, print_, index, location, rules.index(diag.code))
            translated = translations(diag.message, tr)
            if translated is not None:
                entry["properties"] = {"translations": translated}
            yield entry


def _result(
    diag: Diagnostic, print_: str, index: LineIndex | None, location: dict[str, Any], rule: int
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "ruleId": diag.code,
        "ruleIndex": rule,
        "level": _LEVEL[diag.severity],
        "message": {"text": diag.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": location, "region": _region(diag, index)}}
        ],
        "partialFingerprints": {"newslint/v1": print_},
    }
    fixes = _fix(diag, index, location)
    if fixes:
        entry["fixes"] = fixes
    if diag.related:
        entry["relatedLocations"] = [
            {
                "id": n,
                "message": {"text": rel.message},
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": rel.position.line,
                        "startColumn": index.utf16_column(rel.position.offset)
                        if index
                        else rel.position.column,
                    },
                },
            }
            for n, rel in enumerate(diag.related)
        ]
    return entry


def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    """Write the SARIF log as the results arrive.

    The tool, whose rule table holds only the rules the results used, and the invocation, which
    counts them, come after the results.
    """
    tally = Tally()
    rules = UsedRules()
    notifications: list[dict[str, Any]] = []

    def invocation() -> list[dict[str, Any]]:
        exit_code = tally.exit_status(options.exit_zero)
        return [
            {
                "executionSuccessful": exit_code != 2,
                "exitCode": exit_code,
                "toolExecutionNotifications": notifications,
            }
        ]

    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "originalUriBaseIds": {ROOT: {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "utf16CodeUnits",
                "results": Streamed(
                    _results(tally.counted(results), notifications, rules, options.translator)
                ),
                "tool": Later(lambda: _tool(rules)),
                "invocations": Later(invocation),
            }
        ],
    }
    write(out, log)
    out.write("\n")
