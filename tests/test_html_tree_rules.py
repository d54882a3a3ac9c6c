"""HT020 to HT036: tree and policy rules report exact spans, skip code and Liquid, fix only
their construct."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newslint.config import (
    ConfigError,
    FileSettings,
    LoadedSettings,
    Settings,
    resolve_file_settings,
)
from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.document import Document
from newslint.engine import lint_bytes, select_rules
from newslint.fixer import Fixer
from newslint.rules import get_check
from tests.conftest import CORPUS, SEED, require_shared

MINE = [*(f"HT0{n}" for n in range(20, 37)), "HT039"]


def run(
    code: str, text: str, path: Path | None = None, options: dict[str, Any] | None = None
) -> list[str]:
    """``code``'s findings on ``text`` as ``L:C-L:C message | covered text``."""
    doc = Document.from_text(str(path or "_posts/2024-01-01-x.md"), text)
    settings = FileSettings(path=path, rule_options={code: options or {}})
    return [_show(doc, f) for f in get_check(code)(RuleContext(doc, settings))]


def _show(doc: Document, finding: Finding) -> str:
    s, e = doc.index.position(finding.start), doc.index.position(finding.end)
    covered = doc.text[finding.start : finding.end]
    return f"{s.line}:{s.column}-{e.line}:{e.column} {finding.message} | {covered}"


def fix(code: str, text: str, path: str = "_posts/2024-01-01-x.md") -> str:
    """``text`` after ``--fix --unsafe-fixes`` with only ``code`` enabled."""
    fixer = Fixer(FileSettings(), frozenset({code}), unsafe=True)
    return fixer.fix(path, text, fixer.lint(path, text)).text


def test_seed_default_report_is_still_only_the_stray_bold() -> None:
    enabled = select_rules(["DEFAULT"], [])
    result = lint_bytes("_posts/seed.md", SEED.read_bytes(), FileSettings(), enabled)
    assert [(d.code, d.start.line, d.start.column) for d in result.diagnostics] == [
        ("HT001", 32, 209)
    ]


@pytest.mark.parametrize("code", MINE)
def test_nothing_inside_code_or_liquid(code: str) -> None:
    text = (
        "---\ntitle: t\nimage: /a.png\n---\n"
        "`<p></p><img src=x><font><b>x</b>`\n\n"
        "```html\n<h1>a</h1><h1>b</h1><h4>c</h4><p id=x></p><p id=x></p>\n"
        '<script>x</script><a href="javascript:x" target="_blank">a</a>\n'
        '<iframe src="https://evil.example/"></iframe><p style="color:red" data-ke-size=1></p>\n'
        "<table><tr><td><b>1</b></td><td><b>2</b></td></tr><tr><td>3</td><td>4</td></tr></table>\n```\n\n"
        "    <img src=/missing.png><marquee>x</marquee>\n"
    )
    assert run(code, text, options={"site-url": "https://example.org"}) == []


def test_obsolete_markup_that_renders_is_off_by_default_and_broken_markup_on() -> None:
    default = select_rules(["DEFAULT"], [])
    assert "HT039" in default and not {"HT023", "HT024", "HT025", "HT026"} & default
    text = "---\nt: 1\n---\n<center><marquee>속보</marquee></center>\n"
    assert run("HT023", text) == [
        "4:1-4:9 <center> is obsolete; use CSS text-align instead | <center>"
    ]
    assert run("HT039", text) == [
        "4:9-4:18 <marquee>: its text scrolls past and readers cannot stop it (an accessibility"
        " failure); write it as plain text | <marquee>"
    ]


def test_img_alt_after_hangul_and_emoji_with_crlf() -> None:
    text = "\ufeff---\r\nt: 1\r\n---\r\n<p>한글😀<IMG SRC=a.png></p>\r\n<p><img alt src=b></p>\r\n"
    assert run("HT020", text) == [
        '4:7-4:22 image "a.png" has no alt text, so screen readers read out its file name;'
        ' describe it in alt="…", or write alt="" if it is decorative | <IMG SRC=a.png>'
    ]


def test_empty_paragraph_fix_keeps_everything_else() -> None:
    text = "\ufeff---\r\nt: 1\r\n---\r\n<p>😀</p>\r\n\r\n<p>&nbsp;</p>\r\n<P> <br/> </P>  \r\n"
    assert fix("HT022", text) == "\ufeff---\r\nt: 1\r\n---\r\n<p>😀</p>  \r\n"


