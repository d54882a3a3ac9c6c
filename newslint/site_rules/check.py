"""Run the site rules on one site and place their findings in the files a caller owns: the
part of the site pass that the command line's run and the language server share."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.catalogue import RuleInfo, rule_index
from newslint.diagnostics import INTERNAL, Diagnostic, Finding, Severity
from newslint.discovery import parent_of
from newslint.document import Document
from newslint.errors import UsageError
from newslint.messages import t
from newslint.positions import LineIndex

if TYPE_CHECKING:
    from newslint.selection import Selection
    from newslint.site_rules.index import Entry


@functools.cache
def all_site_codes() -> frozenset[str]:
    """The catalogue's site rules (their checks are imported when they run)."""
    return frozenset(code for code, doc in rule_index().items() if doc.family == "site")


def site_codes(enabled: frozenset[str]) -> frozenset[str]:
    """The site rules among ``enabled``."""
    return enabled & all_site_codes()


def site_now(config: dict[str, Any]) -> dt.datetime:
    """The current time in the zone of the site's ``_config.yml`` (naive, as entry dates are)."""
    zone = config.get("timezone")
    if isinstance(zone, str):
        try:
            from zoneinfo import ZoneInfo

            return dt.datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
        except (ImportError, ValueError, KeyError, OSError):
            pass
    return dt.datetime.now()


class Pending(NamedTuple):
    """A site rule's finding in one file, stamped once the file's text is at hand."""

    rule: RuleInfo
    severity: Severity
    finding: Finding


@dataclass
class SiteCheck:
    """The outcome of the site rules on one site: findings by displayed path."""

    found: list[tuple[str, Pending]] = field(default_factory=list)
    failed: bool = False
    """Whether a rule failed (its ``NL900`` is among the findings)."""
    now: dt.datetime = field(default_factory=dt.datetime.now)
    """The time the checks took as now (a post dated after it is in the future)."""


def check_site(
    selection: Selection,
    root: Path,
    members: list[Entry],
    owned: set[str],
    context: set[str],
    *,
    now: dt.datetime | None = None,
    exists: Callable[[Path], bool] = Path.is_file,
    folder_exists: Callable[[Path], bool] = Path.is_dir,
) -> SiteCheck:
    """Run every site rule that a directory of an ``owned`` file enables on the site at
    ``root`` (``members``: every content file's entry), keeping the findings in ``owned`` files
    that enable the rule; ``context`` are files that no run lints (see ``SiteView``)."""
    from newslint.engine import expand_codes, failure
    from newslint.rules import get_site_check
    from newslint.rules.site.view import SiteView
    from newslint.site import load_site

    config: dict[str, Any] = {}
    if (root / "_config.yml").is_file():
        config = load_site(root).config
    settings_of: dict[str, tuple[frozenset[str], Any]] = {}

    def settings(display: str) -> tuple[frozenset[str], Any]:
        if display not in settings_of:
            loaded, file_settings = selection.settings_for(Path(display))
            enabled = selection.enabled_for(loaded)
            ignored = expand_codes(file_settings.ignored) if file_settings.ignored else set()
            settings_of[display] = (frozenset(enabled - ignored), file_settings)
        return settings_of[display]

    def options(display: str, code: str) -> dict[str, Any]:
        if display not in owned:
            return {}
        return dict(settings(display)[1].rule_options.get(code, {}))

    # Per directory, not per file: a rule a file ignores still runs, its findings dropped below.
    directories = {parent_of(m.path) for m in members if m.path in owned}
    wanted = {c for d in directories for c in selection.enabled_for(selection.loaded_for(d))}
    wanted &= all_site_codes()
    result = SiteCheck(now=now or site_now(config))
    members.sort(key=lambda e: e.rel)
    view = SiteView(
        root, config, members, result.now, options, exists, folder_exists, frozenset(context)
    )
    docs = rule_index()
    for code in sorted(wanted):
        rule = docs[code]
        try:
            for found in get_site_check(code)(view):
                if found.path not in owned:
                    continue
                enabled, file_settings = settings(found.path)
                if code not in enabled:
                    continue
                severity = file_settings.severity.get(code, rule.severity)
                result.found.append((found.path, Pending(rule, severity, found.finding)))
        except UsageError:
            raise  # a broken configuration stops the run with exit 2
        except Exception as exc:  # noqa: BLE001 - the error boundary of one rule on one site
            result.failed = True
            first = min((m.path for m in members if m.path in owned), default=None)
            if first is not None:  # reported once, in the first file of the site linted
                internal = docs[INTERNAL]
                message = failure(code, exc, t("the files of this site"))
                pending = Pending(internal, internal.severity, Finding(0, 0, message))
                result.found.append((first, pending))
    return result


def placed(path: str, pending: list[Pending], text: str | None) -> list[Diagnostic]:
    """The site findings in the file ``path`` as diagnostics, placed in its ``text``, without
    those its suppression comments silence."""
    from newslint.engine import selector_codes, stamp
    from newslint.suppressions import find_suppressions

    if not pending:
        return []
    index = LineIndex(text or "")
    diagnostics = [stamp(p.finding, p.rule, p.severity, path, index) for p in pending]
    if text is None:
        return diagnostics
    found = find_suppressions(Document.from_text(path, text), selector_codes)
    return diagnostics if found is None else found.filter(diagnostics, keep=_KEPT)


_KEPT = frozenset({INTERNAL})
"""What no suppression comment silences: a rule that failed."""
