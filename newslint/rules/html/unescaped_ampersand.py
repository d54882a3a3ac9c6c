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
from newslint.rules.html._references import Kind, Reference, end_of_word, fix, references


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding per ``&`` that names nothing or is read as a character by mistake."""
    text = ctx.doc.text
    for ref in references(ctx.doc):
        if ref.kind is Kind.AMBIGUOUS:
            yield Finding(ref.start, ref.end, _ambiguous(text[ref.start : ref.end], ref), fix(ref))
        elif ref.kind is Kind.READ_AS_CHARACTER:
            yield Finding(ref.start, ref.end, _read_as_character(text, ref), fix(ref))


def _ambiguous(written: str, ref: Reference) -> str:
    if not ref.certain:
        advice = f"did you mean {ref.write}?"
    elif ref.write.startswith("&#"):
        advice = f"write {ref.write}"
    else:
        advice = f"write {ref.write} to keep the text"
    return f'"{written}" names no character, so readers see it as written: {advice}'


def _read_as_character(text: str, ref: Reference) -> str:
    word_end = end_of_word(text, ref.end)
    word, rest = text[ref.start : word_end], text[ref.end : word_end]
    where = "an attribute value" if ref.in_attribute else "text"
    return (
        f'"{word}" in {where} shows as "{ref.decoded}{rest}": browsers read'
        f' "{text[ref.start : ref.end]}" as a character reference; write &amp;{word[1:]}'
    )
