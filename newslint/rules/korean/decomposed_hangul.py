"""KO002 decomposed-hangul: Hangul written as conjoining jamo (NFD) instead of syllables.

macOS keeps file names decomposed, so text copied from a file name, or pasted from some Mac
apps, spells 한 as ᄒ + ᅡ + ᆫ (U+1112 U+1161 U+11AB). Fonts that lack the jamo show them apart,
search does not find the word, and two titles that look the same compare different. A run is a
stretch of conjoining jamo (with the syllable before it when a final consonant attaches to it)
that NFC composes into syllables; a run holding jamo that NFC leaves as they are (old Hangul,
where a word mixes jamo and composable syllables on purpose) is not reported.

One finding per line: a decomposed paste covers whole sentences, every word a separate run, and
one defect reported twenty times on a line helps nobody. The safe fix composes exactly those
runs (NFC of each run, nothing else on the line: an accent written as a combining mark stays).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Edit, Finding, Fix
from newslint.messages import t
from newslint.rules.korean._shown import found_in_text

_JAMO = "\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff"
_RUN = re.compile(f"[\uac00-\ud7a3]?[{_JAMO}]+")
_JAMO_CHAR = re.compile(f"[{_JAMO}]")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield one finding per line holding decomposed Hangul, fixed by composing its runs."""
    text = ctx.doc.text
    lines: dict[int, list[tuple[int, int, str]]] = {}
    for m in found_in_text(ctx.doc, _RUN):
        start, end = m.span()
        run = m.group()
        if run[0] >= "\uac00" and not _attaches(run):
            start, run = start + 1, run[1:]
        composed = unicodedata.normalize("NFC", run)
        if composed != run and not _JAMO_CHAR.search(composed):
            line = ctx.doc.index.position(start).line
            lines.setdefault(line, []).append((start, end, composed))
    for runs in lines.values():
        start, end = runs[0][0], runs[-1][1]
        fix = Fix(
            t("compose the Hangul (NFC)"),
            tuple(Edit(s, e, composed) for s, e, composed in runs),
        )
        shown = unicodedata.normalize("NFC", text[start:end])
        yield Finding(
            start,
            end,
            t(
                "decomposed Hangul ({shown}): written as separate jamo (NFD, as macOS file names"
                " are), so search does not find it and some fonts show it apart; compose it",
                shown=_clip(shown),
            ),
            fix,
        )


def _attaches(run: str) -> bool:
    """Whether the syllable leading ``run`` takes its first jamo (a final consonant after an
    open syllable, as NFC composes ``가`` + ``ᆨ`` into ``각``)."""
    return unicodedata.normalize("NFC", run[:2]) != run[:2]


def _clip(shown: str, limit: int = 30) -> str:
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
