"""Agreement of newslint's HTML parse-error rules (HT001-HT014) with the Nu Html Checker.

Installs ``vnu-jar`` from npm into ``bench/.vnu/`` (gitignored) on first use, samples posts
from ``../shared/corpus``, hands vnu each body wrapped in a minimal document (the body as
newslint parses it: Markdown code and Liquid blanked, same length and lines, so both tools see
the same HTML), maps vnu's lines back to the post, and prints per error class: findings both
report on the same line, newslint-only and vnu-only. vnu messages that are not parse errors
(content-model checks such as "element X not allowed as child of Y") fall in class ``other``,
which newslint's parse-error rules do not cover; the most frequent are listed.

    .venv/bin/python bench/vnu_agreement.py --limit 1500 [--show CLASS]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.document import DecodeFailure, Document, decode
from newslint.html import parse_html
from newslint.rules import get_check
from newslint.rules.html._shared import in_markdown_text

HERE = Path(__file__).resolve().parent
VNU_DIR = HERE / ".vnu"
JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CORPUS = HERE.parents[1] / "shared" / "corpus"
SUFFIXES = (".md", ".markdown", ".html", ".htm", ".mkd")
CODES = frozenset(f"HT{n:03d}" for n in range(1, 15))
PREAMBLE = (
    '<!DOCTYPE html>\n<html lang="und"><head><meta charset="utf-8"><title>t</title></head><body>\n'
)
PRE_LINES = PREAMBLE.count("\n")

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
    ("document-tag", r"^(An “?body”? start tag seen but|End tag “(html|body|head)”)"),
    ("misnested", r"violates nesting rules"),
    (
        "unclosed-element",
        r"^(Unclosed element|End tag for +“[^”]+” seen, but there were unclosed elements|End tag “[^”]+” seen, but there were open elements|End of file seen and there were open elements|Heading cannot be a child|An? “[^”]+” start tag seen but an element of the same type was already open|End tag “h\d” seen)",  # noqa: E501
    ),
    (
        "stray-end-tag",
        r"^(Stray end tag|No “[^”]+” element in scope but a “[^”]+” end tag seen|End tag “br”|End tag “[^”]+” did not match)",  # noqa: E501
    ),
    ("duplicate-attribute", r"^Duplicate attribute"),
    (
        "unterminated-tag",
        r"(“<” in attribute name|Saw “<” when expecting an attribute name|End of file (reached|seen) (when|inside) .*(tag|attribute)|End of file seen when looking for tag name)",  # noqa: E501
    ),
    ("self-closing", r"^Self-closing syntax"),
    (
        "attribute-syntax",
        r"(No space between attributes|in attribute name|in an unquoted attribute value|Attribute value missing|End tag had attributes|A slash was not immediately followed|Stray “/”|Saw “\"” when expecting an attribute name|Saw “'” when expecting|Saw “=” when expecting)",  # noqa: E501
    ),
    (
        "character-reference",
        r"(did not start a character reference|character reference|Character reference|Named character reference)",  # noqa: E501
    ),
    ("less-than", r"(Bad character .* after “<”|Saw “<>”|Saw “</>”|Unescaped “<”)"),
    ("comment", r"(comment|Garbage after “</”|Saw “<\?”|Bogus comment|Consecutive hyphens)"),
    ("control-character", r"(Forbidden code point|Saw U\+0000|control character|noncharacter)"),
    (
        "misplaced",
        r"^(Stray start tag|Start tag “[^”]+” seen in “table”|Text not allowed in element “table”|“\w+” start tag in table body|Element “\w+” not allowed as child of element “(svg|math)”)",  # noqa: E501
    ),
]


def install() -> None:
    """Install vnu-jar into bench/.vnu with npm, unless it is there."""
    if not JAR.exists():
        VNU_DIR.mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(VNU_DIR), "vnu-jar"], check=True)


def sample(limit: int) -> list[Path]:
    """Every n-th post of the corpus, sorted by path, about ``limit`` of them."""
    posts = sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    step = max(1, len(posts) // limit)
    return posts[::step][:limit]


def vnu_class(message: str) -> str:
    for name, pattern in VNU_CLASSES:
        if re.search(pattern, message):
            return name
    return "other"


ESCAPED_BY_KRAMDOWN = frozenset({"less-than", "character-reference"})
"""Classes vnu reports in Markdown text too, where kramdown escapes the character itself."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1500)
    parser.add_argument("--show", help="print the disagreements of this class")
    args = parser.parse_args(argv)
    install()
    posts = sample(args.limit)
    ours: dict[str, set[tuple[str, int]]] = collections.defaultdict(set)  # class -> (post, line)
    line_sets: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    messages: dict[tuple[str, str, int], str] = {}
    first_line: dict[str, int] = {}
    docs: dict[str, Document] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, str] = {}
        for n, post in enumerate(posts):
            text = decode(post.read_bytes())
            if isinstance(text, DecodeFailure):
                continue
            key = str(post.relative_to(CORPUS))
            doc = docs[key] = Document.from_text(key, text)
            masked = parse_html(doc).mask.text
            first_line[key] = doc.index.position(doc.body_start).line
            out = Path(tmp) / f"{n:05d}.html"
            out.write_text(PREAMBLE + masked + "\n</body></html>\n", encoding="utf-8")
            files[str(out)] = key
            ctx = RuleContext(doc, FileSettings())
            for code in sorted(CODES):
                cls = CLASS_OF_CODE[code]
                for f in get_check(code)(ctx):
                    line = doc.index.position(f.start).line
                    lines = {line, doc.index.position(f.end).line}
                    lines |= {doc.index.position(at).line for at, _ in f.related}
                    line_sets[(key, cls)] |= lines
                    line_sets[(key, "any")] |= lines
                    ours[cls].add((key, line))
                    messages[(cls, key, line)] = f"{code} {f.message}"
        result = subprocess.run(
            ["java", "-Xss16m", "-jar", str(JAR), "--format", "json", "--exit-zero-always", *files],
            capture_output=True,
            text=True,
            check=False,
        )
    report = json.loads(result.stderr or result.stdout)
    theirs: dict[str, set[tuple[str, int]]] = collections.defaultdict(set)
    their_ranges: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    other: collections.Counter[str] = collections.Counter()
    escaped = 0
    for msg in report["messages"]:
        if msg.get("type") != "error":
            continue
        url = msg.get("url", "")
        key = files.get(str(url).removeprefix("file:"), "")
        if not key:
            continue
        if "lastLine" not in msg:
            continue
        offset = first_line[key] - 1 - PRE_LINES
        last = msg["lastLine"] + offset
        first = msg.get("firstLine", msg["lastLine"]) + offset
        cls = vnu_class(msg["message"])
        if cls in ESCAPED_BY_KRAMDOWN and "lastColumn" in msg:
            doc = docs[key]
            at = doc.index.offset_of(last, int(msg["lastColumn"]))
            if in_markdown_text(doc, at):
                escaped += 1  # Markdown text: kramdown writes &amp; / &lt; for it
                continue
        if cls == "other":
            other[re.sub(r"“[^”]*”", "“…”", msg["message"])] += 1
            continue
        theirs[cls].add((key, last))
        their_ranges[(key, cls)] |= set(range(first, last + 1))
        messages.setdefault((cls, key, -last), msg["message"])
    print(f"{len(files)} posts; vnu errors outside parse-error classes: {sum(other.values())}")
    print(f"vnu '&' and '<' errors in Markdown text, which kramdown escapes: {escaped}")
    print(
        f"{'class':22} {'vnu':>6} {'both':>6} {'vnu-only':>9} {'(other rule)':>12} "
        f"{'ours':>6} {'ours-only':>9}"
    )
    total_vnu = total_both = 0
    for cls in sorted(set(CLASS_OF_CODE.values())):
        vnu_found = theirs[cls]
        both = {(k, line) for k, line in vnu_found if line in line_sets[(k, cls)]}
        ours_only = {(k, line) for k, line in ours[cls] if line not in their_ranges[(k, cls)]}
        elsewhere = {(k, line) for k, line in vnu_found - both if line in line_sets[(k, "any")]}
        total_vnu += len(vnu_found)
        total_both += len(both)
        print(
            f"{cls:22} {len(vnu_found):6} {len(both):6} {len(vnu_found - both):9} "
            f"{len(elsewhere):12} {len(ours[cls]):6} {len(ours_only):9}"
        )
        if args.show == cls:
            for k, line in sorted(vnu_found - both):
                print("   vnu-only ", k, line, messages.get((cls, k, -line), ""))
            for k, line in sorted(ours_only):
                print("   ours-only", k, line, messages.get((cls, k, line), ""))
    if total_vnu:
        print(
            f"found by newslint at vnu's line: {total_both}/{total_vnu} = {total_both / total_vnu:.1%}"  # noqa: E501
        )
    print("most frequent vnu errors outside these classes:")
    for text, count in other.most_common(12):
        print(f"  {count:6}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
