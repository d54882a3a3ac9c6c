"""The text report's source excerpt: windowed on long lines, carets under the exact cells."""

from __future__ import annotations

from newslint.positions import display_width
from newslint.reporters.text import WINDOW, render_excerpt


def _caret_start(source: str, carets: str) -> str:
    """The part of ``source`` drawn before the first caret (by display cells)."""
    cells = len(carets) - len(carets.lstrip(" "))
    out, used = "", 0
    for ch in source:
        if used >= cells:
            break
        out += ch
        used += display_width(ch)
    return out


def test_short_line_is_shown_whole() -> None:
    source, carets = render_excerpt("<p>한국어 문장</b> 끝</p>", 10, 14)
    assert source == "<p>한국어 문장</b> 끝</p>"
    assert carets == " " * 14 + "^^^^"


def test_long_line_keeps_the_finding_in_view() -> None:
    line = "가나다라 " * 60 + "</b>" + " tail" * 40
    start = line.index("</b>") + 1
    source, carets = render_excerpt(line, start, start + 4)
    assert source.startswith("…") and source.endswith("…")
    assert display_width(source) <= WINDOW + 2
    assert _caret_start(source, carets).endswith("가나다라 ")
    assert source[len(_caret_start(source, carets)) :].startswith("</b>")
    assert carets.strip() == "^^^^"


def test_finding_near_the_end_of_a_long_line_uses_the_window_before_it() -> None:
    line = "x" * 300 + "</b></p>"
    source, carets = render_excerpt(line, 301, 305)
    assert source == "…" + "x" * (WINDOW - 8) + "</b></p>"
    assert carets == " " * (1 + WINDOW - 8) + "^^^^"


def test_tabs_and_control_characters_keep_alignment() -> None:
    source, carets = render_excerpt("\t\x07<i>", 3, 6)
    assert source == "    \ufffd<i>"
    assert carets == " " * 5 + "^^^"


def test_carets_after_emoji_sequences_count_each_glyph_once() -> None:
    # 👍🏽 (thumb + skin tone) and 👩‍💻 (woman, ZWJ, laptop) are each one 2-cell glyph; ❤️ asks
    # for emoji presentation (2 cells); é written with a combining accent is 1 cell.
    line = "<p>👍🏽 👩\u200d💻 ❤\ufe0f e\u0301</b></p>"
    start = line.index("</b>") + 1
    source, carets = render_excerpt(line, start, start + 4)
    assert source == line
    assert carets == " " * len("<p>xx xx xx e") + "^^^^"
