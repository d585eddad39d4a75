"""Linking: a numeric fact that lies inside a quote gets the quote's id and speaker."""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

__all__ = ["quote_of_facts"]


def quote_of_facts(facts: Sequence, quotes: Sequence) -> list[int | None]:
    """For each fact, the index of the quote whose span contains it, or None.

    Quotes are ordered by start and never overlap, so one binary search per fact suffices.

    >>> from types import SimpleNamespace as S
    >>> quote_of_facts([S(start=5, end=8), S(start=30, end=33)], [S(start=0, end=10)])
    [0, None]
    """
    starts = [q.start for q in quotes]
    out: list[int | None] = []
    for fact in facts:
        i = bisect_right(starts, fact.start) - 1
        out.append(i if i >= 0 and fact.end <= quotes[i].end else None)
    return out
