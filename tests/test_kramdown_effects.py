"""What the HTML parse-error rules say kramdown does, checked against the real kramdown.

Every Markdown bad example of the parse-error rules is rendered with the ``kramdown`` command
(Debian's ``kramdown`` and ``ruby-kramdown-parser-gfm`` packages; GFM input without hard wraps, as
Jekyll sets it) and each effect a message claims must be in kramdown's output: the tag it prints
as text appears escaped, an element said to run to the end of the post is closed there, one said
to end with its paragraph is closed there with kramdown's warning. The model behind the messages
(``rules/html/_kramdown.py``) is checked tag by tag on the same examples and on a few more.
"""

from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newslint.catalogue import Example, catalogue
from newslint.config import LoadedSettings, parse_settings, resolve_file_settings
from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.engine import lint_bytes
from newslint.html.parse import parse_html
from newslint.rules.html._kramdown import kramdown_reading, renders_markdown

pytestmark = pytest.mark.slow

CODES = ("HT001", "HT002", "HT003", "HT004", "HT005", "HT006", "HT011", "HT014", "HT037")
COMMAND = ["kramdown", "--no-config-file", "-x", "parser-gfm", "-i", "GFM", "--no-hard-wrap"]


@functools.cache
def _kramdown_missing() -> str | None:
    """Why kramdown cannot run here, or ``None``."""
    if shutil.which("kramdown") is None:
        return "the kramdown command is not on PATH (apt-get install kramdown)"
    probe = subprocess.run(COMMAND, input="x\n", capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return (
            f"kramdown cannot read GFM (apt-get install ruby-kramdown-parser-gfm): {probe.stderr}"
        )
    return None


def render(doc: Document) -> tuple[str, str]:
    """kramdown's HTML and warnings for the body of ``doc``."""
    reason = _kramdown_missing()
    if reason is not None:
        pytest.skip(reason)
    done = subprocess.run(COMMAND, input=doc.body, capture_output=True, text=True, check=True)
    return done.stdout, done.stderr


_TYPOGRAPHY = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "--", "\u2014": "---"}
)


def plain(out: str) -> str:
    """kramdown's output with its typographic quotes and dashes written back as typed."""
    return out.translate(_TYPOGRAPHY)


def body_line(doc: Document, offset: int) -> int:
    """The line of ``offset`` counted from the first line of the body, as kramdown counts."""
    return doc.index.position(offset).line - doc.index.position(doc.body_start).line + 1


MARKDOWN_EXAMPLES = [
    (f"{code}-bad-{n}", code, example)
    for code, rule in catalogue().items()
    if code in CODES
    for n, example in enumerate(rule.bad)
    if renders_markdown(Document.from_text(example.path, ""))
]


def _lint(code: str, path: str, text: str, settings: dict[str, object]) -> list[Diagnostic]:
    root = Path("/nonexistent")
    loaded = LoadedSettings(parse_settings(settings, root / "newslint.toml"), root, None)
    file_settings = resolve_file_settings(loaded, root / path)
    diagnostics = lint_bytes(path, text.encode(), file_settings, frozenset({code})).diagnostics
    return [d for d in diagnostics if d.code == code]


_PRINTS = re.compile(r"kramdown prints (?P<what><[^ ]*>|it|them|the tag) as text")
_RUNS_ON = re.compile(r"the rest of the (?P<where>post|paragraph) (?:is|stays inside)")
_KEEPS = re.compile(r"kramdown keeps the last, (?P<kept>\S+)")


