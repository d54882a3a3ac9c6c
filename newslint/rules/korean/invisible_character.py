"""KO003 invisible-character: zero-width, direction and filler characters in what readers see.

Pasted text (Naver and Tistory editors, word processors, chat apps) brings characters nobody can
see in the source: U+200B zero-width spaces, word joiners, a byte order mark in the middle of the
file, direction marks and overrides, Hangul fillers, soft hyphens. They split words for search
and for copying, change line wrapping, and a line holding only one is an empty paragraph that
adds space. Joiners are part of emoji (👨‍👩‍👧, ❤️) and of scripts that need them (Persian,
Indic): a ZWJ or ZWNJ is reported only between Hangul, ASCII, spaces and punctuation, where it
joins nothing, and a variation selector only after a space, Hangul or an ASCII letter. A soft
hyphen inside a Latin word is a hyphenation hint and is not reported; a character reference
such as ``&#8203;`` is written on purpose, visible in the source, and is not reported either.

One finding per run of such characters. Removing a zero-width character beside a space changes
nothing a reader sees (the space already breaks the line there): that fix is safe; elsewhere
removal may change where lines wrap, the direction of the text or an empty paragraph's space,
and the fix is unsafe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.messages import N_, Text, t
from newslint.rules.korean._shown import changes_type, found_in_text

_CANDIDATES = re.compile(
    "[\u00ad\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0]+"
)
_ZERO_WIDTH = "zero-width"
_DIRECTION = "direction"
_FILLER = "filler"
_SOFT_HYPHEN = "soft-hyphen"
_ORDER = (_DIRECTION, _FILLER, _SOFT_HYPHEN, _ZERO_WIDTH)
"""The kinds from the one whose removal changes most: a run is of the first it holds."""
_NAMES = {
    "\u00ad": N_("soft hyphen"),
    "\u115f": N_("Hangul choseong filler"),
    "\u1160": N_("Hangul jungseong filler"),
    "\u180e": N_("Mongolian vowel separator"),
    "\u200b": N_("zero-width space"),
    "\u200c": N_("zero-width non-joiner"),
    "\u200d": N_("zero-width joiner"),
    "\u200e": N_("left-to-right mark"),
    "\u200f": N_("right-to-left mark"),
    "\u202a": N_("left-to-right embedding"),
    "\u202b": N_("right-to-left embedding"),
    "\u202c": N_("pop directional formatting"),
    "\u202d": N_("left-to-right override"),
    "\u202e": N_("right-to-left override"),
    "\u2060": N_("word joiner"),
    "\u2061": N_("function application"),
    "\u2062": N_("invisible times"),
    "\u2063": N_("invisible separator"),
    "\u2064": N_("invisible plus"),
    "\u2066": N_("left-to-right isolate"),
    "\u2067": N_("right-to-left isolate"),
    "\u2068": N_("first strong isolate"),
    "\u2069": N_("pop directional isolate"),
    "\u3164": N_("Hangul filler"),
    "\ufeff": N_("byte order mark"),
    "\uffa0": N_("halfwidth Hangul filler"),
}
_JOINERS = frozenset("\u200c\u200d")
_BLANKS = frozenset(" \t\r\n\u00a0\u3000")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per run of invisible characters in the text readers see."""
    text = ctx.doc.text
    for m in found_in_text(ctx.doc, _CANDIDATES):
        run: list[int] = []
        for at in range(m.start(), m.end()):
            if at == 0 and text[0] == "\ufeff":
                continue  # the byte order mark at the start of a file is the encoding's
            if _reported(text, at):
                run.append(at)
            else:
                yield from _found(ctx, run)
                run = []
        yield from _found(ctx, run)


def _found(ctx: RuleContext, run: list[int]) -> Iterator[Finding]:
    """The finding for ``run``, without its fix where removing the run would turn an unquoted
    front-matter value into a number, date or boolean."""
    for finding in _finding(ctx.doc.text, run):
        if changes_type(ctx.doc, finding.start, finding.end, ""):
            finding = Finding(finding.start, finding.end, finding.message)
        yield finding


