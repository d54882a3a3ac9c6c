"""SI004 date-mismatch: a post's ``date:`` falls on the day its file name says.

Jekyll dates the post and its URL by the front matter's date, in the site's timezone; the
finding is on the ``date:`` value and says which day Jekyll uses.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.rules.site.view import SiteFinding, SiteView


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per ``date:`` on another day than the file name's date."""
    for entry in site.entries:
        field = entry.date_field
        if entry.file_date is None or field is None or field.span is None or entry.date is None:
            continue
        day = entry.date[:10]
        if day == entry.file_date:
            continue
        if field.value.startswith(day):
            what = f"date {field.value} disagrees with the file name's {entry.file_date}"
        else:
            what = (
                f"date {field.value} is {day} in the site's timezone, "
                f"not the file name's {entry.file_date}"
            )
        message = f"{what}; Jekyll dates the post and its URL {day}; make them agree"
        yield SiteFinding(entry.path, Finding(*field.span, message))
