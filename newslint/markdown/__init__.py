"""Masks for what is not HTML in a post body: Markdown code, autolinks and Liquid.

A mask replaces every masked character by a space and keeps every ``\\n`` and ``\\r``, so the
masked text has the same length, lines and offsets as the original and HTML checks can parse
it without ever reporting inside a code sample or a template tag.

Jekyll renders a post in two steps, and the masker follows them: Liquid first (``{% raw %}``,
``{% highlight %}`` and ``{% comment %}`` blocks, ``{{ … }}`` and ``{% … %}`` tags), then
kramdown (GFM input, Jekyll's default) on what Liquid left. The Markdown side is a line
scanner that models the kramdown rules that decide what is code:

* fenced code (three or more backticks or tildes, closed by a fence of the same character at
  least as long; kramdown needs the closing fence, so an unclosed fence is not code);
* indented code (four spaces or a tab) where a block may start: not as a lazy continuation
  of a paragraph, not as the content of a list item, and never inside a raw HTML block;
* raw HTML blocks: a line that opens with a block-level or unknown element (``<table>``,
  ``<section>``, ``<custom>``), a comment, ``<?`` or an end tag runs, as in kramdown, to the
  end tag that closes it, with no Markdown inside; so a blank line and an indented ``<td>``
  inside a ``<table>`` stay HTML (CommonMark would end the block at the blank line and make
  the indented lines code);
* code spans (backtick runs of equal length), autolinks (``<https://…>``, ``<mailto:…>``,
  ``<name@host>``) and escaped ``\\<`` in the lines kramdown parses as Markdown text.

A post's body is read once, for both its mask and its Markdown text (``markdown_text``).
``.html`` posts are all HTML: only Liquid is masked.

Modules: ``mask`` (the mask, Liquid and the Markdown text), ``blocks`` (the line scanner),
``inline`` (code spans, escapes and autolinks in Markdown text), ``elements`` (the element
names kramdown treats apart, which the rules that model it share), ``emphasis`` (kramdown's and
CommonMark's emphasis) and ``prose`` (the mask with comments, tags and code elements blanked
too: the text a reader reads, for the Korean pack and pattern house rules).
"""
