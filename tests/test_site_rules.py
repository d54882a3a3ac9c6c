"""Site rules on small sites built in tmp dirs: URLs, caching, suppressions, the site boundary."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from newslint.cli import main
from newslint.site_rules.jekyll import build_url, slugify, template_for


def _url(
    config: dict[str, Any], name: str, *, permalink: str | None = None, cats: Sequence[str] = ()
) -> str:
    template, _ = template_for(config, "posts", permalink)
    stem = name.rsplit(".", 1)[0]
    return build_url(
        template,
        when=dt.datetime(2024, 3, 5, 7, 8, 9),
        slug=stem[11:],
        basename=stem,
        suffix="." + name.rsplit(".", 1)[1],
        categories=cats,
        collection="posts",
        path_in_collection=stem,
    )


@pytest.mark.parametrize(
    ("config", "name", "permalink", "cats", "url"),
    [
        ({}, "2024-03-05-hello-world.md", None, [], "/2024/03/05/hello-world.html"),
        (
            {},
            "2024-03-05-hello.md",
            None,
            ["News", "news", "Local"],
            "/news/local/2024/03/05/hello.html",
        ),
        ({"permalink": "pretty"}, "2024-03-05-hello.md", None, [], "/2024/03/05/hello/"),
        ({"permalink": "ordinal"}, "2024-03-05-hello.md", None, [], "/2024/065/hello.html"),
        ({"permalink": "none"}, "2024-03-05-hello.html", None, ["a"], "/a/hello.html"),
        (
            {"permalink": "/:year/:i_month/:i_day/:title/"},
            "2024-03-05-x.md",
            None,
            [],
            "/2024/3/5/x/",
        ),
        ({"permalink": "/:categories/:title/"}, "2024-03-05-x.md", None, [], "/x/"),
        ({}, "2024-03-05-서울-소식.md", None, [], "/2024/03/05/서울-소식.html"),
        ({"permalink": "pretty"}, "2024-03-05-x.md", "/custom/:title/", [], "/custom/x/"),
        ({}, "2024-03-05-what's new?.md", None, [], "/2024/03/05/what's-new.html"),
    ],
)
def test_urls_follow_jekyll_permalink_rules(
    config: dict[str, Any], name: str, permalink: str | None, cats: list[str], url: str
) -> None:
    assert _url(config, name, permalink=permalink, cats=cats) == url


def test_slugify_modes() -> None:
    assert slugify("Hello, World! 2024") == "hello-world-2024"
    assert slugify("Hello, World!", pretty=True, cased=True) == "Hello,-World!"
    assert slugify("--한국 뉴스--") == "한국-뉴스"


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _found(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> list[tuple[str, str, int, int, str]]:
    main([*args, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [
        (Path(d["path"]).name, d["code"], d["start"]["line"], d["start"]["column"], d["message"])
        for d in report["diagnostics"]
    ]


SITE = {
    "_config.yml": "title: t\n",
    "_posts/2024-01-01-a.md": "---\ntitle: Same\n---\n<p>a</p>\n",
    "_posts/2024-01-02-b.md": "---\ntitle: Same\n---\n<p>b</p>\n",
}


def test_cached_results_still_see_changes_in_other_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, SITE)
    monkeypatch.chdir(tmp_path)
    args = [".", "--select", "SI002", "--cache-dir", str(tmp_path)]
    message = (
        'title "Same" is also the title of _posts/2024-01-01-a.md, published a day earlier; '
        "give this post a title of its own"
    )
    assert _found(capsys, args) == [("2024-01-02-b.md", "SI002", 2, 8, message)]
    assert _found(capsys, args) == [("2024-01-02-b.md", "SI002", 2, 8, message)]  # from the cache
    _write(tmp_path, {"_posts/2024-01-01-a.md": "---\ntitle: Other\n---\n<p>a</p>\n"})
    assert _found(capsys, args) == []  # b.md's cached result, a fresh site verdict
    assert (tmp_path / ".newslint_cache" / "cache-v4.sqlite").is_file()


def test_site_findings_obey_suppressions_severity_and_per_file_ignores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(
        tmp_path,
        {
            **SITE,
            "_posts/2024-01-03-c.md": (
                "---\ntitle: Same\nnewslint: {disable: [SI002]}\n---\n<p>c</p>\n"
            ),
        },
    )
    monkeypatch.chdir(tmp_path)
    found = _found(capsys, [str(tmp_path), "--select", "SI002,NL101", "--no-cache"])
    assert [(name, code) for name, code, *_ in found] == [("2024-01-02-b.md", "SI002")]
    _write(
        tmp_path,
        {
            "newslint.toml": (
                '[severity]\nSI002 = "error"\n'
                '[per-file-ignores]\n"_posts/2024-01-02-b.md" = ["SI002"]\n'
            )
        },
    )
    assert _found(capsys, [str(tmp_path), "--select", "SI002", "--no-cache"]) == []
    (tmp_path / "newslint.toml").write_text('[severity]\nSI002 = "error"\n', encoding="utf-8")
    assert (
        main([str(tmp_path), "--select", "SI002", "--no-cache", "-q"]) == 1
    )  # error level fails the run


def test_links_never_leave_the_site_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _write(tmp_path, {"secret.md": "outside\n"})
    _write(
        site,
        {
            "_config.yml": "title: t\n",
            "about.md": "---\n---\nabout\n",
            "_posts/2024-01-01-a.md": "---\ntitle: A\n---\n"
            "{% link ../secret.md %} {% link about.md %} {% post_url 2024-01-01-a %}\n",
        },
    )
    monkeypatch.chdir(site)
    assert _found(capsys, [str(site), "--select", "SI008", "--no-cache"]) == [
        (
            "2024-01-01-a.md",
            "SI008",
            4,
            9,
            "{% link ../secret.md %}: ../secret.md is outside the site; Jekyll stops the build; "
            "use the path of an existing file from the site root",
        )
    ]


def test_a_crlf_bom_post_gets_exact_positions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"_config.yml": "title: t\n"})
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-a.md").write_bytes(
        "\ufeff---\r\ntitle: 가\r\ncategories: [Economy]\r\n---\r\n<p>a</p>\r\n".encode()
    )
    for n in (2, 3):
        (tmp_path / "_posts" / f"2024-01-0{n}-b.md").write_text(
            "---\ntitle: b\ncategories: economy\n---\n<p>b</p>\n", encoding="utf-8"
        )
    monkeypatch.chdir(tmp_path)
    main([str(tmp_path), "--select", "SI013", "--no-cache", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    [diag] = report["diagnostics"]
    assert (diag["start"], diag["end"]) == (
        {"line": 3, "column": 14, "offset": 29},
        {"line": 3, "column": 21, "offset": 36},
    )


def test_a_site_rule_that_fails_is_reported_once_and_the_rest_still_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newslint.rules

    real = newslint.rules.get_site_check

    def broken(site: Any) -> Iterator[Any]:
        raise RuntimeError("broken on purpose")
        yield

    def failing(code: str) -> Any:
        return broken if code == "SI002" else real(code)

    monkeypatch.setattr(newslint.rules, "get_site_check", failing)
    _write(
        tmp_path,
        {
            **SITE,
            "_posts/2999-01-01-c.md": "---\ntitle: Later\n---\n<p>c</b></p>\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    args = [".", "--select", "SI002,SI005,HT001", "--cache-dir", str(tmp_path)]
    failed = (
        "2024-01-01-a.md",
        "NL900",
        1,
        1,
        "internal error in rule SI002 (RuntimeError: broken on purpose); the other rules still "
        "ran; please report this with the files of this site",
    )
    others = [
        (
            "2999-01-01-c.md",
            "SI005",
            1,
            1,
            "post is dated 2999-01-01, in the future; Jekyll leaves it out of every build until "
            "then (future: false); correct the date",
        ),
        (
            "2999-01-01-c.md",
            "HT001",
            4,
            5,
            "closing tag </b> has nothing to close (stray end tag): kramdown prints it as text",
        ),
    ]
    assert _found(capsys, args) == [failed, *others]
    assert main([*args, "-q"]) == 2
    capsys.readouterr()
    monkeypatch.setattr(newslint.rules, "get_site_check", real)
    title = (
        "2024-01-02-b.md",
        "SI002",
        2,
        8,
        'title "Same" is also the title of _posts/2024-01-01-a.md, published a day earlier; '
        "give this post a title of its own",
    )
    assert _found(capsys, args) == [title, *others]  # the failed pass was not remembered
