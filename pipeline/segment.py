"""Paragraphs and sentences, with character offsets into the cleaned document text.

The cleaned text (see :mod:`pipeline.normalize`) is the title, a blank line, then the body's
paragraphs separated by blank lines, so a paragraph is a run of text between ``\\n\\n`` and never
contains a newline.  Paragraph 0 is the title; body paragraphs are numbered from 1.

Sentences end at ``.``, ``!`` or ``?`` (with any closing quotation marks or brackets) followed by
white space and a capital letter, digit or opening quotation mark, except after an abbreviation
(Mr., U.S., Jan.), an initial (J. Smith) or an ellipsis.  Decimals (34.4) and amounts (US$4.5)
never match because no space follows their stop.
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from .limits import NO_DEADLINE, Deadline
from .vocab import words

__all__ = ["Segmentation", "segment"]

_PARAGRAPH = regex.compile(r"[^\n]+")

_BOUNDARY = regex.compile(
    r"""
    (?P<stop>[.!?]+|…)              # terminal punctuation, possibly repeated
    [\"'”’»)\]]*                   # closing quotation marks and brackets stay in the sentence
    (?=\s+                          # white space, then the start of a new sentence:
        [\"“‘'«(\[]?               #   an optional opening mark
        [\p{Lu}\p{N}]               #   and a capital letter or digit
    )
    """,
    regex.VERBOSE,
)

# The word just before a full stop: letters, digits and inner dots ("U.S", "a.m", "Ph.D").
_WORD_BEFORE = regex.compile(r"(?:\p{L}|\p{N}|\.)*\p{L}$")


class Segmentation(NamedTuple):
    """Spans of one document: ``paragraphs`` as (start, end); ``sentences`` as
    (start, end, paragraph_idx), in text order."""

    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]


def _is_abbreviation(text: str, stop_at: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, stop_at - 12), stop_at)
    if match is None:
        return False
    word = match.group()
    if len(word) == 1:  # an initial: "J. Smith", but also "Plan B." — initials are far more common
        return word.isupper()
    return word.lower() in words("abbreviations.txt")


def _split_paragraph(text: str, start: int, end: int, deadline: Deadline) -> list[tuple[int, int]]:
    spans = []
    sentence_start = start
    for m in _BOUNDARY.finditer(text, start, end, timeout=deadline.left()):
        stop = m.group("stop")
        if stop in ("...", "…") or (stop == "." and _is_abbreviation(text, m.start())):
            continue
        spans.append((sentence_start, m.end()))
        sentence_start = m.end()
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < end:
        spans.append((sentence_start, end))
    return spans


def segment(text: str, deadline: Deadline = NO_DEADLINE) -> Segmentation:
    """Split ``text`` into paragraphs and sentences.

    >>> text = "A title\\n\\nMr. Smith paid US$4.5 billion. He left."
    >>> [text[s:e] for s, e, _ in segment(text).sentences]
    ['A title', 'Mr. Smith paid US$4.5 billion.', 'He left.']
    """
    paragraphs: list[tuple[int, int]] = []
    sentences: list[tuple[int, int, int]] = []
    for m in _PARAGRAPH.finditer(text, timeout=deadline.left()):
        p_start, p_end = m.span()
        while p_start < p_end and text[p_start].isspace():
            p_start += 1
        while p_end > p_start and text[p_end - 1].isspace():
            p_end -= 1
        if p_start == p_end:
            continue
        idx = len(paragraphs)
        paragraphs.append((p_start, p_end))
        sentences.extend((s, e, idx) for s, e in _split_paragraph(text, p_start, p_end, deadline))
    return Segmentation(paragraphs, sentences)
