"""Rule plugins: an installed package's ``newslint.rules`` entry point, read when named."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

from newslint.catalogue import CatalogueError, RuleDoc, load_rule_doc
from newslint.house.ruleset import HouseRulesError, RuleSet
from newslint.rules.custom import model

ENTRY_POINTS = "newslint.rules"
"""The entry-point group an installed package registers its rule plugin under."""


def read_plugin(name: str) -> RuleSet:
    """The rules of the installed plugin registered as the ``newslint.rules`` entry point
    ``name``: an object with ``catalogue`` (a directory of ``CODE.yaml`` files in the
    built-in catalogue's format) and ``checks`` (code → ``check(ctx)``)."""
    from importlib.metadata import entry_points

    found = list(entry_points(group=ENTRY_POINTS, name=name))
    if not found:
        installed = sorted(point.name for point in entry_points(group=ENTRY_POINTS))
        known = ", ".join(installed) if installed else "none"
        raise HouseRulesError(
            f'plugin "{name}" is not installed: no package registers a "{ENTRY_POINTS}" entry '
            f"point of that name (installed: {known}); pip install the package that provides it"
        )
    point = found[0]
    source = f"plugin {name}"
    try:
        plugin = point.load()
        directory = Path(plugin.catalogue)
        checks = dict(plugin.checks)
    except Exception as exc:  # noqa: BLE001 - a third party's import can raise anything
        raise HouseRulesError(
            f"{source} ({point.value}) cannot be loaded: {type(exc).__name__}: {exc}; it needs "
            '"catalogue" (a directory of rule files) and "checks" (code → check)'
        ) from None
    problems: list[str] = []
    docs: list[RuleDoc] = []
    digest = hashlib.blake2b(f"{point.value}\0{_release(point)}\0".encode(), digest_size=16)
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.read_bytes())
        try:
            doc = load_rule_doc(path)
        except CatalogueError as exc:
            problems.append(str(exc))
            continue
        if doc.code.startswith(model.RESERVED) or doc.family in ("file", "site"):
            problems.append(
                f"{path}: {doc.code}: a plugin's rule needs its own code prefix "
                "and a family that reads one document"
            )
        elif doc.code not in checks:
            problems.append(f"{path}: {doc.code} has no check in the plugin's checks")
        docs.append(dataclasses.replace(doc, origin=source))
    problems += [
        f"{source}: check {code} has no rule file"
        for code in checks.keys() - {d.code for d in docs}
    ]
    if problems or not docs:
        problems = problems or [f"{directory}: no rule files (CODE.yaml)"]
        raise HouseRulesError("\n  ".join([f"{source} cannot be used:", *problems]))
    wanted = {doc.code: checks[doc.code] for doc in docs}
    return RuleSet(source, digest.hexdigest(), tuple(docs), wanted, {})


def _release(point: Any) -> str:
    """The plugin's distribution as installed: name, version and its file list with hashes,
    so an upgraded plugin is not answered from the cache of the old one."""
    dist = point.dist
    if dist is None:
        return ""
    return f"{dist.name} {dist.version}\0{dist.read_text('RECORD') or ''}"
