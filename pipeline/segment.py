"""Paragraphs and sentences, with character offsets into the cleaned document text.

The cleaned text (see :mod:`pipeline.normalize`) is the title, a blank line, then the body's
paragraphs separated by blank lines, so a paragraph is a run of text between ``\\n\\n`` and never
contains a newline.  Paragraph 0 is the title; body paragraphs are numbered from 1.

Sentences end at ``.``, ``!`` or ``?`` (with any closing quotation marks or brackets) followed by
white space and a capital letter, digit or opening quotation mark, except after an abbreviation
(Mr., U.S., Jan.), an initial (J. Smith) or an ellipsis.  Decimals (34.4) and amounts (US$4.5)
never match because no space follows their stop.  A stop that lost its space ends a sentence only
between a lower-case word and a capitalised one ("said.The"), and not inside an address
(mike.Bender@wsj.com, bbc.Co.uk); or before a quotation mark glued to the next sentence
('demand."The', 'reported.“We'), on the side of the mark that its paragraph's count of marks gives.
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from .limits import NO_DEADLINE, Deadline
from .vocab import alternation, words

__all__ = ["Segmentation", "segment"]


_ABBREVIATIONS = alternation(words("abbreviations.txt"))
_CLOSING_ABBREVIATIONS = alternation(words("segment_closing_abbreviations.txt"))
_OPENERS = alternation(words("segment_sentence_openers.txt"))

_BOUNDARY = regex.compile(
    rf"""
    (?:
        (?<![!?])[!?]+                          # question and exclamation marks always end (tried
                                                #   at a run's first mark only: linear in its length)
      | (?<!\.\.)\.(?!\.)                       # a single full stop (no ellipsis "...") that
        (?<!(?<![\p{{L}}\p{{N}}.])(?i:{_ABBREVIATIONS})\.)  #   does not follow an abbreviation (Mr., U.S.)
        (?<!(?<![\p{{L}}\p{{N}}.])\p{{Lu}}\.)           #   nor an initial (J. Smith)
    )
    [\"'”’»)\]]*                               # closing quotation marks and brackets stay in the sentence
    (?=\s+                                      # white space, then the start of a new sentence:
        (?:''|[\"“‘'«(\[])?                   #   an optional opening mark ('' in the NYT's style)
        [\p{{Lu}}\p{{N}}]                        #   and a capital letter or digit
    )
  | \.(?:                                     # a stop that lost its space:
        (?<=(?<![\p{{L}}\p{{N}}.@/_-])\p{{Ll}}{{2,}}\)?\.)   #   "said.The": after a lower-case word,
        [”’)]?                                  #   before a capitalised word that is no e-mail
        (?=\p{{Lu}}\p{{Ll}}+(?![\p{{L}}\p{{N}}]*[@.])|[AI]\ )   #   address nor domain, or "A", "I"
      | (?=[\"“]\p{{Lu}}[\p{{L}}\s'’])               #   'demand."The', 'reported.“We': glued to a quotation
        (?<=(?:\p{{Ll}}{{2,}}|\p{{N}}|[%)])\.)          #   mark; which side of the mark the sentence ends on,
    )                                           #   see _glued_quote_end
  | \.(?<=(?<![\p{{L}}\p{{N}}.])(?i:{_CLOSING_ABBREVIATIONS})\.)  # an abbreviation that can end a sentence
    (?=\s+(?:{_OPENERS})(?![\p{{L}}\p{{N}}'’-]))         #   does before a word that opens one ("in the U.S. The")
    """,
    regex.VERBOSE,
)


# "U.S.", "U.K.", "U.N." end a sentence before an opening word too ("jobs in the U.S. The company"),
# but some wires (Reuters' 1987 stories) capitalise every word after them ("the U.S. And Japan",
# "exports to the U.S. In May"): a document that writes a lower-case word after one somewhere
# ("U.S. officials") is cased as usual, and only there is the capital read as a new sentence.
_COUNTRY_STOP = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}.])U\.[SKN]\.(?=\s+(?:(?P<lower>\p{{Ll}})|(?:{_OPENERS})(?![\p{{L}}\p{{N}}'’-])))")


_COUNTED_MARKS = ('"', "“", "”")
_GLUED_MARKS = frozenset('"“')  # after a stop, only _BOUNDARY's glued-mark branch ends right before one


class Segmentation(NamedTuple):
    """Spans of one document: ``paragraphs`` as (start, end); ``sentences`` as
    (start, end, paragraph_idx), in text order."""

    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, without their surrounding white space (str.find: no regex needed)."""
    spans = []
    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        start, end = pos, nl
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
        pos = nl + 1
    return spans


def _glued_quote_end(text: str, stop: int) -> int:
    """Where a sentence ends whose stop at ``stop`` is glued to a quotation mark and the next
    sentence (paragraphs run together: 'denting demand."The recent ...'): before an opening mark,
    after a closing one.  "“" opens; a straight mark opens when the paragraph has an even number of
    double marks (straight or curly: '“but I am not."') before it.

    >>> text = 'He said "Go." Prices fell."Yes," he said. It "ended."Then'
    >>> [text[:_glued_quote_end(text, text.index(w) + len(w))][-7:] for w in ("fell.", "ended.")]
    ['s fell.', 'ended."']
    """
    if text[stop] == "“":
        return stop
    paragraph = text.rfind("\n", 0, stop) + 1
    marks = sum(text.count(mark, paragraph, stop) for mark in _COUNTED_MARKS)
    return stop if marks % 2 == 0 else stop + 1


def _with_country_stops(text: str, stops: list[int], deadline: Deadline) -> list[int]:
    """``stops`` and the ends of "U.S.", "U.K.", "U.N." that end a sentence (see _COUNTRY_STOP).

    >>> _with_country_stops("Jobs in the U.S. The U.S. economy grew.", [], NO_DEADLINE)
    [16]
    >>> _with_country_stops("Sales to the U.S. In May rose.", [], NO_DEADLINE)  # no "U.S. economy"
    []
    """
    found = list(_COUNTRY_STOP.finditer(text, timeout=deadline.left()))
    if not any(m["lower"] for m in found):
        return stops
    return sorted(stops + [m.end() for m in found if not m["lower"]])


def segment(text: str, deadline: Deadline = NO_DEADLINE) -> Segmentation:
    """Split ``text`` into paragraphs and sentences.

    >>> text = "A title\\n\\nMr. Smith paid US$4.5 billion. He left."
    >>> [text[s:e] for s, e, _ in segment(text).sentences]
    ['A title', 'Mr. Smith paid US$4.5 billion.', 'He left.']
    """
    paragraphs = _paragraph_spans(text)
    sentences: list[tuple[int, int, int]] = []
    # One pass over the whole text for sentence ends, merged with the paragraphs in order.
    stops = [m.end() for m in _BOUNDARY.finditer(text, timeout=deadline.left())]
    if "U." in text:
        stops = _with_country_stops(text, stops, deadline)
    k, n_stops = 0, len(stops)
    for idx, (p_start, p_end) in enumerate(paragraphs):
        sentence_start = p_start
        while k < n_stops and stops[k] <= p_start:
            k += 1
        while k < n_stops and stops[k] < p_end:
            end = stops[k]
            if text[end] in _GLUED_MARKS:
                end = _glued_quote_end(text, end)
            sentences.append((sentence_start, end, idx))
            sentence_start = end
            while text[sentence_start].isspace():
                sentence_start += 1
            k += 1
        sentences.append((sentence_start, p_end, idx))
    return Segmentation(paragraphs, sentences)
