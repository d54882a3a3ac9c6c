"""Measure the language server as an editor meets it: how soon diagnostics follow a keystroke,
a 1 MB post, and the server's memory over 10,000 edits.

Run from the repository root, with newslint's dependencies in the active environment:

    python bench/lsp.py                                    # ruby-lang.org, 200 posts
    python bench/lsp.py --site jekyll__jekyll --posts 50 --events 2000

Each scenario starts ``python -m newslint server --stdio`` afresh (``PYTHONPATH`` set to this
checkout) on a temporary copy of a corpus site (``--site``, from ``../shared/corpus``) opened
as the workspace folder, so the site rules judge each post against the whole site in memory;
the server's index cache lives in the copy. The client is this script's own: JSON-RPC over the
pipes, each message timed when its last byte is read, requests from the server answered null.

- *typical post*: ``--posts`` posts of the site (a fixed sample, ``--seed``), each opened and
  its diagnostics awaited, then one letter typed at the end of its longest body line and
  deleted again (two incremental didChange events, each awaited): a sample is the time from
  writing a didChange to reading the publishDiagnostics of its version. With ``debounceMs`` 0
  (the lint and the protocol around it), again with the site rules off (a ``newslint.toml``
  ignoring ``SI`` in the copy), and with the default 100 ms debounce (what the author sees).
- *1 MB post*: the seed post's body repeated to 1 MB, saved in the site and opened (after one
  typical post, so the server is warm), then 50 changes (a letter typed or deleted) 10 ms
  apart, with a hover on its first finding sent after the 25th: the time from the last change
  to the diagnostics of its version, how many of the 50 versions were published (the rest
  coalesced), and how long the hover took to answer; three sessions with each server.
- *soak*: ``--events`` changes typed into the sample's post of median size (ten letters typed,
  then deleted, over and over) with the default debounce, in bursts of ``--burst`` changes
  sent at once, each burst's diagnostics awaited (one lint a burst: 1,000 lints for 10,000
  changes, as an hour of writing with pauses might give); the server's resident set
  (``VmRSS``, and the peak ``VmHWM``) after 200 changes of warm-up, every 1,000 changes and at
  the end, with the median wait of each 1,000 (debounce and lint).

It prints one Markdown table (median, 95th percentile and max, in ms) and the soak's series;
no verdict.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEED = REPO / "tests" / "data" / "seed_post.txt"
CONTENT = (".md", ".markdown", ".html", ".htm")
DEFAULT_DEBOUNCE_MS = 100
WARMUP = 200
"""Changes typed into the soak's post before its first memory sample."""
SAMPLE_EVERY = 1000
BIG_BYTES = 1_000_000
BIG_CHANGES = 50
BIG_PAUSE = 0.01
BIG_RUNS = 3
"""Sessions with the 1 MB post per server (one figure each, on a machine that others share)."""
TIMEOUT = 600.0
"""Seconds to wait for any one answer before giving up (a hung server, not a measurement)."""
LINE_BREAK = re.compile(r"\r\n|\r|\n")

Message = dict[str, Any]
T = TypeVar("T")


