#!/usr/bin/env python3
"""Write rules/index.json from the rule files: run ``python scripts/rule_index.py`` after adding
or editing a rule."""

from newslint.catalogue import INDEX, index_text
from newslint.resources import data_dir

if __name__ == "__main__":
    target = data_dir("rules") / INDEX
    target.write_text(index_text(), encoding="utf-8")
    print(f"wrote {target}")
