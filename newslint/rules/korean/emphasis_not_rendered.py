"""KO001 emphasis-not-rendered: ``**굵게**`` that the site's renderer leaves as asterisks.

Which renderer: a Jekyll site's ``markdown:`` (kramdown when it says nothing; CommonMark for
``CommonMark``/``CommonMarkGhPages``; any other processor is not judged), CommonMark for Hugo,
Eleventy and Astro sites and for Markdown outside any site. The emphasis the author meant is a
pair of equal delimiter runs, ``**`` … ``**`` or ``_`` … ``_``, with text against both
delimiters, or a space just inside one of them when the opener starts a word; what the renderer
does with the pair is decided by ``newslint.markdown.emphasis``, which follows each renderer's
own algorithm. CommonMark is judged with both its definitions of punctuation (0.31 counts
symbols such as ``★``, cmark-gfm's older one does not), and reported only when both leave the
delimiters. The safe fix writes the HTML both renderers turn into bold or italics.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.document import Document
from newslint.markdown.emphasis import (
    Run,
    can_open_close,
    commonmark_literal,
    is_punctuation,
    is_whitespace,
    kramdown_literal,
    runs_in,
)
from newslint.markdown.mask import markdown_text, mask_document
from newslint.messages import Text, t
from newslint.site import SiteConfigError, find_site_root, load_site

KRAMDOWN = "kramdown"
COMMONMARK = "CommonMark"
MARKDOWN_SUFFIXES = frozenset({"md", "markdown", "mkdown", "mkdn", "mkd"})

_HUGO = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
_HUGO_CONFIG = ("config.toml", "config.yaml", "config.yml")
_HUGO_KEY = re.compile(r"^\s*(?:baseURL|languageCode|theme)\s*[=:]", re.IGNORECASE | re.MULTILINE)
_ELEVENTY = re.compile(r"^(?:\.eleventy\.js|eleventy\.config\.(?:js|cjs|mjs|ts|mts|cts))$")
_ASTRO = re.compile(r"^astro\.config\.(?:js|cjs|mjs|ts|mts|cts)$")

# Inline constructs whose characters are never emphasis delimiters.
_TAG = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
    r"\s*/?|/[A-Za-z][A-Za-z0-9-]*\s*)>|<!--.*?-->",
    re.S,
)
_LINK = re.compile(  # [text](address "title"), an image or a link around an image
    r"!?\[((?:[^\[\]\n]|\n(?!\s*\n)|!?\[[^\[\]]*\](?:\([^()]*\))?)*)\]"
    r"\([ \t]*((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?)[ \t]*\)"
)
_INNER_LINK = re.compile(
    r"!?\[[^\[\]]*\]\([ \t]*((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?)[ \t]*\)"
)
_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]\"']*?(?=[?!.,:;*_~]*(?:[\s<>()\[\]\"']|$))")
_CODE_ELEMENT = re.compile(r"<(code|kbd|samp|pre)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_SPAN_IAL = re.compile(r"\{:[^}\n]*\}")
_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_FOOTNOTE = re.compile(r"\[\^[^\]\s]*\]")

# The block structure of a line of Markdown text: where its inline text starts.
_BLANK = re.compile(r"[ \t]*$")
_RULE = re.compile(r" {0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_ITEM = re.compile(r"[ \t]*(?:(?:[*+-]|\d{1,9}[.)]|:)(?:[ \t]+|$))+")
_MAY_MATTER = re.compile(r"[*_]|```|~~~")
_ABBREVIATION = re.compile(r" {0,3}\*\[[^\]]*\]:")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_REFERENCE = re.compile(r" {0,3}\[[^\]]+\]:\s")
_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER_ROW = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_QUOTE = re.compile(r"(?:[ \t]*>[ \t]?)+")
_IAL = re.compile(r"[ \t]*\{:.*\}[ \t]*$")
_TABLE = re.compile(r"[ \t]*\|")

_OPENING = "([{\"'\u201c\u2018「『《〈【<"
"""Characters after which a delimiter opens a word as surely as after a space."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.is_html_file or not _is_markdown(doc.path):
        return
    renderer = renderer_for(ctx.settings.path)
    if renderer is not None:
        yield from findings(doc, renderer)


