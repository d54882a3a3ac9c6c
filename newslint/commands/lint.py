"""``newslint PATHS``: lint, report, and choose the exit status."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from newslint.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from newslint.i18n import SOURCE, environment_language, supported
from newslint.language import site_language
from newslint.options import Options
from newslint.progress import ProgressLine
from newslint.reporters import SHOWS_SOURCE, Reporter, get_reporter
from newslint.reporters.localized import localized
from newslint.reporters.report_options import ReportOptions
from newslint.reporters.summary import Summary, Tally, plural
from newslint.results import FileResult
from newslint.runner import Linter
from newslint.site_rules import parse_shard
from newslint.writer import output_stream


@dataclass(frozen=True)
class LintRequest:
    """Everything the lint command was asked to do."""

    paths: list[str]
    output_format: str = "text"
    output: Path | None = None
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: Path | None = None
    exit_zero: bool = False
    statistics: bool = False
    quiet: bool = False
    color: bool = False
    stdin_filename: str | None = None
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    changed_since: str | None = None
    jobs: int = 1
    cache_dir: Path | None = None
    shard: str | None = None
    """``K/N``: lint shard K of N (site rules still read every file)."""
    max_warnings: int | None = None
    """Fail (exit 1) when there are more warnings than this."""
    exit_non_zero_on_fix: bool = False
    """With ``fix``: fail (exit 1) when a fix was applied, even if nothing remains."""
    silent: bool = False
    """Report nothing on standard output or standard error (a report file is still written)."""
    exclude: tuple[str, ...] | None = None
    """Globs that replace the configuration's ``exclude`` (``None``: keep it)."""
    extend_exclude: tuple[str, ...] = ()
    """Globs excluded besides the configuration's ``exclude``."""
    show_fixes: bool = False
    """After the report, list the fixes applied (with ``fix``) or available, per file and rule."""
    language: str | None = None
    """``--lang``: the language of the messages (``None``: see ``report_language``)."""


def run_lint(request: LintRequest) -> int:
    if request.baseline is not None and request.write_baseline is not None:
        raise UsageError(
            "--baseline and --write-baseline do not go together: --write-baseline FILE records "
            "the current findings and then reports against them"
        )
    if request.statistics and request.output_format != "text":
        raise UsageError(
            f"--statistics applies to the text report, not to --output-format "
            f"{request.output_format}: leave out one of them"
        )
    request = replace(request, paths=expand_globs(request.paths))
    for note in [] if request.silent else _ignored_options(request):
        sys.stderr.write(f"newslint: warning: {note}\n")
    only = None
    if request.changed_since is not None:
        from newslint.changes import changed_files

        only = changed_files(request.changed_since, request.paths)
    options = Options(
        select=request.select,
        extend_select=request.extend_select,
        ignore=request.ignore,
        exclude=request.exclude,
        extend_exclude=request.extend_exclude,
        config=request.config,
        stdin_filename=request.stdin_filename,
        fix=request.fix,
        diff=request.diff,
        unsafe_fixes=request.unsafe_fixes,
        only=only,
        jobs=request.jobs,
        cache_dir=request.cache_dir,
        shard=parse_shard(request.shard) if request.shard is not None else None,
        keep_source=_keeps_source(request),
    )
    if request.baseline is not None:
        from newslint.baseline import load_baseline

        baseline = load_baseline(request.baseline)
    linter = Linter(options)
    progress = linter.progress = ProgressLine(sys.stderr)
    progress.enabled = progress.enabled and not request.silent
    tally = Tally()
    try:
        results: Iterable[FileResult] = linter.run(request.paths)
        if request.write_baseline is not None:
            from newslint.baseline import write_baseline

            # Recorded before anything is reported: this one waits for every result.
            results = list(results)
            baseline = write_baseline(request.write_baseline, results)
            recorded = sum(len(prints) for prints in baseline.files.values())
            sys.stderr.write(
                f"Wrote {recorded} finding{'' if recorded == 1 else 's'} in "
                f"{len(baseline.files)} file{'' if len(baseline.files) == 1 else 's'} "
                f"to the baseline {request.write_baseline}.\n"
            )
        if request.baseline is not None or request.write_baseline is not None:
            from newslint.baseline import apply_baseline

            results = apply_baseline(results, baseline)
        results = _cleared(tally.counted(results), progress)
        if request.diff:
            return _report_diff(results)
        _report(request, results, tally)
    finally:
        progress.close()
    status = tally.exit_status(request.exit_zero)
    if status == EXIT_CLEAN and not request.exit_zero and _failed_gates(request, tally.summary()):
        return EXIT_FINDINGS
    return status


