"""``newslint PATHS``: lint, report, and choose the exit status."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from newslint.reporters import ReportOptions, get_reporter
from newslint.runner import Linter, Options, exit_status

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


def _write_atomically(path: Path, text: str) -> None:
    directory = path.resolve().parent
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def run_lint(request: LintRequest) -> int:
    options = Options(
        select=request.select,
        extend_select=request.extend_select,
        ignore=request.ignore,
        config=request.config,
        stdin_filename=request.stdin_filename,
    )
    linter = Linter(options)
    results = list(linter.run(request.paths))
    report = get_reporter(request.output_format)
    report_options = ReportOptions(
        color=request.color,
        quiet=request.quiet,
        statistics=request.statistics,
        exit_zero=request.exit_zero,
    )
    if request.output is None:
        out: TextIO = sys.stdout
        report(results, out, report_options)
    else:
        buffer = io.StringIO()
        report(results, buffer, report_options)
        _write_atomically(request.output, buffer.getvalue())
    return exit_status(results, request.exit_zero)
