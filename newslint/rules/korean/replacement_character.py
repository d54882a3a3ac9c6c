"""KO004 replacement-character: text lost or garbled by a wrong conversion of encodings.

Three marks are certain. U+FFFD (�) is what a decoder writes for bytes it could not read: the
text that stood there is lost. ``占쏙옙`` is U+FFFD twice, saved as UTF-8 and read back as
CP949/EUC-KR: the classic mark of a Korean file that went through both encodings. And Korean
UTF-8 read as Latin-1 or Windows-1252 (뉴스 shows as ``ë‰`` and four more such letters) is
reported when the run of such letters, written back as those bytes, reads as UTF-8 holding
Hangul: a run of accented Latin letters that is a real word never does.

U+FFFD and ``占쏙옙`` have no fix: what stood there is lost and only the source can tell. Mojibake
can be read back, and the message shows what it says; its fix (unsafe: the round trip is exact
only when every byte survived the wrong decoding) writes the text it was meant to be.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Edit, Finding, Fix
from newslint.messages import t
from newslint.rules.korean._shown import found_in_text

_CP1252_EXTRA = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
"""The letters Windows-1252 shows for the bytes 0x80 to 0x9F (Latin-1 has controls there)."""
_MARKS = re.compile(
    "(?P<lost>\ufffd+)|(?P<cp949>(?:占쏙옙)+占?)"
    f"|(?P<latin>[\u00c0-\u00ff][\u0080-\u00ff{_CP1252_EXTRA}]+"
    f"(?: ?[\u00c0-\u00ff][\u0080-\u00ff{_CP1252_EXTRA}]+)*)"
)
_HANGUL = re.compile("[\uac00-\ud7a3]")
_MIN_SYLLABLES = 2
"""A run of Latin letters is Korean mojibake when it reads back as at least this many syllables."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per run of lost or garbled text."""
    for m in found_in_text(ctx.doc, _MARKS):
        start, end = m.span()
        if m.group("lost") is not None:
            yield Finding(
                start,
                end,
                t(
                    "replacement character {mark}: text was lost here when the file was"
                    " converted between encodings; restore it from the source",
                    mark="\ufffd" * len(m.group()),
                ),
            )
        elif m.group("cp949") is not None:
            yield Finding(
                start,
                end,
                t(
                    "{mark} is lost text (U+FFFD saved as UTF-8 and read as EUC-KR); restore it"
                    " from the source",
                    mark=m.group(),
                ),
            )
        else:
            meant = _read_back(m.group())
            if meant is not None:
                yield Finding(
                    start,
                    end,
                    t(
                        "garbled text {mark}: Korean UTF-8 read as Latin-1/Windows-1252; it says"
                        " {meant}",
                        mark=m.group(),
                        meant=meant,
                    ),
                    Fix(
                        t("write {meant}", meant=meant),
                        (Edit(start, end, meant),),
                        Applicability.UNSAFE,
                    ),
                )


def _read_back(run: str) -> str | None:
    """What ``run`` says when written back as Windows-1252 (or Latin-1) bytes and read as
    UTF-8, when that is Korean; else ``None``."""
    try:
        data = bytes(_byte(char) for char in run)
        meant = data.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    if len(_HANGUL.findall(meant)) < _MIN_SYLLABLES:
        return None
    return meant


def _byte(char: str) -> int:
    """The byte Windows-1252 (or, for its five unassigned bytes, Latin-1) shows as ``char``."""
    code = ord(char)
    if code < 0x100:
        return code
    return char.encode("cp1252")[0]