class Server:
    """``newslint server`` in a subprocess, spoken to over its pipes as an editor does."""

    def __init__(self, workspace: Path, debounce_ms: int, log: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO))
        env.pop("NEWSLINT_CACHE_DIR", None)
        self.log = log
        self._stderr = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newslint", "server", "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=workspace,
            env=env,
        )
        self._writing = threading.Lock()
        self._arrived = threading.Condition()
        self._ids = itertools.count(1)
        self.ended = False
        self.responses: dict[int, tuple[float, Message]] = {}
        self.published: dict[str, dict[int, float]] = {}
        """URI → document version → when its diagnostics arrived (the first time)."""
        self.diagnostics: dict[str, list[Message]] = {}
        """URI → the diagnostics published last."""
        self.logs: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.indexed = self._initialize(workspace, debounce_ms)

    def __enter__(self) -> Server:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.request("shutdown", None)
            self.notify("exit", None)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr.close()

    # -- the wire -----------------------------------------------------------------------------

    def _send(self, message: Message) -> float:
        """Write ``message``; when its writing began."""
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stream = self.process.stdin
        assert stream is not None
        with self._writing:
            sent = time.perf_counter()
            stream.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            stream.flush()
        return sent

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b"\n"):
                if not line:
                    return self._end()
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            body = stream.read(length)
            if len(body) < length:
                return self._end()
            self._take(json.loads(body), time.perf_counter())

    def _end(self) -> None:
        with self._arrived:
            self.ended = True
            self._arrived.notify_all()

    def _take(self, message: Message, arrived: float) -> None:
        method = message.get("method")
        if method is not None and "id" in message:
            self._send({"id": message["id"], "result": None})
            return
        params = message.get("params") or {}
        with self._arrived:
            if method is None:
                self.responses[message["id"]] = (arrived, message)
            elif method == "textDocument/publishDiagnostics":
                uri = params["uri"]
                self.diagnostics[uri] = params["diagnostics"]
                if params.get("version") is not None:
                    self.published.setdefault(uri, {}).setdefault(params["version"], arrived)
            elif method == "window/logMessage":
                self.logs.append(params["message"])
            self._arrived.notify_all()

    def _wait(self, found: Callable[[], T | None], what: str) -> T:
        """What ``found`` finds once a message brings it."""
        deadline = time.monotonic() + TIMEOUT
        with self._arrived:
            while (value := found()) is None:
                left = deadline - time.monotonic()
                if self.ended or left <= 0:
                    tail = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
                    sys.exit(f"bench: no {what} from the server; its stderr ends:\n{tail}")
                self._arrived.wait(left)
        return value

    def request(self, method: str, params: object) -> Message:
        """Send a request and wait for its answer."""
        return self.answer(self.ask(method, params)[0])[1]

    def ask(self, method: str, params: object) -> tuple[int, float]:
        """Send a request without waiting; its id and when it was sent."""
        number = next(self._ids)
        return number, self._send({"id": number, "method": method, "params": params})

    def answer(self, number: int) -> tuple[float, Message]:
        """When the answer to request ``number`` arrived, and the answer."""
        return self._wait(lambda: self.responses.get(number), f"answer to request {number}")

    def notify(self, method: str, params: object) -> float:
        return self._send({"method": method, "params": params})

    # -- an editor's session ------------------------------------------------------------------

    def _initialize(self, workspace: Path, debounce_ms: int) -> str:
        """Start the session; the server's note of how it indexed the workspace."""
        capabilities = {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {
                "synchronization": {"didSave": True},
                "publishDiagnostics": {"versionSupport": True},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
            },
            "workspace": {"workspaceFolders": True},
        }
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": workspace.as_uri(),
                "workspaceFolders": [{"uri": workspace.as_uri(), "name": workspace.name}],
                "capabilities": capabilities,
                "initializationOptions": {"debounceMs": debounce_ms, "cache": True},
            },
        )
        self.notify("initialized", {})

        def indexed() -> str | None:
            return next((m for m in self.logs if m.startswith("newslint: indexed")), None)

        return self._wait(indexed, "note of the workspace indexed").removeprefix("newslint: ")

    def open(self, path: Path, text: str) -> str:
        """Open ``path`` with ``text`` as version 1 and wait for its diagnostics; its URI."""
        uri = path.as_uri()
        self.published.pop(uri, None)  # versions start again at 1
        language = "html" if path.suffix.lower() in (".html", ".htm") else "markdown"
        item = {"uri": uri, "languageId": language, "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})
        self.diagnosed(uri, 1)
        return uri

    def change(self, uri: str, version: int, change: Message) -> float:
        """Send one incremental change making ``version``; when it was sent."""
        document = {"uri": uri, "version": version}
        params = {"textDocument": document, "contentChanges": [change]}
        return self.notify("textDocument/didChange", params)

    def diagnosed(self, uri: str, version: int) -> float:
        """When the diagnostics of ``version`` of ``uri`` arrived."""
        return self._wait(
            lambda: self.published.get(uri, {}).get(version), f"diagnostics of {uri} v{version}"
        )

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def memory_mb(self) -> tuple[float, float]:
        """The server's resident set now and at its peak (VmRSS, VmHWM), in MB."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            fields[name] = value
        return _kb_to_mb(fields["VmRSS"]), _kb_to_mb(fields["VmHWM"])


def _kb_to_mb(field: str) -> float:
    return int(field.split()[0]) / 1024


# -- what is typed -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Caret:
    """Where the typing happens: a line and its end, in UTF-16 code units."""

    line: int
    character: int


def caret(text: str) -> Caret:
    """The end of the longest line after the front matter: where an author types a paragraph."""
    lines = LINE_BREAK.split(text)
    start = 0
    if lines[0].lstrip("\ufeff").rstrip() == "---":
        ends = (n for n in range(1, len(lines)) if lines[n].rstrip() in ("---", "..."))
        start = next(ends, 0) + 1
    line = max(range(start, len(lines)) or range(len(lines)), key=lambda n: len(lines[n]))
    return Caret(line, len(lines[line].encode("utf-16-le")) // 2)


def keystrokes(at: Caret, run: int) -> Iterator[Message]:
    """Incremental changes typing at ``at`` without end: ``run`` letters typed, then deleted,
    over and over (the letters move on from round to round, so the texts differ)."""
    typed = 0
    for n in itertools.count():
        start = at.character + typed
        if (n // run) % 2 == 0:
            span, text = (start, start), string.ascii_lowercase[n % 26]
            typed += 1
        else:
            span, text = (start - 1, start), ""
            typed -= 1
        yield {
            "range": {
                "start": {"line": at.line, "character": span[0]},
                "end": {"line": at.line, "character": span[1]},
            },
            "text": text,
        }


# -- the scenarios -----------------------------------------------------------------------------


def latency(server: Server, posts: list[Path]) -> list[float]:
    """Seconds from each didChange to its diagnostics: a letter typed and deleted in each
    post."""
    samples = []
    for path in posts:
        text = path.read_text(encoding="utf-8")
        uri = server.open(path, text)
        for version, change in enumerate(itertools.islice(keystrokes(caret(text), 1), 2), 2):
            sent = server.change(uri, version, change)
            samples.append(server.diagnosed(uri, version) - sent)
        server.close(uri)
    return samples


@dataclass(frozen=True)
class BigPost:
    """What the 1 MB post's session showed, in seconds."""

    opened: float
    findings: int
    last: float
    published: int
    hover: float
    documented: bool
    """Whether the hover showed a rule's documentation."""


def big_post(server: Server, path: Path) -> BigPost:
    """Open the 1 MB post at ``path``, then type into it 10 ms apart, hovering midway."""
    text = path.read_text(encoding="utf-8")
    sent = time.perf_counter()
    uri = server.open(path, text)
    opened = server.diagnosed(uri, 1) - sent
    findings = server.diagnostics[uri]
    position = findings[0]["range"]["start"] if findings else {"line": 0, "character": 0}
    hover = (0, 0.0)
    for version, change in enumerate(itertools.islice(keystrokes(caret(text), 10), BIG_CHANGES), 2):
        sent = server.change(uri, version, change)
        if version - 1 == BIG_CHANGES // 2:
            hover = server.ask(
                "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
            )
        time.sleep(BIG_PAUSE)
    last = BIG_CHANGES + 1
    finished = server.diagnosed(uri, last)
    published = sum(1 for v in server.published[uri] if 1 < v <= last)
    answered, answer = server.answer(hover[0])
    server.close(uri)
    took = answered - hover[1]
    return BigPost(
        opened, len(findings), finished - sent, published, took, bool(answer.get("result"))
    )


@dataclass(frozen=True)
class Sample:
    """The soak at one point: changes sent, seconds since warm-up, memory (MB), and the median
    wait for diagnostics (ms) since the last sample."""

    changes: int
    seconds: float
    rss: float
    peak: float
    median_ms: float | None


def soak(server: Server, path: Path, events: int, burst: int) -> tuple[list[Sample], list[float]]:
    """Type ``events`` changes into ``path`` (after the warm-up) ``burst`` at a time, sampling
    the server's memory; the samples, and the wait for each burst's diagnostics (seconds)."""
    text = path.read_text(encoding="utf-8")
    uri = server.open(path, text)
    strokes = keystrokes(caret(text), 10)
    version = 1
    waits: list[float] = []

    def type_(count: int) -> list[float]:
        nonlocal version
        block = []
        for n, change in enumerate(itertools.islice(strokes, count), 1):
            version += 1
            sent = server.change(uri, version, change)
            if n % burst == 0 or n == count:
                block.append(server.diagnosed(uri, version) - sent)
        return block

    type_(WARMUP)
    started = time.perf_counter()
    series = [Sample(0, 0.0, *server.memory_mb(), None)]
    done = 0
    while done < events:
        size = min(SAMPLE_EVERY, events - done)
        block = type_(size)
        done += size
        waits += block
        seconds = time.perf_counter() - started
        series.append(Sample(done, seconds, *server.memory_mb(), statistics.median(block) * 1000))
    server.close(uri)
    return series, waits


# -- the site and its posts --------------------------------------------------------------------


def copy_site(site: Path, to: Path, *, ignore: str | None = None) -> Path:
    """A copy of ``site`` at ``to`` (with a ``newslint.toml`` ignoring ``ignore``)."""
    shutil.copytree(site, to)
    if ignore is not None:
        (to / "newslint.toml").write_text(f'ignore = ["{ignore}"]\n', encoding="utf-8")
    return to


def posts_of(root: Path, count: int, seed: int) -> list[Path]:
    """A fixed sample of ``count`` UTF-8 posts under the ``_posts`` folders of ``root``."""
    found = []
    for path in sorted(root.rglob("*")):
        if "_posts" in path.parts and path.suffix.lower() in CONTENT and path.is_file():
            try:
                path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                continue
            found.append(path)
    return random.Random(seed).sample(found, min(count, len(found)))


def write_big_post(folder: Path) -> Path:
    """The seed post, its body repeated to ``BIG_BYTES``, saved in ``folder``."""
    seed = SEED.read_text(encoding="utf-8")
    end = seed.index("\n---\n", 3) + len("\n---\n")
    front, body = seed[:end], seed[end:]
    path = folder / "2024-01-05-one-megabyte.md"
    path.write_text(front + body * math.ceil(BIG_BYTES / len(body.encode())), encoding="utf-8")
    return path


# -- the report --------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def row(what: str, debounce: int, seconds: list[float], note: str) -> str:
    """A table row; the 95th percentile only of 20 samples or more."""
    ms = [s * 1000 for s in seconds]
    p95 = f"{percentile(ms, 0.95):.1f}" if len(ms) >= 20 else "—"
    figures = [f"{statistics.median(ms):.1f}", p95, f"{max(ms):.1f}"]
    return f"| {what} | {debounce} ms | {len(ms)} | " + " | ".join([*figures, note]) + " |"


def big_rows(debounce: int, runs: list[BigPost], *, opened: bool) -> list[str]:
    """The rows of the 1 MB post's sessions with one server."""
    rows = []
    if opened:
        findings = f"{runs[0].findings} findings"
        rows.append(
            row("1 MB post: open → diagnostics", debounce, [r.opened for r in runs], findings)
        )
    published = ", ".join(str(r.published) for r in runs)
    rows.append(
        row(
            f"1 MB post: last of {BIG_CHANGES} changes 10 ms apart → its diagnostics",
            debounce,
            [r.last for r in runs],
            f"versions published of the {BIG_CHANGES}: {published}; the rest coalesced",
        )
    )
    shown = sum(r.documented for r in runs)
    rows.append(
        row(
            f"1 MB post: hover sent after change {BIG_CHANGES // 2} → answer",
            debounce,
            [r.hover for r in runs],
            f"it showed the finding's rule {shown} times of {len(runs)}",
        )
    )
    return rows


def series_table(series: list[Sample]) -> str:
    lines = [
        "| changes after warm-up | seconds | RSS MB | peak RSS MB | median wait ms (last 1,000) |",
        "|---|---|---|---|---|",
    ]
    for s in series:
        median = "—" if s.median_ms is None else f"{s.median_ms:.1f}"
        lines.append(f"| {s.changes:,} | {s.seconds:.0f} | {s.rss:.1f} | {s.peak:.1f} | {median} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", default="ruby__www.ruby-lang.org", help="a site directory of the corpus"
    )
    parser.add_argument("--posts", type=int, default=200, help="posts in the latency sample")
    parser.add_argument("--seed", type=int, default=16, help="seed of the sample")
    parser.add_argument("--events", type=int, default=10_000, help="changes in the soak (0: none)")
    parser.add_argument("--burst", type=int, default=10, help="soak: changes sent at once")
    args = parser.parse_args()
    site = CORPUS / args.site
    if not site.is_dir():
        sys.exit(f"bench: no site {site}; put ../shared beside the repository")
    rows = []
    series: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="newslint-lsp-bench-") as name:
        scratch = Path(name)
        root = copy_site(site, scratch / "site")
        unsited = copy_site(site, scratch / "site-without-SI", ignore="SI")
        posts = posts_of(root, args.posts, args.seed)
        log = scratch / "server.log"
        for what, folder, debounce in (
            ("typical post, site rules on", root, 0),
            ("typical post, site rules off (SI ignored)", unsited, 0),
            ("typical post, site rules on", root, DEFAULT_DEBOUNCE_MS),
        ):
            chosen = [folder / p.relative_to(root) for p in posts]
            with Server(folder, debounce, log) as server:
                samples = latency(server, chosen)
            note = f"{len(chosen)} posts, in each a letter typed then deleted; {server.indexed}"
            rows.append(row(what, debounce, samples, note))
        big = write_big_post(posts[0].parent)
        for debounce in (0, DEFAULT_DEBOUNCE_MS):
            with Server(root, debounce, log) as server:
                server.close(server.open(posts[0], posts[0].read_text(encoding="utf-8")))
                runs = [big_post(server, big) for _ in range(BIG_RUNS)]
            rows += big_rows(debounce, runs, opened=debounce == 0)
        big.unlink()
        if args.events > 0:
            typical = sorted(posts, key=lambda p: p.stat().st_size)[len(posts) // 2]
            started = time.perf_counter()
            with Server(root, DEFAULT_DEBOUNCE_MS, log) as server:
                series, waits = soak(server, typical, args.events, args.burst)
            took = time.perf_counter() - started
            growth = series[-1].rss - series[0].rss
            note = (
                f"{typical.relative_to(root)}; RSS {series[0].rss:.1f} MB after warm-up → "
                f"{series[-1].rss:.1f} MB ({growth:+.1f} MB); {took:.0f} s"
            )
            what = f"soak: {args.events:,} changes in bursts of {args.burst}"
            rows.append(row(what, DEFAULT_DEBOUNCE_MS, waits, note))
    print(f"Language server on `{args.site}` (a copy), {datetime.date.today().isoformat()}.")
    print()
    print("| what | debounce | samples | median ms | p95 ms | max ms | note |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    cpu = platform.processor() or platform.machine()
    print(f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}.")
    if series:
        print()
        print(series_table(series))
    return 0


if __name__ == "__main__":
    sys.exit(main())
