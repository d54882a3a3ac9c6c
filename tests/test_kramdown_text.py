"""HT008-HT010 against what Debian's kramdown really renders for a Markdown post.

Each case is a post body (most from the shared corpus, shortened), what readers see once kramdown
(GFM input, as Jekyll runs it) has rendered it and a browser has read the result, and what
newslint reports: nothing where readers see what the author typed, a finding where they do not.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import html5lib
import pytest

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.document import Document
from newslint.rules import get_check

RUBY = shutil.which("ruby")
RENDER = """
require "json"; require "kramdown"; require "kramdown-parser-gfm"
texts = JSON.parse($stdin.read)
puts JSON.generate(texts.map { |t| Kramdown::Document.new(t, input: "GFM").to_html })
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(RUBY is None, reason="ruby with ruby-kramdown is not installed (.ci/run)"),
]

CASES = [
    ("S&P 500, O&M and R&D\n", "S&P 500, O&M and R&D", []),
    (
        '<p>Open ?lang=ko&region=kr, <a href="?a=1&hp=1">x</a></p>\n',
        "Open ?lang=ko&region=kr, x",
        [],
    ),
    (
        "<p>a < b, <3, <자료출처=정책브리핑 https://x.kr></p>\n",
        "a < b, <3, <자료출처=정책브리핑 https://x.kr>",
        [],
    ),
    ("<p>문의 : <총괄>국토교통부 R&D\n", "문의 : <총괄>국토교통부 R&D", []),
    ("<p>문의 : <총괄>국토교통부 R&D</p>\n", "문의 : <총괄>국토교통부 R&D</p>", ["HT010"]),
    ("<p>I&8217;ll go.&8221;</p>\n", "I&8217;ll go.&8221;", ["HT008", "HT008"]),
    ("I\\#&8217;ll need\n", "I#&8217;ll need", ["HT008"]),
    ("R&eacutemi paid &#169 2024&nbsp\n", "R&eacutemi paid &#169 2024&nbsp", ["HT009"] * 3),
    (
        "<p>KTV <귀농다큐 살어리랏다> 300회</p>\n",
        'KTV <귀농다큐 살어리랏다=""> 300회</p>',
        ["HT010"],
    ),
    ("<p><b>연극 <오리고></b> 끝</p>\n", "연극 <오리고></b> 끝</p>", ["HT010"]),
    ("The show <동행> is **back**.\n", "The show <동행> is **back**.", ["HT010"]),
    ("<총괄> 국토교통부\n\nSee *the plan*.\n", "<총괄> 국토교통부 See *the plan*.", ["HT010"]),
]


def seen(htmls: list[str]) -> list[str]:
    """The text a browser shows for each HTML fragment, white space collapsed."""
    out = []
    for html in htmls:
        fragment = html5lib.parseFragment(html, treebuilder="dom")
        texts: list[str] = []
        stack = [fragment]
        while stack:
            node = stack.pop()
            if node.nodeType == node.TEXT_NODE:
                texts.append(node.data)
            stack.extend(reversed(node.childNodes))
        out.append(" ".join("".join(texts).split()))
    return out


def rendered(bodies: list[str]) -> list[str]:
    """Each body as kramdown renders it, in one run of ruby."""
    assert RUBY is not None
    done = subprocess.run(
        [RUBY, "-e", RENDER], input=json.dumps(bodies), capture_output=True, text=True, check=True
    )
    htmls: list[str] = json.loads(done.stdout)
    return htmls


def reported(body: str) -> list[str]:
    doc = Document.from_text("_posts/2024-07-21-x.md", "---\ntitle: t\n---\n" + body)
    ctx = RuleContext(doc, FileSettings())
    return [code for code in ("HT008", "HT009", "HT010") for _ in get_check(code)(ctx)]


def test_findings_are_what_readers_see_otherwise() -> None:
    bodies = [body for body, _, _ in CASES]
    assert seen(rendered(bodies)) == [shown for _, shown, _ in CASES]
    assert [reported(body) for body in bodies] == [codes for _, _, codes in CASES]


def test_the_fixes_show_what_was_typed() -> None:
    bodies = [
        "<p>I&#8217;ll go</p>\nI&#8217;ll need\n",
        "R&eacute;mi paid &#169; 2024\n",
        "<p>KTV &lt;귀농다큐 살어리랏다> 300회</p>\n",
        "<p><b>연극 &lt;오리고></b> 끝</p>\n",
    ]
    assert seen(rendered(bodies)) == [
        "I\u2019ll go I\u2019ll need",
        "Rémi paid © 2024",
        "KTV <귀농다큐 살어리랏다> 300회",
        "연극 <오리고> 끝",
    ]
    assert [reported(body) for body in bodies] == [[], [], [], []]