def test_empty_paragraph_deep_nesting_does_not_recurse() -> None:
    text = "---\nt: 1\n---\n<p>" + "<span>" * 30000 + "</p>\n"
    (found,) = run("HT022", text)
    assert found.startswith("4:1-4:")


def test_empty_paragraph_in_the_middle_has_no_fix() -> None:
    text = "---\nt: 1\n---\n<p></p>\n<p>x</p>\n"
    assert fix("HT022", text) == text


def test_duplicate_id_is_one_finding_pointing_at_every_other_use() -> None:
    text = '---\nt: 1\n---\n<p id="가">a</p><p ID="가">b</p>\n<p id=가>c</p>\n'
    doc = Document.from_text("_posts/x.md", text)
    (finding,) = get_check("HT027")(RuleContext(doc, FileSettings()))
    assert doc.text[finding.start : finding.end] == 'ID="가"'
    assert [(doc.text[o : o + 6], note) for o, note in finding.related] == [
        ('id="가"', "first used here"),
        ("id=가>c", "used again here"),
    ]


def test_residue_fix_removes_only_the_attribute() -> None:
    text = '---\r\nt: 1\r\n---\r\n<p\tdata-ke-size="size16"  class=MsoNormal id=k>😀</p>\r\n'
    assert fix("HT028", text) == "---\r\nt: 1\r\n---\r\n<p id=k>😀</p>\r\n"


def test_inline_style_bad_option_is_a_usage_error() -> None:
    with pytest.raises(ConfigError, match="allowed-properties must be a list"):
        run(
            "HT029",
            '---\nt: 1\n---\n<p style="color:red">x</p>\n',
            None,
            {"allowed-properties": "x"},
        )


def test_unsafe_script_sees_through_tabs_in_the_scheme() -> None:
    text = '---\nt: 1\n---\n<a href="java&#9;script:x()">a</a>\n'
    assert run("HT030", text) == [
        '4:4-4:29 javascript: URL in href="java&#9;script:x()" | href="java&#9;script:x()"'
    ]


def test_target_blank_fix_with_empty_and_bare_rel() -> None:
    text = '---\nt: 1\n---\n<a target=_blank rel="">a</a><a rel target="_blank">b</a>\n'
    fixed = '<a target=_blank rel="noopener">a</a><a rel="noopener" target="_blank">b</a>\n'
    assert fix("HT032", text) == "---\nt: 1\n---\n" + fixed


def _site(tmp_path: Path, config: str) -> Path:
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "ok.png").write_bytes(b"")
    post = tmp_path / "_posts" / "2024-01-01-x.md"
    post.write_text("", encoding="utf-8")
    return post


def test_insecure_resource_reads_the_site_url(tmp_path: Path) -> None:
    post = _site(tmp_path, "url: https://news.example\n")
    text = (
        '---\nt: 1\n---\n<embed src="http://x.example/a.svg"><a href="http://x">x</a>\n'
        '<embed src="http://x.example/a.swf"><script src="http://x.example/a.js"></script>\n'
    )
    assert [found.split(" | ")[0] for found in run("HT033", text, post)] == [
        "4:8-4:36 <embed> loads over http, so browsers block it on this https site; use https:"
        ' src="http://x.example/a.svg"',
        "5:45-5:72 <script> loads over http, so browsers block it on this https site; use https:"
        ' src="http://x.example/a.js"',
    ]
    # The Flash movie is HT039's; the blocked script does not run, so it is not HT030's.
    assert [found[:4] for found in run("HT039", text, post)] == ["5:1-"]
    assert run("HT030", text, post) == []


def test_embeds_from_the_sites_own_host_are_allowed(tmp_path: Path) -> None:
    post = _site(tmp_path, "url: https://www.news.example\n")
    text = (
        "---\nt: 1\n---\n"
        '<iframe src="https://news.example/polls/1"></iframe>'
        '<script src="https://static.news.example/poll.js"></script>\n'
        '<iframe src="https://news.example.net/"></iframe><script src="data:,x()"></script>\n'
    )
    assert run("HT031", text, post) == [
        "5:9-5:40 <iframe> loads from news.example.net, which is not an allowed host"
        ' | src="https://news.example.net/"'
    ]
    assert [found.split(" | ")[0] for found in run("HT030", text, post)] == [
        '5:50-5:74 <script src="data:,x()"> runs script in the post',
        '5:58-5:73 data: URL in src="data:,x()"',
    ]


