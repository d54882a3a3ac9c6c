"""html5lib's tokenizer and input stream, made to record where each tag, comment and error is."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from typing import Any

from html5lib._inputstream import HTMLUnicodeInputStream
from html5lib._tokenizer import HTMLTokenizer
from html5lib.constants import tokenTypes
from html5lib.html5parser import HTMLParser

from newslint.html.recording import END, IS_START, SELF_CLOSING, START, TAG_TYPES, Recording, Token

_COMMENT = tokenTypes["Comment"]
_ERROR = tokenTypes["ParseError"]
_TEXT_TYPES = frozenset({tokenTypes["Characters"], tokenTypes["SpaceCharacters"]})


class WholeText(HTMLUnicodeInputStream):
    """An input stream holding the whole text as its only chunk, so offsets are chunk offsets."""

    def __init__(self, text: str) -> None:
        super().__init__("")
        self.chunk = text
        self.chunkSize = len(text)
        self.chunkOffset = 0

    def readChunk(self, chunkSize: int | None = None) -> bool:
        """There is never another chunk: consume what is left and report the end."""
        self.chunkOffset = self.chunkSize
        return False


_INVALID_BMP = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_INVALID_ASTRAL = re.compile(
    "["
    + "".join(chr(plane << 16 | end) for plane in range(1, 17) for end in (0xFFFE, 0xFFFF))
    + "]"
)


def _invalid_code_points(text: str) -> list[int]:
    """Offsets of the control characters, noncharacters and lone surrogates in ``text``.

    These are the code points html5lib's input stream reports as "invalid-codepoint"; one
    character class for the BMP lets the regular expression engine test most text in one step.
    """
    found = [match.start() for match in _INVALID_BMP.finditer(text)]
    if not text.isascii() and _ASTRAL.search(text):
        found.extend(match.start() for match in _INVALID_ASTRAL.finditer(text))
        found.sort()
    return found


class SpanTokenizer(HTMLTokenizer):
    """html5lib's tokenizer, recording every tag and comment with its source offsets.

    A tag, comment or doctype runs from the ``<`` recorded when a "less-than sign" state was
    entered to the stream offset when the token is handed to the parser: html5lib returns from
    the state that emits a token as soon as it has read the ``>``. ``span`` gives the offsets of
    the token being processed; they are worked out only when the parser asks (for an error or
    an element it closes), since most tokens need none.
    """

    def __init__(self, text: str, parser: HTMLParser, rec: Recording) -> None:
        super().__init__("", parser=parser)
        self.stream: WholeText = WholeText(text)
        self._rec = rec
        self._lt = -1  # offset of the "<" of the tag, comment or doctype being read
        self._amp = -1  # offset of the "&" of the last character reference
        self._amp_end = -1  # where that character reference ended
        self._before = 0  # the stream offset before the state that emitted the current tokens

    def __iter__(self) -> Iterator[Any]:
        rec = self._rec
        stream = self.stream
        queue: deque[Any] = deque()
        self.tokenQueue = queue
        popleft = queue.popleft
        tag_start = rec.tag_start
        tag_end = rec.tag_end
        tag_name = rec.tag_name
        tag_flags = rec.tag_flags
        matched = rec.matched
        for at in _invalid_code_points(stream.chunk):
            token: Token = {"type": _ERROR, "data": "invalid-codepoint"}
            token["nl_start"] = at
            token["nl_end"] = at + 1
            rec.current = token
            yield token
        while True:
            before = stream.chunkOffset
            if not self.state():
                break
            if not queue:
                continue
            self._before = before
            end = stream.chunkOffset
            while queue:
                token = popleft()
                kind = token["type"]
                if kind in TAG_TYPES:
                    tag_start.append(self._lt)
                    tag_end.append(end)
                    tag_name.append(token["name"])
                    flags = IS_START if kind == START else 0
                    tag_flags.append(flags | SELF_CLOSING if token["selfClosing"] else flags)
                    matched.append(0)
                elif kind == _ERROR:
                    token["nl_start"], token["nl_end"] = self._error_span(token["data"], end)
                elif kind == _COMMENT:
                    rec.comments.append((self._lt, end, token["data"]))
                rec.current = token
                yield token
        rec.current = None

    def span(self, token: Token) -> tuple[int, int]:
        """Start and end offsets of ``token``, the token the parser is processing."""
        kind = token["type"]
        if kind in TAG_TYPES:
            rec = self._rec
            return rec.tag_start[-1], rec.tag_end[-1]
        if kind == _ERROR:
            return token["nl_start"], token["nl_end"]
        end = self.stream.chunkOffset
        if kind in _TEXT_TYPES:
            before = self._before
            return (before - 1 if self._amp == before - 1 else before), end
        return self._lt, end

    def _error_span(self, code: str, end: int) -> tuple[int, int]:
        """Span of a tokenizer error noticed at ``end``: its character reference or its tag."""
        if code == "invalid-codepoint":
            return end - 1, end
        if self._amp > self._lt and end == self._amp_end:
            return self._amp, end
        if 0 <= self._lt < end:
            return self._lt, end
        return max(end - 1, 0), end

    def consumeEntity(self, allowedChar: str | None = None, fromAttribute: bool = False) -> None:
        self._amp = self.stream.chunkOffset - 1
        HTMLTokenizer.consumeEntity(self, allowedChar, fromAttribute)
        self._amp_end = self.stream.chunkOffset

    # Every state entered just after a "<" that may begin a tag, comment or doctype.
    def tagOpenState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.tagOpenState(self)

    def rcdataLessThanSignState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.rcdataLessThanSignState(self)

    def rawtextLessThanSignState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.rawtextLessThanSignState(self)

    def scriptDataLessThanSignState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.scriptDataLessThanSignState(self)

    def scriptDataEscapedLessThanSignState(self) -> bool:
        self._lt = self.stream.chunkOffset - 1
        return HTMLTokenizer.scriptDataEscapedLessThanSignState(self)


class AttributeTokenizer(HTMLTokenizer):
    """A tokenizer for one tag's text at a time that records where each attribute name starts.

    Building a tokenizer and its input stream costs more than scanning a tag, so one instance is
    loaded with each tag's text in turn (``scan``).
    """

    def __init__(self) -> None:
        super().__init__("")
        self.stream: WholeText = WholeText("")
        self.starts: list[int] = []
        self.raw: list[Any] = []

    def scan(self, tag_text: str) -> list[tuple[str, str, int]]:
        """Every attribute of the one tag in ``tag_text``: (name, value, offset of the name)."""
        stream = self.stream
        stream.reset()
        stream.chunk = tag_text
        stream.chunkSize = len(tag_text)
        self.escapeFlag = False
        self.lastFourChars = []
        self.state = self.dataState
        self.escape = False
        self.currentToken = None
        self.starts = []
        self.raw = []
        for token in self:
            if token["type"] in (START, END):
                break
        return [(name, value, at) for (name, value), at in zip(self.raw, self.starts, strict=True)]

    def _started(self, count: int) -> None:
        data = self.currentToken["data"]  # type: ignore[index]
        if isinstance(data, list) and len(data) > count:
            self.raw = data
            self.starts.append(self.stream.chunkOffset - 1)

    def _count(self) -> int:
        data = self.currentToken["data"]  # type: ignore[index]
        return len(data) if isinstance(data, list) else 0

    def beforeAttributeNameState(self) -> bool:
        count = self._count()
        result = HTMLTokenizer.beforeAttributeNameState(self)
        self._started(count)
        return result

    def afterAttributeNameState(self) -> bool:
        count = self._count()
        result = HTMLTokenizer.afterAttributeNameState(self)
        self._started(count)
        return result
