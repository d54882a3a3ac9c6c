"""The masker blanks Markdown code, autolinks and Liquid, keeping offsets and line breaks."""

from __future__ import annotations

from newslint.markdown import mask_body


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
