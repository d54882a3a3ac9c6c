"""The site rules' findings of a run, remembered under a digest of everything they read.

The digest covers newslint itself and the cache key of every file of the run (content, path,
settings, site configuration), so an unchanged run skips the site pass and the decoding of
every index entry. A remembered run also carries the existence of the files its findings
looked for (a ``{% link %}`` target) and the moment the earliest post dated in the future
stops being so (``SI005``); it is used only while both still hold. The runs are kept in the
``site_memo`` table of the cache database (``cachedb``), the ``KEEP`` most recently used.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from newslint.codec import decode_diagnostic, encode_diagnostic
from newslint.diagnostics import Diagnostic
from newslint.document import present

KEEP = 8
"""Runs remembered (a few shards or path sets of one repository)."""


class RunDigest:
    """A digest of newslint's code and ``(role, displayed path, cache key)`` of every file the
    site pass reads, taken a file at a time."""

    def __init__(self, code: str) -> None:
        self._digest = hashlib.blake2b(code.encode(), digest_size=20, person=b"nl-site")

    def add(self, role: str, display: str, key: str) -> None:
        self._digest.update(f"\0{role}\0{display}\0{key}".encode("utf-8", "surrogateescape"))

    def copy(self) -> RunDigest:
        twin = RunDigest.__new__(RunDigest)
        twin._digest = self._digest.copy()
        return twin

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


class SiteMemo:
    """The site findings of the last ``KEEP`` runs, in the cache kept in ``directory``."""

    def __init__(self, directory: Path, code: str) -> None:
        from newslint.cachedb import CacheDB

        self._db = CacheDB(directory, code)
        self._runs = self._db.table("site_memo", keep=KEEP)

    def get(self, digest: str) -> dict[str, list[Diagnostic]] | None:
        """The findings by displayed path, or ``None`` (unknown, stale or malformed)."""
        raw = self._runs.raw(digest)
        self._db.save()
        if raw is None:
            return None
        try:
            run: Any = json.loads(raw)
            until = run["until"]
            if until is not None and time.time() >= float(until):
                return None
            for path, existed in run["deps"].items():
                if present(path) != existed:
                    return None
            return {
                str(display): [decode_diagnostic(str(display), item) for item in items]
                for display, items in run["found"].items()
            }
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    def put(
        self,
        digest: str,
        found: dict[str, list[Diagnostic]],
        deps: dict[str, bool],
        until: float | None,
    ) -> None:
        """Remember the findings of the run of ``digest`` (see ``get``)."""
        run = {
            "until": until,
            "deps": deps,
            "found": {path: [encode_diagnostic(d) for d in diags] for path, diags in found.items()},
        }
        self._runs.put_raw(digest, json.dumps(run, separators=(",", ":")))
        self._db.save()
