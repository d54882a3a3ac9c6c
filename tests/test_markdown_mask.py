"""The masker blanks Markdown code, autolinks and Liquid, keeping offsets and line breaks."""

from __future__ import annotations

from newslint.document import Document
from newslint.markdown.mask import markdown_text, mask_body, mask_document


def masked_lines(body: str, *, html_file: bool = False) -> list[str]:
    """Mask ``body``, check the invariants every mask keeps, and return its lines."""
    mask = mask_body(body, html_file=html_file)
    assert len(mask.text) == len(body)
    assert [i for i, c in enumerate(mask.text) if c in "\r\n"] == [
        i for i, c in enumerate(body) if c in "\r\n"
    ]
    for start, end in mask.ranges:
        assert mask.text[start:end].strip() == ""
    return mask.text.split("\n")


def test_backtick_fence_with_end_tag_is_masked() -> None:
    lines = masked_lines("Before\n\n```html\n<div>\n</div>\n```\n\n<p>after</p>\n")
    assert lines[2:6] == ["       ", "     ", "      ", "   "]
    assert lines[7] == "<p>after</p>"


def test_tilde_fence_needs_a_closing_fence_as_long() -> None:
    lines = masked_lines("~~~~\n</b>\n~~~\n</i>\n~~~~\nafter </b>\n")
    assert lines[:5] == ["    ", "    ", "   ", "    ", "    "]
    assert lines[5] == "after </b>"


def test_unclosed_fence_is_not_code_in_kramdown() -> None:
    assert masked_lines("```\n</b>\n") == ["```", "</b>", ""]


def test_indented_code_after_a_blank_line_is_masked() -> None:
    lines = masked_lines("Text:\n\n    <b>bold\n    </i>\n\nmore </i>\n")
    assert lines[2:4] == [" " * 11, " " * 8]
    assert lines[5] == "more </i>"


def test_indented_code_inside_a_blockquote_is_masked() -> None:
    # kramdown: "> " then four more columns after a blank quoted line is a code block in the
    # quote (a quoted HTML example); the same indent continuing a quoted paragraph is text.
    body = "> Quoted:\n>\n>     <b>code</i>\n>     <!-- x\n\n> text\n>     <i>not code</b>\n"
    lines = masked_lines(body)
    assert lines[:4] == ["> Quoted:", ">", ">     " + " " * 11, ">     " + " " * 6]
    assert lines[5:7] == ["> text", ">     <i>not code</b>"]


def test_indented_line_continuing_a_paragraph_is_text() -> None:
    assert masked_lines("Some text\n    </b> still text\n")[1] == "    </b> still text"


def test_indented_lines_inside_a_raw_html_block_stay_html() -> None:
    body = "<table>\n  <tbody>\n\n      <tr><td>x</td></tr>\n  </tbody>\n</table>\n\n    code\n"
    lines = masked_lines(body)
    assert lines[3] == "      <tr><td>x</td></tr>"
    assert lines[7] == "        "


def test_indented_line_right_after_a_one_line_html_block_is_code() -> None:
    lines = masked_lines('<p data-ke-size="size16">x</p>\n    <b>code</b>\n')
    assert lines == ['<p data-ke-size="size16">x</p>', " " * 15, ""]


def test_list_item_content_is_not_code() -> None:
    body = "* item\n\n    <b>more of the item</b>\n\n        real code\n"
    lines = masked_lines(body)
    assert lines[2] == "    <b>more of the item</b>"
    assert lines[4].strip() == ""


def test_inline_code_spans_are_masked() -> None:
    lines = masked_lines("Use `</div>` or ``a ` b`` here, not \\`<b>`.\n")
    assert lines[0] == "Use " + " " * len("`</div>`") + " or " + " " * len("``a ` b``") + (
        " here, not \\`<b>`."
    )


def test_code_span_does_not_cross_a_blank_line() -> None:
    assert masked_lines("a ` </b>\n\nb ` </i>\n") == ["a ` </b>", "", "b ` </i>", ""]


def test_autolinks_are_masked_outside_html_blocks() -> None:
    lines = masked_lines("See <https://example.com/a?b=1> and <me@example.com>.\n")
    assert lines[0] == "See " + " " * 27 + " and " + " " * 16 + "."


def test_liquid_output_and_tags_are_masked() -> None:
    lines = masked_lines("<p>{{ '</b>' }} {% if x %}</b>{% endif %}</p>\n")
    blank = " " * len("{{ '</b>' }} {% if x %}")
    assert lines[0] == "<p>" + blank + "</b>" + " " * len("{% endif %}") + "</p>"


