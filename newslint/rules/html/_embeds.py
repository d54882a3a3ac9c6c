"""The embed providers HT030 and HT031 accept by default, and the site's own host.

A post that embeds a video, a slide deck, a gist or a chart from a well-known provider does so
on purpose, with the code the provider hands out; those hosts are allowed unless a site sets its
own list. A host allows its subdomains (``vimeo.com`` allows ``player.vimeo.com``).
"""

from __future__ import annotations

from newslint.context import RuleContext
from newslint.rules.html._markup import host_of, site_config, string_list

FRAME_HOSTS = (
    # video and audio
    "youtube.com",
    "youtube-nocookie.com",
    "vimeo.com",
    "dailymotion.com",
    "twitch.tv",
    "embed.ted.com",
    "players.brightcove.net",
    "fast.wistia.net",
    "loom.com",
    "soundcloud.com",
    "open.spotify.com",
    "bandcamp.com",
    "mixcloud.com",
    "embed.podcasts.apple.com",
    "embed.music.apple.com",
    "archive.org",
    # slides, code and documents
    "slideshare.net",
    "speakerdeck.com",
    "codepen.io",
    "jsfiddle.net",
    "codesandbox.io",
    "stackblitz.com",
    "google.com",
    # social posts and pictures
    "twitter.com",
    "x.com",
    "instagram.com",
    "facebook.com",
    "tiktok.com",
    "linkedin.com",
    "embed.reddit.com",
    "flickr.com",
    "imgur.com",
    "giphy.com",
    # Amazon Associates product links
    "amazon-adsystem.com",
    "rcm.amazon.com",
    "rcm-uk.amazon.co.uk",
    "rcm-de.amazon.de",
    "rcm-ca.amazon.ca",
    # maps and charts
    "openstreetmap.org",
    "datawrapper.dwcdn.net",
    "flo.uri.sh",
    "public.tableau.com",
    "e.infogram.com",
)
"""Hosts whose players and widgets ``<iframe>``/``<embed>``/``<object>`` may load (HT031)."""

SCRIPT_HOSTS = (
    "gist.github.com",
    "platform.twitter.com",
    "platform.instagram.com",
    "www.instagram.com",
    "connect.facebook.net",
    "www.tiktok.com",
    "embed.reddit.com",
    "embed.redditmedia.com",
    "embed.bsky.app",
    "speakerdeck.com",
    "codepen.io",
    "asciinema.org",
    "player.vimeo.com",
    "embedr.flickr.com",
    "s.imgur.com",
    "datawrapper.dwcdn.net",
    "public.flourish.studio",
    "e.infogram.com",
    "amazon-adsystem.com",
)
"""Hosts of the scripts providers hand out with their embed code (HT030)."""


def allowed_hosts(ctx: RuleContext, code: str, key: str, default: tuple[str, ...]) -> list[str]:
    """Option ``key`` of rule ``code`` (else ``default``), plus ``extend-KEY``, plus the site's
    own host (``url:`` in ``_config.yml``)."""
    hosts = string_list(ctx, code, key, default) + string_list(ctx, code, f"extend-{key}", ())
    url = site_config(ctx).get("url")
    own = host_of(url) if isinstance(url, str) else None
    return [*hosts, own.removeprefix("www.")] if own else hosts
