"""SI005 future-date: a published post is not dated in the future.

Jekyll leaves such a post out of every build until its date (``future: false``, the default),
or publishes it with a date in the future (``future: true``; reported then only with the
``always`` option).
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Finding
from newslint.messages import t
from newslint.rules.site.view import TOP, SiteFinding, SiteView


def check(site: SiteView) -> Iterator[SiteFinding]:
    """Yield a finding per published post dated after now."""
    site_future = site.config.get("future") is True
    for entry in site.posts():
        day = site.future_day(entry)
        if day is None:
            continue
        always = bool(site.options(entry.path, "SI005").get("always", False))
        if site_future and not always:
            continue
        field = entry.date_field
        span = field.span if field is not None and field.span is not None else TOP
        if site_future:
            effect = t("it is published now with a date in the future (future: true)")
        else:
            effect = t("Jekyll leaves it out of every build until then (future: false)")
        message = t(
            "post is dated {day}, in the future; {effect}; correct the date", day=day, effect=effect
        )
        yield SiteFinding(entry.path, Finding(*span, message))
