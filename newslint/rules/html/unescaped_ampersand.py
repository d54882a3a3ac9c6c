"""HT008 unescaped-ampersand: a ``&`` that readers see otherwise than its author meant.

A ``&`` before a word that names no character (``S&P 500``, ``R&D``, ``?a=1&hp=1``) is
conforming HTML and shown as written: it is not reported. Two cases are:

* ``&``, letters or digits, and ``;`` naming no character (``&8217;``, ``&nbps;``), which the
  standard calls an ambiguous ampersand: readers see the code. The advice names the reference
  most likely meant: the safe fix writes ``&#8217;`` for digits (certainly a lost ``#``), an
  unsafe one the close name (``&nbsp;``), and a safe ``&amp;`` when nothing is close (the page
  stays the same);
* in an ``.html`` post, a word that starts with an old reference name browsers decode without
  ``;``: ``?lang=ko&region=kr`` in text shows ``®ion``. The fix writes ``&amp;``, safe where the
  word is a URL parameter (``=`` follows it, or it is in a URL attribute). kramdown writes
  ``&amp;`` for it itself, so a Markdown post shows it as written. In an attribute value a name
  followed by a letter, digit or ``=`` is not decoded (``href="?a=1&copy=2"`` is fine).

A reference meant as its character but missing its ``;`` (``R&eacutemi``) is HT009.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.messages import N_, Text, t
from newslint.rules.html._references import Kind, Reference, end_of_word, fix, references


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per ``&`` that names nothing or is read as a character by mistake."""
    text = ctx.doc.text
    for ref in references(ctx.doc):
        if ref.kind is Kind.AMBIGUOUS:
            yield Finding(ref.start, ref.end, _ambiguous(text[ref.start : ref.end], ref), fix(ref))
        elif ref.kind is Kind.READ_AS_CHARACTER:
            yield Finding(ref.start, ref.end, _read_as_character(text, ref), fix(ref))


def _ambiguous(written: str, ref: Reference) -> Text:
    if not ref.certain:
        advice = t("did you mean {text}?", text=ref.write)
    elif ref.write.startswith("&#"):
        advice = t("write {text}", text=ref.write)
    else:
        advice = t("write {text} to keep the text", text=ref.write)
    return t(
        '"{written}" names no character, so readers see it as written: {advice}',
        written=written,
        advice=advice,
    )


def _read_as_character(text: str, ref: Reference) -> Text:
    word_end = end_of_word(text, ref.end)
    word, rest = text[ref.start : word_end], text[ref.end : word_end]
    if ref.in_attribute:
        template = N_(
            '"{word}" in an attribute value shows as "{shown}": browsers read'
            ' "{reference}" as a character reference; write &amp;{rest}'
        )
    else:
        template = N_(
            '"{word}" in text shows as "{shown}": browsers read'
            ' "{reference}" as a character reference; write &amp;{rest}'
        )
    decoded = f"{ref.decoded}{rest}"
    return t(
        template,
        word=word,
        shown=decoded,
        reference=text[ref.start : ref.end],
        rest=word[1:],
    )
