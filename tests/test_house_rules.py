"""House rules from a configuration's rules files: loading, every refusal, selection, suppression,
per-file ignores, the cache key, ``newslint rules``/``rule`` and ``test-rules``."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.house.rules_file import read_rules_file
from tests.conftest import working_directory

POST = textwrap.dedent(
    """\
    ---
    title: Council votes on the budget
    ---
    The council voted 7-2. To read the full budget, click here.
    """
)
RULES = textwrap.dedent(
    """\
    rules:
      - code: X001
        name: no-click-here
        message: '"{match}" says nothing about where the link goes; name the page instead'
        severity: error
        rationale: Screen readers list links by their text.
        pattern: '\\bclick here\\b'
        ignore-case: true
        bad:
          - text: "---\\ntitle: t\\n---\\nFor the results, Click here.\\n"
            expect:
              - >-
                4:18-4:28 "Click here" says nothing about where the link goes;
                name the page instead
        good:
          - text: "---\\ntitle: t\\n---\\nRead [the results](/results/).\\n"
    """
)


def _site(
    root: Path, rules: str = RULES, config: str = 'custom-rules = ["newslint-rules.yaml"]\n'
) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (root / "_posts" / "2024-03-01-budget.md").write_text(POST, encoding="utf-8")
    (root / "newslint-rules.yaml").write_text(rules, encoding="utf-8")
    (root / "newslint.toml").write_text(config, encoding="utf-8")
    return root


def _run(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with working_directory(root):
        code = main(["--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_house_rule_reports_with_its_span_and_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(_site(tmp_path), "--format", "json", ".", capsys=capsys)
    found = json.loads(out)["diagnostics"]
    assert code == 1
    assert [
        (
            d["code"],
            d["rule"],
            d["severity"],
            d["start"]["line"],
            d["start"]["column"],
            d["message"],
        )
        for d in found
    ] == [
        (
            "X001",
            "no-click-here",
            "error",
            4,
            49,
            '"click here" says nothing about where the link goes; name the page instead',
        )
    ]


def _refusal(tmp_path: Path, rules: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The error a run gives for ``rules``: exit 2, a message and never a traceback."""
    code, out, err = _run(_site(tmp_path, rules), ".", capsys=capsys)
    assert (code, out) == (2, "")
    assert "Traceback" not in err and "internal error" not in err
    return err


