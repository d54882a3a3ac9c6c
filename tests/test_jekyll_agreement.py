"""Site rules against a real Jekyll build (Debian's ``jekyll``), where Jekyll's verdict wins.

Small sites are made from shared-corpus posts, with a layout that marks each page with its
source path, plugins and theme off. Jekyll builds them; newslint lints them; the test compares
URL conflicts (SI001), the post Jekyll keeps, files Jekyll skips or stops at (SI006), link tags
Jekyll rejects (SI008) and what happens to a post whose front matter does not parse (FM003).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from newslint.cli import main
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "frowth-official__frowth-official.github.io"
JEKYLL = shutil.which("jekyll")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(JEKYLL is None, reason="Debian's jekyll is not installed (.ci/run does)"),
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo"),
]

LAYOUT = "<!-- newslint-source: {{ page.path }} -->{{ content }}"
MARK = re.compile(r"<!-- newslint-source: (\S+) -->")
CONFLICT = re.compile(r"Conflict: The following destination is shared by multiple files\.")
ESCAPES = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Build:
    """What ``jekyll build`` did: its exit status, log, and the output page of each source."""

    status: int
    log: str
    pages: dict[str, str]

    def conflicts(self) -> list[set[str]]:
        """Each group of sources Jekyll warned were written to one destination."""
        groups: list[set[str]] = []
        lines = self.log.splitlines()
        for number, line in enumerate(lines):
            if CONFLICT.search(line):
                sources = set()
                for follow in lines[number + 3 :]:
                    item = follow.strip()
                    if not item.startswith("- "):
                        break
                    sources.add(item[2:].rsplit("/_posts/", 1)[-1])
                groups.append(sources)
        return groups


def make_site(root: Path, config: dict[str, object], posts: dict[str, str]) -> Path:
    """A site at ``root``: ``config`` as ``_config.yml``, one marking layout, ``posts``."""
    (root / "_posts").mkdir(parents=True)
    (root / "_layouts").mkdir()
    config = {
        **config,
        "plugins": [],
        "defaults": [{"scope": {"path": ""}, "values": {"layout": "post"}}],
    }
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for name in ("default", "post", "page"):
        (root / "_layouts" / f"{name}.html").write_text(LAYOUT, encoding="utf-8")
    for name, text in posts.items():
        (root / "_posts" / name).write_text(text, encoding="utf-8")
    return root


def build(root: Path) -> Build:
    """Build the site offline; map each output page back to its source by the layout's mark."""
    assert JEKYLL is not None
    done = subprocess.run(
        [JEKYLL, "build", "--safe"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    pages: dict[str, str] = {}
    site = root / "_site"
    for page in site.rglob("*") if site.is_dir() else ():
        if page.is_file():
            found = MARK.search(page.read_text(encoding="utf-8", errors="replace"))
            if found:
                pages[found.group(1).removeprefix("_posts/")] = page.relative_to(site).as_posix()
    return Build(done.returncode, ESCAPES.sub("", done.stdout + done.stderr), pages)


def lint(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    """newslint's JSON findings for the site, paths relative to ``_posts/``."""
    capsys.readouterr()
    main(["--no-cache", "--format", "json", str(root)])
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)["diagnostics"]
    for item in found:
        item["path"] = str(item["path"]).rsplit("/_posts/", 1)[-1]
    return found


def codes(found: list[dict[str, object]], code: str) -> dict[str, str]:
    """``path -> message`` of the findings of one rule."""
    return {str(d["path"]): str(d["message"]) for d in found if d["code"] == code}


def corpus_posts(count: int) -> dict[str, str]:
    """The first ``count`` posts of the corpus site that parse, and every one that does not."""
    chosen: dict[str, str] = {}
    for path in sorted((CORPUS / "_posts").iterdir()):
        text = path.read_text(encoding="utf-8")
        front = text.split("---", 2)[1]
        try:
            yaml.safe_load(front)
            if len(chosen) < count:
                chosen[path.name] = text
        except yaml.YAMLError:
            chosen[path.name] = text
    return chosen


def test_corpus_site_urls_conflicts_and_kept_posts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = corpus_posts(120)
    first, second = sorted(n for n in posts if posts[n].count("\ntitle:"))[:2]
    posts[first.replace(".md", ".html")] = posts[first]  # same date and slug: one URL
    day, _, _ = second.partition("-")
    copied = posts[second].replace("\ntitle:", "\npermalink: /copied/\ntitle:", 1)
    posts[f"{day}-01-01-copy-a.md"] = copied
    posts[f"{day}-01-02-copy-b.md"] = copied
    config = yaml.safe_load((CORPUS / "_config.yml").read_text(encoding="utf-8"))
    site = make_site(tmp_path / "site", {"permalink": config["permalink"]}, posts)
    built, found = build(site), lint(site, capsys)
    assert built.status == 0, built.log
    conflicts = built.conflicts()
    assert len(conflicts) == 2
    reported = codes(found, "SI001")
    # Every conflict Jekyll warns about is an SI001 on the post it overwrites, and vice versa.
    assert {frozenset(g) for g in conflicts} == {
        frozenset({path, re.search(r"built from (\S+?),", m).group(1).rsplit("/_posts/")[-1]})  # type: ignore[union-attr]
        for path, m in reported.items()
    }
    for path, message in reported.items():
        kept = message.split("built from ", 1)[1].split(",", 1)[0].rsplit("/_posts/", 1)[-1]
        assert kept in built.pages, f"newslint says Jekyll keeps {kept}"
        assert path not in built.pages
    # A post whose front matter does not parse is published anyway: without its front matter,
    # dated the day of the build, at a URL of its whole file name; FM003 says where.
    broken = codes(found, "FM003")
    assert len(broken) >= 20
    today = dt.date.today()
    for path, message in broken.items():
        url = built.pages[path]
        assert url.startswith(today.strftime("%Y/%m/%d/")), url
        assert f"…/{url.removesuffix('/index.html').rsplit('/', 1)[-1]}/" in message, message


@pytest.mark.parametrize(
    ("name", "front", "outcome"),
    [
        ("2016-06-31-rolls.md", "", "2016/07/01/rolls.html"),
        ("2016-02-30-rolls.md", "", "2016/03/01/rolls.html"),
        ("2016-13-01-stops.md", "", "stops"),
        ("2016-01-32-stops.md", "", "stops"),
        ("2016-13-01-dated.md", "date: 2016-02-03\n", "2016/02/03/dated.html"),
        ("2016-1-3-short.md", "", "2016/01/03/short.html"),
        ("notes-on-a-day.md", "", "skipped"),
    ],
)
def test_file_names_as_jekyll_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, front: str, outcome: str
) -> None:
    body = next(iter(corpus_posts(1).values())).split("---", 2)[2]
    text = f"---\nlayout: post\ntitle: A post\n{front}---{body}"
    site = make_site(tmp_path / "site", {"permalink": "date"}, {name: text})
    built, found = build(site), lint(site, capsys)
    message = codes(found, "SI006").get(name)
    if outcome == "stops":
        assert built.status != 0 and "Invalid date" in built.log
        assert message is not None and "stops the build" in message
    elif outcome == "skipped":
        assert built.status == 0 and name not in built.pages
        assert message is not None and "skips it" in message
    else:
        assert built.status == 0 and built.pages.get(name) == outcome, built.log
        published = outcome.rsplit("/", 1)[0].replace("/", "-")
        wrong_name = "not a calendar date" in (message or "")
        # A post is reported when its file name's date is not the date Jekyll gives it.
        assert (message is not None) == wrong_name
        if message is not None and not front:
            assert published in message


@pytest.mark.parametrize(
    ("tag", "target", "broken"),
    [
        ("post_url", "---\nlayout: post\ntitle: T\n---\nBody\n", False),
        ("post_url", "---\nlayout: post\ntitle: T\npublished: false\n---\nBody\n", True),
        ("post_url", "---\nlayout: post\ntitle: T\ndate: 2090-01-01\n---\nBody\n", True),
        ("post_url", None, True),
        ("link", "---\nlayout: post\ntitle: T\npublished: false\n---\nBody\n", True),
        ("link", "---\nlayout: post\ntitle: T\n---\nBody\n", False),
    ],
)
def test_link_tags_jekyll_rejects_are_si008(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tag: str,
    target: str | None,
    broken: bool,
) -> None:
    name = "2016-01-03-target"
    reference = name if tag == "post_url" else f"_posts/{name}.md"
    posts = {
        "2016-01-01-linking.md": f"---\nlayout: post\ntitle: L\n---\n{{% {tag} {reference} %}}\n"
    }
    if target is not None:
        posts[f"{name}.md"] = target
    site = make_site(tmp_path / "site", {"permalink": "date", "future": False}, posts)
    built, found = build(site), lint(site, capsys)
    assert (built.status != 0) == broken, built.log
    assert ("2016-01-01-linking.md" in codes(found, "SI008")) == broken


@pytest.mark.parametrize(
    ("written", "published"),
    [("2016-06-31 10:00", "2016/07/01"), ("2016-02-30", "2016/03/01"), ("2016-13-01", None)],
)
def test_impossible_front_matter_dates_as_jekyll_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, published: str | None
) -> None:
    name = "2016-06-01-vote.md"
    post = f"---\nlayout: post\ntitle: Vote\ndate: {written}\n---\nBody\n"
    site = make_site(tmp_path / "site", {"permalink": "date"}, {name: post})
    built, found = build(site), lint(site, capsys)
    message = codes(found, "FM011")[name]
    assert "impossible date" in message
    if published is None:
        assert built.status != 0 and "Invalid date" in built.log
        assert "stops the build" in message
    else:
        assert built.pages[name] == f"{published}/vote.html"
        assert f"dates the post {published.replace('/', '-')}" in message
