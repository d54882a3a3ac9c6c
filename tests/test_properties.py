"""Properties every input must keep, checked on generated hostile posts (hypothesis).

The profile comes from ``NEWSLINT_HYPOTHESIS`` (``ci``, ``dev`` or ``thorough``); ``ci`` is
the default when ``CI`` is set. ``ci`` is derandomized, keeps no example database and runs the
example counts below (see ``INPUTS_PER_RUN``); ``thorough`` runs ten times as many.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from newslint import fixer as fixer_module
from newslint.api import lint_text
from newslint.config import FileSettings
from newslint.diagnostics import INTERNAL, Applicability, Diagnostic, Edit, Fix, Severity
from newslint.engine import lint_bytes, select_rules
from newslint.options import Options
from newslint.positions import LineIndex
from newslint.reporters import get_reporter
from newslint.reporters.github import PER_STEP
from newslint.reporters.report_options import ReportOptions
from newslint.results import FileResult
from newslint.runner import Linter
from tests.conftest import SARIF_SCHEMA
from tests.test_properties_strategies import posts, texts_any

PROFILE = os.environ.get("NEWSLINT_HYPOTHESIS") or ("ci" if os.environ.get("CI") else "dev")
_SCALE = {"ci": 1, "dev": 1, "thorough": 10}[PROFILE]

EXAMPLES = {
    "positions": 120,
    "bytes": 80,
    "fix_safe": 40,
    "fix_unsafe": 40,
    "reports": 50,
    "determinism": 3,
}
INPUTS_PER_RUN = sum(EXAMPLES.values()) * _SCALE
"""Inputs the property tests generate per run (each determinism input is 32+ files)."""

PATH = "_posts/2024-01-01-generated.md"
ALL = select_rules(["ALL"], [])


def bounded(name: str) -> settings:
    """Settings for one property: its example count scaled by the profile; no deadline."""
    ci = PROFILE == "ci"
    checks = [HealthCheck.too_slow, HealthCheck.data_too_large]
    if ci:
        return settings(
            max_examples=EXAMPLES[name] * _SCALE,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=checks,
            # No shrinking in CI: a failure is reported as found, and the suite stays bounded.
            phases=(Phase.explicit, Phase.reuse, Phase.generate),
        )
    return settings(
        max_examples=EXAMPLES[name] * _SCALE, deadline=None, suppress_health_check=checks
    )


inputs = st.one_of(posts(), posts(), texts_any)
"""Mostly grammar-built posts, some unstructured text."""


# --- helpers -------------------------------------------------------------------------------


def utf16_column(text: str, offset: int) -> int:
    """1-based UTF-16 column of ``offset``, computed independently of ``LineIndex``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return len(text[line_start:offset].encode("utf-16-le")) // 2 + 1


def assert_positions(text: str, diagnostics: list[Diagnostic]) -> None:
    """Offsets agree with line/column, spans are ordered and inside the text."""
    index = LineIndex(text)
    for diag in diagnostics:
        assert diag.code != INTERNAL, diag.message
        assert 0 <= diag.start.offset <= diag.end.offset <= len(text), diag
        for pos in (diag.start, diag.end, *(r.position for r in diag.related)):
            assert 0 <= pos.offset <= len(text), diag
            line_start = text.rfind("\n", 0, pos.offset) + 1
            assert pos.line == text.count("\n", 0, pos.offset) + 1, diag
            assert pos.column == pos.offset - line_start + 1, diag
            assert index.position(pos.offset) == pos
            assert index.utf16_column(pos.offset) == utf16_column(text, pos.offset)
        if diag.fix is not None:
            for edit in diag.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text), diag


def counts(diagnostics: list[Diagnostic]) -> Counter[tuple[str, str]]:
    return Counter((d.code, d.message) for d in diagnostics)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Our own applier: edits sorted, non-overlapping (checked), applied back to front."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(ordered):
        assert before.end <= after.start, f"overlapping edits {before} {after}"
    for edit in reversed(ordered):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


@contextmanager
def recording_passes() -> Iterator[list[tuple[str, list[Fix], str]]]:
    """Record every ``apply_fixes`` call of the fixer as (input, fixes applied, output)."""
    calls: list[tuple[str, list[Fix], str]] = []
    real = fixer_module.apply_fixes

    def spy(text: str, fixes: Any) -> tuple[str, list[Fix]]:
        out, chosen = real(text, fixes)
        calls.append((text, list(chosen), out))
        return out, chosen

    with mock.patch.object(fixer_module, "apply_fixes", spy):
        yield calls


def accepted_chain(
    original: str, final: str, calls: list[tuple[str, list[Fix], str]]
) -> list[tuple[str, list[Fix], str]]:
    """The passes that lead from ``original`` to ``final`` (the fixer discards trial passes)."""
    by_output = {out: (before, fixes, out) for before, fixes, out in calls if out != before}
    chain: list[tuple[str, list[Fix], str]] = []
    current = final
    while current != original:
        assert current in by_output, "the fixed text is not the result of any applied fix"
        step = by_output[current]
        chain.append(step)
        current = step[0]
        assert len(chain) <= len(calls), "cycle in the fix passes"
    return chain[::-1]


def report_text(name: str, results: list[FileResult]) -> str:
    out = io.StringIO()
    get_reporter(name)(results, out, ReportOptions())
    return out.getvalue()


# --- properties ----------------------------------------------------------------------------


@bounded("positions")
@given(inputs)
def test_every_input_gets_exact_positions_and_no_internal_error(text: str) -> None:
    diagnostics = lint_text(text, PATH, select=("ALL",))
    assert_positions(text, diagnostics)
    assert diagnostics == sorted(diagnostics, key=lambda d: d.sort_key)


