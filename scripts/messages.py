#!/usr/bin/env python3
"""Keep the translation catalogues in step with the code, with Babel.

    python scripts/messages.py            # extract, update every .po, compile every .mo
    python scripts/messages.py --check    # exit 1 if the .pot, a .po or a .mo is out of date

Messages are extracted from ``t(...)``, ``N_(...)``, ``gettext(...)`` and ``ngettext(...)`` calls
in ``newslint/`` and from the rule catalogue (``rules/*.yaml``: summary, rationale, fix title),
into ``newslint/locale/newslint.pot``; each ``newslint/locale/<lang>/LC_MESSAGES/newslint.po`` is
updated from it (new messages untranslated, translations kept) and compiled to ``newslint.mo``.
Locations name the file, not the line, so moving code leaves the catalogues as they are.
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "newslint"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "newslint.pot"
KEYWORDS = {"t": None, "N_": None, "gettext": None, "ngettext": (1, 2), "counted": (3, 4)}
CATALOGUE_FIELDS = ("summary", "rationale", "fix_title")
STAMP = datetime.datetime(2026, 12, 5, tzinfo=datetime.timezone.utc)
"""The date in every header: the files are made from the sources alone, the same every time."""


def template() -> Catalog:
    """Every translatable message of the code and the rule catalogue."""
    catalog = Catalog(
        header_comment="# The messages of newslint, written by python scripts/messages.py.",
        project="newslint",
        version="",
        domain="newslint",
        copyright_holder="the newslint authors",
        msgid_bugs_address="the newslint issue tracker",
        last_translator="the newslint authors",
        creation_date=STAMP,
        revision_date=STAMP,
        fuzzy=False,
    )
    found = extract_from_dir(PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS)
    for filename, lineno, message, comments, context in found:
        location = (f"newslint/{filename}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    sys.path.insert(0, str(REPO))
    from newslint.catalogue import builtin_catalogue as catalogue

    for code, doc in catalogue().items():
        for name in CATALOGUE_FIELDS:
            value = getattr(doc, name)
            if value:
                catalog.add(value.strip(), None, [(f"rules/{code}.yaml", 0)])
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _without_dates(data: bytes) -> bytes:
    return b"\n".join(
        line for line in data.split(b"\n") if not line.startswith((b'"POT-Creation', b'"PO-Rev'))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if anything is out of date")
    args = parser.parse_args()
    pot = template()
    stale: list[Path] = []
    wanted: dict[Path, bytes] = {TEMPLATE: _po_bytes(pot)}
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/newslint.po")):
        with po_path.open("rb") as stream:
            catalog = read_po(stream, locale=po_path.parts[-3])
        catalog.update(pot, update_header_comment=False)
        catalog.revision_date = STAMP
        wanted[po_path] = _po_bytes(catalog)
        wanted[po_path.with_suffix(".mo")] = _mo_bytes(catalog)
    for path, data in wanted.items():
        old = path.read_bytes() if path.exists() else b""
        same = old == data if path.suffix == ".mo" else _without_dates(old) == _without_dates(data)
        if same:
            continue
        stale.append(path)
        if not args.check:
            path.write_bytes(data)
    for path in stale:
        verb = "out of date" if args.check else "wrote"
        print(f"{verb}: {path.relative_to(REPO)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