def test_analytics_handler_with_anything_else_still_runs_script() -> None:
    text = (
        "---\nt: 1\n---\n"
        "<a href=/ onclick=\"ga('send', 'event', 'x');\">a</a>"
        "<a href=/ onclick=\"ga('send', document.cookie)\">b</a>\n"
    )
    assert [found.split(" | ")[0] for found in run("HT030", text)] == [
        "4:62-4:99 event handler onclick=\"ga('send', document.cookie)\" runs script"
    ]


def test_local_files_under_the_root_and_never_outside(tmp_path: Path) -> None:
    post = _site(tmp_path, "baseurl: /blog\n")
    text = (
        "---\nt: 1\n---\n"
        '<img alt="" src="/blog/assets/ok.png"><img alt="" src="/assets/ok.png?v=1">\n'
        '<img alt="" src="/assets/no.png"><a href="../../etc/passwd">p</a>\n'
    )
    doc = Document.from_text(str(post), text)
    settings = FileSettings(path=post)
    found = [_show(doc, f) for f in get_check("HT034")(RuleContext(doc, settings))]
    assert found == [
        "5:13-5:33 <img src>: file /assets/no.png does not exist under the site root"
        ' | src="/assets/no.png"',
        "5:37-5:60 <a href>: file ../../etc/passwd would be outside the site root"
        ' | href="../../etc/passwd"',
    ]
    root = tmp_path.resolve()
    assert all(Path(p).is_relative_to(root) for p in doc.dependencies)


def test_lead_image_compares_site_paths(tmp_path: Path) -> None:
    post = _site(tmp_path, "url: https://news.example\nbaseurl: /blog\n")
    same = (
        "---\nimage: https://news.example/blog/assets/a.jpg\n---\n"
        "<img alt='' src='/assets/a.jpg#x'>\n"
    )
    assert run("HT035", same, post) == []
    other = "---\nimage: /assets/a.jpg\n---\n<p>😀<img alt='' src='/assets/b.jpg'></p>\n"
    assert run("HT035", other, post) == [
        '2:8-2:21 "image" /assets/a.jpg is not the body\'s lead image /assets/b.jpg | /assets/a.jpg'
    ]


def test_semantic_emphasis_leaves_a_b_without_end_tag_unfixed() -> None:
    text = "---\nt: 1\n---\n<p><b>x</p>\n"
    assert fix("HT036", text) == text


def _corpus_files() -> Iterator[Path]:
    corpus = require_shared(CORPUS / "frowth-official__frowth-official.github.io" / "_posts")
    yield from sorted(corpus.iterdir())[:40]


def test_fixes_touch_only_their_constructs_on_real_posts() -> None:
    settings = resolve_file_settings(LoadedSettings(Settings(), Path.cwd(), None), None)
    fixer = Fixer(settings, frozenset({"HT022", "HT028", "HT032", "HT036"}), unsafe=True)
    for path in _corpus_files():
        text = path.read_text(encoding="utf-8")
        outcome = fixer.fix(path.name, text, fixer.lint(path.name, text))
        again = fixer.fix(path.name, outcome.text, fixer.lint(path.name, outcome.text))
        assert again.text == outcome.text
        assert "data-ke-" not in outcome.text and "<b>" not in outcome.text


def test_a_placeholder_in_prose_is_escaped_not_closed() -> None:
    # HT002 would insert </max_hosts>; it leaves a name HTML does not know to HT037, which
    # writes the tag as text.
    text = "---\ntitle: t\n---\n<p>Set :max_hosts => <max_hosts> 뉴스 😀 in a recipe.</p>\n"
    path = "_posts/2024-01-01-x.md"
    fixer = Fixer(FileSettings(), frozenset({"HT002", "HT037"}), unsafe=True)
    found = fixer.lint(path, text)
    assert [(d.code, d.start.column, d.end.column, d.fix is not None) for d in found] == [
        ("HT037", 22, 33, True),
    ]
    fixed = fixer.fix(path, text, found).text
    assert fixed == text.replace("<max_hosts>", "&lt;max_hosts>")
    assert fixer.lint(path, fixed) == []
    assert fix("HT002", "---\ntitle: t\n---\n<p><b>bold</p>\n").endswith("<p><b>bold</b></p>\n")