@bounded("bytes")
@given(
    st.one_of(
        st.binary(max_size=300),
        st.builds(
            lambda text, cut, junk: text.encode("utf-8")[:cut] + junk,
            posts(),
            st.integers(0, 400),
            st.sampled_from((b"", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00\x00", b"\xf4\x90")),
        ),
    )
)
def test_any_bytes_give_diagnostics_or_a_file_level_finding(data: bytes) -> None:
    linted = lint_bytes(PATH, data, FileSettings(), ALL)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        assert linted.text is None
        assert [d.code for d in linted.diagnostics] in (["NL001"], ["NL002"])
        good = data[: exc.start].decode("utf-8")
        # At the first bad byte; a binary file (NUL bytes) at its first NUL when that is earlier.
        nul = good.find("\x00")
        at = nul if linted.diagnostics[0].code == "NL002" and nul >= 0 else len(good)
        assert linted.diagnostics[0].start == LineIndex(good).position(at)
        return
    assert linted.text == text
    assert_positions(text, linted.diagnostics)


def check_fix(text: str, unsafe: bool) -> None:
    fixer = fixer_module.Fixer(FileSettings(), ALL, unsafe)
    before = fixer.lint(PATH, text)
    with recording_passes() as calls:
        outcome = fixer.fix(PATH, text, before)
    after = fixer.lint(PATH, outcome.text)
    # The fixer's own account of what is left is what a re-lint finds.
    assert counts(after) == counts(outcome.remaining)
    # No new findings: no (rule, message) is counted more often than before fixing.
    grown = {key: n for key, n in counts(after).items() if n > counts(before)[key]}
    assert not grown, grown
    # A second --fix is a no-op.
    assert fixer.fix(PATH, outcome.text, after).text == outcome.text
    # Every change is an edit of a fix reported on the text it was applied to.
    for step_in, fixes, step_out in accepted_chain(text, outcome.text, calls):
        reported = {d.fix for d in fixer.lint(PATH, step_in) if d.fix is not None}
        for fix in fixes:
            assert fix in reported, fix
            assert unsafe or fix.applicability is Applicability.SAFE, fix
        assert apply_edits(step_in, [e for f in fixes for e in f.edits]) == step_out


@bounded("fix_safe")
@given(inputs)
def test_safe_fixes_converge_without_new_findings(text: str) -> None:
    check_fix(text, unsafe=False)


@bounded("fix_unsafe")
@given(inputs)
def test_unsafe_fixes_converge_without_new_findings(text: str) -> None:
    check_fix(text, unsafe=True)


_hostile_paths = st.sampled_from(
    (
        PATH,
        "_posts/a,b:c.md",
        "_posts/100%25.md",
        "_posts/line\nbreak.md",
        "_posts/cr\rname.md",
        "_posts/::error::x.md",
        "_posts/한글 😀.md",
    )
)


@bounded("reports")
@given(inputs, _hostile_paths, st.none() | st.sampled_from(("cannot read file: boom\n::x::",)))
def test_machine_reports_parse_validate_and_cannot_inject(
    text: str, path: str, error: str | None
) -> None:
    diagnostics = lint_text(text, path, select=("ALL",))
    results = [FileResult(path, diagnostics, source=text if diagnostics else None)]
    if error is not None:
        results.append(FileResult(path + ".html", error=error))

    as_json = json.loads(report_text("json", results))
    assert len(as_json["diagnostics"]) == len(diagnostics)
    assert [d["start"]["offset"] for d in as_json["diagnostics"]] == [
        d.start.offset for d in diagnostics
    ]
    assert len(as_json["errors"]) == (error is not None)

    sarif = json.loads(report_text("sarif", results))
    validate_sarif(sarif)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert [r["startColumn"] for r in regions] == [
        utf16_column(text, d.start.offset) for d in diagnostics
    ]

    github = report_text("github", results)
    lines = github.split("\n")
    assert lines[-1] == ""
    levels = Counter([d.severity for d in diagnostics] + [Severity.ERROR] * (error is not None))
    commands = [line for line in lines[:-1] if not line.endswith("to code scanning.")]
    assert len(commands) == sum(min(count, PER_STEP) for count in levels.values())
    for line in commands:
        assert "\r" not in line
        assert line.startswith(("::error file=", "::warning file=", "::notice file=")), line
        assert line.count("::") >= 2


_validator: Any = None


def validate_sarif(log: Any) -> None:
    global _validator
    if _validator is None:
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        _validator = jsonschema.Draft4Validator(schema)
    errors = sorted(_validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, errors[0].message


@bounded("determinism")
@given(st.lists(posts(), min_size=4, max_size=6))
def test_reports_are_byte_identical_across_runs_and_jobs(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "_posts"
        root.mkdir()
        # At least 16 files per job, so that --jobs 2 really uses two worker processes.
        for copy in range(8):
            for n, text in enumerate(texts):
                (root / f"2024-01-{copy + 1:02}-post-{n}.md").write_bytes(text.encode("utf-8"))
        files = sorted(str(p) for p in root.iterdir())
        assert len(files) >= 32
        runs = []
        for jobs in (1, 2, 1):
            results = list(Linter(Options(select=("ALL",), jobs=jobs)).run([str(root)]))
            assert [r.path for r in results] == files
            runs.append({name: report_text(name, results) for name in ("json", "sarif", "github")})
        assert runs[0] == runs[1] == runs[2]
