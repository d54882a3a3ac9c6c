"""House rules written as data: a newsroom's own rules, from YAML files named in the config.

Each rule is one of three kinds, each a module here: ``selector`` (a CSS selector over the
post's HTML), ``pattern`` (a regular expression over its prose, front matter or title) and
``front_matter`` (conditions on front-matter keys). A kind finds ``Hit``s (``hits``); ``model``
turns a rule's YAML into its catalogue entry and its check, which words each hit's message.
"""
