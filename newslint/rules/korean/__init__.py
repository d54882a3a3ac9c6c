"""The Korean pack (``KO``): rules for Korean text, run on posts in Korean (``language: ko``).

Unicode hygiene, emphasis that a renderer leaves as asterisks next to Hangul, punctuation a
machine can check, and the residue of generated news. The pack's site rules live with the other
site rules in ``newslint.rules.site``.
"""
