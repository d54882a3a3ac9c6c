"""Site rules (SI): checks over every entry of one Jekyll site (``newslint.site_rules.index``)."""
