"""Text clean-up: raw record text in, the cleaned document text that every offset indexes.

The cleaned text is the title on one line, a blank line, then the body's paragraphs separated by
blank lines, each paragraph on one line (hard-wrapped lines are joined).  What is changed:
newlines normalised, BOM, zero-width characters, soft hyphens and control characters removed,
HTML entities decoded, stray tags removed, runs of spaces and tabs (and no-break spaces) folded to
one space, mojibake repaired with ftfy.  Curly quotation marks and dashes are kept as they are.
"""
from __future__ import annotations

import hashlib
import html
import re
from typing import NamedTuple

import ftfy
import regex

from .limits import NO_DEADLINE, Deadline
from .vocab import words

__all__ = ["CleanText", "clean_line", "clean_document", "doc_id_of", "source_hash"]

# Characters dropped outright: BOM, zero-width space/joiners, word joiner, soft hyphen, lone
# surrogates, and C0/C1 control characters other than tab and newline.  These simple character
# classes cannot backtrack, so the standard library's faster ``re`` runs them.
_DROP_CHARS = r"\ud800-\udfff\ufeff\u200b\u200c\u200d\u2060\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_DROP = re.compile(f"[{_DROP_CHARS}]")
# White space other than the plain space and the newline: becomes a plain space.
_ODD_SPACE_CHARS = r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_ODD_SPACE = re.compile(f"[{_ODD_SPACE_CHARS}]")
_NEWLINE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_NEWLINE_CHARS = ("\r", "\u2028", "\u2029", "\x85")

# A cheap test for UTF-8 read as cp1252/latin-1 ("â€™", "Ã©"): a lead byte of a multi-byte
# sequence followed by what a continuation byte turns into.  Only then is ftfy (slow) called.
_MOJIBAKE_LEADS = "ÂÃâÅÆÐÑØÙ"
_MOJIBAKE_HINT = re.compile(
    f"[{_MOJIBAKE_LEADS}]" r"[\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

# Any character that _DROP, _MOJIBAKE_HINT or _ODD_SPACE looks for: most articles have none, and
# one scan that says so is three times cheaper than running the three patterns.
_RARE = re.compile(f"[{_DROP_CHARS}{_ODD_SPACE_CHARS}{_MOJIBAKE_LEADS}]")

# Apostrophes typed as other marks: an acute accent after a letter (cp1252 "China´s", "countries´"),
# and a straight double quotation mark between a letter and a contraction's end (Reuters'
# "Kuwait"s", "it"s"; "I don"t").  Read as quotation marks, they pair with the wrong marks and
# turn the text between into quotes.
# The mark comes first and the letter is looked back at from after it: the pattern then opens with
# a literal, which ``re`` searches for (30 times faster than trying the look-behind everywhere).
_ACUTE_APOSTROPHE = re.compile(r"\u00b4(?<=[^\W\d_]\u00b4)")
_QUOTE_APOSTROPHE = re.compile(r'"(?<=[^\W\d_]")(?=(?:s|t|m|d|re|ve|ll)\b)')

_ENTITY = regex.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});")

# Stray markup: tags of HTML elements (<p>, </a>, <a href=...>, <br/>), comments, and the tag
# remnants left by truncated scraping ("strong>" with its "<" cut off at a line start, "</strong"
# with its ">" cut off before a capital).  Other angle-bracketed words (Reuters tickers such as
# <BP>) are text and stay.
_TAG_NAMES = "|".join(sorted(words("html_tags.txt"), key=len, reverse=True))
_TAG = regex.compile(
    rf"""
      (?P<comment><!--)                                   # an HTML comment (its end: see _strip_tags)
    | </?(?i:{_TAG_NAMES})(?:\s[^<>]{{0,500}})?\s*/?>       # an opening, closing or empty tag
    | (?m:^[ \t]*/?(?i:{_TAG_NAMES})>)(?!\S*</)           # a tag whose "<" was cut off, at a line start
    | </(?i:{_TAG_NAMES})(?=\p{{Lu}})                       # a closing tag whose ">" was cut off, glued to
                                                        #   the next sentence ("weekend.</strongThe UN")
    """,
    regex.VERBOSE,
)


