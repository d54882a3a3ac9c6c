"""HT030 unsafe-script: no script in a post body.

Script in content runs with the site's origin: whoever can edit a post (or paste into the editor)
can steal visitors' sessions or deface pages. Reported: ``<script>`` elements, unless their
``src`` is the site's own (a path, or the host of its ``url:``), ``http://`` on an https site
(browsers block it: HT033), or on a host in the ``allowed-script-hosts`` option
(``extend-allowed-script-hosts`` adds to it; by default the embed scripts of well-known
providers, ``_embeds.SCRIPT_HOSTS``); ``on*`` event handler
attributes, unless they only send an analytics event (``ga('send', 'event', …)``); and
``javascript:``/``vbscript:``/``data:`` URLs in ``href``, ``src`` and other URL attributes (a
``data:image/…`` ``src`` of an ``<img>`` is only an image and is fine), and the same URLs as
the destination of a Markdown link (``[text](javascript:…)``, a reference definition), which
kramdown turns into a live link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.html.parse import parse_html
from newslint.html.query import HtmlParse, Tag
from newslint.markdown.mask import markdown_text
from newslint.messages import t
from newslint.rules.html._embeds import SCRIPT_HOSTS, allowed_hosts
from newslint.rules.html._markup import extent, host_allowed, host_of, shown
from newslint.rules.html.insecure_resource import https_site

CODE = "HT030"
_RISKY = frozenset({"javascript", "vbscript", "data"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "xlink:href"})
_CONTROL = "".join(chr(c) for c in range(33))
_MARKDOWN_LINK = re.compile(r"\]\([ \t]*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)")
"""The destination of an inline link or image: ``](url)``, ``](<url>)``, one level of ``()``."""
_MARKDOWN_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)", re.M)
"""The destination of a link reference definition: ``[id]: url``."""
_LITERAL = r"""(?:'[^'\\]*'|"[^"\\]*"|-?\d+(?:\.\d+)?|true|false|null)"""
_KEY = rf"(?:\w+|{_LITERAL})\s*:\s*{_LITERAL}"
_VALUE = (
    rf"(?:{_LITERAL}|\[\s*(?:{_LITERAL}(?:\s*,\s*{_LITERAL})*)?\s*\]"
    rf"|\{{\s*(?:{_KEY}(?:\s*,\s*{_KEY})*)?\s*\}})"
)
_TRACKERS = r"(?:ga|gtag|_gaq\.push|_paq\.push|dataLayer\.push|plausible|umami\.track)"
_ANALYTICS = re.compile(
    rf"\s*(?:{_TRACKERS}\s*\(\s*(?:{_VALUE}(?:\s*,\s*{_VALUE})*)?\s*\)\s*;?\s*)+"
)
"""An event handler that only sends constant analytics events (the layout's tracker)."""
_RISKY_SCHEME = re.compile(":(?:(?<=[Ss][Cc][Rr][Ii][Pp][Tt]:)|(?<=[Dd][Aa][Tt][Aa]:))")
"""The end of "javascript:", "vbscript:" or "data:", in any case (found from the colon, fast)."""


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Yield findings for script elements, event handlers and script or data URLs."""
    allowed = allowed_hosts(ctx, CODE, "allowed-script-hosts", SCRIPT_HOSTS)
    https = https_site(ctx)  # an http:// script there is blocked, not run (HT033)
    parse = parse_html(ctx.doc)
    text = ctx.doc.text
    for tag in _candidates(parse):
        if tag.name == "script":
            src = tag.attrs.get("src", "").strip()
            if not _allowed_source(src, allowed) and not (https and _http(src)):
                if src:
                    what: str = f'<script src="{shown(src, 50)}">'
                else:
                    what = t("inline <script>")
                message = t("{what} runs script in the post", what=what)
                yield Finding(tag.start, tag.end, message)
        if not any(_suspect(name, value) for name, value in tag.attrs.items()):
            continue
        for attribute in parse.attributes(tag):
            name = attribute.name
            handler = name.startswith("on") and len(name) > 2 and name.isalpha()
            scheme = _scheme(attribute.value) if name in URL_ATTRIBUTES else ""
            if not handler and scheme not in _RISKY:
                continue
            if handler and _ANALYTICS.fullmatch(attribute.value):
                continue
            if scheme == "data" and _image_data(tag.name, name, attribute.value):
                continue
            where = extent(text, attribute)
            if parse.masked(where.value_start, where.value_end):
                continue
            written = shown(text[where.start : where.end], 50)
            if handler:
                message = t("event handler {attribute} runs script", attribute=written)
            else:
                message = t("{scheme}: URL in {attribute}", scheme=scheme, attribute=written)
            yield Finding(where.start, where.end, message)
    if not ctx.doc.is_html_file:
        yield from _markdown_links(ctx, parse)


def _http(url: str) -> bool:
    """Whether ``url`` is an ``http://`` URL (as browsers read it: leading controls ignored)."""
    return url.lstrip(_CONTROL).lower().startswith("http://")