def _failed_gates(request: LintRequest, summary: Summary) -> list[str]:
    """Why the run fails with no error found (``--max-warnings``, ``--exit-non-zero-on-fix``)."""
    failures = []
    if request.max_warnings is not None and summary.warnings > request.max_warnings:
        failures.append(
            f"Failed: {plural(summary.warnings, 'warning')}, more than "
            f"--max-warnings {request.max_warnings} allows."
        )
    if request.exit_non_zero_on_fix and request.fix and summary.fixed:
        fixes = plural(summary.fixed, "fix", "fixes")
        failures.append(f"Failed: --exit-non-zero-on-fix, and {fixes} applied.")
    return failures


def expand_globs(paths: list[str]) -> list[str]:
    """Paths with each glob pattern (``_posts/**/*.md``, quoted) replaced by what it matches,
    sorted; a path that exists as written is kept as it is."""
    expanded = []
    for path in paths:
        if not glob.has_magic(path) or os.path.lexists(path):
            expanded.append(path)
            continue
        # As a shell expands it: Path.glob takes no absolute pattern.
        matches = sorted(glob.glob(path, recursive=True))  # noqa: PTH207
        if not matches:
            raise UsageError(
                f"no posts found matching {path}: no file or directory matches the pattern"
            )
        expanded += matches
    return expanded


def _keeps_source(request: LintRequest) -> bool:
    """Whether results must carry the text of files with findings (see ``Options``)."""
    baselines = request.baseline is not None or request.write_baseline is not None
    return request.output_format in SHOWS_SOURCE or baselines or request.fix or request.diff


def _ignored_options(request: LintRequest) -> list[str]:
    """Options given that this run will not use, so that a typo'd command is not silently odd."""
    notes = []
    if request.unsafe_fixes and not (request.fix or request.diff):
        notes.append("--unsafe-fixes has no effect without --fix or --diff")
    if request.stdin_filename is not None and "-" not in request.paths:
        notes.append("--stdin-filename has no effect unless '-' (standard input) is a path")
    if request.exit_non_zero_on_fix and not request.fix:
        notes.append("--exit-non-zero-on-fix has no effect without --fix")
    if request.show_fixes and request.diff:
        notes.append("--show-fixes has no effect with --diff, which shows the fixes")
    return notes


def _cleared(results: Iterator[FileResult], progress: ProgressLine) -> Iterator[FileResult]:
    """Pass ``results`` on to be reported, clearing the progress line before each."""
    for result in results:
        progress.close()
        yield result
        if progress.enabled:
            sys.stdout.flush()


