"""The text report's source excerpt: windowed on long lines, carets under the exact cells."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pytest import CaptureFixture, MonkeyPatch

from newslint.cli import main
from newslint.positions import display_width
from newslint.reporters.text import (
    MIN_WINDOW,
    WINDOW,
    render_excerpt,
    snippet_window,
    terminal_columns,
)
from tests.conftest import SEED


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
    assert source.startswith("...") and source.endswith("...")
    assert "…" not in source  # drawn in one or two cells, by the terminal's choice
    assert display_width(source) <= WINDOW + 6
    assert _caret_start(source, carets).endswith("가나다라 ")
    assert source[len(_caret_start(source, carets)) :].startswith("</b>")
    assert carets.strip() == "^^^^"


def test_finding_near_the_end_of_a_long_line_uses_the_window_before_it() -> None:
    line = "x" * 300 + "</b></p>"
    source, carets = render_excerpt(line, 301, 305)
    assert source == "..." + "x" * (WINDOW - 8) + "</b></p>"
    assert carets == " " * (3 + WINDOW - 8) + "^^^^"


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


def test_a_very_long_line_is_measured_only_around_the_finding() -> None:
    from newslint.reporters import text

    unit = "가나 ab "
    line = unit * 40_000 + "</b>" + unit * 40_000  # 560,004 characters on one line
    start = line.index("</b>") + 1
    assert len(line) > start + 2 * text.MEASURED  # the part measured is cut out of the line
    whole = text._excerpt(line, start, start + 4)
    assert render_excerpt(line, start, start + 4) == whole
    # At its start and its end too, as if the whole line had been measured.
    for column, end in ((1, 3), (len(line) - 1, len(line) + 1)):
        assert render_excerpt(line, column, end) == text._excerpt(line, column, end)


def _seed_report(
    columns: str | None, tmp_path: Path, capsys: CaptureFixture[str], monkeypatch: MonkeyPatch
) -> list[str]:
    """The text report of the seed (one finding: the stray </b> at 32:209) under ``COLUMNS``."""
    monkeypatch.chdir(tmp_path)
    Path("seed.txt").write_bytes(SEED.read_bytes())
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert main(["seed.txt", "--no-cache"]) == 1
    return capsys.readouterr().out.splitlines()[1:4]


def test_a_narrow_terminal_gets_a_narrow_window(
    tmp_path: Path, capsys: CaptureFixture[str], monkeypatch: MonkeyPatch
) -> None:
    lines = _seed_report("60", tmp_path, capsys, monkeypatch)
    assert lines == [
        "   |",
        "32 | ...어지는 전 주기적 협력을 강화하기로 했다.</b></p>",
        "   | " + " " * (3 + display_width("어지는 전 주기적 협력을 강화하기로 했다.")) + "^^^^",
    ]
    assert max(display_width(line) for line in lines) <= 60


def test_a_wide_terminal_gets_a_wide_window(
    tmp_path: Path, capsys: CaptureFixture[str], monkeypatch: MonkeyPatch
) -> None:
    _, source, carets = _seed_report("200", tmp_path, capsys, monkeypatch)
    line = SEED.read_text(encoding="utf-8").splitlines()[31]
    assert source.startswith("32 | ...") and source.endswith(line[199:])  # the line's end
    assert line[208:212] == "</b>"
    assert 190 <= display_width(source) <= 200
    assert _caret_start(source[5:], carets[5:]).endswith("했다.")
    assert carets.endswith("^^^^") and carets.count("^") == 4


def test_the_window_never_gets_narrower_than_its_minimum(
    tmp_path: Path, capsys: CaptureFixture[str], monkeypatch: MonkeyPatch
) -> None:
    _, source, carets = _seed_report("20", tmp_path, capsys, monkeypatch)
    assert display_width(source) == len("32 | ...") + MIN_WINDOW - 1  # no half of a Hangul cell
    assert source.endswith("했다.</b></p>")
    assert _caret_start(source[5:], carets[5:]).endswith("했다.")


def test_a_report_to_a_file_keeps_the_default_window(
    tmp_path: Path, capsys: CaptureFixture[str], monkeypatch: MonkeyPatch
) -> None:
    _, source, _ = _seed_report(None, tmp_path, capsys, monkeypatch)
    assert display_width(source) == len("32 | ...") + WINDOW


def test_a_window_shows_emoji_and_hangul_in_two_cells_each() -> None:
    line = "😀한" * 50 + "</b>" + "😀한" * 50
    start = line.index("</b>") + 1
    source, carets = render_excerpt(line, start, start + 4, window=snippet_window(60, 7))
    assert snippet_window(60, 7) == 50  # 60 less "7 | " and two "..."
    # A third of the window (16 cells: four pairs) before the span, the rest after it.
    assert source == "..." + "😀한" * 4 + "</b>" + "😀한" * 7 + "😀" + "..."
    assert carets == " " * (3 + 16) + "^^^^"
    assert display_width(source) == 3 + 50 + 3


def test_the_width_is_the_terminal_s_of_the_report_or_columns(monkeypatch: MonkeyPatch) -> None:
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    monkeypatch.delenv("COLUMNS", raising=False)
    main_end, terminal_end = pty.openpty()
    fcntl.ioctl(terminal_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 72, 0, 0))
    with os.fdopen(terminal_end, "w", encoding="utf-8") as terminal:
        assert terminal_columns(terminal) == 72
        monkeypatch.setenv("COLUMNS", "55")
        assert terminal_columns(terminal) == 55
    os.close(main_end)
    assert terminal_columns(io.StringIO()) == 55
    monkeypatch.setenv("COLUMNS", "0")
    assert terminal_columns(io.StringIO()) is None