def _allowed_source(src: str, allowed: list[str]) -> bool:
    """Whether ``<script src>`` is the site's own (a path) or on an allowed host."""
    if not src:
        return False  # inline script
    try:
        parts = urlsplit(src)
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc:
        return True
    host = host_of(src)
    return host is not None and host_allowed(host, allowed)


def _candidates(parse: HtmlParse) -> list[Tag]:
    """The start tags that may run script, in source order: ``<script>`` and those with an
    ``on…`` attribute or a script or data URL."""
    handlers = (name for name in parse.attribute_names if name.startswith("on"))
    found = {tag.start: tag for tag in parse.start_tags_named("script")}
    suspect = parse.start_tags_with(URL_ATTRIBUTES.union(handlers), where=_suspect)
    found.update((tag.start, tag) for tag in suspect)
    return [found[start] for start in sorted(found)]


def _markdown_links(ctx: RuleContext, parse: HtmlParse) -> Iterator[Finding]:
    """Findings for script and data URLs as Markdown link destinations (code already masked)."""
    doc = ctx.doc
    masked, base = parse.mask.text, doc.body_start
    if not _may_name_risky_scheme(masked):
        return
    for start, end in markdown_text(doc):
        run = masked[start - base : end - base]
        for pattern in (_MARKDOWN_LINK, _MARKDOWN_DEFINITION):
            for match in pattern.finditer(run):
                url = match.group(1).strip("<>")
                scheme = _scheme(url)
                if scheme not in _RISKY or _squeeze(url).startswith("data:image/"):
                    continue
                at, stop = start + match.start(1), start + match.end(1)
                written = shown(doc.text[at:stop], 50)
                message = t(
                    "{scheme}: URL as a Markdown link destination: {url}",
                    scheme=scheme,
                    url=written,
                )
                yield Finding(at, stop, message)


def _may_name_risky_scheme(text: str) -> bool:
    """A quick test that ``text`` may hold a script or data URL: without the text of such a
    scheme and its colon (tabs and CRs, which browsers ignore in URLs, left out; a Markdown
    link destination holds no newline), finding the Markdown text is not needed."""
    if "\t" in text or "\r" in text:
        text = text.replace("\t", "").replace("\r", "")
    return _RISKY_SCHEME.search(text) is not None


def _suspect(name: str, value: str) -> bool:
    """A first look at the parsed attributes: an ``on…`` name or a script or data URL."""
    return name.startswith("on") or (name in URL_ATTRIBUTES and _scheme(value) in _RISKY)


def _scheme(url: str) -> str:
    """The scheme browsers see in ``url`` (tabs, newlines and leading controls ignored)."""
    colon = url.find(":")
    if colon < 0:
        return ""
    head = url[:colon].lstrip(_CONTROL).replace("\t", "").replace("\n", "").replace("\r", "")
    return head.lower() if head.isalpha() else ""


def _image_data(tag: str, name: str, value: str) -> bool:
    """A ``data:image/…`` URL as an image's source: displayed, never run."""
    return tag in ("img", "source") and name == "src" and _squeeze(value).startswith("data:image/")


def _squeeze(url: str) -> str:
    return url.lstrip(_CONTROL).replace("\t", "").replace("\n", "").lower()