def _discard(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
    """Take the results and write nothing (``--silent``; the tally still counts them)."""
    for _ in results:
        pass


def _with_job_summary(reporter: Reporter, *, annotated: bool) -> Reporter:
    """``reporter``, followed by GitHub's job summary when ``GITHUB_STEP_SUMMARY`` is set."""
    if not os.environ.get("GITHUB_STEP_SUMMARY"):
        return reporter
    from newslint.reporters.step_summary import with_step_summary  # here: only on GitHub

    return with_step_summary(reporter, annotated=annotated)


MACHINE_FORMATS = frozenset({"json", "sarif"})
"""Reports that keep the English message and add the translated one beside it."""


def report_language(request: LintRequest) -> str:
    """``--lang``; else, for a report people read, the ``lang``/``locale`` of the site of the
    first path; else the environment's (``LC_ALL``, ``LC_MESSAGES``, ``LANG``); else English."""
    if request.language:
        return request.language
    if request.output_format not in MACHINE_FORMATS:
        for path in request.paths[:1]:
            declared = supported(site_language(Path(path)))
            if declared:
                return declared
    return environment_language() or SOURCE


def _localized(reporter: Reporter, request: LintRequest) -> Reporter:
    """``reporter`` fed the findings in the report's language (the machine formats add it)."""
    if request.output_format in MACHINE_FORMATS:
        return reporter

    def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
        reporter(localized(results, options.translator), out, options)

    return report


def _report(request: LintRequest, results: Iterator[FileResult], tally: Tally) -> None:
    """Write the report as the results arrive (a report file replaces the old one at the end)."""
    reporter = get_reporter(request.output_format)
    if request.statistics:
        from newslint.reporters.statistics import report as statistics_report

        reporter = statistics_report
    annotates = request.output_format == "github" and not request.statistics
    reporter = _with_job_summary(_localized(reporter, request), annotated=annotates)

    def report(results: Iterable[FileResult], out: TextIO, options: ReportOptions) -> None:
        """The report, then the fixes (``--show-fixes``) and why the run fails though no error
        was found (text: below the summary; other formats: on stderr)."""
        if request.silent and out in (sys.stdout, sys.stderr):
            # Nothing on the terminal; GitHub's job summary is not the terminal.
            _with_job_summary(_discard, annotated=False)(results, out, options)
            return
        text = request.output_format == "text"
        if request.show_fixes:
            from newslint.reporters.fix_list import FixList  # here: only --show-fixes needs it

            fix_list = FixList(applied=request.fix)
            reporter(fix_list.counted(results), out, options)
            (out if text else sys.stderr).writelines(f"{line}\n" for line in fix_list.lines())
        else:
            reporter(results, out, options)
        failures = [] if request.silent else _failed_gates(request, tally.summary())
        notes = out if text and not request.quiet else sys.stderr
        notes.writelines(f"{failure}\n" for failure in failures)

    report_options = ReportOptions(
        color=request.color,
        quiet=request.quiet,
        exit_zero=request.exit_zero,
        arguments=_arguments(request),
        language=report_language(request),
    )
    if request.fix and "-" in request.paths:
        held = list(results)
        fixed_stdin = [r.fixed_text for r in held if r.fixed_text is not None]
        if fixed_stdin:
            # The fixed text goes to standard output, as a filter; the report goes to stderr.
            sys.stdout.write(fixed_stdin[0])
            report(held, sys.stderr, report_options)
            return
        results = iter(held)
    if request.output is None:
        report(results, sys.stdout, report_options)
        return
    try:
        with output_stream(request.output) as stream:
            report(results, stream, report_options)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot write the report to {request.output}: {reason}") from None


def _arguments(request: LintRequest) -> tuple[str, ...]:
    """The paths and options that chose this run's findings, for a report to say how to rerun."""
    arguments = list(request.paths)
    for flag, codes in (
        ("--select", request.select),
        ("--extend-select", request.extend_select),
        ("--ignore", request.ignore),
    ):
        if codes:
            arguments += [flag, ",".join(codes)]
    for flag, value in (
        ("--config", request.config),
        ("--baseline", request.baseline),
        ("--changed-since", request.changed_since),
    ):
        if value is not None:
            arguments += [flag, str(value)]
    return tuple(arguments)


def _report_diff(results: Iterable[FileResult]) -> int:
    """``--diff``: the unified diffs on stdout, a count on stderr; exit 1 when there is one."""
    files = fixes = 0
    failed = False
    for result in results:
        if result.diff:
            sys.stdout.write(result.diff)
            files += 1
            fixes += result.fixed
        if result.error is not None:
            sys.stderr.write(f"{result.path}: error: {result.error}\n")
            failed = True
    if files:
        counted = f"{files} file" + ("" if files == 1 else "s")
        sys.stderr.write(f"Would apply {fixes} fix{'es' if fixes != 1 else ''} to {counted}.\n")
    else:
        sys.stderr.write("No fixes to apply.\n")
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if files else EXIT_CLEAN
