"""Lint a set of paths: discovery, per-file settings, reading, and one result per file."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.cache import (
    CLEAN,
    SITE,
    Answers,
    Hit,
    ResultCache,
    content_digest,
    settings_fingerprint,
)
from newslint.config import (
    ConfigFinder,
    FileSettings,
    LoadedSettings,
    is_excluded,
    resolve_file_settings,
)
from newslint.diagnostics import Diagnostic
from newslint.discovery import (
    Found,
    Missing,
    Target,
    discover,
    nothing_found,
    parent_of,
    site_context,
)
from newslint.engine import file_diagnostic, lint_bytes, select_rules
from newslint.errors import UsageError
from newslint.limits import FileTimeout, time_limit
from newslint.options import Options
from newslint.parallel import Pipeline
from newslint.positions import Position
from newslint.results import FileResult
from newslint.site_rules import in_shard
from newslint.site_rules.memo import RunDigest
from newslint.site_rules.run import SitePass, site_codes

if TYPE_CHECKING:
    from newslint.fixer import FixOutcome

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are skipped with an ``NL003`` warning (a post is kilobytes)."""
TOO_LARGE = "NL003"
OUTSIDE = "NL004"
"""A symbolic link to a file outside the paths given is reported, not read (``NL004``)."""
PARALLEL_MIN_FILES_PER_JOB = 16
"""Below this many files per worker, starting processes costs more than it saves."""


