"""``newslint server``: the language server that brings findings, fixes, rule docs and
front-matter completion into any LSP editor."""