@pytest.mark.parametrize(
    ("code", "example"), [pytest.param(c, e, id=name) for name, c, e in MARKDOWN_EXAMPLES]
)
def test_what_a_message_says_kramdown_does_is_what_it_does(code: str, example: Example) -> None:
    path, text = example.path, example.text
    doc = Document.from_text(path, text)
    out, warnings = render(doc)
    out = plain(out)
    diagnostics = _lint(code, path, text, example.settings)
    claims = 0
    for diag in diagnostics:
        start = diag.start.offset
        if (said := _PRINTS.search(diag.message)) is not None:
            what = said.group("what")
            if not what.startswith("<"):  # it, them, the tag: the tag the finding is in
                tag = parse_html(doc).tag_around(start)
                what = text[tag.start : tag.end] if tag is not None else text[start:]
            assert html.escape(what, quote=False)[:12] in out, (diag.message, out)
            claims += 1
        if (said := _RUNS_ON.search(diag.message)) is not None:
            opened = _opened_by(doc, diag)
            name = re.match(r"<([^\s/>]+)", text[opened:])
            assert name is not None
            closing = f"</{name.group(1).lower()}>"
            if said.group("where") == "post":
                tail = re.search(r"(?:</[^>]+>\s*)+\Z", out)
                assert tail is not None and closing in tail.group(), (diag.message, out)
            else:
                line = body_line(doc, opened)
                assert f"no end tag for '{name.group(1).lower()}' (line {line})" in warnings
            claims += 1
        if (said := _KEEPS.search(diag.message)) is not None:
            assert said.group("kept") in out, (diag.message, out)
            claims += 1
    assert claims or not any("kramdown" in d.message for d in diagnostics)


def _opened_by(doc: Document, diag: Diagnostic) -> int:
    """Where the element a message says runs on was opened: the finding's own start tag, or
    (for an end tag missing its '>') the start tag named in its related locations."""
    if doc.text.startswith("</", diag.start.offset):
        return next(r.position.offset for r in diag.related if "opened here" in r.message)
    return diag.start.offset


MORE = [
    "<p><b><i>Breaking</b></i> news</p>\n\nAfter *em*\n",
    "<div>a</div> <p>b</p> </i> x\n",
    '<h3><b><span style="color: #1a5490;">제목</span><b></h3>\n\n<p>next</p>\n\nmore\n',
    "Text <b>bold and <i>both\n\nnext *para* </b>\n",
    '<p>a</span><span style="color: red;">b</p>\n\n* item </b>\n\n> <div>quoted</div> </em>\n',
    'x <img src=a.png> y <span class=한글>z</span> <a title="x"y" href="z">q</a>\n',
    "<ul>\n  <li><b>Apply early</li>\n</ul>\n\n</div>\n\ntext <td>x</td> more\n",
    'The end.<p>빠르고 정확한 뉴스를 원한다면? <a href="https://newsdao.kr">뉴스다오</a></p>\n',
    'Items: <ul>\n<li>one</li>\n</ul>\n\nA <span class="x">note\n\nends</span> here.\n',
    "<ul>\n\n<pre><code>&lt;li&gt;x\n</code></pre>\n\n<p></ul></p>\n\n<p>after</p>\n",
    "<table>\n<tr>\n<td>a</td>\n<td>b</tr>\n<tr>\n<td>c</td>\n</tr>\n</table>\n\n*after*\n",
    '<a href="/x.png">\n  <img alt="s" src="/x.png">\n</a>\n\nnext\n',
]


@pytest.mark.parametrize(
    "text",
    [pytest.param(e.text, id=name) for name, _, e in MARKDOWN_EXAMPLES]
    + [pytest.param("---\ntitle: t\n---\n" + body, id=f"more-{n}") for n, body in enumerate(MORE)],
)
def test_the_model_prints_and_leaves_open_what_kramdown_does(text: str) -> None:
    doc = Document.from_text("_posts/2024-01-01-x.md", text)
    out, warnings = render(doc)
    out = plain(out)
    reading = kramdown_reading(doc)
    assert reading is not None
    for tag in parse_html(doc).tags:
        written = text[tag.start : tag.end]
        escaped = html.escape(written, quote=False)
        if tag.start in reading.printed:
            assert escaped[:10] in out, (written, out)
        elif tag.kind == "end":
            line = body_line(doc, tag.start)
            assert f"closing tag for '{tag.name}' on line {line}" not in warnings, (
                written,
                warnings,
            )
        if tag.start in reading.paragraph:
            line = body_line(doc, tag.start)
            assert f"no end tag for '{tag.name}' (line {line})" in warnings, (written, warnings)
    printed_ends = sum(1 for line in warnings.splitlines() if "invalidly used HTML closing" in line)
    assert printed_ends <= len(reading.printed)
    # A block tag printed in Markdown text is printed with the end tag paired with it.
    for end, start in reading.companions.items():
        assert start in reading.printed and end in reading.printed and start < end