def findings(doc: Document, renderer: str) -> Iterator[Finding]:
    """The emphasis in ``doc`` that ``renderer`` (``KRAMDOWN`` or ``COMMONMARK``) leaves as
    typed."""
    if "*" not in doc.body and "_" not in doc.body:
        return
    for lo, hi in _inline_blocks(doc, renderer):
        yield from _check_block(doc, renderer, lo, hi)


def _is_markdown(path: str) -> bool:
    return "." in path and path.rsplit(".", 1)[-1].lower() in MARKDOWN_SUFFIXES


def renderer_for(path: Path | None) -> str | None:
    """The Markdown renderer of the site holding ``path``: ``KRAMDOWN``, ``COMMONMARK``, or
    ``None`` for a Jekyll site whose processor is neither."""
    if path is None:
        return COMMONMARK
    absolute = os.path.abspath(path)  # noqa: PTH100 - the site's directories, not symlinks
    root = find_site_root(path)
    if root is None:
        for parent in Path(absolute).parents:
            if parent.name in ("_posts", "_drafts"):  # a Jekyll post without its _config.yml
                return COMMONMARK if _other_generator(str(parent.parent)) else KRAMDOWN
        return COMMONMARK
    directory = os.path.dirname(absolute)  # noqa: PTH120
    top = os.path.abspath(root)  # noqa: PTH100
    while True:
        if _other_generator(directory):
            return COMMONMARK
        if directory == top or os.path.dirname(directory) == directory:  # noqa: PTH120
            break
        directory = os.path.dirname(directory)  # noqa: PTH120
    try:
        config = load_site(root).config
    except SiteConfigError:
        return None  # the front-matter rules report a broken _config.yml
    processor = config.get("markdown")
    if processor is None or (isinstance(processor, str) and processor.lower() == "kramdown"):
        return KRAMDOWN
    if isinstance(processor, str) and processor.lower() in ("commonmark", "commonmarkghpages"):
        return COMMONMARK
    return None


@functools.lru_cache(maxsize=256)
def _other_generator(directory: str) -> bool:
    """Whether ``directory`` holds the configuration of Hugo, Eleventy or Astro."""
    try:
        names = os.listdir(directory)  # noqa: PTH208 - names only, cached per directory
    except OSError:
        return False
    for name in names:
        if name in _HUGO or _ELEVENTY.match(name) or _ASTRO.match(name):
            return True
        if name in _HUGO_CONFIG:
            try:
                with open(os.path.join(directory, name), encoding="utf-8") as handle:  # noqa: PTH118, PTH123
                    if _HUGO_KEY.search(handle.read(65536)):
                        return True
            except (OSError, UnicodeDecodeError):
                continue
    return False