RULE = """\
rules:
  - code: X001
    name: no-click-here
    message: "{{match}} is vague"
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        pytest.param(
            "    pattern: '(click here'",
            'newslint-rules.yaml:5: rule X001 (no-click-here): key "pattern": ',
            id="regex",
        ),
        pytest.param(
            "    selector: 'iframe:nosuch'",
            'newslint-rules.yaml:5: rule X001 (no-click-here): key "selector": ',
            id="selector",
        ),
        pytest.param(
            "    pattern: x\n    selector: p",
            "newslint-rules.yaml:2: rule X001 (no-click-here): give exactly one of selector, "
            "pattern, front-matter (found: selector, pattern)",
            id="two-kinds",
        ),
        pytest.param(
            "    severity: fatal\n    pattern: x",
            'newslint-rules.yaml:5: rule X001 (no-click-here): key "severity": Input should be',
            id="severity",
        ),
        pytest.param(
            "    pattern: x\n    colour: red",
            'newslint-rules.yaml:6: rule X001 (no-click-here): key "colour": unknown key: see '
            "docs/custom-rules.md",
            id="unknown-key",
        ),
        pytest.param(
            "    pattern: x\n    attribute: src",
            'newslint-rules.yaml:6: rule X001 (no-click-here): key "attribute": "attribute" goes '
            "with selector, not pattern",
            id="misplaced-key",
        ),
        pytest.param(
            "    pattern: x\n    fix: safe",
            'newslint-rules.yaml:6: rule X001 (no-click-here): key "fix": only a pattern rule '
            'with a "replacement" has a fix',
            id="fix-without-replacement",
        ),
        pytest.param(
            "    pattern: x\n    ignore-cases: true",
            'newslint-rules.yaml:6: rule X001 (no-click-here): key "ignore-cases": unknown key; '
            'did you mean "ignore-case"?',
            id="unknown-key-hint",
        ),
        pytest.param(
            "    front-matter:\n      keys:\n        author:\n          exists-in: ../staff.yml",
            'newslint-rules.yaml:8: rule X001 (no-click-here): key "front-matter.keys.author.'
            'exists-in": "../staff.yml" leads out of the site',
            id="front-matter-problem",
        ),
        pytest.param(
            "    front-matter: {require: [image], colour: red}",
            'newslint-rules.yaml:5: rule X001 (no-click-here): key "front-matter.colour": ',
            id="front-matter-key",
        ),
    ],
)
def test_a_broken_rule_is_refused_by_file_line_rule_and_key(
    tmp_path: Path, extra: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refusal(tmp_path, RULE.format(extra=extra), capsys)
    assert "newslint-rules.yaml: 1 problem in the house rules" in err
    assert said in err


def test_a_message_field_the_kind_cannot_fill_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = RULE.format(extra="    pattern: x").replace(
        "{match} is vague", "{match.__class__} {src}"
    )
    err = _refusal(tmp_path, rules, capsys)
    assert (
        'newslint-rules.yaml:4: rule X001 (no-click-here): key "message": '
        "{match.__class__} cannot be filled in" in err
    )
    assert (
        'newslint-rules.yaml:4: rule X001 (no-click-here): key "message": {src} cannot be filled in'
        in err
    )
    assert "2 problems in the house rules" in err


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("HT901", "codes starting FM, HT, SI, NL, KO are newslint's own; use e.g. X001"),
        ("x1", "a code is 1-5 capital letters and 1-4 digits, e.g. X001"),
    ],
)
def test_a_reserved_or_malformed_code_is_refused(
    tmp_path: Path, code: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = RULE.format(extra="    pattern: x").replace("X001", code)
    err = _refusal(tmp_path, rules, capsys)
    assert f'newslint-rules.yaml:2: rule {code} (no-click-here): key "code": {said}' in err


def test_a_duplicate_code_in_one_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = RULE.format(extra="    pattern: x")
    rules += "  - code: X001\n    name: stray-end-tag\n    message: m\n    pattern: y\n"
    err = _refusal(tmp_path, rules, capsys)
    assert (
        'newslint-rules.yaml:6: rule X001 (stray-end-tag): key "code": '
        "X001 is already the code of the rule at line 2" in err
    )


def test_a_file_that_is_not_a_rules_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "newslint-rules.yaml:3:1: not valid YAML" in _refusal(
        tmp_path, "rules:\n  - [a\n", capsys
    )
    err = _refusal(tmp_path / "b", "- code: X001\n", capsys)
    assert 'newslint-rules.yaml: a rules file is a mapping with one key, "rules:"' in err


def test_a_missing_rules_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = 'custom-rules = ["house/rules.yaml"]\n'
    code, _, err = _run(_site(tmp_path, config=config), ".", capsys=capsys)
    assert code == 2
    assert "house/rules.yaml: cannot read the rules file: No such file or directory" in err


def test_a_rules_file_outside_the_repository_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = 'custom-rules = ["../rules.yaml"]\n'
    code, _, err = _run(_site(tmp_path / "site", config=config), ".", capsys=capsys)
    assert code == 2
    assert 'key "custom-rules": "../rules.yaml" is outside' in err


def test_an_example_that_does_not_give_its_expect_stops_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refusal(tmp_path, RULES.replace("4:18-4:28", "4:17-4:28"), capsys)
    assert "newslint-rules.yaml: examples that do not give what they expect" in err
    assert "newslint-rules.yaml:2: X001 bad example 1: diagnostics differ" in err
    assert '\'4:17-4:28 "Click here" says' in err and '\'4:18-4:28 "Click here" says' in err


def test_selection_suppression_and_per_file_ignores_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _site(tmp_path)
    assert _run(root, "--select", "HT", ".", capsys=capsys)[0] == 0
    assert _run(root, "--select", "X", ".", capsys=capsys)[0] == 1
    assert _run(root, "--ignore", "no-click-here", ".", capsys=capsys)[0] == 0
    post = root / "_posts" / "2024-03-01-budget.md"
    post.write_text(
        POST.replace("The council", "<!-- newslint-disable-next-line X001 -->\nThe council"),
        encoding="utf-8",
    )
    assert _run(root, ".", capsys=capsys)[0] == 0
    post.write_text(POST, encoding="utf-8")
    config = 'custom-rules = ["newslint-rules.yaml"]\n[per-file-ignores]\n"_posts/**" = ["X001"]\n'
    (root / "newslint.toml").write_text(config, encoding="utf-8")
    assert _run(root, ".", capsys=capsys)[0] == 0


def test_the_cache_key_holds_the_rules_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _site(tmp_path)
    with working_directory(root):
        assert main(["."]) == 1
        assert main(["."]) == 1  # answered by the cache
        (root / "newslint-rules.yaml").write_text(
            RULES.replace("severity: error", "severity: warning"), encoding="utf-8"
        )
        assert main(["."]) == 0  # the changed rule is not answered from the old results
    assert "X001" in capsys.readouterr().out


def test_rules_and_rule_show_house_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _site(tmp_path)
    with working_directory(root):
        assert main(["rules", "X"]) == 0
        listed = capsys.readouterr().out
        assert main(["rule", "X001"]) == 0
        shown = capsys.readouterr().out
    summary = '"{match}" says nothing about where the link goes; name the page instead'
    assert listed == f"X001  no-click-here                    error   {summary}\n"
    assert shown.startswith(f"# X001 no-click-here\n\n{summary}\n\n")
    assert "Defined in newslint-rules.yaml:2.\n" in shown


def test_test_rules_passes_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _site(tmp_path)
    with working_directory(root):
        assert main(["test-rules"]) == 0
        passed = capsys.readouterr().out
        broken = root / "broken.yaml"
        broken.write_text(
            RULES.replace("4:18-4:28", "4:1-4:28")
            .replace("X001", "X002")
            .replace("no-click", "vague"),
            encoding="utf-8",
        )
        assert main(["test-rules", "broken.yaml"]) == 1
        failed = capsys.readouterr().out
    assert passed == (
        "newslint-rules.yaml\n"
        "  X001  no-click-here                2 examples  ok\n"
        "1 rule, 2 examples: all passed\n"
    )
    assert failed.startswith(
        "broken.yaml\n  X002  vague-here                   2 examples  FAILED\n"
    )
    assert "    broken.yaml:2: X002 bad example 1: diagnostics differ\n" in failed
    assert failed.endswith("1 rule, 2 examples: 1 rule failed\n")


def test_sarif_describes_a_house_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    from tests.conftest import SARIF_SCHEMA

    code, out, _ = _run(_site(tmp_path), "--format", "sarif", ".", capsys=capsys)
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    (run,) = log["runs"]
    (rule,) = run["tool"]["driver"]["rules"]
    (result,) = run["results"]
    assert code == 1
    assert (rule["id"], rule["name"], rule["properties"]) == (
        "X001",
        "no-click-here",
        {"tags": ["text", "house-rule"]},
    )
    assert rule["fullDescription"]["text"] == "Screen readers list links by their text."
    assert "Defined in newslint-rules.yaml:2." in rule["help"]["markdown"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (result["ruleId"], region["startLine"], region["startColumn"]) == ("X001", 4, 49)


def test_two_rules_files_may_not_give_one_code_two_meanings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _site(tmp_path, config='custom-rules = ["newslint-rules.yaml", "more.yaml"]\n')
    (root / "more.yaml").write_text(RULES.replace("click here", "read more"), encoding="utf-8")
    code, _, err = _run(root, ".", capsys=capsys)
    assert code == 2
    assert "more.yaml:2: X001 is also defined by newslint-rules.yaml: give each house rule" in err


def test_a_message_naming_a_group_the_pattern_lacks_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = RULE.format(extra="    pattern: '(?P<verb>click) here'")
    rules = rules.replace("{match} is vague", "{group[verb]} {group[1]} {group[2]} {group[noun]}")
    err = _refusal(tmp_path, rules, capsys)
    assert '"message": {group[2]} names a group the pattern does not have' in err
    assert '"message": {group[noun]} names a group the pattern does not have' in err
    assert "2 problems in the house rules" in err


def test_the_benchmark_house_rules_are_ten_selector_rules() -> None:
    from tests.conftest import REPO

    rule_set = read_rules_file(REPO / "bench" / "house" / "selectors.yaml")
    assert [doc.code for doc in rule_set.docs] == [f"B{n:03}" for n in range(1, 11)]
    assert {doc.family for doc in rule_set.docs} == {"html"}


def test_the_cache_key_holds_the_data_files_a_rule_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = (
        "rules:\n  - code: X005\n    name: known-author\n"
        "    message: 'author \"{value}\" is not on the staff list'\n    severity: error\n"
        "    front-matter:\n      keys:\n        author: {exists-in: _data/authors.yml}\n"
    )
    root = _site(tmp_path, rules)
    post = root / "_posts" / "2024-03-01-budget.md"
    post.write_text(POST.replace("title:", "author: jane-roe\ntitle:"), encoding="utf-8")
    (root / "_data").mkdir()
    staff = root / "_data" / "authors.yml"
    staff.write_text("jane-roe: {name: Jane Roe}\n", encoding="utf-8")

    def run() -> subprocess.CompletedProcess[str]:  # each run a process, as a user's are
        argv = [sys.executable, "-m", "newslint", "."]
        return subprocess.run(argv, cwd=root, capture_output=True, text=True, check=False)

    assert run().returncode == 0
    staff.write_text("john-doe: {name: John Doe}\n", encoding="utf-8")
    again = run()  # not answered from the result made with the old staff list
    assert again.returncode == 1
    assert 'X005 author "jane-roe" is not on the staff list' in again.stdout


def test_a_built_in_rules_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = RULE.format(extra="    pattern: x").replace("no-click-here", "stray-end-tag")
    err = _refusal(tmp_path, rules, capsys)
    assert (
        'newslint-rules.yaml:3: rule X001 (stray-end-tag): key "name": "stray-end-tag" is '
        "already the name of HT001" in err
    )


def test_the_example_sites_rules_are_listed_with_their_fixes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.conftest import EXAMPLES

    with working_directory(EXAMPLES):
        assert main(["rules", "X"]) == 0
        assert main(["test-rules"]) == 0
    listed, tested = capsys.readouterr().out.split("newslint-rules.yaml\n")
    assert listed.splitlines() == [
        "X001  embed-title                      error   Every embed has a title.",
        'X002  per-cent                         warning Write "percent", in one word. [fix: safe]',
        "X003  known-author                     error   Every author is on the staff list. "
        "[fix: unsafe]",
        "X004  breaking-needs-image             warning Breaking-news posts have a lead image.",
    ]
    assert tested.endswith("4 rules, 9 examples: all passed\n")
