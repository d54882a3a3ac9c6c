"""KO012 placeholder-text: no blank of a template is left in the post.

What the shared corpus's generated news shows, and what text generators commonly leave:
instructions to the writer ("마음대로 입력하세요", "여기에 … 입력하세요/적어주세요"), blanks in
brackets (``[이메일 주소]``, ``[이미지]``, ``(사진 설명)``, an inline ``[… 설명]`` followed by a
particle), ``lorem ipsum``, a telephone number of x's (``02-xxx-xxxx``), Cloudflare's
``[email protected]`` in place of an address it hid, and images whose address is a placeholder
service (``via.placeholder.com``), a reserved example domain (``example.com``) or a blank
(``src="이미지 링크"``, ``your-image-source.jpg``). Text is looked for where readers see it: the
body outside code, Liquid, tags and comments, and the front-matter values a theme prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from newslint.context import RuleContext
from newslint.diagnostics import Finding
from newslint.frontmatter import parse
from newslint.html.parse import parse_html
from newslint.messages import Text, t
from newslint.rules.korean._residue import shown

_SHOWN_KEYS = frozenset({"title", "subtitle", "excerpt", "description", "summary", "feature_text"})
_IMAGE_KEYS = frozenset({"image", "feature_image", "thumbnail", "teaser", "cover", "og_image"})

_SLOT_WORDS = (
    r"이메일(?: ?주소)?|e-?mail(?: address)?|전화 ?번호|연락처|이름|성함|날짜|회사명|기관명"
    r"|담당자(?: 이름)?|이미지(?: ?(?:링크|주소|URL|설명|삽입|위치))?|사진(?: ?(?:설명|삽입|위치))"
    r"|그림 설명|링크 주소|URL|키워드|image|photo"
)
_TEXT = re.compile(
    # an instruction to the writer
    r"(?P<instruction>(?:마음대로|여기에|이곳에|이 곳에|이 부분에)[^\n<>.!?]{0,40}?"
    r"(?:입력|작성|기입|삽입|추가|적어|넣어)\s?(?:하세요|해\s?주세요|주세요|하십시오|해주십시오))"
    # a blank in brackets: [이메일 주소], (사진 설명), 【이미지】
    rf"|(?P<slot>[\[【](?:{_SLOT_WORDS})[\]】](?![(\[:])"
    r"|\((?:사진|이미지|그림) ?(?:설명|삽입|위치)\))"
    # an inline blank that names what should stand there, read on by a particle
    r"|(?P<described>\[[가-힣 ]{2,30}(?:에 대한|의|한) [가-힣 ]{0,20}설명\]"
    r"(?=[을를의이가은는에와과로]))"
    r"|(?P<lorem>\b[Ll]orem ipsum\b)"
    r"|(?P<phone>\b0\d{1,2}-(?:x{3,4}|X{3,4})-(?:x{4}|X{4})\b)"
    r"|(?P<cloudflare>\[email(?:&#160;|&nbsp;|\u00a0| )protected\])",
    re.I,
)
_SRC = re.compile(r"""\b(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_MARKDOWN_IMAGE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]+)")
_SERVICES = frozenset(
    {
        "via.placeholder.com",
        "placeholder.com",
        "placehold.co",
        "placehold.it",
        "dummyimage.com",
        "fakeimg.pl",
        "placekitten.com",
        "picsum.photos",
    }
)
_EXAMPLE_HOSTS = re.compile(
    r"(?:^|\.)(?:example\d*|examplelink|linktoimage|yourwebsite|yoursite|your-?domain)"
    r"\.(?:com|org|net)$"
)
_BLANK_ADDRESS = re.compile(
    r"(?:이미지|사진|그림) ?(?:링크|주소|URL|경로|파일)|^[^/.]*[가-힣][^/.]*$"
    r"|^image[-_ ]?(?:url|link|src)$|your[-_ ]?image|image[-_ ]?source|path/to/"
    r"|placeholder\.(?:png|jpe?g|gif|webp)$",
    re.I,
)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Report every template blank readers would see, in source order."""
    found = list(_front_matter(ctx)) + list(_body_text(ctx)) + list(_body_images(ctx))
    found.sort(key=lambda finding: finding.start)
    yield from found


def _front_matter(ctx: RuleContext) -> Iterator[Finding]:
    front = parse(ctx.doc)
    if front is None or front.root is None or front.root.kind != "map":
        return
    text = ctx.doc.text
    for key, value in front.root.pairs:
        name = key.value if isinstance(key.value, str) else ""
        if value.kind != "scalar" or not isinstance(value.value, str):
            continue
        if name in _SHOWN_KEYS:
            for m in _TEXT.finditer(text, value.start, value.end):
                yield _text_finding(m)
        elif name in _IMAGE_KEYS:
            finding = _address_finding(value.value, value.start, value.end, image=True)
            if finding is not None:
                yield finding


def _body_text(ctx: RuleContext) -> Iterator[Finding]:
    text = ctx.doc.text
    matches = list(_TEXT.finditer(text, ctx.doc.body_start))
    if not matches:
        return
    parse = parse_html(ctx.doc)
    comments = [(c.start, c.end) for c in parse.comments]
    for m in matches:
        if parse.masked(m.start(), m.end()) or parse.tag_around(m.start()) is not None:
            continue
        if any(s <= m.start() < e for s, e in comments):
            continue
        yield _text_finding(m)


def _text_finding(m: re.Match[str]) -> Finding:
    written = shown(m.group())
    message: Text
    if m.group("cloudflare"):
        message = t(
            "'{text}' is what Cloudflare shows in place of an e-mail address it hides: the address"
            " was lost when the page was copied; put the real address back",
            text=written,
        )
    elif m.group("instruction"):
        message = t(
            "'{text}' is an instruction of the template, not news: readers see it as the post's"
            " text; write what belongs there or remove it",
            text=written,
        )
    else:
        message = t(
            "'{text}' is a blank of the template that was never filled in: readers see the blank"
            " instead of the content; write what belongs there or remove it",
            text=written,
        )
    return Finding(m.start(), m.end(), message)


def _body_images(ctx: RuleContext) -> Iterator[Finding]:
    """Images whose address is a placeholder, and links to a placeholder site."""
    text = ctx.doc.text
    start = ctx.doc.body_start
    if "src" not in text[start:] and "href" not in text[start:] and "](" not in text[start:]:
        return
    parse = parse_html(ctx.doc)
    for m in _SRC.finditer(text, start):
        group = 2 if m.group(2) is not None else 3
        tag = parse.tag_around(m.start())
        if tag is None or parse.masked(m.start(), m.end()):
            continue
        image = m.group(1).lower() == "src"
        if tag.name not in (("img", "source") if image else ("a",)):
            continue
        finding = _address_finding(m.group(group), m.start(group), m.end(group), image=image)
        if finding is not None:
            yield finding
    if ctx.doc.is_html_file:
        return
    for m in _MARKDOWN_IMAGE.finditer(text, start):
        if parse.masked(m.start(), m.end()) or parse.tag_around(m.start()) is not None:
            continue
        finding = _address_finding(m.group(2), m.start(2), m.end(2), image=bool(m.group(1)))
        if finding is not None:
            yield finding


def _address_finding(address: str, start: int, end: int, *, image: bool) -> Finding | None:
    """A finding on an image's or a link's address that is a placeholder, else ``None``."""
    value = address.strip()
    if not value:
        return None
    try:
        host = (urlsplit(value).hostname or "").lower()
    except ValueError:
        host = ""
    if image and host in _SERVICES:
        return Finding(
            start,
            end,
            t(
                "the image comes from a placeholder service ({host}): readers see a stand-in box"
                " instead of the photo; put in the real image or remove it",
                host=host,
            ),
        )
    if _EXAMPLE_HOSTS.search(host):
        blank = True
    else:
        blank = image and _BLANK_ADDRESS.search(value) is not None
    if not blank:
        return None
    if image:
        message = t(
            "the image address '{address}' is a blank of the template that was never filled"
            " in: readers see a broken image; put in the real image's address or remove it",
            address=shown(value),
        )
    else:
        message = t(
            "the link address '{address}' is a blank of the template that was never filled in:"
            " readers who follow it find nothing; put in the real address or remove the link",
            address=shown(value),
        )
    return Finding(start, end, message)
