"""What one run is asked to do, beyond the configuration files (a leaf: imports no runner part)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newslint.limits import FILE_TIME_LIMIT


@dataclass(frozen=True)
class Options:
    """What the command line adds on top of the configuration files."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] | None = None
    """``--exclude``: globs that replace the configuration's ``exclude``."""
    extend_exclude: tuple[str, ...] = ()
    """``--extend-exclude``: globs excluded besides the configuration's ``exclude``."""
    config: Path | None = None
    stdin_filename: str | None = None
    fix: bool = False
    """Apply fixes and write the files (standard input: print the fixed text)."""
    diff: bool = False
    """Compute the fixes and show them as a unified diff; write nothing."""
    unsafe_fixes: bool = False
    jobs: int = 1
    """Worker processes; 1 lints in this process."""
    cache_dir: Path | None = None
    """Where ``.newslint_cache/`` goes; ``None`` turns the cache off."""
    only: frozenset[Path] | None = None
    """Real paths of the files to lint (``--changed-since``); others found are skipped."""
    shard: tuple[int, int] | None = None
    """``(K, N)``: lint only the files of shard K of N (``--shard``); site rules see them all."""
    file_time_limit: float | None = FILE_TIME_LIMIT
    """Seconds one file may take (lint and fix); ``None`` for no limit."""
    given: tuple[str, ...] = ()
    """The paths of the run (set by ``run``): no symbolic link makes newslint read or write a
    file outside them."""
    keep_source: bool = True
    """Keep the text of files with findings in their results (a reporter shows findings in
    context, a baseline fingerprints their lines); without it a cached result is not read."""
