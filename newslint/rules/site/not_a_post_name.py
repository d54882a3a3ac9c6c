"""SI006 not-a-post-name: files in ``_posts`` are named ``YYYY-MM-DD-title.ext``.

Jekyll skips a file whose name does not start with a date, and reads a date that is not on the
calendar as Ruby's ``Time.parse`` does (``jekyll.file_date``): a day past the end of its month
rolls over, a month over 12 stops the build unless the front matter gives a date.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.frontmatter import quote
from newslint.messages import t
from newslint.rules.site.view import TOP, SiteFinding, SiteView
from newslint.site_rules.jekyll import POST_NAME, is_calendar_date


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per file in ``_posts`` whose name Jekyll skips, refuses or reads as
    another date, at the start of the file."""
    for entry in site.entries:
        if entry.collection != "posts" or entry.draft:
            continue
        name = entry.rel.rsplit("/", 1)[-1]
        dated = POST_NAME.match(name)
        if dated is None:
            message = t(
                "file name {name} does not start with a date (YYYY-MM-DD-title.ext); "
                "Jekyll skips it without a warning, so it is never published; rename the file",
                name=quote(name),
            )
            yield SiteFinding(entry.path, Finding(*TOP, message))
            continue
        written = dated.group(1)
        if is_calendar_date(written):
            continue
        if entry.date_field is not None and entry.date is not None:
            effect = t("Jekyll dates the post by its front matter ({date})", date=entry.date[:10])
        elif entry.file_date is not None:
            effect = t(
                "Jekyll publishes the post dated {date} (the day rolls over)",
                date=entry.file_date,
            )
        else:
            effect = t("Jekyll stops the build with 'Invalid date'")
        message = t(
            "the date {date} in file name {name} is not a calendar date; {effect}; "
            "rename the file with the post's real date",
            date=written,
            name=quote(name),
            effect=effect,
        )
        yield SiteFinding(entry.path, Finding(*TOP, message))
