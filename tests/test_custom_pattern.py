"""``pattern`` house rules on snippets of real posts: where a pattern matches (prose, not code,
Liquid, tags or comments; front-matter strings as written), its values, its fixes and when a fix
is withheld because the YAML would change meaning, and every refusal of ``problems``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newslint.config import FileSettings
from newslint.context import RuleContext
from newslint.diagnostics import Applicability, Fix
from newslint.document import Document
from newslint.frontmatter import parse
from newslint.markdown.prose import prose
from newslint.rules.custom.hits import Hit
from newslint.rules.custom.pattern import PLACEHOLDERS, PatternSpec, hits, problems

# rails/weblog, _posts/2016-11-04-this-week-in-rails-better-active-record-methods-and-more
RAILS = """\
---
layout: post
title: "This Week in Rails: better Active Record methods and more!"
categories: news
author: repinel
published: true
date: 2016-11-04
---

### [Deprecate the behavior of `ActiveRecord::Dirty` in callbacks](https://github.com/rails/rails/pull/25337)

The behavior of `Dirty` methods inside of `after_(create|update|save)` callbacks will be changing \
in the next version of Rails. [Click here](https://github.com/rails/rails/pull/25337\
#issuecomment-225166796) \
to check out the API details.
"""
# The same post with "click here" where it is not prose: code, Liquid, a tag, a comment.
NOT_PROSE = """
```ruby
# click here to run
```

Run `click here` in the console.
{% comment %}click here{% endcomment %} {{ "click here" | upcase }}
<a href="/click here/" title="click here">the pull request</a>
<!-- click here -->
<pre>click here</pre>
"""
# scala/scala-lang, blog/_posts/2023-10-17-feedback-wanted-error-messages.md
SCALA = """\
---
layout: blog-detail
post-type: blog
by: Jamie Thompson (Scala Center)
title: "Tell us which errors bug you the most"
description: "Feedback is wanted on confusing or unhelpful error messages"
---

### Give your feedback to improve error reporting

![example error message]({{ site.baseurl }}/resources/img/blog/2023-10-error-messages/\
splash-image.jpg)
**TL;DR: [click here][issue-template] to tell the Scala 3 core maintainers which error messages \
are unhelpful, confusing or otherwise suboptimal.**
"""
# haacked/haacked.com, _posts/2018/2018-06-24-comments-for-jekyll-blogs.markdown
HAACKED = """\
---
title: "Comments for Jekyll Blogs"
description: "A comment system that stores comments in your Jekyll blog's repository."
tags: [jekyll,blogging,serverless]
---

If you are a long time reader of my blog, you might notice something different starting today.
"""
# frowth-official, _posts/2024-07-21-69.md (shortened)
FROWTH = """\
---
title: 의사 특권 논란 긴급 복귀 현장 속보!
categories:
  - News
feature_text: >
  ## 뉴스다오 실시간 뉴스 속보입니다.
image: 'https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg'
---

![뉴스다오 속보](https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg)

<p>출처: <a href="https://newsdao.kr/4339" rel="dofollow">\
의사 특권 논란 긴급 복귀 요청!</a> | 뉴스다오</p>
"""
# ranknews, _posts/2024-07-23-2741.md (shortened)
RANKNEWS = """\
---
title: 곡 비교 뉴진스 버블 검 다른 스타일의 진화
excerpt: >
  뉴진스의 버블 검 표절 논란이 다시 한번 불거졌다. 소속사 어도어는 샤카탁의 주장에 강력 반박하며, \
공신력 있는 분석 요청을 전했지만 불씨는 꺼지지 않고 있다. 클릭해 자세한 내용을 알아보세요!
image: '/assets/img/newsdao_breakingnews.jpg'
---

<p><img src="/assets/img/newsdao_breakingnews.jpg" alt="ranknews 속보" /></p>
"""
# Escapes as written: a match may take a whole escape, not part of one.
ESCAPES = """\
---
title: "Say \\"click here\\" \\u00e9"
summary: 'Don''t click here'
---
"""
CLICK_HERE = r"\bclick here\b"


def _hits(text: str, spec: PatternSpec, path: str = "_posts/2016-11-04-post.md") -> list[Hit]:
    doc = Document.from_text(path, text)
    return list(hits(spec, RuleContext(doc, FileSettings(path=Path(path)))))


def _spans(text: str, found: list[Hit]) -> list[str]:
    """Each hit as ``line:col-line:col text``."""
    doc = Document.from_text("post.md", text)
    spans = []
    for hit in found:
        start, end = doc.index.position(hit.start), doc.index.position(hit.end)
        where = f"{start.line}:{start.column}-{end.line}:{end.column}"
        spans.append(f"{where} {text[hit.start : hit.end]}")
    return spans


def _fixed(text: str, fix: Fix | None) -> str:
    assert fix is not None
    for edit in sorted(fix.edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def _value(text: str, key: str) -> object:
    front = parse(Document.from_text("post.md", text))
    assert front is not None
    assert front.readable
    return front.fields[key][1].value


def test_click_here_is_found_in_prose_and_nowhere_else() -> None:
    text = RAILS + NOT_PROSE
    found = _hits(text, PatternSpec(CLICK_HERE, ignore_case=True))
    assert _spans(text, found) == ["12:130-12:140 Click here"]
    assert found[0].values["match"] == "Click here"
    assert found[0].fix is None


def test_case_matters_unless_ignore_case() -> None:
    assert _hits(RAILS, PatternSpec(CLICK_HERE)) == []
    assert _spans(SCALA, _hits(SCALA, PatternSpec(CLICK_HERE))) == ["12:11-12:21 click here"]
    upper = PatternSpec(r"\bCLICK HERE\b", ignore_case=True)
    assert _spans(SCALA, _hits(SCALA, upper)) == ["12:11-12:21 click here"]


def test_caret_matches_at_each_line_of_the_body() -> None:
    found = _hits(HAACKED, PatternSpec(r"^If you\b"))
    assert _spans(HAACKED, found) == ["7:1-7:7 If you"]


def test_korean_words_have_unicode_boundaries() -> None:
    """A Hangul syllable is a word character: 속보 followed by a particle is not the word."""
    title = PatternSpec(r"\b속보\b", scope="title")
    assert _spans(FROWTH, _hits(FROWTH, title)) == ["2:26-2:28 속보"]
    feature = PatternSpec(r"\b속보\b", scope="front-matter:feature_text")
    assert _hits(FROWTH, feature) == []  # "속보입니다"
    # Found in the image's description, not in the ``alt`` attribute of the <img>.
    assert _spans(FROWTH, _hits(FROWTH, PatternSpec("속보"))) == ["10:8-10:10 속보"]
    assert _hits(RANKNEWS, PatternSpec("속보")) == []
    phrase = PatternSpec(r"긴급 복귀 (요청|현장)")
    assert _spans(FROWTH, _hits(FROWTH, phrase)) == ["12:66-12:74 긴급 복귀 요청"]


@pytest.mark.parametrize(
    "pattern",
    [r"\bclick", r"\baa", r"\b(?:click here|news)\b", r"\b\w+ing\b", r"\b속보", r"\b|x+"],
)
@pytest.mark.parametrize("ignore_case", [False, True])
def test_a_leading_word_boundary_finds_what_finditer_finds(pattern: str, ignore_case: bool) -> None:
    """``\\bword`` is searched without its ``\\b`` first (faster): the same matches."""
    text = FROWTH + HAACKED + SCALA + "\ndoubleclick, Click; baaa aaaa aa.\n"
    doc = Document.from_text("post.md", text)
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    body = prose(doc)
    expected = [
        (doc.body_start + m.start(), doc.body_start + m.end())
        for m in re.finditer(pattern, body, flags)
        if m.end() > m.start()
    ]
    found = _hits(text, PatternSpec(pattern, ignore_case=ignore_case))
    assert [(hit.start, hit.end) for hit in found if hit.end > hit.start] == expected
    assert expected


def test_groups_fill_the_message_by_number_and_by_name() -> None:
    spec = PatternSpec(r"\[(?P<verb>click) (here)(s)?\]\[([\w-]+)\]")
    (hit,) = _hits(SCALA, spec)
    assert {"match", "group"} == PLACEHOLDERS
    message = "{match}: {group[verb]} {group[2]}{group[3]} -> {group[4]} ({group[0]}){group[9]}"
    assert message.format_map(hit.values) == (
        "[click here][issue-template]: click here -> issue-template ([click here][issue-template])"
    )


def test_a_replacement_with_a_group_is_a_fix() -> None:
    spec = PatternSpec(r"\[click here\]\[([\w-]+)\]", r"[tell us][\1]")
    (hit,) = _hits(SCALA, spec)
    assert hit.fix is not None
    assert (
        hit.fix.message == 'replace "[click here][issue-template]" with "[tell us][issue-template]"'
    )
    assert hit.fix.applicability is Applicability.SAFE
    assert "**TL;DR: [tell us][issue-template] to tell" in _fixed(SCALA, hit.fix)
    unsafe = PatternSpec(r"\bclick here\b", "follow this link", applicability=Applicability.UNSAFE)
    (hit,) = _hits(SCALA, unsafe)
    assert hit.fix is not None
    assert hit.fix.applicability is Applicability.UNSAFE


def test_no_fix_when_the_replacement_changes_nothing_or_would_edit_markup() -> None:
    (same,) = _hits(SCALA, PatternSpec(r"(click here)", r"\1"))
    assert same.fix is None
    text = SCALA + "\nOr click <b>here</b>.\n"
    found = _hits(text, PatternSpec(r"\bclick\s+here\b", "see the form"))
    assert _spans(text, found) == ["12:11-12:21 click here", "14:4-14:17 click <b>here"]
    assert found[0].fix is not None
    assert found[1].fix is None  # the fix would delete the <b>


def test_front_matter_strings_are_matched_as_written() -> None:
    # Inside double quotes, in a flow list, in a block list, in single quotes, a folded block.
    title = PatternSpec(r"\bActive Record\b", scope="title")
    assert _spans(RAILS, _hits(RAILS, title)) == ["3:36-3:49 Active Record"]
    tags = PatternSpec(r"\b\w+ing\b", scope="front-matter:tags")
    assert _spans(HAACKED, _hits(HAACKED, tags)) == ["4:15-4:23 blogging"]
    categories = PatternSpec(r"^News$", scope="front-matter:categories")
    assert _spans(FROWTH, _hits(FROWTH, categories)) == ["4:5-4:9 News"]
    image = PatternSpec(r"^https://newsdao\.kr", scope="front-matter:image")
    assert _spans(FROWTH, _hits(FROWTH, image)) == ["7:9-7:27 https://newsdao.kr"]
    excerpt = PatternSpec(r"클릭해 자세한 내용을 알아보세요!", scope="front-matter:excerpt")
    assert _spans(RANKNEWS, _hits(RANKNEWS, excerpt)) == [
        "4:93-4:111 클릭해 자세한 내용을 알아보세요!"
    ]


def test_values_that_are_not_strings_are_not_matched() -> None:
    assert _hits(RAILS, PatternSpec(r"2016", scope="front-matter:date")) == []
    assert _hits(RAILS, PatternSpec(r"true", scope="front-matter:published")) == []
    assert _hits(RAILS, PatternSpec(r"\w+", scope="front-matter:missing")) == []
    assert _hits(RAILS.replace("---\n", "", 1), PatternSpec(r"\w+", scope="title")) == []


@pytest.mark.parametrize(
    ("text", "key", "pattern", "replacement", "value"),
    [
        (
            RAILS,
            "title",
            r"\bmore!",
            "more",
            "This Week in Rails: better Active Record methods and more",
        ),
        (FROWTH, "title", r"\s*속보!$", "", "의사 특권 논란 긴급 복귀 현장"),
        (
            FROWTH,
            "image",
            r"\bnewsdao_(\w+)",
            r"\1",
            "https://newsdao.kr/res/images/meta/breakingnews.jpg",
        ),
        (HAACKED, "tags", r"^blogging$", "blog", ["jekyll", "blog", "serverless"]),
        (ESCAPES, "title", r'\\"click here\\"', "“see below”", "Say “see below” é"),
        (ESCAPES, "summary", r"Don''t ", "", "click here"),
        (
            RANKNEWS,
            "excerpt",
            r" 클릭해 자세한 내용을 알아보세요!",
            "",
            "뉴진스의 버블 검 표절 논란이 다시 한번 불거졌다. 소속사 어도어는 "
            "샤카탁의 주장에 강력 반박하며, 공신력 있는 분석 요청을 전했지만 "
            "불씨는 꺼지지 않고 있다.\n",
        ),
    ],
)
def test_a_front_matter_fix_reads_back_as_the_intended_value(
    text: str, key: str, pattern: str, replacement: str, value: object
) -> None:
    (hit,) = _hits(text, PatternSpec(pattern, replacement, scope=f"front-matter:{key}"))
    assert _value(_fixed(text, hit.fix), key) == value


@pytest.mark.parametrize(
    ("text", "key", "pattern", "replacement"),
    [
        (FROWTH, "title", r"^의사 특권", "의사: 특권"),  # a plain scalar becomes a mapping
        (FROWTH, "title", r" 현장", " #현장"),  # the rest of a plain scalar becomes a comment
        (FROWTH, "title", r"^의사", "[속보] 의사"),  # a leading [ opens a flow list
        (FROWTH, "title", r"^.+$", "2024"),  # a plain string becomes a number
        (FROWTH, "title", r"^.+$", "~"),  # ... or null
        (HAACKED, "tags", r"^blogging$", "blogging, rss"),  # one item of a flow list becomes two
        (FROWTH, "image", r"newsdao_", "newsdao's "),  # a quote in single quotes
        (RAILS, "title", r"\bmore!", 'more!"'),  # a quote in double quotes
        (RAILS, "title", r"\bmore!", r"more\\"),  # a backslash in double quotes
        (RANKNEWS, "excerpt", r" 클릭해", "\n클릭해"),  # a line out of the block's indentation
        (ESCAPES, "title", r"u00e9", "u00e8"),  # inside an escape, whose meaning it edits
    ],
)
def test_a_front_matter_fix_that_would_change_the_yaml_is_withheld(
    text: str, key: str, pattern: str, replacement: str
) -> None:
    (hit,) = _hits(text, PatternSpec(pattern, replacement, scope=f"front-matter:{key}"))
    assert hit.fix is None


def test_problems_of_a_spec() -> None:
    assert problems(PatternSpec(CLICK_HERE, r"\g<0>", True, "front-matter:tags")) == []
    assert problems(PatternSpec("(click here")) == [
        ("pattern", "not a regular expression: missing ), unterminated subpattern at column 1")
    ]
    assert problems(PatternSpec("click\n(here")) == [
        (
            "pattern",
            "not a regular expression: missing ), unterminated subpattern at line 2, column 1",
        )
    ]
    assert problems(PatternSpec("a{99999999999}")) == [
        ("pattern", "not a regular expression: the repetition number is too large")
    ]
    empty = (
        "pattern",
        "it can match an empty string (x*, x?, a lone lookaround): it reports everywhere",
    )
    assert problems(PatternSpec("(click here)?")) == [empty]
    assert problems(PatternSpec(r"(?=click)")) == [empty]
    assert problems(PatternSpec(CLICK_HERE, r"\1")) == [
        ("replacement", "invalid group reference 1 at column 2")
    ]
    assert problems(PatternSpec(r"(?P<verb>click)", r"\g<noun>")) == [
        ("replacement", "unknown group name 'noun'")
    ]
    assert problems(PatternSpec(CLICK_HERE, "here\\")) == [
        ("replacement", "bad escape (end of pattern) at column 5")
    ]
    assert problems(PatternSpec(CLICK_HERE, scope="front-matter:")) == [
        ("scope", "front-matter:KEY needs a key right after the colon, e.g. front-matter:tags")
    ]
    assert problems(PatternSpec(CLICK_HERE, scope="body")) == [
        ("scope", '"body" is not a scope; use text, title or front-matter:KEY')
    ]
