"""SI004 date-mismatch: a post's ``date:`` falls on the day its file name says.

Jekyll dates the post and its URL by the front matter's date, in the site's timezone; the
finding is on the ``date:`` value and says which day Jekyll uses.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import t
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
            what = t(
                "date {value} disagrees with the file name's {file_date}",
                value=field.value,
                file_date=entry.file_date,
            )
        else:
            what = t(
                "date {value} is {day} in the site's timezone, not the file name's {file_date}",
                value=field.value,
                day=day,
                file_date=entry.file_date,
            )
        message = t(
            "{what}; Jekyll dates the post and its URL {day}; make them agree", what=what, day=day
        )
        yield SiteFinding(entry.path, Finding(*field.span, message))
