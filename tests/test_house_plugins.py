"""Rule plugins: an installed package's ``newslint.rules`` entry point, loaded only when named."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslint.cli import main
from tests.conftest import working_directory

PLUGIN = textwrap.dedent(
    '''\
    """A newsroom's byline rule, in Python."""
    from pathlib import Path

    from newslint.diagnostics import Finding

    catalogue = Path(__file__).parent / "rules"


    def _staff_byline(ctx):
        start = ctx.doc.text.find("By Staff")
        if start >= 0:
            yield Finding(start, start + 8, 'byline "By Staff": name the reporters')


    checks = {"ACME001": _staff_byline}
    '''
)
RULE_DOC = textwrap.dedent(
    """\
    code: ACME001
    name: staff-byline
    family: text
    severity: warning
    summary: A byline names the reporters.
    rationale: Readers trust a story more when they know who wrote it.
    bad:
      - text: "---\\ntitle: t\\n---\\nBy Staff\\n"
        expect: ['4:1-4:9 byline "By Staff": name the reporters']
    good:
      - text: "---\\ntitle: t\\n---\\nBy Jane Roe\\n"
    """
)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A plugin package installed the way pip leaves one: the module and its dist-info."""
    packages = tmp_path / "site-packages"
    module = packages / "acme_newslint"
    (module / "rules").mkdir(parents=True)
    (module / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    (module / "rules" / "ACME001.yaml").write_text(RULE_DOC, encoding="utf-8")
    info = packages / "acme_newslint-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-newslint\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[newslint.rules]\nacme = acme_newslint\n")
    monkeypatch.syspath_prepend(str(packages))
    yield tmp_path
    sys.modules.pop("acme_newslint", None)


def _run(
    root: Path, config: str, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    site = root / "site"
    (site / "_posts").mkdir(parents=True, exist_ok=True)
    (site / "_config.yml").write_text("title: t\n", encoding="utf-8")
    post = "---\ntitle: Storm closes the port\n---\nBy Staff\n\nThe port closed at noon.\n"
    (site / "_posts" / "2024-03-01-storm.md").write_text(post, encoding="utf-8")
    (site / "newslint.toml").write_text(config, encoding="utf-8")
    with working_directory(site):
        code = main([*args] if args else ["--no-cache", "--format", "json", "."])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_named_plugin_runs_with_its_catalogue(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(installed, 'plugins = ["acme"]\n', capsys)
    found = [
        (d["code"], d["rule"], d["start"]["line"], d["message"])
        for d in json.loads(out)["diagnostics"]
    ]
    assert code == 0
    assert found == [("ACME001", "staff-byline", 4, 'byline "By Staff": name the reporters')]


def test_a_plugin_is_not_imported_unless_named(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(installed, "", capsys)
    assert (code, json.loads(out)["diagnostics"]) == (0, [])
    assert "acme_newslint" not in sys.modules


def test_a_plugin_that_is_not_installed_is_named(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(installed, 'plugins = ["acme-typo"]\n', capsys)
    assert code == 2
    assert 'plugin "acme-typo" is not installed' in err and "(installed: acme)" in err


def test_a_plugin_rule_without_a_check_is_refused(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = installed / "site-packages" / "acme_newslint" / "rules"
    (rules / "ACME002.yaml").write_text(
        RULE_DOC.replace("ACME001", "ACME002").replace("staff-byline", "wire-byline")
    )
    code, _, err = _run(installed, 'plugins = ["acme"]\n', capsys)
    assert code == 2
    assert (
        "plugin acme cannot be used:" in err
        and "ACME002 has no check in the plugin's checks" in err
    )


def test_test_rules_runs_a_plugins_examples(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(installed, 'plugins = ["acme"]\n', capsys, "test-rules")
    assert code == 0
    assert out == (
        "plugin acme\n"
        "  ACME001  staff-byline                 2 examples  ok\n"
        "1 rule, 2 examples: all passed\n"
    )
