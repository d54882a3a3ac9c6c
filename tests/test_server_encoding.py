"""Positions in the client's encoding: UTF-16 code units by default, UTF-8 bytes or code
points when the client chose them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from newslint.server.encoding import UTF8, UTF16, UTF32, PositionMap

TEXT = "---\ntitle: 뉴스\n---\n😀 a</b>\r\nend"


@pytest.mark.parametrize(
    ("encoding", "character"),
    [(UTF16, 4), (UTF8, 6), (UTF32, 3)],
)
def test_a_column_after_an_emoji_counts_the_encodings_units(encoding: str, character: int) -> None:
    positions = PositionMap(TEXT, encoding)
    offset = TEXT.index("</b>")
    assert positions.position(offset) == types.Position(line=3, character=character)
    assert positions.offset(types.Position(line=3, character=character)) == offset


def test_hangul_is_one_utf16_unit_and_three_utf8_bytes() -> None:
    offset = TEXT.index("스") + 1
    assert PositionMap(TEXT, UTF16).position(offset) == types.Position(line=1, character=9)
    assert PositionMap(TEXT, UTF8).position(offset) == types.Position(line=1, character=13)


def test_positions_past_a_line_or_the_text_are_clamped() -> None:
    positions = PositionMap(TEXT)
    assert positions.offset(types.Position(line=3, character=99)) == TEXT.index("\r\n")
    assert positions.offset(types.Position(line=9, character=0)) == len(TEXT)
    assert positions.position(len(TEXT) + 5) == types.Position(line=4, character=3)


def test_a_range_never_ends_before_it_starts() -> None:
    assert PositionMap(TEXT).range(5, 2) == types.Range(
        start=types.Position(line=1, character=1), end=types.Position(line=1, character=1)
    )


@given(st.text(max_size=40), st.sampled_from([UTF8, UTF16, UTF32]), st.data())
def test_every_offset_goes_there_and_back(text: str, encoding: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    positions = PositionMap(text, encoding)
    back = positions.offset(positions.position(offset))
    # An offset between "\r" and "\n" has no column of its own past the line's text.
    assert back == offset or text[back:offset] == "\r"
