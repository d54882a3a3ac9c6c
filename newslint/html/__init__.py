"""The HTML layer: one html5lib parse of a post's masked body, with exact source spans.

html5lib implements the WHATWG parsing algorithm, so its tree and its parse errors are what a
browser builds and what the Nu Html Checker reports. Its own error positions are where the
tokenizer stopped, not where the markup starts, so the parse here records offsets itself:

* the tokenizer reads the whole (masked, CR-normalised) body as one chunk, so the stream's
  ``chunkOffset`` is a character offset; every tag, comment and doctype token gets the offset
  of its ``<`` and the offset just past its ``>``, and every attribute the offset of its name;
* each parse error records the token being processed when it was raised (tree-construction
  errors) or the construct the tokenizer was in (tokenizer errors: the tag from its ``<``, the
  character reference from its ``&``);
* the tree builder records, for every element, the start tag that created it (none when the
  parser implied it), the end tag that closed it, or where it was closed implicitly.

The recording is flat lists of numbers and names; ``Tag`` and ``ElementSpans`` objects are
made from them only for what a rule asks about (most posts have a few dozen tags and no parse
error, some have tens of thousands of tags). Offsets are mapped back to ``doc.text`` (the
body's offset plus CRLF pairs the tokenizer saw as one LF). Nothing here recurses over the
tree, so very deep nesting is safe.

Modules: ``parse`` (``parse_html``, ``parse_fragment``), ``query`` (``HtmlParse``, the API rules
read), ``tokenizer`` and ``parser`` (the html5lib subclasses that record), ``recording`` (what
they record) and ``offsets`` (normalised offsets to the source and back).
"""