class Linter:
    """Holds what is shared across files of one run: config lookup and rule selection."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.finder = ConfigFinder(options.config)
        self._enabled: dict[int, frozenset[str]] = {}
        self._fingerprints: dict[tuple[int, str], str] = {}
        self._loaded: dict[str, LoadedSettings] = {}
        self._done = 0
        self.progress: Callable[[int, int], None] | None = None
        """Told ``(done, total)`` after each file is linted (a progress display)."""
        use_cache = options.cache_dir is not None and not (options.fix or options.diff)
        self.cache = ResultCache(options.cache_dir) if use_cache and options.cache_dir else None

    def enabled_for(self, loaded: LoadedSettings) -> frozenset[str]:
        key = id(loaded.settings)
        cached = self._enabled.get(key)
        if cached is None:
            conf = loaded.settings
            opts = self.options
            select = [*(opts.select or conf.select), *conf.extend_select, *opts.extend_select]
            cached = self._enabled[key] = select_rules(select, [*conf.ignore, *opts.ignore])
        return cached

    def loaded_for(self, directory: Path | str) -> LoadedSettings:
        """The configuration of a directory, remembered by the path as given for this run."""
        key = os.fspath(directory)  # hashing a string is much cheaper than hashing a Path
        loaded = self._loaded.get(key)
        if loaded is None:
            loaded = self._loaded[key] = self.finder.for_directory(Path(key))
        return loaded

    def settings_for(self, path: Path | None) -> tuple[LoadedSettings, FileSettings]:
        directory = path.parent if path is not None else Path.cwd()
        loaded = self.loaded_for(directory)
        return loaded, resolve_file_settings(loaded, path)

    def lint_data(
        self, display: str, path: Path | None, data: bytes, *, stdin: bool = False
    ) -> FileResult:
        """Lint (and fix) one file within the time limit per file.

        ``path`` names where its settings come from; with ``stdin`` the text came from standard
        input and a fixed text is returned (``fixed_text``), never written to ``path``.
        """
        limit = self.options.file_time_limit
        try:
            with time_limit(limit):
                return self._lint_data(display, path, data, stdin)
        except FileTimeout:
            return FileResult(
                display,
                error=f"linting stopped after {limit:g} s (the time limit per file); "
                "the file was not checked; please report it if it is an ordinary post",
            )

    def _lint_data(self, display: str, path: Path | None, data: bytes, stdin: bool) -> FileResult:
        loaded, settings = self.settings_for(path)
        enabled = self.enabled_for(loaded)
        linted = lint_bytes(display, data, settings, enabled)
        diagnostics, text = linted.diagnostics, linted.text
        opts = self.options
        if text is None or not (opts.fix or opts.diff):
            source = text if diagnostics and opts.keep_source else None
            site = None
            if linted.site is not None:
                from newslint.site_rules.index import encode

                site = encode(linted.site)
            return FileResult(
                display, diagnostics, source=source, deps=linted.dependencies, site=site
            )
        from newslint.fixer import Fixer  # here: only --fix and --diff need it

        outcome = Fixer(settings, enabled, opts.unsafe_fixes).fix(display, text, diagnostics)
        return self._fixed_result(
            display, None if stdin else path, data, text, outcome, diagnostics
        )

    def _fixed_result(
        self,
        display: str,
        path: Path | None,
        data: bytes,
        text: str,
        outcome: FixOutcome,
        before: list[Diagnostic],
    ) -> FileResult:
        from newslint.fixer import unified_diff
        from newslint.writer import ChangedOnDisk, write_atomically

        changed = outcome.text != text
        source = outcome.text if outcome.remaining else None
        base = FileResult(display, outcome.remaining, source=source, fixed=outcome.applied)
        if self.options.diff:
            diff = unified_diff(display, text, outcome.text) if changed else None
            return replace(base, diff=diff, diagnostics=[], source=None)
        if path is None:
            return replace(base, fixed_text=outcome.text)
        if not changed:
            return base
        # Not written: the findings shown are those of the file as it is on disk.
        unwritten = FileResult(display, before, source=text if before else None)
        refusal = self._refuse_write(path)
        if refusal is not None:
            return replace(unwritten, error=f"not fixed: {refusal}")
        try:
            write_atomically(path, outcome.text.encode("utf-8"), original=data)
        except ChangedOnDisk:
            return replace(
                unwritten,
                warning="file changed on disk while it was being fixed; "
                "not written, run newslint --fix again",
            )
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return replace(unwritten, error=f"cannot write fixed file: {reason}")
        return base

    def _refuse_write(self, path: Path) -> str | None:
        """Why ``--fix`` must not write ``path`` (read-only, or outside the paths given)."""
        real = Path(os.path.realpath(path))
        if self.options.given and not _within(real, self.options.given):
            return (
                f"it is a symbolic link to {real}, outside the paths given; "
                "newslint writes nowhere else: fix the target itself"
            )
        try:
            mode = real.stat().st_mode
        except OSError as exc:
            return f"cannot write fixed file: {exc.strerror or type(exc).__name__}"
        if not mode & 0o222:
            return "the file is read-only; make it writable to fix it"
        return None

    def excluded(self, path: Path) -> bool:
        """Whether the configuration excludes the file at ``path``."""
        return is_excluded(path, self.loaded_for(path.parent))

    def read_target(self, target: Target) -> tuple[Path, bytes, os.stat_result] | FileResult | None:
        """A file's bytes and its state taken before reading them; an error result; ``None``.

        ``None`` is an excluded file.
        """
        path = target.path
        assert path is not None
        if self.excluded(path):
            return None
        try:
            try:
                data, state = _read_file(os.fspath(path), follow=False)
            except OSError:  # a symbolic link is refused (ELOOP; EMLINK on some systems)
                if not path.is_symlink():
                    raise
                real = Path(os.path.realpath(path))
                if self.options.given and not _within(real, self.options.given):
                    return self._outside(target.display, path)
                data, state = _read_file(os.fspath(path), follow=True)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            return FileResult(target.display, error=f"cannot read file: {reason}")
        if len(data) > MAX_FILE_BYTES:
            return self._too_large(target.display, path)
        return path, data, state

    def _too_large(self, display: str, path: Path) -> FileResult:
        """A file over ``MAX_FILE_BYTES``: skipped with one ``NL003`` diagnostic (a warning)."""
        limit = MAX_FILE_BYTES // (1024 * 1024)
        message = f"file is larger than {limit} MB (the size limit); it was not linted"
        return self._skipped(display, path, TOO_LARGE, message)

    def _outside(self, display: str, path: Path) -> FileResult:
        """A symbolic link out of the paths given: not read (a pull request could point one at
        a secret of the CI machine), reported with one ``NL004`` diagnostic (a warning)."""
        message = (
            "not read: it is a symbolic link to a file outside the paths given; "
            "lint the file it points to by its own path"
        )
        return self._skipped(display, path, OUTSIDE, message)

    def _skipped(self, display: str, path: Path, code: str, message: str) -> FileResult:
        """A file not linted, with one file-level diagnostic of ``code`` at its start."""
        diag = file_diagnostic(display, code, message, Position(1, 1, 0))
        _, settings = self.settings_for(path)
        severity = settings.severity.get(code)
        if severity is not None:
            diag = replace(diag, severity=severity)
        return FileResult(display, [diag])

    def lint_batch(self, batch: list[tuple[str, Path, bytes]]) -> list[FileResult]:
        """Lint files already read (the unit of work handed to a worker process)."""
        return [self.lint_data(display, path, data) for display, path, data in batch]

    def _lint_stdin(self) -> FileResult:
        name = self.options.stdin_filename
        data = sys.stdin.buffer.read()
        display = name or "-"
        return self.lint_data(display, Path(name) if name else None, data, stdin=True)

    def _wanted(self, target: Target) -> bool:
        shard = self.options.shard
        if target.file is None:
            return True
        if shard is not None and not in_shard(target.display, shard):
            return False
        return self._changed(target)

    def _changed(self, target: Target) -> bool:
        """Whether ``--changed-since`` (if given) counts ``target`` as changed."""
        only = self.options.only
        return only is None or Path(os.path.realpath(target.file or "")) in only

    def _site_pass(self, directories: set[str]) -> SitePass | None:
        """The site rules' pass, when any file of the run enables one (never with fixes)."""
        if self.options.fix or self.options.diff:
            return None
        if not any(site_codes(self.enabled_for(self.loaded_for(d))) for d in directories):
            return None
        return SitePass(self)

    def _cache_key(self, display: str, file: str, digest: str) -> str | None:
        """The cache key of a file whose bytes have ``digest`` (``cache.content_digest``)."""
        directory = parent_of(file)
        return self._key_in(self.loaded_for(directory), directory, display, file, digest)

    def _key_in(
        self, loaded: LoadedSettings, directory: str, display: str, file: str, digest: str
    ) -> str | None:
        """``_cache_key`` of a file in ``directory``, whose settings are ``loaded``."""
        if self.cache is None:
            return None
        conf = loaded.settings
        # Without path globs in the configuration, every file of a directory shares settings.
        shared = not (conf.schemas or conf.per_file_ignores)
        fingerprint = self._fingerprints.get((id(conf), directory)) if shared else None
        if fingerprint is None:
            settings = resolve_file_settings(loaded, Path(file))
            fingerprint = settings_fingerprint(settings, self.enabled_for(loaded))
            if shared:
                self._fingerprints[(id(conf), directory)] = fingerprint
        return self.cache.key(display, digest, fingerprint)

    def run(self, paths: list[str]) -> Iterator[FileResult]:
        """One result per file (or missing path), in discovery order.

        First the cache answers what it can without reading a file (``_answer``). Then files
        are read; answered ones are done at once and the rest are linted in batches, in worker
        processes when there are enough of them. At most ``WINDOW`` batches are in flight, so
        memory stays flat however many files there are. With site rules on, the files not
        linted here (other shards, unchanged files, the rest of the site of files named inside
        one) are indexed, and, unless the site findings of a run like this one are remembered,
        the results wait in a temporary file until the end, when the site rules add their
        findings. Paths that hold no file at all are a ``UsageError`` naming what was looked for.

        Discovery, every directory's configuration and the cache's answers are worked out when
        this is called, so a broken configuration stops the run before any result is reported;
        the files are read and linted as the results are taken.
        """
        if not self.options.given:
            # Reads and writes are confined to these paths (symbolic links out are refused);
            # workers start from these options.
            self.options = replace(self.options, given=tuple(p for p in paths if p != "-"))
        found = Found(discover(paths))
        if found.total == 0 and paths:
            raise UsageError(nothing_found(paths))
        directories = found.directories()
        for directory in directories:  # a broken configuration stops the run before any output
            self.enabled_for(self.loaded_for(directory))
        site = self._site_pass(directories)
        total, files = found.total, found.files
        kept: bytearray | None = None
        if self.options.shard is not None or self.options.only is not None:
            kept = bytearray(map(self._kept, found))
            total = sum(kept)
            files = sum(isinstance(i, Target) and i.file is not None for i in compress(found, kept))
            if site is not None:
                for item, wanted in zip(found, kept, strict=True):
                    if not wanted and isinstance(item, Target):
                        site.index_only(item, context=not self._changed(item))
        if site is not None:
            for target in site_context(paths, found):
                site.index_only(target, context=True)
        items = (lambda: found) if kept is None else (lambda: compress(found, kept))
        answers, remembered = None, None
        if self.cache is not None:
            expected = site.expected() if site is not None else None
            answers, complete = self._answers(items(), expected)
            if site is not None and expected is not None and complete:
                remembered = site.remembered(expected)
        lint = self._lint_items(items(), total, files, answers)
        return lint if site is None else site.finish(lint, remembered)

    def _kept(self, item: Target | Missing) -> bool:
        """Whether the run reports on ``item`` (its shard, a file changed)."""
        if isinstance(item, Target):
            return self._wanted(item)
        shard = self.options.shard
        return shard is None or in_shard(item.display, shard)

    def _answers(
        self, items: Iterable[Target | Missing], expected: RunDigest | None
    ) -> tuple[Answers, bool]:
        """The cache's answer for each of ``items``, and whether every file has one.

        ``expected`` takes the key of each answered file whose result has a site entry.
        """
        answers = Answers()
        complete = True
        for item in items:
            key, flags = None, 0
            if isinstance(item, Target):
                key, flags = self._answer(item)
                complete = complete and bool(flags)
                if expected is not None and flags & SITE:
                    expected.add("lint", item.display, key or "")
            answers.add(key, flags)
        return answers, complete

    def _answer(self, target: Target) -> tuple[str | None, int]:
        """The cache key of a file whose state says it is as it was, and what the cache holds
        under it (``ResultCache.peek``), without reading the file; ``(None, 0)`` if unknown."""
        file = target.file
        if self.cache is None or file is None:
            return None, 0
        try:
            state = os.stat(file)  # noqa: PTH116 - strings: no Path per file
        except OSError:
            return None, 0
        digest = self.cache.states.digest(target.display, state)
        if digest is None:
            return None, 0
        directory = parent_of(file)
        loaded = self.loaded_for(directory)
        if loaded.settings.exclude and is_excluded(Path(file), loaded):
            return None, 0
        key = self._key_in(loaded, directory, target.display, file, digest)
        return (key, self.cache.peek(key)) if key is not None else (None, 0)

    def _lint_items(
        self, items: Iterable[Target | Missing], total: int, files: int, answers: Answers | None
    ) -> Iterator[FileResult]:
        """Results of ``items`` (``total`` of them, ``files`` to read), in their order."""
        unanswered = files - (answers.answered if answers is not None else 0)
        jobs = min(self.options.jobs, unanswered // PARALLEL_MIN_FILES_PER_JOB)
        answered = iter(answers) if answers is not None else None
        with Pipeline(self, jobs) as pipeline:
            for item in items:
                answer = next(answered) if answered is not None else None
                if isinstance(item, Missing):
                    pipeline.ready(FileResult(item.display, error="no such file or directory"))
                elif item.file is None:
                    pipeline.ready(self._lint_stdin())
                else:
                    known = self._answered(item, *answer) if answer is not None else None
                    if known is not None and pipeline.idle:  # nothing to wait for first
                        self._tell(total)
                        yield known
                        continue
                    if known is not None:
                        pipeline.ready(known)
                    else:
                        self._submit(pipeline, item)
                yield from self._told(pipeline.drain(block=False), total)
            yield from self._told(pipeline.drain(block=True), total)
        if self.cache is not None:
            self.cache.save()

    def _told(self, results: Iterator[FileResult], total: int) -> Iterator[FileResult]:
        """Pass ``results`` on, telling ``progress`` how far the run is."""
        for result in results:
            self._tell(total)
            yield result

    def _tell(self, total: int) -> None:
        """Count a result passed on, for ``progress``."""
        self._done += 1
        if self.progress is not None:
            self.progress(self._done, total)

    def _answered(self, target: Target, key: str, flags: int) -> FileResult | None:
        """The result the cache answered for ``target`` (see ``_answer``), if it still holds.

        Only files with findings are read, and only when their text is kept (``keep_source``):
        checked again then, so that the text shown is the text the findings are of.
        """
        assert self.cache is not None and target.file is not None
        site_key = key if flags & SITE else None
        if flags & CLEAN:
            return FileResult(target.display, site_key=site_key)
        hit = self.cache.get(key, target.display)
        if hit is None:
            return None
        data = None
        if hit.diagnostics and self.options.keep_source:
            try:
                with open(target.file, "rb", buffering=0) as handle:  # noqa: PTH123 - str
                    data = handle.read()
            except OSError:
                return None
            if self._cache_key(target.display, target.file, content_digest(data)) != key:
                return None
        return _from_cache(target.display, key, hit, data)

    def _submit(self, pipeline: Pipeline, target: Target) -> None:
        """Read ``target``: a result from the cache at once, or one to lint."""
        read = self.read_target(target)
        if read is None or isinstance(read, FileResult):
            if read is not None:
                pipeline.ready(read)
            return
        path, data, state = read
        key = None
        if self.cache is not None:
            digest = content_digest(data)
            self.cache.states.remember(target.display, state, digest)
            key = self._cache_key(target.display, os.fspath(path), digest)
        if key is not None and self.cache is not None:
            hit = self.cache.get(key, target.display)
            if hit is not None:
                kept = data if self.options.keep_source else None
                pipeline.ready(_from_cache(target.display, key, hit, kept))
                return
        pipeline.lint(target.display, path, data, key)


def _from_cache(display: str, key: str, hit: Hit, data: bytes | None) -> FileResult:
    """The result the cache gave, with the text to show findings in (``data``: the bytes, or
    ``None`` when the text is not kept)."""
    source = None
    if data is not None and hit.diagnostics:
        source = data.decode("utf-8", errors="replace")
    site_key = key if hit.has_site else None
    return FileResult(
        display, hit.diagnostics, source=source, site_key=site_key, encoded=hit.encoded
    )


_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
"""Opening a symbolic link with it fails, so a plain file costs no extra lstat."""


def _read_file(file: str, *, follow: bool) -> tuple[bytes, os.stat_result]:
    """Up to ``MAX_FILE_BYTES + 1`` bytes of ``file`` and its state, taken before reading.

    Without ``follow``, a symbolic link is not opened (``OSError``: ``ELOOP``, or ``EMLINK`` on
    some systems); where the system cannot refuse one, it is asked first.
    """
    if not follow and not _NOFOLLOW and Path(file).is_symlink():
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), file)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | (0 if follow else _NOFOLLOW)
    descriptor = os.open(file, flags)
    try:
        state = os.fstat(descriptor)
        # A buffer of the file's size, not of the limit (which reading would allocate).
        data = _read_up_to(descriptor, min(state.st_size, MAX_FILE_BYTES) + 1)
        if len(data) > state.st_size:  # it grew, or it is not a regular file
            data += _read_up_to(descriptor, MAX_FILE_BYTES + 1 - len(data))
    finally:
        os.close(descriptor)
    return data, state


def _read_up_to(descriptor: int, size: int) -> bytes:
    """``size`` bytes from ``descriptor``, or fewer at its end."""
    chunks: list[bytes] = []
    while size > 0 and (chunk := os.read(descriptor, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _within(real: Path, given: tuple[str, ...]) -> bool:
    """Whether the resolved ``real`` is a file named in ``given`` or under a directory in it.

    A named file counts as itself (its directory resolved, its own name not), so a named
    symbolic link to a file elsewhere is outside unless that file is under another given path.
    """
    for raw in given:
        named = Path(raw)
        if named.is_dir():
            if real.is_relative_to(os.path.realpath(named)):
                return True
        elif real == Path(os.path.realpath(named.parent)) / named.name:
            return True
    return False
