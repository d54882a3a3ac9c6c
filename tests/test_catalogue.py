"""Every rule's catalogue examples: bad ones give exactly the listed diagnostics, good ones none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newslint.catalogue import Example, RuleDoc, catalogue, expect_line
from newslint.config import LoadedSettings, parse_settings, resolve_file_settings
from newslint.diagnostics import Applicability, Diagnostic
from newslint.engine import lint_bytes
from newslint.fixer import Fixer
from newslint.options import Options
from newslint.rules import CHECKS
from newslint.runner import Linter

DOCS = catalogue()


def _lint_site(rule: RuleDoc, example: Example, root: Path) -> list[Diagnostic]:
    """A site rule's example: the example file plus ``files``, linted as one Jekyll site."""
    files = {"_config.yml": "title: example\n", **example.files, example.path: example.text}
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode(example.encoding))
    if example.settings:
        (root / "newslint.toml").write_text(_toml(example.settings), encoding="utf-8")
    options = Options(select=(rule.code,), cache_dir=None)
    cwd = Path.cwd()
    os.chdir(root)  # paths shown (and named in messages) from the site root
    try:
        results = list(Linter(options).run(["."]))
    finally:
        os.chdir(cwd)
    wanted = str(Path(example.path))
    return [d for r in results if r.path == wanted for d in r.diagnostics if d.code == rule.code]


def _toml(settings: dict[str, object]) -> str:
    import json

    return "".join(f"{key} = {json.dumps(value)}\n" for key, value in settings.items())


def _lint(rule: RuleDoc, example: Example, root: Path) -> list[Diagnostic]:
    if rule.family == "site":
        return _lint_site(rule, example, root)
    settings = parse_settings(example.settings, root / "newslint.toml")
    path = root / example.path
    file_settings = resolve_file_settings(LoadedSettings(settings, root, None), path)
    data = example.text.encode(example.encoding)
    diagnostics = lint_bytes(example.path, data, file_settings, frozenset({rule.code})).diagnostics
    return [d for d in diagnostics if d.code == rule.code]


def _check_fixed(rule: RuleDoc, example: Example, root: Path) -> None:
    """The fix turns the example into ``fixed``, which re-lints clean; fixing again is a no-op."""
    settings = parse_settings(example.settings, root / "newslint.toml")
    file_settings = resolve_file_settings(LoadedSettings(settings, root, None), root / example.path)
    fixer = Fixer(file_settings, frozenset({rule.code}), unsafe=True)
    first = fixer.fix(example.path, example.text, fixer.lint(example.path, example.text))
    assert first.text == example.fixed
    assert [d for d in first.remaining if d.code == rule.code] == []
    again = fixer.fix(example.path, first.text, fixer.lint(example.path, first.text))
    assert again.text == first.text and again.applied == 0


CASES = [
    pytest.param(rule, example, kind, id=f"{code}-{kind}-{n}")
    for code, rule in DOCS.items()
    for kind, examples in (("bad", rule.bad), ("good", rule.good))
    for n, example in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "example", "kind"), CASES)
def test_example(rule: RuleDoc, example: Example, kind: str, tmp_path: Path) -> None:
    diagnostics = _lint(rule, example, tmp_path)
    got = sorted(expect_line(d) for d in diagnostics)
    assert got == sorted(example.expect)
    fixes = [d.fix for d in diagnostics if d.fix is not None]
    if rule.fix == "none":
        assert not fixes, f"{rule.code} is catalogued as not fixable but offers a fix"
    elif rule.fix == "safe":
        assert all(f.applicability is Applicability.SAFE for f in fixes)
    if example.fixed is not None:
        assert fixes, "an example with a fixed text must offer a fix"
        _check_fixed(rule, example, tmp_path)
    if kind == "bad":
        assert example.expect, f"{rule.code}: a bad example must expect at least one diagnostic"
    else:
        assert not example.expect, f"{rule.code}: a good example expects no diagnostic"


def test_every_check_is_catalogued_and_every_entry_has_a_check() -> None:
    documented = {code for code, rule in DOCS.items() if rule.family != "file"}
    assert set(CHECKS) == documented


def test_every_check_module_is_named_after_its_rule() -> None:
    """A reader finds a rule's code from its id: ``rules/HT020.yaml`` names it
    ``img-alt-missing``, its check is ``newslint/rules/html/img_alt_missing.py``."""
    family_packages = {"FM": "frontmatter", "HT": "html", "SI": "site", "KO": "korean"}
    misnamed = {
        code: module
        for code, module in CHECKS.items()
        if module
        != f"newslint.rules.{_package(code, family_packages)}.{DOCS[code].name.replace('-', '_')}"
    }
    assert misnamed == {}


def _package(code: str, family_packages: dict[str, str]) -> str:
    """A pack's site rules live with the other site rules."""
    return "site" if DOCS[code].family == "site" else family_packages[code[:2]]


@pytest.mark.parametrize("code", sorted(DOCS))
def test_entry_is_documented_enough(code: str) -> None:
    rule = DOCS[code]
    assert rule.summary.endswith("."), "a summary is one sentence stating the desired state"
    assert len(rule.rationale.split()) >= 15, "the rationale explains why in a few sentences"
    # No example can be 64 MB (NL003), a symbolic link (NL004) or 100,000 tags (HT038):
    # tests/test_limits.py.
    if code not in ("NL900", "NL003", "NL004", "HT038"):
        assert rule.bad and rule.good, "every rule shows at least one bad and one good example"
    if rule.fix != "none":
        assert rule.fix_title, "a fixable rule says what its fix does"
        assert any(e.fixed is not None for e in rule.bad), "a fixable rule shows its fix"


def test_the_rule_index_matches_the_rule_files() -> None:
    from newslint.catalogue import INDEX, index_text, rule_index
    from newslint.resources import data_dir

    written = (data_dir("rules") / INDEX).read_text(encoding="utf-8")
    assert written == index_text(), "rules/index.json is stale: run python scripts/rule_index.py"
    assert rule_index() == {code: rule.info() for code, rule in DOCS.items()}


@pytest.mark.parametrize("index", ["stale", "malformed", "missing"])
def test_without_a_current_index_the_rule_files_answer(
    index: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import newslint.catalogue as module
    from newslint.resources import data_dir

    rules = tmp_path / "rules"
    shutil.copytree(data_dir("rules"), rules)
    edited = rules / "HT001.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("\nseverity: error\n", "\nseverity: info\n"),
        encoding="utf-8",
    )
    if index == "malformed":
        (rules / module.INDEX).write_text('{"format": 1, "digest": [', encoding="utf-8")
    elif index == "missing":
        (rules / module.INDEX).unlink()
    monkeypatch.setattr(module, "data_dir", lambda name: tmp_path / name)
    module.builtin_catalogue.cache_clear()
    module.builtin_index.cache_clear()
    try:
        assert module.rule_index()["HT001"].severity.value == "info"
    finally:
        module.builtin_catalogue.cache_clear()
        module.builtin_index.cache_clear()