def test_liquid_highlight_raw_and_comment_blocks_are_masked() -> None:
    body = (
        "{% highlight html %}\n<div>\n{% endhighlight %}\n"
        "{% raw %}{{ </b> }}{% endraw %}\n"
        "{% comment %}</i>{% endcomment %}\n<p>kept</p>\n"
    )
    lines = masked_lines(body)
    assert all(not line.strip() for line in lines[:5])
    assert lines[5] == "<p>kept</p>"


def test_html_posts_mask_only_liquid() -> None:
    body = "<pre>\n    `code`\n</pre>\n{{ page.title }}\n"
    lines = masked_lines(body, html_file=True)
    assert lines[:3] == ["<pre>", "    `code`", "</pre>"]
    assert lines[3] == " " * 16


def test_crlf_line_breaks_are_kept() -> None:
    lines = masked_lines("```\r\n</b>\r\n```\r\n<p>x</p>\r\n")
    assert lines == ["   \r", "    \r", "   \r", "<p>x</p>\r", ""]


def test_body_without_code_is_returned_unchanged() -> None:
    body = '<p data-ke-size="size16">뉴스 본문</p>\n'
    mask = mask_body(body)
    assert mask.text is body and mask.ranges == ()


def test_backslash_escaped_angle_bracket_is_text() -> None:
    assert masked_lines('The sign said "\\</bush\\>".\n')[0] == 'The sign said "  /bush\\>".'


def markdown_lines(body: str) -> list[str]:
    """The runs of Markdown text that ``markdown_text`` finds in a post with ``body``."""
    doc = Document.from_text("post.md", "---\ntitle: t\n---\n" + body)
    return [doc.text[start:end] for start, end in markdown_text(doc)]


def test_markdown_text_is_paragraphs_and_headings() -> None:
    body = "# Title\nFirst line\nsecond line\n\n<div>\nhtml\n</div>\n\n    code\n\n## Next\n"
    assert markdown_lines(body) == ["# Title\n", "First line\nsecond line\n", "## Next\n"]


def test_a_line_that_opens_no_block_continues_the_paragraph() -> None:
    body = "Text\n<span>inline</span> html\n`code` first\nmore\n\n# H\n`x` after a heading\n"
    assert markdown_lines(body) == [
        "Text\n<span>inline</span> html\n`code` first\nmore\n",
        "# H\n",
        "`x` after a heading\n",
    ]


def test_markdown_text_of_an_html_post_is_empty() -> None:
    doc = Document.from_text("post.html", "---\ntitle: t\n---\nText\n")
    assert markdown_text(doc) == ()


def test_mask_document_masks_the_body() -> None:
    body = "Text `</b>`\n{{ x }}\n"
    doc = Document.from_text("post.md", "---\ntitle: t\n---\n" + body)
    assert mask_document(doc) == mask_body(body)


def test_code_span_closes_only_on_a_run_as_long() -> None:
    lines = masked_lines("a ``x ` y``` z`` b `</i>\n")
    assert lines[0] == "a " + " " * len("``x ` y``` z``") + " b `</i>"


def test_escaped_backtick_opens_no_code_span() -> None:
    assert masked_lines("\\`</b>` x\n")[0] == "\\`</b>` x"
    assert masked_lines("\\`</b>` `</i>\n")[0] == "\\`</b>   </i>"


def test_backtick_fence_with_a_backtick_after_it_is_not_a_fence() -> None:
    assert masked_lines("``` a`b\n</b>\n```\n")[1] == "</b>"


def test_tab_indented_code_in_a_list_item_needs_four_more_columns() -> None:
    lines = masked_lines("- item\n\n  \t</b>\n\n\t\t</i>\n")
    assert lines[2] == "  \t</b>"
    assert lines[4].strip() == ""


def test_code_indented_by_spaces_then_a_tab_is_masked() -> None:
    # "  \t" reaches column 4: code. A quick pre-test once looked only for "\n    " and "\n\t"
    # and skipped the whole scan for such a post.
    lines = masked_lines("Text.\n\n  \t<p>a stray </b>\n")
    assert lines[2] == " " * len("  \t<p>a stray </b>")


def test_covers_finds_the_overlapping_range_among_many() -> None:
    body = "".join(f"word `code{n}` " for n in range(200)) + "\n"
    mask = mask_body(body)
    assert len(mask.ranges) == 200
    for start in range(0, len(body) + 1, 7):
        for end in (start, start + 1, start + 9):
            expected = any(s < end and start < e for s, e in mask.ranges)
            assert mask.covers(start, end) == expected, (start, end)
    first = mask.ranges[0]
    assert mask.covers(first[0], first[0] + 1) and not mask.covers(0, first[0])
