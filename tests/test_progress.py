"""The progress line: drawn on a terminal for long runs, never elsewhere, cleared at the end."""

from __future__ import annotations

import io

from newslint.progress import MIN_ITEMS, ProgressLine


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_long_run_on_a_terminal_draws_and_clears_the_line() -> None:
    stream = _Terminal()
    line = ProgressLine(stream)
    for done in range(1, MIN_ITEMS + 1):
        line(done, MIN_ITEMS)
    line.close()
    out = stream.getvalue()
    assert out.startswith("\rnewslint: 1/200 files (0%)")
    assert f"\rnewslint: {MIN_ITEMS}/{MIN_ITEMS} files (100%)" in out
    assert out.endswith("\r\033[K")


def test_nothing_is_drawn_off_a_terminal_or_for_short_runs() -> None:
    pipe, short = io.StringIO(), _Terminal()
    for stream, total in ((pipe, 500), (short, 3)):
        line = ProgressLine(stream)
        for done in range(1, total + 1):
            line(done, total)
        line.close()
    assert pipe.getvalue() == short.getvalue() == ""
