"""Agreement of newslint's HTML parse-error rules (HT001-HT014) with the Nu Html Checker.

Installs ``vnu-jar`` from npm into ``bench/.vnu/`` (gitignored) on first use, samples posts
from ``../shared/corpus``, hands vnu each body wrapped in a minimal document (the body as
newslint parses it: Markdown code and Liquid blanked, same length and lines, so both tools see
the same HTML), maps vnu's lines back to the post, and prints per error class: vnu's errors,
those newslint reports on the same line with the same class or with another rule, vnu-only,
and newslint's findings with those vnu does not report on their lines.

Set aside, with counts: vnu messages that are not parse errors (content models such as
"element X not allowed as child of Y", in class ``other``; the most frequent are listed), vnu's
``&`` and ``<`` errors in Markdown text (kramdown escapes those characters itself), and
newslint's findings after the point where vnu gave up on a post ("Cannot recover after last
error"). An error vnu reports in the wrapper after the post (``</body>`` with elements still
open, the end of the file inside a comment or a tag) is about the end of the post: it matches
newslint's finding on the construct left open there.

    .venv/bin/python bench/vnu_agreement.py --limit 3000 [--offset 1] [--show CLASS|all]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.document import DecodeFailure, Document, decode
from newslint.html.parse import parse_html
from newslint.rules import get_check
from newslint.rules.html._shared import (
    EOF_IN_COMMENT,
    EOF_IN_TAG,
    OPTIONAL_END,
    VOID,
    analyse,
    in_markdown_text,
)

HERE = Path(__file__).resolve().parent
VNU_DIR = HERE / ".vnu"
JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CORPUS = HERE.parents[1] / "shared" / "corpus"
SUFFIXES = (".md", ".markdown", ".html", ".htm", ".mkd")
CODES = tuple(f"HT{n:03d}" for n in range(1, 15))
PREAMBLE = (
    '<!DOCTYPE html>\n<html lang="und"><head><meta charset="utf-8"><title>t</title></head><body>\n'
)
PRE_LINES = PREAMBLE.count("\n")
END = 0
"""The line of a vnu error in the wrapper after the post: the end of the post."""

CLASS_OF_CODE = {
    "HT001": "stray-end-tag",
    "HT002": "unclosed-element",
    "HT003": "misnested",
    "HT004": "duplicate-attribute",
    "HT005": "attribute-syntax",
    "HT006": "unterminated-tag",
    "HT007": "self-closing",
    "HT008": "character-reference",
    "HT009": "character-reference",
    "HT010": "less-than",
    "HT011": "comment",
    "HT012": "document-tag",
    "HT013": "control-character",
    "HT014": "misplaced",
}
# vnu message patterns, first match wins; quotes are vnu's curly ones.
VNU_CLASSES = [
    (
        "document-tag",
        r"^(Stray doctype|Stray (start|end) tag “(html|head|body)”|“(html|head|body)” start tag)",
    ),
    (
        "document-tag",
        r"^(An “?body”? start tag seen but|Start tag “body” seen but|End tag “(html|body|head)”"
        r"|Non-space character in page trailer)",
    ),
    ("misnested", r"violates nesting rules"),
    (
        "unclosed-element",
        r"^(Unclosed element|End tag for +“[^”]+” seen, but there were unclosed elements"
        r"|End tag “[^”]+” (seen|implied), but there were open elements"
        r"|End of file seen and there were open elements|Heading cannot be a child"
        r"|(An? “[^”]+” start tag|Start tag “[^”]+”) seen but an element of the same type"
        r"|End tag “h\d” seen)",
    ),
    (
        "stray-end-tag",
        r"^(Stray end tag|No “[^”]+” element in scope but a “[^”]+” end tag seen|End tag “br”"
        r"|End tag “[^”]+” did not match)",
    ),
    ("duplicate-attribute", r"^Duplicate attribute"),
    (
        "unterminated-tag",
        r"(“<” in attribute name|Saw “<” when expecting an attribute name"
        r"|End of file (reached|seen) (when|inside) .*(tag|attribute)"
        r"|End of file seen when looking for tag name)",
    ),
    ("self-closing", r"^Self-closing syntax"),
    (
        "attribute-syntax",
        r"(No space between attributes|in attribute name|in an unquoted attribute value"
        r"|Attribute value missing|End tag had attributes|A slash was not immediately followed"
        r"|Stray “/”|Saw “\"” when expecting an attribute name|Saw “'” when expecting"
        r"|Saw “=” when expecting)",
    ),
    (
        "character-reference",
        r"(did not start a character reference|character reference|Character reference"
        r"|Named character reference|^No digits after)",
    ),
    ("less-than", r"(Bad character .* after “<”|Saw “<>”|Saw “</>”|Unescaped “<”)"),
    ("comment", r"(comment|Garbage after “</”|Saw “<\?”|Bogus comment|Consecutive hyphens)"),
    ("control-character", r"(Forbidden code point|Saw U\+0000|control character|noncharacter)"),
    (
        "misplaced",
        r"^(Stray start tag|Start tag “[^”]+” seen in “table”"
        r"|Text not allowed in element “table”|“\w+” start tag in table body"
        r"|Element “\w+” not allowed as child of element “(svg|math)”)",
    ),
]
STOPPED = "Cannot recover after last error"
ESCAPED_BY_KRAMDOWN = frozenset({"less-than", "character-reference"})
"""Classes vnu reports in Markdown text too, where kramdown escapes the character itself."""


@dataclass
class Post:
    """One post as newslint sees it: the lines its findings touch, per class."""

    key: str
    doc: Document
    first_line: int
    last_line: int
    lines: dict[str, set[int]] = field(default_factory=lambda: collections.defaultdict(set))
    """Per class (and ``any``): every line a finding starts, ends or has a related location on;
    ``END`` when the finding is about a construct left open at the end of the post."""
    findings: list[tuple[str, int, frozenset[int], str]] = field(default_factory=list)
    """(class, start line, all its lines and ``END`` if about the end, ``CODE L:C message``)."""


@dataclass(frozen=True)
class VnuError:
    """One vnu error, its lines mapped to the post (``END``: after it)."""

    cls: str
    first: int
    line: int
    column: int
    message: str


@dataclass
class Tally:
    """The comparison of one class."""

    vnu: int = 0
    same: int = 0
    other_rule: int = 0
    ours: int = 0
    ours_only: int = 0
    ours_other: int = 0
    """Of ``ours_only``: on a line where vnu reports another class (the same construct)."""
    after_stop: int = 0
    via: collections.Counter[str] = field(default_factory=collections.Counter)
    """For the vnu errors found by another rule: that rule's class."""
    other_at: list[tuple[str, int]] = field(default_factory=list)
    vnu_only: list[tuple[str, int]] = field(default_factory=list)
    ours_only_at: list[tuple[str, int]] = field(default_factory=list)