def _strip_tags(text: str, deadline: Deadline) -> str:
    """Every tag and comment of ``text`` replaced by a space.  A comment runs from its "<!--" to
    the first "-->" after it (``<!--.*?-->``), found with ``str.find``: in the pattern, every
    "<!--" that is never closed read the rest of the text again (quadratic).  After one opening
    finds no close, no later one can."""
    if "<!--" not in text:
        return _TAG.sub(" ", text, timeout=deadline.left())  # no comment: the pattern alone (in C)
    out, done, unclosed = [], 0, len(text)
    for m in _TAG.finditer(text, timeout=deadline.left()):
        start = m.start()
        if start < done:
            continue  # inside a comment
        end = m.end()
        if m.group("comment") is not None:
            close = text.find("-->", end) if start < unclosed else -1
            if close < 0:
                unclosed = min(unclosed, start)
                continue  # no comment starts here, and nothing else does ("<!" opens no tag)
            end = close + 3
        out.append(text[done:start])
        out.append(" ")
        done = end
    out.append(text[done:])
    return "".join(out)



class CleanText(NamedTuple):
    """The cleaned document text and where its body starts."""

    text: str
    body_start: int
    n_paragraphs: int


_FTFY_PIECE = 100_000  # characters ftfy fixes between two reads of the deadline (~0.4 s at most)


def _fix_mojibake(text: str, deadline: Deadline) -> str:
    """``ftfy.fix_text`` over ``text`` in pieces of whole lines, reading ``deadline`` between
    pieces: ftfy has no time limit of its own and takes up to ~4 µs a character (4.4 s for 1.2 MB
    of dense mojibake).  ftfy fixes each line on its own anyway, so the result is the same, but
    for a line longer than a piece (ftfy cuts lines at a million characters, this at 100,000) and
    its HTML rule, which stops for good at the first line with a "<": carried over here."""
    out, pos, unescape = [], 0, "auto"
    while pos < len(text):
        deadline.left()
        end = len(text) if len(text) - pos <= _FTFY_PIECE else (
            text.rfind("\n", pos, pos + _FTFY_PIECE) + 1 or pos + _FTFY_PIECE)
        piece = text[pos:end]
        out.append(ftfy.fix_text(piece, uncurl_quotes=False, fix_line_breaks=False,
                                 unescape_html=unescape, max_decode_length=_FTFY_PIECE))
        if "<" in piece:
            unescape = False
        pos = end
    return "".join(out)


def _clean(raw: str, deadline: Deadline = NO_DEADLINE) -> str:
    """Everything but the layout: newlines, entities, tags, invisible characters, mojibake, and
    white space folded to single spaces (newlines kept).

    The two patterns that can backtrack (entities, tags) run under ``deadline``; the others are
    single character classes (linear, in ``re``, which has no ``timeout=``); ftfy, called only on
    a mojibake hint, reads it between pieces of text."""
    text = raw
    if any(c in text for c in _NEWLINE_CHARS):  # `in` scans far faster than a pattern
        text = _NEWLINE.sub("\n", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text, timeout=deadline.left())
    if "<" in text or ">" in text:
        text = _strip_tags(text, deadline)
    if "\u00b4" in text:
        text = _ACUTE_APOSTROPHE.sub("’", text)
    if '"' in text:
        text = _QUOTE_APOSTROPHE.sub("'", text)
    if _RARE.search(text):
        text = _DROP.sub("", text)
        if _MOJIBAKE_HINT.search(text):
            text = _fix_mojibake(text, deadline)
        text = _ODD_SPACE.sub(" ", text)
    while "  " in text:  # str.replace is far faster than a regex over every space
        text = text.replace("  ", " ")
    return text


