"""Baselines: record today's findings, then report only findings that are not recorded.

A finding is recorded by its fingerprint (``fingerprint.py``: rule, path and the normalised
offending text with its context; no line numbers), keyed by its path relative to the baseline
file's directory, so the baseline works from any working directory. See docs/ci.md.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.errors import UsageError
from newslint.fingerprint import fingerprints
from newslint.writer import write_atomically

if TYPE_CHECKING:
    from newslint.diagnostics import Diagnostic
    from newslint.results import FileResult

VERSION = 1
NEVER_BASELINED = frozenset({"NL900"})
"""Internal errors are bugs to report, not debt to carry."""


class BaselineError(UsageError):
    """A baseline file that cannot be read or is not a newslint baseline."""


@dataclass(frozen=True)
class Baseline:
    """Recorded fingerprints per path (relative to ``root``, with ``/`` separators)."""

    root: Path
    files: dict[str, frozenset[str]]


def _root(baseline_file: Path) -> Path:
    return Path(os.path.realpath(baseline_file.parent))


def _key(display: str, root: Path) -> str | None:
    """The path of a linted file relative to ``root``; ``None`` for unnamed standard input."""
    if display == "-":
        return None
    path = Path(display)
    real = Path(os.path.realpath(path.parent)) / path.name
    return Path(os.path.relpath(real, root)).as_posix()


def _prints(result: FileResult, key: str) -> list[tuple[Diagnostic, str]]:
    """Each baselinable diagnostic of ``result`` with its fingerprint under path ``key``."""
    diagnostics = [d for d in result.diagnostics if d.code not in NEVER_BASELINED]
    keyed = [replace(d, path=key) for d in diagnostics]
    return list(zip(diagnostics, fingerprints(keyed, result.source), strict=True))


def write_baseline(path: Path, results: list[FileResult]) -> Baseline:
    """Record every finding of ``results`` in ``path`` (replacing it) and return the baseline."""
    root = _root(path)
    files: dict[str, list[dict[str, str]]] = {}
    for result in results:
        key = _key(result.path, root)
        if key is None:
            continue
        for diag, print_ in _prints(result, key):
            entry = {"code": diag.code, "fingerprint": print_, "message": diag.message}
            files.setdefault(key, []).append(entry)
    document = {
        "version": VERSION,
        "tool": "newslint",
        "files": dict(sorted(files.items())),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {path}: {exc.strerror}") from None
    recorded = {key: frozenset(e["fingerprint"] for e in entries) for key, entries in files.items()}
    return Baseline(root, recorded)


def load_baseline(path: Path) -> Baseline:
    """Read a baseline written by ``--write-baseline``."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"baseline {path} does not exist; create it with --write-baseline {path}"
        ) from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"baseline {path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        found = data.get("version") if isinstance(data, dict) else None
        raise BaselineError(
            f"baseline {path} is not a version {VERSION} newslint baseline (version: {found!r}); "
            "write it again with --write-baseline"
        )
    files: Any = data.get("files")
    try:
        recorded = {
            str(key): frozenset(str(entry["fingerprint"]) for entry in entries)
            for key, entries in files.items()
        }
    except (AttributeError, KeyError, TypeError):
        raise BaselineError(
            f'baseline {path}: "files" must map each path to a list of '
            '{"code", "fingerprint", "message"} entries'
        ) from None
    return Baseline(_root(path), recorded)


def apply_baseline(results: Iterable[FileResult], baseline: Baseline) -> Iterator[FileResult]:
    """``results`` without the findings recorded in ``baseline``; each counts what it hid."""
    for result in results:
        key = _key(result.path, baseline.root)
        recorded = baseline.files.get(key) if key is not None else None
        if not recorded:
            yield result
            continue
        hidden = {id(diag) for diag, print_ in _prints(result, key or "") if print_ in recorded}
        kept = [d for d in result.diagnostics if id(d) not in hidden]
        yield replace(result, diagnostics=kept, baselined=len(hidden))
