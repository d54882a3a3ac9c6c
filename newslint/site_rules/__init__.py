"""Site rules (``SI``): checks across every post of a Jekyll site, and ``--shard K/N``.

* ``index``: the per-post entry (front tier for every file, body tier for the files linted in
  this run) and its JSON form;
* ``summary``: the entry built from the one parse of each file;
* ``place``: where a file sits in its site (root, configuration, collection);
* ``jekyll``: Jekyll's naming, date, category and permalink rules;
* ``folders``: the top-level folders a file points into (front tier; ``SI012``);
* ``run``: the runner's side — index the files a shard does not lint (cheap, cached), run the
  checks (``newslint.rules.site``) at the end of the run, keep the findings in the files the
  shard owns and stamp them with the engine.
"""

from __future__ import annotations

import hashlib

from newslint.errors import UsageError

__all__ = ["in_shard", "parse_shard"]


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` (1 ≤ K ≤ N) as ``(K, N)``; a usage error otherwise."""
    head, _, tail = text.partition("/")
    try:
        k, n = int(head), int(tail)
    except ValueError:
        k, n = 0, 0
    if n < 1 or not 1 <= k <= n:
        raise UsageError(f'--shard "{text}": expected K/N with 1 <= K <= N, such as 1/4')
    return k, n


def shard_key(display: str) -> str:
    """The path a shard is chosen by: as reported, with ``/`` and no leading ``./``."""
    key = display.replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


def in_shard(display: str, shard: tuple[int, int]) -> bool:
    """Whether the file shown as ``display`` belongs to shard ``K`` of ``N``.

    A hash of the path alone decides, so adding or removing other files never moves a file to
    another shard.
    """
    k, n = shard
    if n == 1:
        return True
    digest = hashlib.blake2b(shard_key(display).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % n == k - 1
