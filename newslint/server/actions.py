"""The edits behind the server's code actions: fix every safe problem, or silence one finding
with a suppression comment on its line or, in front matter, the whole-file key.

Pure functions over newslint's types; offsets are code points into the decoded text, as in
``Edit``. The server turns them into LSP edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.catalogue import rule_index
from newslint.config import FileSettings
from newslint.diagnostics import Diagnostic, Edit
from newslint.document import Document
from newslint.engine import selector_codes
from newslint.fixer import Fixer
from newslint.frontmatter import FrontMatter, parse
from newslint.markdown.mask import mask_document
from newslint.suppressions import FRONT_MATTER_KEY, Suppressions, find_suppressions

_INDENT = re.compile(r"[ \t]*")
_MARKDOWN_INDENT = re.compile(r"[ \t]*(?:>[ \t]*)*")
"""Indentation and blockquote markers, which a line inserted into a Markdown quote repeats."""
_TAG_START = re.compile(r"</?[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Suppression:
    """A "disable this rule" action: what the editor shows, and the one edit that makes it."""

    title: str
    edit: Edit


def fix_all(
    text: str,
    path: str,
    settings: FileSettings,
    enabled: frozenset[str],
    diagnostics: list[Diagnostic],
) -> str:
    """The text after every safe fix, exactly as ``newslint --fix`` produces it."""
    return Fixer(settings, enabled, unsafe=False).fix(path, text, diagnostics).text


def minimal_edit(before: str, after: str) -> Edit | None:
    """One edit turning ``before`` into ``after``, spanning only what differs (common prefix and
    suffix kept); ``None`` when equal. It never starts or ends between the CR and LF of a line
    ending, where an editor's line and column cannot point."""
    if before == after:
        return None
    start = _common_prefix(before, after)
    tail = _common_suffix(before, after, min(len(before), len(after)) - start)
    end, new_end = len(before) - tail, len(after) - tail
    if before[start - 1 : start + 1] == "\r\n":
        start -= 1
    if before[end - 1 : end + 1] == "\r\n":
        end, new_end = end + 1, new_end + 1
    return Edit(start, end, after[start:new_end])


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (a binary search of slice comparisons, done in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix, at most ``limit``."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low


def disable_for_line(diagnostic: Diagnostic, text: str) -> Suppression | None:
    """The edit that silences ``diagnostic`` where it is, and a title for the action.

    In the body, a ``newslint-disable-next-line`` comment on a line of its own before the
    finding's line (or the code added to one already there); in front matter, or when that line
    starts inside a tag, a comment or Liquid, the whole-file key ``newslint: {disable: [...]}``.
    ``None`` when nothing can silence it (a file-level ``NL`` finding, front matter YAML cannot
    read) or it is silenced already (a diagnostic older than ``text``).
    """
    rule = rule_index().get(diagnostic.code)
    if rule is None or rule.family == "file":
        return None
    doc = Document.from_text(diagnostic.path, text)
    found = find_suppressions(doc, selector_codes)
    if found is not None and not found.filter([diagnostic], keep=frozenset()):
        return None
    code, name = diagnostic.code, diagnostic.rule
    if rule.family != "front-matter" and diagnostic.start.offset >= doc.body_start:
        line_start = max(doc.index.line_start(diagnostic.start.line), doc.body_start)
        if not _inside_markup(doc, line_start):
            edit = _next_line_edit(doc, found, diagnostic.start.line, line_start, code)
            return Suppression(f"Disable {code} ({name}) for this line", edit)
    file_edit = _front_matter_edit(doc, found, code)
    if file_edit is None:
        return None
    return Suppression(f"Disable {code} ({name}) for this file (front matter)", file_edit)


def _next_line_edit(
    doc: Document, found: Suppressions | None, line: int, line_start: int, code: str
) -> Edit:
    """Add ``code`` to the ``disable-next-line`` comment aimed at ``line``, or insert one on a
    line of its own before it, indented as it is (in a Markdown quote, quoted as it is)."""
    aimed = [d for d in found.next_line if d.target_line == line] if found else []
    if aimed:  # it names rules, and not this one: else the finding would be silenced already
        end = aimed[-1].selectors[-1].end
        return Edit(end, end, f", {code}")
    text = doc.text
    indent = (_INDENT if doc.is_html_file else _MARKDOWN_INDENT).match(text, line_start)
    assert indent is not None  # the pattern matches the empty string
    comment = f"{indent.group()}<!-- newslint-disable-next-line {code} -->"
    return Edit(line_start, line_start, comment + _line_ending(text, line_start))


def _inside_markup(doc: Document, offset: int) -> bool:
    """Whether the line start ``offset`` falls inside a tag, a comment or Liquid (or code),
    where a comment line would change what the text means."""
    mask = mask_document(doc)
    at = offset - doc.body_start
    if any(start < at < end for start, end in mask.ranges):
        return True
    body = mask.text
    opened = body.rfind("<!--", 0, at)
    if opened != -1 and body.find("-->", opened + 2, at) == -1:
        return True
    bracket = body.rfind("<", 0, at)
    return bracket > body.rfind(">", 0, at) and _TAG_START.match(body, bracket) is not None


def _front_matter_edit(doc: Document, found: Suppressions | None, code: str) -> Edit | None:
    """Add ``code`` to the front matter's ``newslint: {disable: [...]}``, or add that key."""
    fm = parse(doc)
    if fm is None:
        return None
    if FRONT_MATTER_KEY not in fm.fields:
        return _add_key(doc, fm, code)
    if found is None or not found.whole_file:
        return None  # a malformed key, which NL101 reports; adding to it would not help
    listed = fm.fields[FRONT_MATTER_KEY][1].pairs[0][1]
    text = doc.text
    if listed.kind != "seq":
        return Edit(listed.start, listed.end, f"[{text[listed.start : listed.end]}, {code}]")
    last = listed.items[-1]
    if listed.style == "flow":
        return Edit(last.end, last.end, f", {code}")
    index = doc.index
    end_line = index.position(last.end).line
    line_end = index.line_start(end_line) + len(index.line_text(end_line))
    item_start = index.line_start(index.position(last.start).line)
    dash = text[item_start : last.start]
    return Edit(line_end, line_end, _line_ending(text, line_end) + dash + code)


def _add_key(doc: Document, fm: FrontMatter, code: str) -> Edit | None:
    """Insert ``newslint:`` with ``disable: [code]`` as the last key of a block mapping."""
    root = fm.root
    indent = ""
    if root is None:
        if not fm.readable:
            return None
    elif root.kind != "map" or root.style == "flow":
        return None
    else:
        first = doc.index.line_start(doc.index.position(root.start).line)
        indent = doc.text[first : root.start]
    at = fm.block.content_end
    eol = _line_ending(doc.text, at)
    return Edit(at, at, f"{indent}{FRONT_MATTER_KEY}:{eol}{indent}  disable: [{code}]{eol}")


def _line_ending(text: str, at: int) -> str:
    """The line ending of the line holding ``at`` (else of the file's first line, else LF)."""
    newline = text.find("\n", at)
    if newline == -1:
        newline = text.find("\n")
    return "\r\n" if newline > 0 and text[newline - 1] == "\r" else "\n"