def _reported(text: str, at: int) -> bool:
    """Whether the candidate at ``at`` is invisible residue rather than a needed joiner."""
    char = text[at]
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if char in _JOINERS:
        return _plain(before) and _plain(after)
    if "\ufe00" <= char <= "\ufe0f":
        return _selects_nothing(before)
    if char == "\u00ad":
        return not (_latin(before) and _latin(after))
    if char in "\u115f\u1160":
        return not (_jamo(before) or _jamo(after))
    return True


def _plain(char: str) -> bool:
    """A character beside which a joiner or selector does nothing: Hangul, ASCII, a space, CJK
    punctuation, or another invisible character."""
    code = ord(char)
    return (
        code < 0x80
        or char in _BLANKS
        or 0xAC00 <= code <= 0xD7A3
        or 0x3130 <= code <= 0x318F
        or 0x3000 <= code <= 0x303F
        or 0x2010 <= code <= 0x206F
        or 0xFF00 <= code <= 0xFFEF
    )


def _selects_nothing(char: str) -> bool:
    """A character no variation selector applies to: a space, Hangul, an ASCII letter (an
    emoji base, a digit of a keycap, an ideograph or a symbol may take one)."""
    code = ord(char)
    return (
        char in _BLANKS
        or 0xAC00 <= code <= 0xD7A3
        or 0x3131 <= code <= 0x318E
        or (char.isascii() and char.isalpha())
    )


def _latin(char: str) -> bool:
    return char.isalpha() and ord(char) < 0x250


def _jamo(char: str) -> bool:
    code = ord(char)
    return 0x1100 <= code <= 0x11FF or 0xA960 <= code <= 0xA97F or 0xD7B0 <= code <= 0xD7FF


def _kind(char: str) -> str:
    if char == "\u00ad":
        return _SOFT_HYPHEN
    if char in "\u115f\u1160\u3164\uffa0":
        return _FILLER
    if char in "\u200e\u200f" or "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return _DIRECTION
    return _ZERO_WIDTH


def _why(kind: str) -> Text:
    if kind == _DIRECTION:
        return t("it silently changes the direction of the text around it")
    if kind == _FILLER:
        return t("it shows as a blank or a box depending on the font")
    if kind == _SOFT_HYPHEN:
        return t("it shows as a hyphen wherever a line happens to break there")
    return t("it splits words for search and copying and changes where lines wrap")


def _name(char: str) -> Text:
    if "\ufe00" <= char <= "\ufe0f":
        return t("variation selector-{number}", number=ord(char) - 0xFE00 + 1)
    return t(_NAMES[char])


def _finding(text: str, run: list[int]) -> Iterator[Finding]:
    """The finding for the adjacent offsets ``run`` (none when empty)."""
    if not run:
        return
    start, end = run[0], run[-1] + 1
    chars = text[start:end]
    first = chars[0]
    kind = min(map(_kind, chars), key=_ORDER.index)
    code = f"U+{ord(first):04X}"
    alone = _alone_on_line(text, start, end)
    if alone and kind == _ZERO_WIDTH:
        message = t(
            "a line holding only an invisible character ({codes}) is an empty paragraph that"
            " adds space; remove it",
            codes=", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars)),
        )
        fix_title = t("remove the invisible characters")
    elif len(chars) == 1:
        message = t(
            "invisible character {name} ({code}): {why}; remove it",
            name=_name(first),
            code=code,
            why=_why(kind),
        )
        fix_title = t("remove the {name}", name=_name(first))
    else:
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))
        message = t(
            "{count} invisible characters ({codes}): {why}; remove them",
            count=len(chars),
            codes=codes,
            why=_why(kind),
        )
        fix_title = t("remove the invisible characters")
    fix = Fix(fix_title, (Edit(start, end),), _applicability(kind, alone, text, start, end))
    yield Finding(start, end, message, fix)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether the run is all a line holds but spaces."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not (text[line_start:start] + text[end:line_end]).strip()


def _applicability(kind: str, alone: bool, text: str, start: int, end: int) -> Applicability:
    """Safe when a zero-width run sits beside a space on a line that has other text: the space
    already breaks the line there, so nothing the reader sees can change."""
    if kind != _ZERO_WIDTH or alone:
        return Applicability.UNSAFE  # alone on its line: an empty paragraph that takes room
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    beside_space = before in _BLANKS or after in _BLANKS
    return Applicability.SAFE if beside_space else Applicability.UNSAFE
