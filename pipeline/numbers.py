"""Numbers written in digits or in words, and the scale words that multiply them.

The vocabularies are data: ``vocab/number_words.tsv`` (word, value, class) and ``vocab/scales.tsv``
(surface, multiplier, attached-only flag).  This module only turns a number's text into a float; finding
numbers in a document is :mod:`pipeline.facts`' job.

>>> parse_digits("1,234.5")
1234.5
>>> parse_words("two and half")
2.5
>>> parse_words("twenty-eight thousand six hundred forty-two")
28642.0
>>> scale_value("bn")
1000000000.0
"""
from __future__ import annotations

from functools import cache

import regex

from .limits import NO_DEADLINE, Deadline
from .vocab import table

__all__ = [
    "WORD_CLASSES",
    "number_words",
    "parse_digits",
    "parse_words",
    "scale_value",
    "scales",
]

WORD_CLASSES = ("article", "cardinal", "fraction", "multiple", "ordinal", "scale", "vague")

_TOKEN = regex.compile(r"[^\W\d_]+", regex.VERBOSE)  # the words of a number-word run


@cache
def number_words() -> dict[str, tuple[float, str]]:
    """``{word: (value, class)}`` from ``vocab/number_words.tsv``."""
    return {w: (float(v), c) for w, v, c in table("number_words.tsv")}


@cache
def scales() -> dict[str, tuple[float, bool]]:
    """``{surface: (multiplier, attached_only)}`` from ``vocab/scales.tsv`` (case-sensitive keys)."""
    return {s: (float(m), a == "1") for s, m, a in table("scales.tsv")}


def scale_value(surface: str) -> float:
    """Multiplier of a scale word or abbreviation ("million", "bn", "m"); 1.0 when unknown."""
    found = scales().get(surface) or scales().get(surface.lower())
    return found[0] if found else 1.0


def parse_digits(text: str) -> float | None:
    """A number written in digits: thousands commas, decimals, a fraction ("1/2"); None if unparsable."""
    text = text.replace(",", "").replace("\u2009", "").replace(" ", "")
    if "/" in text:
        num, _, den = text.partition("/")
        try:
            d = float(den)
            return float(num) / d if d else None
        except ValueError:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def parse_words(text: str, deadline: Deadline = NO_DEADLINE) -> float | None:
    """A run of English number words ("two and half", "a dozen", "four hundred million"); None if none.

    Words of other classes (ordinal, vague, multiple) are read by their callers, not here.
    """
    vocab = number_words()
    total = current = fraction = 0.0
    seen = article_only = False
    low = text.lower()
    tokens = low.replace("-", " ").split()  # the usual run: letters between blanks and hyphens
    if not all(map(str.isalpha, tokens)):
        tokens = _TOKEN.findall(low, timeout=deadline.left())
    for token in tokens:
        entry = vocab.get(token)
        if entry is None:  # "and" joins parts of one number
            continue
        value, cls = entry
        if cls == "article":  # "a dozen", "a half", "a million"
            if not seen:
                current, seen, article_only = 1.0, True, True
            continue
        if cls == "cardinal":
            if article_only:
                current = value
            elif value in (2.0, 12.0) and token in ("couple", "dozen") and current:
                current *= value  # "two dozen"
            else:
                current += value
        elif cls == "fraction":
            if article_only or not seen:
                current = value  # "half", "a quarter"
            else:
                fraction += value  # "two and half", "one and a quarter"
        elif cls == "scale":
            if value == 100:
                current = (current or 1.0) * value
            else:
                total += (current or 1.0) * value
                current = 0.0
        else:
            continue
        seen, article_only = True, False
    if not seen:
        return None
    return total + current + fraction