def _inline_blocks(doc: Document, renderer: str) -> Iterator[tuple[int, int]]:
    """The spans of ``doc.text`` that are one block of inline text each (a paragraph, heading,
    list item's text or table cell), without their block markers. A table row is a line with a
    ``|`` that starts a block for kramdown, a line of a table with a delimiter row for
    CommonMark (GFM's tables, which Hugo and jekyll-commonmark have)."""
    text = doc.text
    masked = mask_document(doc).text
    shift = doc.body_start
    fence = ""  # a fence open across runs: code the mask left as text
    for start, end in markdown_text(doc):
        if not _MAY_MATTER.search(text, start, end):
            continue  # no delimiter, and no fence to open or close
        block: tuple[int, int] | None = None
        quoted = False
        table = False
        pos = start
        while pos < end:
            line_end = text.find("\n", pos, end)
            line_end = end if line_end < 0 else line_end
            line = text[pos:line_end].rstrip("\r")
            stop = pos + len(line)
            content = pos
            quote = _QUOTE.match(line)
            if quote is not None:
                content += quote.end()
            lazy = quote is None and quoted and block is not None and bool(line.strip())
            if (quote is not None) != quoted and not lazy:  # a lazy line goes on the quote
                quoted = quote is not None
                if block is not None:
                    yield block
                    block = None
            rest = text[content:stop]
            fence_line = _FENCE.match(rest)
            if fence or fence_line is not None:
                # fenced code the mask left as text (a fence indented inside a list item)
                if block is not None:
                    yield block
                    block = None
                if fence_line is not None and (not fence or fence_line.group(1)[0] == fence[0]):
                    fence = "" if fence else fence_line.group(1)
                pos = line_end + 1
                continue
            marker = _HEADING.match(rest) or _ITEM.match(rest)
            if marker is not None and marker.re is _ITEM:
                content += marker.end()
                rest = text[content:stop]
            piped = _PIPE.search(masked, content - shift, stop - shift) is not None
            if renderer == KRAMDOWN:
                row = table or (
                    piped
                    and (block is None or marker is not None)
                    and _kramdown_table(masked, shift, line_end, end, item=marker is not None)
                )
            else:
                row = table or (
                    piped and _DELIMITER_ROW.match(_next_line(text, line_end, end)) is not None
                )
            if _BLANK.match(rest) or _RULE.match(rest) or _SETEXT.match(rest) or _IAL.match(rest):
                table = False
                if block is not None:
                    yield block
                    block = None
            elif (
                _REFERENCE.match(rest)
                or (row and _DELIMITER_ROW.match(rest))
                or (renderer == KRAMDOWN and _ABBREVIATION.match(rest))
            ):
                if block is not None:
                    yield block
                    block = None
            elif row:
                table = True
                if block is not None:
                    yield block
                    block = None
                yield from _cells(masked, content, stop, shift)
            elif marker is not None:
                if block is not None:
                    yield block
                if marker.re is _HEADING:
                    yield content + marker.end(), stop
                    block = None
                else:
                    block = (content, stop)
            elif block is None:
                block = (content, stop)
            else:
                block = (block[0], stop)
            pos = line_end + 1
        if block is not None:
            yield block


def _kramdown_table(masked: str, shift: int, line_end: int, end: int, *, item: bool) -> bool:
    """Whether the lines with a ``|`` from the one ending at ``line_end`` are followed by a
    blank line or the end of the run ``end`` (or, in a list ``item``, by the next item):
    kramdown makes a table of them only then."""
    pos = line_end
    while pos < end:
        next_end = masked.find("\n", pos + 1 - shift, end - shift)
        next_end = end if next_end < 0 else next_end + shift
        line = masked[pos + 1 - shift : next_end - shift]
        if not line.strip() or (item and _ITEM.match(line)):
            return True
        if _PIPE.search(line) is None:
            return False
        pos = next_end
    return True


def _next_line(text: str, line_end: int, end: int) -> str:
    if line_end >= end:
        return ""
    after = text.find("\n", line_end + 1, end)
    return text[line_end + 1 : end if after < 0 else after].rstrip("\r")


def _cells(masked: str, start: int, stop: int, shift: int) -> Iterator[tuple[int, int]]:
    """The cells of a table row ``start:stop`` (``masked`` is the body, code blanked, from
    ``shift``)."""
    cell = start
    for bar in _PIPE.finditer(masked, start - shift, stop - shift):
        if bar.start() + shift > cell:
            yield cell, bar.start() + shift
        cell = bar.end() + shift
    if cell < stop:
        yield cell, stop


def _check_block(doc: Document, renderer: str, lo: int, hi: int) -> Iterator[Finding]:
    text = doc.text
    for group_lo, group_hi, runs in delimiter_groups(doc, renderer, lo, hi):
        if renderer == KRAMDOWN:
            left = kramdown_left(text, runs, group_lo, group_hi)
        else:
            new = commonmark_literal(runs, symbols=True)
            old = commonmark_literal(runs, symbols=False)
            left = [min(a, b) for a, b in zip(new, old, strict=True)]
        for i, j in _intended_pairs(runs, text):
            if not (left[i] or left[j]):
                continue
            if renderer == KRAMDOWN and _crosses_tags(text, runs[i].end, runs[j].start):
                continue
            yield _finding(renderer, runs[i], runs[j])