def clean_line(raw: str | None, deadline: Deadline = NO_DEADLINE) -> str:
    """One cleaned line of text (titles, names): all white space folded to single spaces.

    >>> clean_line("  Caf\\u00c3\\u00a9 &amp; bar\\n ")
    'Café & bar'
    """
    if not raw:
        return ""
    return " ".join(_clean(raw, deadline).split())


def _paragraphs(body: str) -> list[str]:
    """Paragraphs are separated by blank lines when the body has any, else by line breaks;
    line breaks inside a blank-line-separated paragraph are hard wraps and become spaces.  In
    either, lines that start indented open paragraphs of their own when others do not (an
    indented layout: :func:`_indented_paragraphs`).
    ``body`` is already cleaned: no run of spaces, no other white space but newlines."""
    raw_lines = body.strip("\n").split("\n")
    wrapped = not all(line.strip() for line in raw_lines)  # a blank line somewhere: lines are wraps
    out: list[str] = []
    block: list[str] = []
    for line in raw_lines + [""]:
        if line.strip():
            block.append(line)
        elif block:
            out.extend(_block_paragraphs(block, wrapped))
            block = []
    return out


def _block_paragraphs(block: list[str], wrapped: bool) -> list[str]:
    """The paragraphs of a run of non-blank lines: by indentation, else one (``wrapped``) or one per line."""
    if _indented_paragraphs(block):
        return _join_wraps(block)
    lines = [line.strip() for line in block]
    return [" ".join(lines)] if wrapped else lines


def _indented_paragraphs(lines: list[str]) -> bool:
    """Hard-wrapped paragraphs that each start indented (Reuters-21578: "    Domestic crude oil
    production was estimated at 8.38 mln" / "bpd, down 8.5 pct"): two indented lines or more of
    ``lines`` (none blank), and lines that are not (the wraps)."""
    indented = sum(1 for line in lines if line[:1] in " \t")
    return 2 <= indented < len(lines)


def _join_wraps(lines: list[str]) -> list[str]:
    """Paragraphs of an indented layout: each indented line opens one, the lines after it continue it."""
    out: list[list[str]] = []
    for line in lines:
        if line[:1] in " \t" or not out:
            out.append([line.strip()])
        else:
            out[-1].append(line.strip())
    return [" ".join(block) for block in out]


def clean_document(title: str | None, body: str, deadline: Deadline = NO_DEADLINE) -> CleanText:
    """Build the cleaned text: title line, blank line, body paragraphs separated by blank lines.
    Raises :class:`~pipeline.limits.ExtractionTimeout` (a ``TimeoutError``) when ``deadline`` runs
    out: the document's clean-up shares its time limit with its extraction.

    >>> c = clean_document("Title", "First  line\\r\\nSecond\\u00adline")
    >>> c.text, c.body_start, c.n_paragraphs
    ('Title\\n\\nFirst line\\n\\nSecondline', 7, 2)
    """
    head = clean_line(title, deadline)
    paragraphs = _paragraphs(_clean(body, deadline))
    body_start = len(head) + 2
    return CleanText(head + "\n\n" + "\n\n".join(paragraphs), body_start, len(paragraphs))


def doc_id_of(text: str) -> str:
    """A stable id for a cleaned text: the first 16 hex digits of its BLAKE2b hash.

    >>> doc_id_of("abc")
    'd8bb14d833d59559'
    """
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=8).hexdigest()


def source_hash(title: str | None, body: str) -> str:
    """A stable id for a record's raw text, before any clean-up (re-runs skip records they know).

    >>> source_hash("T", "body") == source_hash("T", "body") != source_hash(None, "T body")
    True
    """
    raw = f"{title or ''}\x00{body}".encode("utf-8", "replace")
    return hashlib.blake2b(raw, digest_size=8).hexdigest()