def install() -> None:
    """Install vnu-jar into bench/.vnu with npm, unless it is there."""
    if not JAR.exists():
        VNU_DIR.mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(VNU_DIR), "vnu-jar"], check=True)


def sample(limit: int, offset: int = 0) -> list[Path]:
    """Every n-th post of the corpus from the ``offset``-th on, sorted by path, about ``limit``."""
    posts = sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    step = max(1, len(posts) // limit)
    return posts[offset % step :: step][:limit]


def vnu_class(message: str) -> str:
    """The class of a vnu error message, ``other`` if it is not a parse error."""
    for name, pattern in VNU_CLASSES:
        if re.search(pattern, message):
            return name
    return "other"


def end_lines(doc: Document) -> dict[str, set[int]]:
    """Per class, the lines of newslint's findings on constructs left open at the end of the post.

    A comment or a tag the post ends in: its ``<!--`` or ``<`` (HT011, HT006). For an element
    open at the end: its start tag (HT002, or HT006 when that tag has no ``>``); for a formatting
    element the parser reopened (no start tag of its own), the unclosed or misnested start tags
    of that name it copies. Empty when one open element has neither.
    """
    analysis = analyse(doc)
    parse = analysis.parse
    line = doc.index.position
    at_end = {c.start_tag.start for c in analysis.closings if c.at is None}
    by_name: dict[str, set[int]] = collections.defaultdict(set)
    for closing in analysis.closings:
        by_name[closing.start_tag.name].add(line(closing.start_tag.start).line)
    unclosed: set[int] = set()
    for element, where in parse.elements.items():
        if where.end_tag is not None or where.closed_at is not None:
            continue
        if element.tag in OPTIONAL_END or element.tag in VOID:
            continue
        start = where.start_tag
        if start is None and by_name[element.tag]:
            unclosed |= by_name[element.tag]
        elif start is not None and (start.start in at_end or start.start in analysis.unterminated):
            unclosed.add(line(start.start).line)
        else:
            unclosed.clear()
            break
    return {
        "unclosed-element": unclosed,
        "unterminated-tag": {line(e.start).line for e in parse.errors_of(*EOF_IN_TAG)},
        "comment": {line(e.start).line for e in parse.errors_of(*EOF_IN_COMMENT)},
    }


def lint(key: str, doc: Document) -> Post:
    """Run HT001-HT014 on ``doc`` and record the lines of every finding."""
    index = doc.index
    post = Post(key, doc, index.position(doc.body_start).line, index.position(len(doc.text)).line)
    ends = end_lines(doc)
    any_end = set().union(*ends.values())
    ctx = RuleContext(doc, FileSettings())
    for code in CODES:
        cls = CLASS_OF_CODE[code]
        for f in get_check(code)(ctx):
            start = index.position(f.start)
            lines = {start.line, index.position(f.end).line}
            lines |= {index.position(at).line for at, _ in f.related}
            post.lines[cls] |= lines | ({END} if lines & ends.get(cls, set()) else set())
            if lines & any_end:
                lines.add(END)
            post.lines["any"] |= lines
            shown = f"{code} {start.line}:{start.column} {f.message}"
            post.findings.append((cls, start.line, frozenset(lines), shown))
    return post


def prepare(paths: Iterable[Path], tmp: Path) -> tuple[dict[str, Post], dict[str, str]]:
    """Lint each post and write its masked body, wrapped, for vnu; the posts and file→post."""
    posts: dict[str, Post] = {}
    files: dict[str, str] = {}
    for n, path in enumerate(paths):
        text = decode(path.read_bytes())
        if isinstance(text, DecodeFailure):
            continue
        key = str(path.relative_to(CORPUS))
        doc = Document.from_text(key, text)
        out = tmp / f"{n:05d}.html"
        wrapped = PREAMBLE + parse_html(doc).mask.text + "\n</body></html>\n"
        out.write_text(wrapped, encoding="utf-8")
        files[str(out)] = key
        posts[key] = lint(key, doc)
    return posts, files


def run_vnu(files: Iterable[str]) -> list[dict[str, Any]]:
    """vnu's JSON messages on ``files``."""
    result = subprocess.run(
        ["java", "-Xss16m", "-jar", str(JAR), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages: list[dict[str, Any]] = json.loads(result.stderr or result.stdout)["messages"]
    return messages


@dataclass
class VnuReport:
    """vnu's errors per post, and what was set aside."""

    errors: dict[str, list[VnuError]] = field(default_factory=lambda: collections.defaultdict(list))
    stopped: dict[str, int] = field(default_factory=dict)
    """Posts vnu gave up on, and the line from which it reports nothing."""
    escaped: collections.Counter[str] = field(default_factory=collections.Counter)
    other: collections.Counter[str] = field(default_factory=collections.Counter)


def read_vnu(
    messages: Iterable[dict[str, Any]], posts: dict[str, Post], files: dict[str, str]
) -> VnuReport:
    """Classify vnu's errors, map their lines to the posts and set aside what is not compared."""
    report = VnuReport()
    for msg in messages:
        key = files.get(str(msg.get("url", "")).removeprefix("file:"), "")
        if msg.get("type") != "error" or not key or "lastLine" not in msg:
            continue
        post = posts[key]
        offset = post.first_line - 1 - PRE_LINES
        last = msg["lastLine"] + offset
        text = str(msg["message"])
        if text.startswith(STOPPED):
            report.stopped[key] = last
            continue
        cls = vnu_class(text)
        column = int(msg.get("lastColumn", 1))
        if cls in ESCAPED_BY_KRAMDOWN and _markdown_text(post, last, column):
            report.escaped[cls] += 1  # Markdown text: kramdown writes &amp; / &lt; for it
            continue
        if cls == "other":
            report.other[re.sub(r"“[^”]*”", "“…”", text)] += 1
            continue
        first = msg.get("firstLine", msg["lastLine"]) + offset
        if last > post.last_line:
            first = last = END
        report.errors[key].append(VnuError(cls, first, last, column, text))
    return report


def _markdown_text(post: Post, line: int, column: int) -> bool:
    """Whether vnu's position is in the post's Markdown text."""
    if line > post.last_line:
        return False
    return in_markdown_text(post.doc, post.doc.index.offset_of(line, column))


def compare(posts: dict[str, Post], report: VnuReport) -> dict[str, Tally]:
    """Per class, vnu's errors found by newslint on their line, and newslint's found by vnu.

    Both sides count once per post, class and line (the unit the comparison can tell apart).
    """
    tallies: dict[str, Tally] = collections.defaultdict(Tally)
    for key, post in posts.items():
        errors = report.errors.get(key, [])
        covered: dict[str, set[int]] = collections.defaultdict(set)
        for error in errors:
            covered[error.cls] |= set(range(error.first, error.line + 1))
            covered["any"] |= set(range(error.first, error.line + 1))
        for cls, line in sorted({(e.cls, e.line) for e in errors}):
            _count_vnu(tallies[cls], post, cls, line)
        ours: dict[tuple[str, int], set[int]] = collections.defaultdict(set)
        for cls, start, lines, _ in post.findings:
            ours[(cls, start)] |= lines
        stop = report.stopped.get(key)
        for (cls, start), touched in sorted(ours.items()):
            tally = tallies[cls]
            tally.ours += 1
            if touched & covered[cls]:
                continue
            if stop is not None and (start > stop or END in touched):
                tally.after_stop += 1
            else:
                tally.ours_only += 1
                tally.ours_other += bool(touched & covered["any"])
                tally.ours_only_at.append((key, start))
    return tallies


def _count_vnu(tally: Tally, post: Post, cls: str, line: int) -> None:
    """Count vnu's error of class ``cls`` on ``line`` as found, by another rule, or missed."""
    tally.vnu += 1
    if line in post.lines[cls]:
        tally.same += 1
    elif line in post.lines["any"]:
        tally.other_rule += 1
        tally.via.update({c for c, _, lines, _ in post.findings if line in lines})
        tally.other_at.append((post.key, line))
    else:
        tally.vnu_only.append((post.key, line))


def table(tallies: dict[str, Tally]) -> Iterator[str]:
    """The per-class table and the totals."""
    yield (
        f"{'class':20} {'vnu':>5} {'same':>5} {'other rule':>10} {'vnu-only':>8} "
        f"{'ours':>5} {'ours-only':>9} {'(vnu other class)':>17} {'after vnu stopped':>17}"
    )
    total = collections.Counter[str]()
    for cls in sorted(set(CLASS_OF_CODE.values())):
        t = tallies.get(cls, Tally())
        missed = t.vnu - t.same - t.other_rule
        total.update(vnu=t.vnu, same=t.same, other=t.other_rule)
        yield (
            f"{cls:20} {t.vnu:5} {t.same:5} {t.other_rule:10} {missed:8} "
            f"{t.ours:5} {t.ours_only:9} {t.ours_other:17} {t.after_stop:17}"
        )
    for cls, t in sorted(tallies.items()):
        if t.via:
            yield f"  {cls} found by another rule: " + ", ".join(
                f"{other} {n}" for other, n in t.via.most_common()
            )
    vnu, same, line = total["vnu"], total["same"], total["same"] + total["other"]
    if vnu:
        yield f"same class, same line: {same}/{vnu} = {same / vnu:.1%}"
        yield f"same line, any HT001-HT014 rule: {line}/{vnu} = {line / vnu:.1%}"


def disagreements(
    posts: dict[str, Post], report: VnuReport, tally: Tally, cls: str
) -> Iterator[str]:
    """Each disagreement of ``cls`` with what both tools say on that line."""
    shown = (
        ("vnu-only", tally.vnu_only),
        ("other rule", tally.other_at),
        ("ours-only", tally.ours_only_at),
    )
    for kind, places in shown:
        for key, line in sorted(places):
            where = "after the post" if line == END else str(line)
            yield f"  {kind} [{cls}] {key}:{where}"
            for error in report.errors.get(key, []):
                if error.line == line:
                    yield f"      vnu [{error.cls}] {error.message}"
            for _, _, lines, finding in posts[key].findings:
                if line in lines:
                    yield f"      us  {finding}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--offset", type=int, default=0, help="start the sample at this post")
    parser.add_argument("--show", help="print the disagreements of this class (or 'all')")
    args = parser.parse_args(argv)
    install()
    with tempfile.TemporaryDirectory() as tmp:
        posts, files = prepare(sample(args.limit, args.offset), Path(tmp))
        report = read_vnu(run_vnu(files), posts, files)
    tallies = compare(posts, report)
    print(f"{len(posts)} posts")
    print(f"set aside: {sum(report.other.values())} vnu errors that are not parse errors")
    print(
        f"set aside: {sum(report.escaped.values())} vnu '&'/'<' errors in Markdown text, which "
        f"kramdown escapes ({dict(report.escaped)})"
    )
    print(f"set aside: newslint findings after vnu gave up, in {len(report.stopped)} posts")
    for row in table(tallies):
        print(row)
    for cls in sorted(tallies):
        if args.show in (cls, "all"):
            for row in disagreements(posts, report, tallies[cls], cls):
                print(row)
    print("most frequent vnu errors outside these classes:")
    for text, count in report.other.most_common(12):
        print(f"  {count:6}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
