"""Vocabularies kept as data: small text files in ``pipeline/vocab/``, loaded once per process.

A vocabulary file holds one entry per line; ``#`` starts a comment line.  Files ending in ``.tsv``
hold tab-separated columns.  ``tests/test_vocab.py`` checks every file (sorted, unique, no blanks).
"""
from __future__ import annotations

from functools import cache
from importlib import resources

import regex

__all__ = ["words", "table", "alternation"]


def _lines(name: str) -> list[str]:
    text = resources.files("pipeline").joinpath("vocab").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``vocab/NAME`` as a set.

    >>> "mr" in words("abbreviations.txt")
    True
    """
    return frozenset(_lines(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of the tab-separated ``vocab/NAME``."""
    return tuple(tuple(line.split("\t")) for line in _lines(name))


def alternation(items) -> str:
    """A regex alternation of the escaped items, longest first so that none hides a longer one.

    >>> alternation(["co", "corp", "inc"])
    'corp|inc|co'
    """
    return "|".join(regex.escape(i) for i in sorted(items, key=lambda s: (-len(s), s)))
