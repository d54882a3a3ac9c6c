"""``--shard K/N``: a stable share of the files; the union of the shards is the whole report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main
from newslint.errors import UsageError
from newslint.site_rules import in_shard, parse_shard
from tests.conftest import CORPUS, require_shared


def test_parse_shard_accepts_k_of_n_and_refuses_the_rest() -> None:
    assert parse_shard("2/3") == (2, 3)
    for bad in ("0/3", "4/3", "1/0", "x/2", "3"):
        with pytest.raises(UsageError, match=r'--shard ".*": expected K/N with 1 <= K <= N'):
            parse_shard(bad)


def test_every_path_is_in_exactly_one_shard_and_stays_there() -> None:
    paths = [f"_posts/2024-01-{n:02d}-post-{n}.md" for n in range(1, 200)]
    for n in (1, 2, 3, 7):
        owners = [[k for k in range(1, n + 1) if in_shard(p, (k, n))] for p in paths]
        assert all(len(o) == 1 for o in owners)
        if n > 1:
            assert len({o[0] for o in owners}) == n  # every shard gets some
    # The shard depends on the path alone ("./" and "\\" normalised), not on other files.
    assert in_shard("./_posts/a.md", (2, 3)) == in_shard("_posts/a.md", (2, 3))
    assert in_shard("_posts\\a.md", (2, 3)) == in_shard("_posts/a.md", (2, 3))


def _site(root: Path) -> None:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("permalink: /:title/\n", encoding="utf-8")
    (root / "img").mkdir()
    for n in range(1, 13):
        title = "Same story" if n % 4 == 0 else f"Story {n}"
        tags = "[Real Estate]" if n % 3 else "[real-estate]"
        body = f"<p>Text {n}</b></p>" if n % 5 == 0 else f"<p>Text {n}</p>"
        if n % 2:  # into a folder the site does not have: one SI012, on the first post by path
            body += f'\n<img src="/assets/{n}.jpg" alt="">'
        if n % 3 == 0:  # a missing file in a folder the site has: an HT034 in its post
            body += f'\n<img src="/img/{n}.jpg" alt="">'
        (root / "_posts" / f"2024-01-{n:02d}-story-{n % 6}.md").write_text(
            f"---\ntitle: {title}\ntags: {tags}\n---\n{body}\n", encoding="utf-8"
        )


def _report(capsys: pytest.CaptureFixture[str], args: list[str]) -> dict[str, Any]:
    code = main([*args, "--format", "json", "--no-cache"])
    assert code in (0, 1)
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def _key(diag: dict[str, Any]) -> str:
    return json.dumps(diag, sort_keys=True)


@pytest.mark.parametrize("n", [2, 3])
def test_union_of_shards_equals_the_whole_report_on_a_small_site(
    n: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    whole = _report(capsys, ["."])
    codes = {d["code"] for d in whole["diagnostics"]}
    assert {"SI001", "SI002", "SI007", "SI012", "HT001", "HT034"} <= codes  # site and file
    assert sum(d["code"] == "SI012" for d in whole["diagnostics"]) == 1
    merged: list[str] = []
    files = 0
    for k in range(1, n + 1):
        part = _report(capsys, [".", "--shard", f"{k}/{n}"])
        assert all(in_shard(d["path"], (k, n)) for d in part["diagnostics"])
        merged += [_key(d) for d in part["diagnostics"]]
        files += part["summary"]["files"]
    assert sorted(merged) == sorted(_key(d) for d in whole["diagnostics"])
    assert files == whole["summary"]["files"] == 12


def test_a_shard_reports_a_clash_with_a_file_it_does_not_lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    # story-4 (n=4) and story-4 (n=10) share /story-4/; Jekyll keeps the later one.
    loser = str(Path("_posts/2024-01-04-story-4.md"))
    winner = str(Path("_posts/2024-01-10-story-4.md"))
    shards = [(k, n) for n in range(2, 9) for k in range(1, n + 1)]
    k, n = next(s for s in shards if in_shard(loser, s) and not in_shard(winner, s))
    found = [
        (d["path"], d["code"], d["start"]["line"], d["start"]["column"], d["message"])
        for d in _report(capsys, [".", "--shard", f"{k}/{n}", "--select", "SI001"])["diagnostics"]
    ]
    assert (
        loser,
        "SI001",
        1,
        1,
        "URL /story-4/ is also built from _posts/2024-01-10-story-4.md, which Jekyll writes "
        "later and keeps; this post is never published; rename the file or set a permalink",
    ) in found


def _merged(report_paths: list[Path]) -> list[str]:
    out: list[str] = []
    for path in report_paths:
        out += [_key(d) for d in json.loads(path.read_text(encoding="utf-8"))["diagnostics"]]
    return sorted(out)


@pytest.mark.slow
def test_union_of_shards_equals_the_whole_report_on_the_corpus(tmp_path: Path) -> None:
    corpus = require_shared(CORPUS)
    reports: dict[int, list[Path]] = {}
    for n in (1, 2, 3):
        for k in range(1, n + 1):
            out = tmp_path / f"{k}-of-{n}.json"
            done = subprocess.run(
                [
                    *(sys.executable, "-m", "newslint", str(corpus), "--shard", f"{k}/{n}"),
                    *("--format", "json", "-o", str(out), "--no-cache"),
                ],
                capture_output=True,
                text=True,
            )
            assert done.returncode in (0, 1), done.stderr
            reports.setdefault(n, []).append(out)
    whole = _merged(reports[1])
    assert any('"code": "SI' in d for d in whole)
    assert _merged(reports[2]) == whole
    assert _merged(reports[3]) == whole