def kramdown_left(text: str, runs: list[Run], lo: int, hi: int) -> list[int]:
    """How many characters of each run kramdown leaves as text."""
    live = [at for run in runs for at in range(run.start, run.end)]
    literal = kramdown_literal(text, live, lo, hi)
    return [sum(1 for at in range(run.start, run.end) if at in literal) for run in runs]


def delimiter_groups(
    doc: Document, renderer: str, lo: int, hi: int
) -> Iterator[tuple[int, int, list[Run]]]:
    """The delimiter runs of the inline block ``doc.text[lo:hi]``, outside links' texts and
    then in each link's text (emphasis does not pair across a link's brackets), with the span
    each group is read in. Never delimiters: tags, the content of ``<code>`` and the like,
    links' addresses, images' descriptions (an attribute), math, footnote marks, kramdown's
    ``{:attributes}``, and for CommonMark bare URLs (GFM's autolinks, which Hugo and
    jekyll-commonmark make; kramdown has none)."""
    text = doc.text
    if "*" not in text[lo:hi] and "_" not in text[lo:hi]:
        return
    mask = mask_document(doc)
    shift = doc.body_start
    dead: list[tuple[int, int]] = []
    groups: list[tuple[int, int]] = []
    masked = mask.text[lo - shift : hi - shift]
    if masked != text[lo:hi]:  # Liquid or code: opaque, and never white space
        plain = "".join(
            ch if ch == mine or ch in "\r\n" else "x"
            for ch, mine in zip(text[lo:hi], masked, strict=True)
        )
        plain = " " * lo + plain
    else:
        plain = text
    patterns = [_TAG, _CODE_ELEMENT, _MATH, _FOOTNOTE]
    patterns.append(_SPAN_IAL if renderer == KRAMDOWN else _URL)
    for pattern in patterns:
        dead += [m.span() for m in pattern.finditer(plain, lo, hi)]
    for m in _INNER_LINK.finditer(plain, lo, hi):  # an image: all of it; a link: its address
        dead.append(m.span() if plain[m.start()] == "!" else m.span(1))
    for m in _LINK.finditer(plain, lo, hi):
        if plain[m.start()] == "!":
            dead.append(m.span())  # an image's description is its alt attribute
        else:
            groups.append(m.span(1))
            dead.append((m.end(1), m.end()))
    live: list[int] = []
    for m in re.finditer(r"[*_]", text[lo:hi]):
        at = lo + m.start()
        if mask.text[at - shift] != text[at] or any(s <= at < e for s, e in dead):
            continue
        slashes = 0
        while at - slashes - 1 >= lo and text[at - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2 == 0:
            live.append(at)
    if not live:
        return
    for group_lo, group_hi, members in _partition(live, groups, lo, hi):
        if members:
            yield group_lo, group_hi, runs_in(text, members, lo, hi)


def inline_blocks(doc: Document, renderer: str) -> Iterator[tuple[int, int]]:
    """The blocks of inline text of ``doc`` as ``renderer`` reads them (``_inline_blocks``)."""
    return _inline_blocks(doc, renderer)


def _partition(
    live: list[int], groups: list[tuple[int, int]], lo: int, hi: int
) -> Iterator[tuple[int, int, list[int]]]:
    """The live delimiters of the block outside every link text, then of each link text."""
    yield lo, hi, [at for at in live if not any(s <= at < e for s, e in groups)]
    for start, end in groups:
        yield start, end, [at for at in live if start <= at < end]


def _boundary(char: str) -> bool:
    """Whether a delimiter after ``char`` starts a word: white space or opening punctuation."""
    return is_whitespace(char) or char in _OPENING


def _intended_pairs(runs: list[Run], text: str) -> Iterator[tuple[int, int]]:
    """Pairs of equal runs of one character that an author evidently meant as emphasis."""
    for char in "*_":
        mine = [i for i, run in enumerate(runs) if run.char == char]
        k = 0
        while k + 1 < len(mine):
            opener, closer = runs[mine[k]], runs[mine[k + 1]]
            if opener.length == closer.length <= 3 and _meant(opener, closer, text):
                yield mine[k], mine[k + 1]
                k += 2
            else:
                k += 1


def _meant(opener: Run, closer: Run, text: str) -> bool:
    inner = text[opener.end : closer.start]
    if not inner.strip() or "\n\n" in inner:
        return False
    space_in_open = is_whitespace(opener.after)
    space_in_close = is_whitespace(closer.before)
    if opener.after in "\r\n" or closer.before in "\r\n":
        return False  # "*출처: …" on one line, "*문의: …" on the next: marks, not emphasis
    if space_in_open and space_in_close:
        return False  # "2 * 3 * 4", spaced-out asterisks
    if (space_in_open or space_in_close or opener.char == "_") and not _boundary(opener.before):
        return False  # "가격*은 … *부가세", "snake_case_name"
    if opener.char == "_" and (
        closer.after.isascii() and (closer.after.isalnum() or closer.after == "_")
    ):
        return False  # "(_MSC_VER 1900)", "__init__": names
    return not (space_in_close and is_whitespace(closer.after))  # "*부가세 … 2 * 3"


def _crosses_tags(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens or closes HTML elements it does not also close."""
    depth = 0
    for m in _TAG.finditer(text, start, end):
        tag = m.group()
        if tag.startswith("<!--") or tag.endswith("/>"):
            continue
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return True
    return depth != 0


def _finding(renderer: str, opener: Run, closer: Run) -> Finding:
    delims = opener.char * opener.length
    kind = {1: t("italics"), 2: t("bold"), 3: t("bold italics")}[opener.length]
    open_tag, close_tag = {
        1: ("<em>", "</em>"),
        2: ("<strong>", "</strong>"),
        3: ("<strong><em>", "</em></strong>"),
    }[opener.length]
    reason = _reason(renderer, opener, closer)
    message = t(
        "{delims}…{delims} is not {kind}: {renderer} shows the {name} as typed, because "
        "{reason}; write {open}…{close}",
        delims=delims,
        kind=kind,
        renderer=renderer,
        name=t("asterisks") if opener.char == "*" else t("underscores"),
        reason=reason,
        open=open_tag,
        close=close_tag,
    )
    fix = Fix(
        t("write {open}…{close}", open=open_tag, close=close_tag),
        (Edit(opener.start, opener.end, open_tag), Edit(closer.start, closer.end, close_tag)),
    )
    return Finding(opener.start, closer.end, message, fix)


def _reason(renderer: str, opener: Run, closer: Run) -> Text:
    delims = opener.char * opener.length
    if is_whitespace(opener.after):
        return t("a space follows the opening {delims}", delims=delims)
    if is_whitespace(closer.before):
        return t("a space comes before the closing {delims}", delims=delims)
    if renderer == KRAMDOWN:
        if opener.char == "*" or not closer.after.isalnum():
            return t("these {delims} are paired with others nearby", delims=delims)
        return t(
            "a letter or digit ({next}) comes right after the closing {delims}",
            next=closer.after,
            delims=delims,
        )
    opens = can_open_close(opener)[0] and can_open_close(opener, symbols=False)[0]
    if not opens:
        if opener.char == "_" and not is_punctuation(opener.before):
            return t("the opening {delims} is inside a word", delims=delims)
        return t(
            "the opening {delims} has a letter or digit ({before}) before it and "
            "punctuation ({after}) after it",
            delims=delims,
            before=opener.before,
            after=opener.after,
        )
    if can_open_close(closer)[1] and can_open_close(closer, symbols=False)[1]:
        return t("these {delims} are paired with others nearby", delims=delims)
    if closer.char == "_" and not is_punctuation(closer.before):
        return t("the closing {delims} is inside a word", delims=delims)
    return t(
        "the closing {delims} has punctuation ({before}) before it and a letter or digit "
        "({after}) after it",
        delims=delims,
        before=closer.before,
        after=closer.after,
    )
