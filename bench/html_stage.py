"""The HTML stage beside a bare html5lib parse of the same bodies.

    python bench/html_stage.py [--corpus DIR] [--limit N] [--repeat N]

Times, in this one process and on the same post bodies: ``html5lib.parseFragment`` alone (the
floor), newslint's masking and span-recording parse, and that parse plus every HTML rule that
is on by default. The three run in turn, ``--repeat`` times, and each keeps its fastest round
(the least disturbed by whatever else the machine did). Prints CPU seconds and the ratio to
the floor.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import html5lib

from newslint.config import FileSettings
from newslint.document import Document, decode
from newslint.engine import lint_document, select_rules
from newslint.html.parse import parse_html

SHARED = Path(__file__).resolve().parents[2] / "shared"


def documents(corpus: Path, limit: int | None) -> list[Document]:
    """The corpus posts as documents (decoded once, before any timing)."""
    from newslint.discovery import Target, discover

    docs = []
    for target in discover([str(corpus)]):
        if isinstance(target, Target) and target.path is not None:
            text = decode(target.path.read_bytes())
            if isinstance(text, str):
                docs.append(Document.from_text(str(target.path), text))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def cpu_seconds(work: Callable[[], None]) -> float:
    """CPU time of ``work`` after a full collection, so runs start alike."""
    gc.collect()
    start = time.process_time()
    work()
    return time.process_time() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="time the HTML stage against html5lib alone")
    parser.add_argument("--corpus", default=str(SHARED / "corpus"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N posts")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the fastest counts")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"html_stage: {corpus} does not exist; put ../shared beside the repository")
        return 2
    texts = documents(corpus, args.limit)
    bodies = [doc.body for doc in texts]
    html_rules = select_rules(["HT"], []) & select_rules(["DEFAULT"], [])
    settings = FileSettings()

    def floor() -> None:
        for body in bodies:
            html5lib.parseFragment(body)

    def parse_only() -> None:
        for doc in texts:
            parse_html(Document.from_text(doc.path, doc.text))

    def with_rules() -> None:
        for doc in texts:
            lint_document(Document.from_text(doc.path, doc.text), settings, html_rules)

    stages = {
        "html5lib.parseFragment": floor,
        "mask + parse with spans": parse_only,
        f"mask + parse + {len(html_rules)} default HTML rules": with_rules,
    }
    best = dict.fromkeys(stages, float("inf"))
    for _ in range(max(1, args.repeat)):
        for name, work in stages.items():
            best[name] = min(best[name], cpu_seconds(work))
    rows = list(best.items())
    base = rows[0][1]
    mb = sum(len(b.encode()) for b in bodies) / 1e6
    print(f"{len(bodies)} bodies, {mb:.1f} MB, fastest of {max(1, args.repeat)} rounds")
    print("| stage | CPU s | x floor |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / base:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
