"""A machine-speed index for the bench (issue 6): ``python bench/calibrate.py``.

This machine's speed drifts by about a third over a day with nothing else running, so a bench
figure means little without the speed of the machine at the time.  The index is the speed of a
small fixed workload shaped like the pipeline's mix, in MB of its text per CPU second:

- a synthetic news-like text built here (a fixed pseudo-random generator over a fixed word list:
  no shared data, the same text on every machine and Python version), with curly quotes, dashes
  and an accented name so that it is stored as the pipeline's texts are (two bytes a character);
- whole-text ``regex`` scans: words, numbers (the shape of ``facts._DIGITS``), a case-insensitive
  reporting-verb search, and ``regex`` matches anchored at many positions with ``pos``/``endpos``
  and ``timeout=`` (the extractors' look-arounds);
- ``str`` work: ``casefold``, ``lower`` and ``str.find`` loops over quote marks;
- a pure-Python loop over the tokens: dictionary look-ups, slicing and tuples built per token.

Timed with :func:`time.process_time` (the CPU time of this process: other programs on the machine
shift it less than wall time), best of ``REPEATS``.  The workload's counts are folded into a
checksum, so a run shows it did the same work as every other (tests/test_calibrate.py).

``REFERENCE_MB_S`` is the index measured when it was written (see bench/README.md); the bench
divides each run's MB/s by ``index / REFERENCE_MB_S`` to give a figure comparable across hours.

    python bench/calibrate.py               # prints the index
    python bench/calibrate.py --mb 0.5      # a smaller text
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass

import regex

DEFAULT_MB = 0.8  # of text (UTF-8 bytes); one pass takes ~0.5 s of CPU on the reference machine
REPEATS = 3
# The index on the bench machine (2 cores), 29 Nov 2026 10:59-12:05 UTC, commit e8215e9: the median
# of 12 measurements (1.55-2.90; bench/README.md).  normalised MB/s = MB/s * REFERENCE_MB_S / index.
# Remeasure it whenever the workload changes (tests/test_calibrate.py pins the workload's checksum).
REFERENCE_MB_S = 2.49
TIMEOUT = 5.0  # seconds, as the extractors pass ``timeout=`` (never reached here)

# -- the text ------------------------------------------------------------------------------------
_WORDS = ("the", "of", "and", "to", "a", "in", "that", "for", "on", "with", "as", "was", "by",
          "government", "minister", "company", "market", "prices", "growth", "year", "report",
          "election", "percent", "shares", "budget", "council", "police", "health", "workers",
          "rose", "fell", "increased", "announced", "expected", "would", "could", "million",
          "billion", "about", "nearly", "more", "than", "last", "week", "their", "its", "after")
_NAMES = ("Smith", "Jones", "Müller", "García", "Okafor", "Chen", "Brown", "Dubois")
_VERBS = ("said", "told", "added", "warned", "says", "argued")
_SEED = 20261129


class _Lcg:
    """A 31-bit linear congruential generator: the same numbers everywhere (``random`` keeps
    only ``random()`` stable across Python versions)."""

    def __init__(self, seed: int):
        self.state = seed

    def below(self, n: int) -> int:
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 8) % n


def _number(rng: _Lcg) -> str:
    kind = rng.below(5)
    if kind == 0:
        return f"{rng.below(1000)}.{rng.below(10)}%"
    if kind == 1:
        return f"${rng.below(90) + 1} million"
    if kind == 2:
        return f"{rng.below(900) + 100},{rng.below(1000):03}"
    if kind == 3:
        return str(1990 + rng.below(36))
    return str(rng.below(100))


def _sentence(rng: _Lcg) -> str:
    words = [_WORDS[rng.below(len(_WORDS))] for _ in range(8 + rng.below(14))]
    for _ in range(rng.below(3)):
        words.insert(rng.below(len(words)), _number(rng))
    words[0] = words[0].capitalize()
    body = " ".join(words)
    name, verb = _NAMES[rng.below(len(_NAMES))], _VERBS[rng.below(len(_VERBS))]
    shape = rng.below(4)
    if shape == 0:
        return f"“{body},” {name} {verb}."
    if shape == 1:
        return f"{name} {verb} that {body[0].lower()}{body[1:]} — {_number(rng)} in all."
    return body + "."


def build_text(size_bytes: int) -> str:
    """A deterministic news-like text of at least ``size_bytes`` UTF-8 bytes (paragraphs of a few
    sentences).

    >>> build_text(200) == build_text(200)
    True
    """
    rng, parts, size = _Lcg(_SEED), [], 0
    while size < size_bytes:
        paragraph = " ".join(_sentence(rng) for _ in range(2 + rng.below(4)))
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return "\n".join(parts)


# -- the workload --------------------------------------------------------------------------------
_WORD = regex.compile(r"[\p{L}\d][\p{L}\d'’&-]*")  # facts._TOKEN
_NUMBER = regex.compile(
    r"""
    (?<![\d.])
    (?:
        (?P<grouped>\d{1,3}(?:,\d{3})+(?:\.\d+)?)   # 1,234,567.89
      | (?P<plain>\d+(?:\.\d+)?)                    # 1234.5
    )
    (?![.,]?\d)
    (?P<unit>[ ]?(?:%|million|billion))?
    """,
    regex.VERBOSE,
)
_REPORTING = regex.compile(r"\b(?:said|told|added|warned|says|argued)\b", regex.IGNORECASE)
_NEXT_WORDS = regex.compile(r"(?:[ \t\u00a0]+[\p{L}][\p{L}'’-]*){1,3}")  # facts._NEXT_WORDS
_STOPWORDS = {w: i for i, w in enumerate(_WORDS[:13])}


def _regex_passes(text: str) -> list[int]:
    words = sum(1 for _ in _WORD.finditer(text, timeout=TIMEOUT))
    numbers = units = after = 0
    for m in _NUMBER.finditer(text, timeout=TIMEOUT):
        numbers += 1
        units += m.group("unit") is not None
        nxt = _NEXT_WORDS.match(text, m.end(), min(len(text), m.end() + 60), timeout=TIMEOUT)
        after += len(nxt.group()) if nxt else 0
    verbs = len(_REPORTING.findall(text, timeout=TIMEOUT))
    return [words, numbers, units, after, verbs]


def _string_passes(text: str) -> list[int]:
    folded, low = text.casefold(), text.lower()
    marks = 0
    for mark in ("“", "”", "—", "\n"):
        i = text.find(mark)
        while i >= 0:
            marks += i & 0xFF
            i = text.find(mark, i + 1)
    return [folded.count("said"), low.count("million"), marks]


def _token_loop(text: str) -> list[int]:
    spans, stops, prefixes = [], 0, {}
    pos = 0
    for token in text.split():
        start = text.find(token, pos)
        pos = start + len(token)
        core = token.strip(".,“”—")
        if core.lower() in _STOPWORDS:
            stops += 1
            continue
        head = core[:3]
        prefixes[head] = prefixes.get(head, 0) + 1
        spans.append((start, pos, head, core[-2:]))
    return [len(spans), stops, len(prefixes), sum(s[1] - s[0] for s in spans) & 0xFFFFFFF]


def workload(text: str) -> tuple[int, ...]:
    """Run the fixed workload over ``text``; its counts (the same for the same text)."""
    return (*_regex_passes(text), *_string_passes(text), *_token_loop(text))


def checksum(counts: tuple[int, ...]) -> str:
    return hashlib.sha256(repr(counts).encode("ascii")).hexdigest()[:12]


# -- the index -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Calibration:
    mb_per_s: float  # MB of text per CPU second, best of the repeats
    seconds: float  # CPU seconds of the best repeat
    mb: float  # MB of text (UTF-8)
    repeats: int
    checksum: str  # of the workload's counts

    def as_dict(self) -> dict:
        return {"mb_per_s": self.mb_per_s, "seconds": self.seconds, "mb": self.mb,
                "repeats": self.repeats, "checksum": self.checksum}


def calibrate(mb: float = DEFAULT_MB, repeats: int = REPEATS) -> Calibration:
    """Time the workload over a text of ``mb`` MB: CPU time, best of ``repeats``."""
    text = build_text(int(mb * 1e6))
    size = len(text.encode("utf-8")) / 1e6
    best, counts = float("inf"), None
    for _ in range(repeats):
        t0 = time.process_time()
        counts = workload(text)
        best = min(best, time.process_time() - t0)
    return Calibration(size / best, best, size, repeats, checksum(counts))


def normalised(mb_per_s: float, index: float) -> float:
    """``mb_per_s`` measured when the calibration index was ``index``, on the reference machine's
    scale: what it would have been at ``REFERENCE_MB_S``."""
    return mb_per_s * REFERENCE_MB_S / index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The bench's machine-speed index.")
    parser.add_argument("--mb", type=float, default=DEFAULT_MB,
                        help=f"MB of synthetic text (default {DEFAULT_MB})")
    parser.add_argument("--repeats", type=int, default=REPEATS,
                        help=f"best of this many runs (default {REPEATS})")
    args = parser.parse_args(argv)
    if args.mb <= 0 or args.repeats < 1:
        parser.error("--mb must be above 0 and --repeats at least 1")
    c = calibrate(args.mb, args.repeats)
    print(f"calibration {c.mb_per_s:.2f} MB/s (CPU {c.seconds:.3f} s over {c.mb:.2f} MB, "
          f"best of {c.repeats}; reference {REFERENCE_MB_S:.2f}; checksum {c.checksum})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
