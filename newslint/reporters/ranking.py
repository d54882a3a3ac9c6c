"""Keeping the first few of a stream in order, without holding the stream."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import SupportsDunderLT

    Ranked = TypeVar("Ranked", bound=SupportsDunderLT[Any])
else:
    Ranked = TypeVar("Ranked")


def keep_first(kept: list[Ranked], item: Ranked, limit: int) -> None:
    """Add ``item`` to the sorted list ``kept``, which keeps only its ``limit`` smallest items."""
    if len(kept) < limit or item < kept[-1]:
        bisect.insort(kept, item)
        del kept[limit:]
