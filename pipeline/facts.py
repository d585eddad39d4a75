"""Numeric facts: every number that states something, normalised, with what it measures.

Finding numbers costs one pass: a fast scan for runs of digits, and for number words an intersection of the
document's whitespace tokens with the number-word vocabulary (a pattern tried at every position would be
several times slower).  Around each number, short look-ups read the currency, sign and qualifier before it
and the scale, range, unit or counted noun after it; units and currencies are dictionary look-ups of the
next one to three words, longest first.  Dates, clock times, years, phone numbers, identifiers and game
scores are dropped.  Each fact then gets its direction (the verb or noun next to it), its concept and
holder (the subject of its clause, through a pronoun to an earlier sentence when needed) and its period
(the time expression of its sentence).  Vocabularies live in ``vocab/`` (``units.tsv``, ``currencies.tsv``,
``scales.tsv``, ``number_words.tsv`` and ``fact_*``).  Work per document is linear: per-sentence results
(periods, subjects) are cached in dictionaries, and every look-around is bounded.

>>> text = "Russia's investment has reached US$17 billion."
>>> [(f.surface, f.kind, f.value, f.unit, f.holder, f.concept) for f in extract_facts(text, [(0, 46, 0)])]
[('US$17 billion', 'money', 17000000000.0, 'USD', 'Russia', 'investment')]
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from operator import attrgetter
from typing import Sequence

import regex

from .limits import NO_DEADLINE, Deadline
from .numbers import number_words, parse_digits, parse_words, scale_value, scales
from .records import slot_filler
from .vocab import table, words

__all__ = ["Fact", "extract_facts", "KINDS", "QUALIFIERS"]

KINDS = ("percent", "percentage_point", "money", "count", "quantity", "duration", "ordinal", "fraction",
         "multiple")
QUALIFIERS = ("=", "~", ">", ">=", "<", "<=")


@dataclass(frozen=True, slots=True)
class Fact:
    """One numeric fact; ``text[start:end] == surface``; ``sentence_idx`` indexes the sentences given."""

    start: int
    end: int
    surface: str
    sentence_idx: int
    kind: str
    value: float
    value_high: float | None
    unit: str | None
    unit_surface: str | None
    scale_surface: str | None
    qualifier: str
    direction: str | None
    concept: str | None
    holder: str | None
    period: str | None
    rule: str


# Fact(*values) without the frozen __init__ (object.__setattr__ for each of the 16 fields cost a twelfth of
# the extraction time): the slots are filled directly, one statement a field.
_make_fact = slot_filler(Fact)


# ---------------------------------------------------------------------------------------------- vocab


def _alt(entries, case_sensitive=None) -> str:
    """An alternation of literal entries, longest first; a space matches any run of blanks.

    ``case_sensitive`` is the set of entries to match in exact case; the others ignore case."""
    parts = []
    for entry in sorted(set(entries), key=lambda e: (-len(e), e)):
        body = r"[ \t\u00a0]+".join(regex.escape(piece) for piece in entry.split(" "))
        if case_sensitive is None or entry not in case_sensitive:
            body = f"(?i:{body})"
        parts.append(body)
    return "|".join(parts)


_UNITS = {}  # surface (lower-case unless case-sensitive) -> (unit, kind)
_UNITS_CS = set()
for _surface, _unit, _kind, _case in table("units.tsv"):
    _UNITS[_surface if _case == "cs" else _surface.lower()] = (_unit, _kind)
    if _case == "cs":
        _UNITS_CS.add(_surface)

_CURRENCY = {}  # surface -> ISO code
_CURRENCY_PRE, _CURRENCY_POST, _CURRENCY_CS = set(), set(), set()
for _surface, _code, _where, _case in table("currencies.tsv"):
    _CURRENCY[_surface if _case == "cs" else _surface.lower()] = _code
    (_CURRENCY_CS.add(_surface) if _case == "cs" else None)
    if _where in ("pre", "both"):
        _CURRENCY_PRE.add(_surface)
    if _where in ("post", "both"):
        _CURRENCY_POST.add(_surface)

_UNITS_BY_CS = {s: u for s, u in _UNITS.items() if s in _UNITS_CS}
_UNITS_BY_CI = {s: u for s, u in _UNITS.items() if s not in _UNITS_CS}
_CURRENCY_PRE_CS = {s: _CURRENCY[s] for s in _CURRENCY_PRE if s in _CURRENCY_CS}
_CURRENCY_PRE_CI = {s.lower(): _CURRENCY[s.lower()] for s in _CURRENCY_PRE if s not in _CURRENCY_CS}
_CURRENCY_POST_CS = {s: _CURRENCY[s] for s in _CURRENCY_POST if s in _CURRENCY_CS}
_CURRENCY_POST_CI = {s.lower(): _CURRENCY[s.lower()] for s in _CURRENCY_POST if s not in _CURRENCY_CS}
# One table of what may follow a number: currency words first, then units: surface -> (kind, unit, code).
_AFTER_CS = {**{s: (u[1], u[0], None) for s, u in _UNITS_BY_CS.items()},
             **{s: ("currency", None, c) for s, c in _CURRENCY_POST_CS.items()}}
_AFTER_CI = {**{s: (u[1], u[0], None) for s, u in _UNITS_BY_CI.items()},
             **{s: ("currency", None, c) for s, c in _CURRENCY_POST_CI.items()}}
_AFTER_FIRST = frozenset(s.split(" ")[0].lower() for s in (*_AFTER_CS, *_AFTER_CI))  # first words, lower case
_PRE_LENGTHS: dict[str, tuple[int, ...]] = {}  # last character of a currency before a number -> its lengths
for _surface in _CURRENCY_PRE:
    # an exact-case currency ends in its own last character only, so "and 5" never looks "USD" up
    for _c in {_surface[-1]} if _surface in _CURRENCY_CS else {_surface[-1].lower(), _surface[-1].upper()}:
        _PRE_LENGTHS[_c] = tuple(sorted({*_PRE_LENGTHS.get(_c, ()), len(_surface)}, reverse=True))
_SCALE_SPACED = sorted(s for s, (_, attached) in scales().items() if not attached)
_SCALE_ATTACHED = sorted(s for s, (_, attached) in scales().items() if attached)
_NUMBER_WORDS = number_words()
_CARDINAL = sorted(w for w, (_, c) in _NUMBER_WORDS.items() if c in ("cardinal", "fraction", "scale"))
_VAGUE = sorted(w for w, (_, c) in _NUMBER_WORDS.items() if c == "vague")
_SCALE_NUMBER_WORDS = sorted(w for w, (_, c) in _NUMBER_WORDS.items() if c == "scale")
_MULTIPLE = sorted(w for w, (_, c) in _NUMBER_WORDS.items() if c == "multiple")
_ORDINAL_WORDS = sorted(w for w, (_, c) in _NUMBER_WORDS.items() if c == "ordinal")
_ORDINAL_WORD_SET = frozenset(_ORDINAL_WORDS)
_QUALIFIER = dict(table("fact_qualifiers.tsv"))
_QUALIFIER_LAST = frozenset(q.split()[-1] for q in _QUALIFIER)
_DIRECTION = dict(table("fact_directions.tsv"))
_COUNT_QUALIFIERS = frozenset({*_QUALIFIER, "costing", "priced at", "valued at", "worth"})  # "homes worth $1m"
_MONTHS = words("fact_months.txt")
_ID_PREFIXES = words("fact_id_prefixes.txt")
_ORDINAL_NOUNS = words("fact_ordinal_nouns.txt")
_ORDINAL_NOUN_TUPLE = tuple(sorted(_ORDINAL_NOUNS))  # for str.startswith
_IRREGULAR = dict(table("fact_irregular_plurals.tsv"))
_UNCOUNTABLE = words("fact_uncountable_nouns.txt")
_STOPWORDS = words("fact_stopwords.txt")
_METRE_EVENTS = words("fact_metre_events.txt")
_RACE_BEFORE = frozenset({"the", "men's", "women's", "men’s", "women’s", "over"})  # "in the 100m."
_GIVEN_NAMES = frozenset(row[0] for row in table("people_given_names.tsv"))  # "2 Bernie Sanders" counts no noun
# A photo gallery's counter ("Hide Caption 1 of 33 Photos:"): page furniture, not a fact.
_GALLERY = re.compile(r"\b\d{1,4} of \d{1,4} (?:[Pp]hotos|[Ii]mages|[Ss]lides|[Pp]ictures)\b")
_GALLERY_HINTS = ("hotos", "mages", "lides", "ictures")
_GALLERY_REACH = 16  # characters of a caption before its hint word: "1234 of 5678 P" is 14
_VERBS = words("fact_verbs.txt")
_VERBS_WENT = _VERBS | {"went"}  # a clause's verb, past tense of "go" included ("went up")
_REPORTING = words("fact_reporting_verbs.txt")
_PRONOUNS = frozenset({"it", "they", "this", "these", "that", "those"})
_PERSONAL = frozenset({"i", "we", "you", "he", "she", "me", "us", "him", "her", "them", "who"})
_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "its", "his", "her", "my", "your", "this",
                          "that", "these", "those", "both", "each", "every", "all", "some", "any"})
_RELATIVE = frozenset({"that", "which", "who", "whose"})
_GENERIC_NOUNS = words("fact_generic_nouns.txt")
_LY_NOUNS = words("fact_ly_nouns.txt")  # nouns in -ly ("supply", "rally"): other words in -ly are no concept
_ED_NOUNS = words("fact_ed_nouns.txt")  # nouns in -ed ("speed"): other words in -ed are participles
_MARKET_INDEXES = words("fact_market_indexes.txt")
_SUBJECT_WORDS = 10  # the longest subject read before a verb; a longer run of words is a clause
# a verb after one of these is a noun ("the cut", "its rise"; not "that lasted", "each received")
_NOUN_DETERMINERS = _DETERMINERS - _RELATIVE - {"both", "each", "all", "some", "any"}
_VERB_GROUP = words("fact_verb_group.txt")
_CONTRACTED = words("fact_contracted_pronouns.txt")
_CLAUSE_OPENERS = frozenset({"and", "but", "or", "while", "whereas", "so", "yet", "as", "although",
                             "though", "because", "since", "if", "when", "then", "also"})
# where the subject of a verb starts, read backwards (with other verbs, numbers and "it's": _ends_subject)
_SUBJECT_ENDS = (_CLAUSE_OPENERS - {"and", "or"}) | _RELATIVE | {"it", "they"} | _PERSONAL | _REPORTING \
    | {"when", "where", "whether", "than"}
_CLAUSE_STARTS = _RELATIVE | _VERBS_WENT | _REPORTING | {"where", "when", "whom"}  # (_clause_cut)
_PREPOSITIONS = frozenset({"in", "on", "at", "for", "from", "with", "to", "by", "during", "since",
                           "after", "before", "under", "over", "into", "across", "among", "between",
                           "against", "through", "within", "without", "about", "around", "per"})
_PER_WORDS = ("second", "minute", "hour", "day", "week", "month", "year", "annum", "share", "barrel",
              "person", "capita", "head", "household", "litre", "liter", "gallon", "kilogram", "kg",
              "tonne", "ounce", "game", "match", "night", "kilowatt-hour", "kilowatt hour", "mile")
_HYPHEN_ADJECTIVES = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})
_PER_CANON = {"annum": "year", "liter": "litre", "kg": "kilogram", "kilowatt-hour": "kilowatt hour"}

# ---------------------------------------------------------------------------------------------- patterns

_W = r"[ \t\u00a0]"  # a blank inside a line

# A number written in digits.  Found with one fast scan: the pattern starts with a digit or a dot.
_DIGITS = regex.compile(
    r"""
    (?<![\d.])                                  # not the tail of a longer number or a version
    (?:
        (?P<frac>\d{1,2}/\d{1,2})(?![\d/])      # 1/2, 3/4 (a date such as 12/05/2020 fails the look-ahead)
      | (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?    # 1,234,567.89
               |\d+(?:\.\d+)?                    # 1234.5
               |\.\d+)                           # .001
    )
    (?![.,]?\d)                                 # 1.2.3 or 1,23 are not numbers we read
    """,
    regex.VERBOSE,
)

_DIGIT_RUN = regex.compile(r"\d[\d,.]*")  # the fast scan; _digit_matches checks each run's shape
_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_FRACTION = regex.compile(r"\d{1,2}/\d{1,2}(?![\d/])")


def _variants(words_: list[str]) -> dict[str, str]:
    """Whitespace tokens that hold a number word: "two", "(two", "two,", "two.\"", "sixfold"."""
    out = {}
    for word in words_:
        for form in (word, word + "fold"):
            for pre in ("", "(", "\"", "“", "‘", "'"):
                for suf in ("", ",", ".", ";", ":", ")", "\"", "”", "’", "'", "?", "!", ".\"", ",\"", ".”", ",”",
                            "'s", "’s"):
                    out[pre + form + suf] = word
    return out


_WORD_VARIANTS = _variants(sorted(w for w in _NUMBER_WORDS if w not in ("a", "an")))
_WORD_VARIANT_SET = frozenset(_WORD_VARIANTS)
_CARDINAL_ALT = _alt(_CARDINAL)
_FRACTION_WORDS = rf"(?P<fracw>(?P<fnum>an?|one|two|three|four)[ \t-](?P<fden>{_alt(_ORDINAL_WORDS)}|quarter)s?)"
# Number words: a run of cardinals ("two and half", "twenty-five", "four hundred million"), a vague
# amount ("dozens of", "tens of thousands of"), a fold ("sixfold"), a multiple verb ("doubled") or an
# ordinal word before a noun whose ordinal is a fact ("thirtieth anniversary").  Matched on lower case.
_WORD_NUMBER = regex.compile(
    rf"""
    (?<![\w-])
    (?:
        (?P<vague>(?:(?:tens|hundreds){_W}+of{_W}+)?(?:{_alt(_VAGUE)}))(?={_W}+of{_W})
      | (?P<fold>(?:{_CARDINAL_ALT})-?fold)
      | (?P<mult>{_alt(_MULTIPLE)})
      | (?P<ordw>{_alt(_ORDINAL_WORDS)})(?={_W}+(?:{_alt(_ORDINAL_NOUNS)})\b)
      | {_FRACTION_WORDS}{_W}+of{_W}+an?{_W}+(?P<fscale>{_alt(_SCALE_NUMBER_WORDS)})  # "a quarter of a million": one number
      | {_FRACTION_WORDS}(?={_W}+of{_W})                                 # "a third of", "two thirds of"
      | (?<=(?<![\w])by{_W}+(?:(?:{_alt(_QUALIFIER)}){_W}+)?)            # "fell by (almost) a fifth":
        {_FRACTION_WORDS}(?![\w-])                                       #   a change, with no "of"
      | (?P<words>
            (?:an?{_W}+)?                                       # "a dozen", "a million", "a half"
            (?:{_CARDINAL_ALT})
            (?:(?:{_W}+|-)(?:and{_W}+)?(?:a{_W}+)?(?:{_CARDINAL_ALT})(?![\w]))*  # further parts of the number
        )
    )
    (?![\w])
    """,
    regex.VERBOSE,
)

_PER = regex.compile(
    rf"{_W}+(?:per|a|an|each){_W}+(?P<per>{_alt(_PER_WORDS, set())})(?![\w])(?!{_W}+(?:earlier|ago|before|later))",
    regex.VERBOSE)

# A scale word or abbreviation right after a number: "17 billion", "4 hundred million", "2.8bn", "$5m".
_SCALE_AFTER = regex.compile(
    rf"""
    (?:{_W}?-?(?i:{_alt(_SCALE_SPACED, set())})(?![\w]))+      # spaced words, any case
  | (?:{_alt(_SCALE_ATTACHED, set(_SCALE_ATTACHED))})(?![\w])  # attached abbreviations, exact case
    """,
    regex.VERBOSE,
)
_UNIT_STOP_CHARS = frozenset(",;:()[]{}\"“”!?")  # where a unit token ends
_UNIT_STOP = regex.compile("[" + regex.escape("".join(sorted(_UNIT_STOP_CHARS))) + "]")  # in one token
_NEGATIVE_WORD = regex.compile(r"(?r)(?<![\w])(?i:minus|negative)(?:[ \t\u00a0]+|-)?", regex.VERBOSE)

# Range continuation after a first quantity: "to", "-", "–", "and" (after "between"), "or".
_RANGE_SEP = regex.compile(
    rf"""
    (?:{_W}*(?P<dash>[-–—]){_W}*
      | {_W}+(?P<word>to|and|or|through|vs\.?|versus){_W}*-?{_W}*)
    """,
    regex.VERBOSE,
)
# A clock time or a phone number starting at a number: 9:35, 11 a.m., 7.05am, 555-123-4567.
_TIME_OR_PHONE = regex.compile(
    r"""
    (?:[:.]\d{2}(?::\d{2})?)?{0}*(?i:a\.?m\b\.?|p\.?m\b\.?)       # 11 a.m., 7.05am, 9:01 p.m.
  | :\d{2}                                                      # 9:35, 11:30
  | {0}+(?:GMT|BST|UTC|EST|EDT|CET|CEST|PST|PDT)\b               # 2200 GMT
  | [-.]\d{3}[-.]\d{3,4}\b                                      # 555-123-4567
  | -\d{2}-\d{2}                                                # 2019-09-01
    """.replace("{0}", _W),
    regex.VERBOSE,
)

# The words after a number: a counted-noun phrase ("two leaders", "seven European countries").
_NEXT_WORDS = regex.compile(r"(?:[ \t\u00a0]+[\p{L}][\p{L}'’-]*){1,4}", regex.VERBOSE)
_ASCII_NEXT_WORDS = re.compile(r"(?:[ \t]+[A-Za-z][A-Za-z'-]*){1,4}")  # _NEXT_WORDS on ASCII text
_TOKEN = regex.compile(r"[\p{L}\d][\p{L}\d'’&-]*", regex.VERBOSE)
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'&-]*")  # _TOKEN on ASCII text (linear: no timeout)

# "of" after a vague amount, then a currency word or the counted noun.
_VAGUE_OF = regex.compile(rf"{_W}+of{_W}+", regex.VERBOSE)

# "of the ..." after an ordinal noun or a fraction: what it is of.
_OF_PHRASE = regex.compile(r"""
    [ \t]+of[ \t]+
    (?:(?![ \t]-[ \t])[^,.;:!?"“”()\[\]\n—–]){1,80}  # to punctuation or a dash ("—", "–", " - ")
""", regex.VERBOSE)
_MODIFYING_KINDS = frozenset({"percent", "money", "quantity"})  # an amount before a noun: "a 25% tax", "an 8.5 kW system"
_OF_KINDS = frozenset({"percent", "fraction", "quantity", "money"})  # what "of" after the number names: a whole, a stuff
_FOR_PHRASE = regex.compile(r"""
    [ \t]+for[ \t]+(?:the|an?|its|their|his|her)[ \t]+       # what an amount pays for: "for a new roof"
    (?:(?![ \t]-[ \t])[^,.;:!?"“”()\[\]\n—–]){1,80}  # to punctuation or a dash
""", regex.VERBOSE)
_OF_DET = regex.compile(
    rf"{_W}+of{_W}+(?P<det>the|his|her|its|their|our|these|those|[\p{{L}}]+['’]s){_W}+", regex.VERBOSE)

_TIME_FIRST = frozenset(":.-apAP")
_TIME_SECOND = frozenset("apAPGBUEC")
_SCALE_FIRST = frozenset("hHtTmMbBkKlLcC")
_SCALE_WORDS = tuple(s.casefold() for s in _SCALE_SPACED)  # how a scale word after a number starts
_SCALE_ABBREVIATIONS = tuple(_SCALE_ATTACHED)
_SCALE_SET = frozenset(_SCALE_WORDS)  # "mln", "bn": light words between a verb and its number
_RANGE_STARTS = (" to", " and", " or", " through", " vs", " versus", "-", "–", "—", " -", " –", " —")
_VERSUS = frozenset(("vs", "vs.", "versus"))  # "48 vs. 37 percent": two numbers compared, never a range
_PER_STARTS = (" per ", " a ", " an ", " each ")
_ORDINAL_SUFFIX = regex.compile(r"(?:st|nd|rd|th)(?![\w])")
_NEXT_WORD = regex.compile(rf"{_W}+(?P<w>[\p{{L}}]+)", regex.VERBOSE)
_OF_OR_THE = regex.compile(rf"{_W}+(?:of|the){_W}", regex.VERBOSE)
_RESTATE = frozenset({"(", "/", ";", "or", ", or", "(or"})  # between a number and the same amount restated
_YEAR_LEFT = frozenset(" \t\u00a0(\"'“‘,")  # what may stand before a year (not a currency sign)
_WORD_FOLLOWERS = frozenset({"of", "to", "or", "and", "through", "per"})  # may follow a number word
_AGE_VERBS = frozenset({"aged", "turned", "turns", "turning", "was", "is", "be", "been"})
_DIRECTION_CONNECTORS = frozenset({"by", "of", "between"})
_DIRECTION_AFTER = regex.compile(rf"{_W}+(?P<dir>higher|lower)(?![\w])", regex.VERBOSE)
_QUALIFIER_AFTER = regex.compile(rf"{_W}+or{_W}+(?P<q>more|so|less|fewer)(?![\w])", regex.VERBOSE)

# Where the clause of a number starts, searched backwards: punctuation that separates clauses.
_BLANK_OR_MARK = frozenset(' \t\u00a0"“”')  # before a sentence's first word (_past_marks)
_CLAUSE_MARK = regex.compile(r"(?r)[,;:()\"“”—–]")
_ANY_LETTER = re.compile(r"[^\W\d_]")  # a letter (or a numeral that is no digit): every word of the vocabularies has one

# Period expressions: "the past year", "the first five months of this year", "last year", "in 2019".
# Period expressions end in a time unit: "the past year", "the first five months of this year", "last
# quarter", "a year earlier".  Each unit word found in a sentence is read backwards to its opening words
# (matched on lower case), then forwards for "of this year" / "earlier".
_PERIOD_MODIFIERS = words("fact_period_modifiers.txt")
_PERIOD_UNIT_WORDS = tuple(sorted(words("fact_period_units.txt") | {"spring", "summer", "autumn", "winter"}))
# The unit words by stem ("day" for "day" and "days"), found in a sentence by one scan (longest first).
# Two occurrences that overlap both fail the word-boundary check, so the scan loses none that counts.  A
# literal alternation on one sentence is linear: the stdlib ``re`` scans it without a timeout, about three
# times faster than ``regex``.
_PERIOD_OPENERS = frozenset({*_PERIOD_MODIFIERS, "this", "next"})  # "last month", "this year" opening a subject
_PERIOD_UNITS = frozenset(_PERIOD_UNIT_WORDS)
_DAY_NAMES = words("fact_day_names.txt")
_TIME_OWNERS = frozenset({*_PERIOD_UNIT_WORDS, *_DAY_NAMES})  # "this week's rally", "today's"
_NOT_BOUGHT = _TIME_OWNERS | {"period", "periods", "term", "time", "remainder", "rest"}  # ("$5m for the year")
_PERIOD_STEM_WORDS = [u for u in _PERIOD_UNIT_WORDS if not (u.endswith("s") and u[:-1] in _PERIOD_UNIT_WORDS)]
_PERIOD_STEM = re.compile("|".join(map(re.escape, sorted(_PERIOD_STEM_WORDS, key=lambda u: (-len(u), u)))))
_PERIOD_PLURAL = frozenset(u for u in _PERIOD_STEM_WORDS if u + "s" in _PERIOD_UNIT_WORDS)
_PERIOD_OPENING = regex.compile(
    rf"""(?r)
    (?<![\w])
    (?:
        (?P<rel>(?:the{_W}+)?(?:{_alt(words("fact_period_modifiers.txt") | {"this", "next"})})
            (?:{_W}+(?:{_CARDINAL_ALT}|\d+))?)                       # the past (two), the first five, this
      | (?P<ago>a|one)                                               # a year earlier
    )
    {_W}+
    """,
    regex.VERBOSE,
)
_PERIOD_CLOSING = regex.compile(
    rf"""
    (?P<of>{_W}+of{_W}+(?:(?:this|last|next|the){_W}+(?:year|month|decade)|\d{{4}}))   # of this year, of 2021
  | (?P<ago>{_W}+(?:earlier|ago|before))                                              # a year earlier
    """,
    regex.VERBOSE,
)
_YEAR = regex.compile(r"(?:1[6-9]|20)\d\d(?!\d)")  # a year number, told by the word before it
_YEAR_PREPOSITIONS = frozenset({"in", "during", "since", "for"})
_YEAR_CUES = tuple(f"{p} {d}" for p in sorted(_YEAR_PREPOSITIONS) for d in "12")
_FULL_MONTHS = sorted(m for m in _MONTHS if len(m) > 3 and m != "sept")  # (not "mar", "may": words too)
_MONTH_WORDS = (*_FULL_MONTHS, "may")
_MONTH_ALT = "|".join(_MONTH_WORDS)
# A reporting period that ends at a month: "the nine months to June", "the year to March", "the six
# months ended June 30, 1986" (the opening "the" and count, read backwards; then the end)
_PERIOD_THE = regex.compile(rf"(?r)(?<![\w])the{_W}+(?:(?:{_CARDINAL_ALT}|\d+){_W}+)?")
_PERIOD_UNTIL = regex.compile(
    rf"{_W}+(?:to|ended|ending){_W}+(?:end-)?(?P<month>{_MONTH_ALT})(?![\w])(?:{_W}+\d{{1,2}}(?!\d))?(?:,?{_W}+\d{{4}})?")
_UNTIL_WORDS = (" to ", " ended ", " ending ")
# a month after a preposition: "in March", "since early June", "last September", "in May 2023"
_MONTH_PERIOD = regex.compile(
    rf"""
    (?<![\w])(?:{_alt(_YEAR_PREPOSITIONS | {"last", "by", "until", "through"})}){_W}+
    (?P<period>
        (?:(?:early|late|mid){_W}*(?:-{_W}*)?)?                      # early March, mid-June
        (?P<month>{_MONTH_ALT})(?![\w])                                # the month
        (?:{_W}*(?:-|–|{_W}to{_W}){_W}*(?:{_MONTH_ALT})(?![\w]))?      # to a month: April-July
        (?:,?{_W}+(?:1[6-9]|20)\d\d(?!\d)                            # its year: March 2023
          | {_W}+of{_W}+(?:this|last|next){_W}+year)?                   # December of last year
    )
    """,
    regex.VERBOSE,
)


# ---------------------------------------------------------------------------------------------- helpers


def _singular(word: str) -> str:
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low in _UNCOUNTABLE:
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def _is_plural(word: str) -> bool:
    low = word.lower()
    if low in _IRREGULAR:
        return True
    if low in _UNCOUNTABLE:
        return False
    return len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s"))


def _looks_like_name(word: str) -> bool:
    """A capitalised or mixed-case word that is not a function word: "Stoxx", "iPhone", "S&P"."""
    return any(map(str.isupper, word)) and word.lower().rstrip(".") not in _STOPWORDS


_NOT_NOUN_ENDINGS = ("ing", "ly", "ned", "ted", "sed", "ied", "ded")
_INTENSIFIERS = frozenset({"very", "more", "most", "less", "least", "so", "too", "quite", "rather", "really"})


def _counted_noun(text: str, pos: int, end: int, value: float,
                  deadline: Deadline = NO_DEADLINE) -> tuple[str, int] | None:
    """The counted noun after a bare number: ("european country", end offset) or None."""
    part = text[pos:end]
    m = _ASCII_NEXT_WORDS.match(part) if part.isascii() else _NEXT_WORDS.match(text, pos, end, timeout=deadline.left())
    if m is None:
        return None
    taken: list[tuple[str, int]] = []
    phrase = m.group()  # blanks, then words of letters, apostrophes and hyphens: str.split reads them
    at = 0
    for word in phrase.split():
        at = phrase.find(word, at) + len(word)
        low = word.lower()
        if low in _STOPWORDS or low in _MONTHS or "'" in word or "’" in word:
            break
        taken.append((word, pos + at))
        if _is_plural(word) or len(taken) == 3 + (low in _UNCOUNTABLE):  # "14 most-viewed cable news shows"
            break
    if not taken or taken[0][0].lower() in _NUMBER_WORDS:
        return None  # "six of the seven years": the noun belongs to the next number
    if len(taken) > 1 and taken[0][0] in _GIVEN_NAMES and all(w[0].isupper() for w, _ in taken):
        return None  # "2 Bernie Sanders 229.1": a person's name next to a number (a table row)
    if value == 1.0 and _is_plural(taken[0][0]):
        return None  # "whatever one thinks": "one" the pronoun, then a verb
    if value == 1.0 and taken[0][0].lower() in _INTENSIFIERS:
        return None  # "one very talented general": what follows is no noun of its own
    if value == 1.0 and len(taken) > 1:
        first, second = taken[0][0], taken[1][0]
        if _looks_like_name(first) and not first.isupper() and first not in _GIVEN_NAMES and second.islower() \
                and not second.endswith(_NOT_NOUN_ENDINGS) and not second.endswith("s"):  # (not "one Democrat thinks")
            return f"{first.lower()} {second}", taken[1][1]  # "one Obama adviser"
        taken = taken[:1]  # "one novel remains": one counts a singular noun
    if not _is_plural(taken[-1][0]):
        taken = taken[:1]  # "12 page document", "3 cylinder engine", "one solution": the first noun
        first = taken[0][0]
        if value != 1.0 and (not first.islower() or first.endswith(_NOT_NOUN_ENDINGS)):
            return None  # "11 Pro", "2.7m combined", "40k cheaper"
    head = taken[-1][0]
    if head[0].isdigit():
        return None
    parts = [w if sum(map(str.isupper, w)) > 1 else w.lower() for w, _ in taken[:-1]]
    last = head if head.rstrip("s").isupper() and sum(map(str.isupper, head)) > 1 else _singular(head)
    if last.endswith("s") and head.rstrip("s").isupper():
        last = head[:-1]
    return " ".join(parts + [last]), taken[-1][1]


def _tokens(text: str, start: int, end: int, deadline: Deadline = NO_DEADLINE) -> list[str]:
    part = text[start:end]
    if part.isascii():  # the same tokens as _TOKEN, found by the stdlib ``re`` several times faster
        return _ASCII_TOKEN.findall(part)
    return _TOKEN.findall(text, start, end, timeout=deadline.left())


def _strip_determiners(tokens: list[str]) -> list[str]:
    while tokens and tokens[0].lower() in _DETERMINERS:
        tokens = tokens[1:]
    return tokens


def _noun_phrase(tokens: list[str]) -> tuple[str | None, str | None]:
    """(concept, holder) of a subject: "Kazakhstan's investment in Russia" -> ("investment", "Kazakhstan")."""
    lows = [t.lower() for t in tokens]
    for i in range(len(lows) - 1, -1, -1):
        if lows[i] in _REPORTING and not _owned(lows, i):  # (not "Canada's forecast")
            tokens, lows = tokens[i + 1:], lows[i + 1:]  # "Unilever said European sales": the sales
            break
    k = 0
    while k < len(lows) and lows[k] in _DETERMINERS:
        k += 1
    if k:
        tokens, lows = tokens[k:], lows[k:]
    for i in range(1, len(lows)):
        if lows[i] in _PREPOSITIONS or lows[i].endswith("ing") and tokens[i].islower() and _is_plural(tokens[i - 1]):
            tokens, lows = tokens[:i], lows[:i]  # (a participle after a plural opens a clause: "Cubans living")
            break
    holder = None
    for i, tok in enumerate(tokens):
        if i + 1 < len(tokens) and lows[i].endswith(_OWNER_ENDS) and _owned(lows, i + 1):  # "Kazakhstan's", "the banks'"
            holder = " ".join(_strip_determiners(tokens[:i]) + [tok[:-2] if tok[-1] in "sS" else tok[:-1]])
            tokens = _strip_determiners(tokens[i + 1:])
            lows = [t.lower() for t in tokens]
            break
    raw = tokens
    tokens = [t for t, low in zip(tokens, lows) if low not in _STOPWORDS or low == "of" or t in _CAPITAL_NAMES]
    while tokens and tokens[-1].lower() == "of":
        tokens = tokens[:-1]
    if holder and (len(holder.split()) > 3 or holder.lower() in _TIME_OWNERS or _ANY_LETTER.search(holder) is None
                   or holder.lower() in _NUMBER_WORDS):
        holder = None  # a long run of words before "'s" is a clause, not an owner; "this week's rally": a time;
        # "50's beef", "one's": a number owns nothing
    if len(tokens) - (tokens[:1] == ["US"]) > 4 and holder is None and "of" in raw[1:4]:
        at = raw.index("of", 1)  # "The length of the main suspension bridge": the length, the bridge's
        owner = raw[at + 1:]
        first = next((j for j, t in enumerate(owner) if t.lower() not in _STOPWORDS or t in _CAPITAL_NAMES), len(owner))
        stop = next((j for j in range(first, len(owner)) if owner[j].lower() in _STOPWORDS
                     and owner[j] not in _CAPITAL_NAMES and owner[j].lower() not in _JOINTS), len(owner))
        owner = [t for t in owner[first:stop] if t.lower() not in _JOINTS]  # ("of security and other needs around")
        if 0 < len(owner) <= 4 and (raw[at - 1].islower() or at == 1 and owner[0].islower()) and not any(
                t[0].isdigit() or t.lower() in _STOPWORDS or t.lower() in _NUMBER_WORDS for t in raw[:at]) \
                and not any(t[0].isdigit() or t.lower() in _NUMBER_WORDS for t in owner):
            tokens, holder = raw[:at], " ".join(owner)  # (not "Bank of Commerce", "nine out of 10", "suggest the number of")
    if len(tokens) - (tokens[:1] == ["US"]) > 4 or not tokens:  # ("US light sweet crude futures")
        return None, holder  # a subject this long is a clause, not what is measured
    last = tokens[-1]
    if last.islower() and last.endswith("ly") and last not in _LY_NOUNS:
        return None, holder  # "previously", "unlikely": an adverb or adjective, no noun
    while tokens[0].islower() and tokens[0].endswith("ly") and tokens[0] not in _LY_NOUNS:
        tokens = tokens[1:]  # "respectively extraordinary gain": the gain
    named = [_in_name(tokens, i) for i, tok in enumerate(tokens) if any(map(str.isdigit, tok))]
    if not all(named) or (len(last) < 3 or last.lower().endswith("ed") and last.lower() not in _ED_NOUNS) and not (named and _in_name(tokens, len(tokens) - 1)):
        return None, holder  # "especially given", "re", "9 p m address": not a noun phrase
    return " ".join(tokens), holder


_PLACE_PREPOSITIONS = frozenset({"at", "in"})  # "profits at Tesco", "inflation in Britain": the name is whose it is


def _place(toks: list[str], lows: list[str], k: int, verb: int) -> str | None:
    """The name after the last "at"/"in" before the verb at ``verb`` (clause from ``k``), up to its first
    function word: whose the subject's number is ("Quarterly profits at US media giant TimeWarner
    jumped", "Shares in Borussia Dortmund dropped", "Oil stocks in Western Europe were"); None for no
    name, a time or a figure ("in January", "at noon EDT", "in Q3")."""
    i = next((j for j in range(verb - 1, k - 1, -1) if lows[j] in _PLACE_PREPOSITIONS), None)
    if i is None:
        return None
    tokens = _strip_determiners(toks[i + 1:verb])
    end = next((j for j, t in enumerate(tokens) if t.lower() in _STOPWORDS and t not in _CAPITAL_NAMES
                and not (t == "of" and tokens[j + 1:j + 2] and tokens[j + 1][0].isupper())), len(tokens))
    words_ = tokens[:end]  # ("in the Gulf of Mexico")
    if not 0 < len(words_) <= 4 or not words_[0][0].isupper() or not words_[-1][0].isupper() \
            or any(any(map(str.isdigit, w)) for w in words_):
        return None
    rest = lows[verb - len(tokens) + end:verb]  # the name reaches the verb group: it is in the subject
    if not all(low in _VERB_GROUP or low in _VERBS_WENT or low.endswith(("n't", "ly")) for low in rest):
        return None  # (not "fell 3% in London as the bank raised funds by selling stocks worth")
    if any(part in _MONTHS or part in _DAY_NAMES or part in _PERIOD_UNITS for part in words_[-1].lower().split("-")):
        return None  # "in April-July"
    return " ".join(words_)


def _in_name(tokens: list[str], i: int) -> bool:
    """Token ``i`` holds digits that are part of a name: "S&P 500", "Stoxx 600", "iPhone 11" (after a
    capitalised word that is no month, and no year), "TA-25", "SF90" (a capitalised token of its own)."""
    tok = tokens[i]
    if not any(map(str.isdigit, tok)):
        return False
    if tok[0].isupper():
        return True
    before = tokens[i - 1] if i else ""
    return tok.isdigit() and not _YEAR.fullmatch(tok) and any(map(str.isupper, before)) \
        and before.lower() not in _MONTHS and not any(map(str.isdigit, before))


class _Bounded:
    """The deadline seen by the look-arounds next to a number: no ``timeout=``.

    Every pattern matched next to a number is anchored and linear (no nested or overlapping
    quantifiers) and reads a bounded stretch of one sentence, so it cannot run away; the ``regex``
    module's ``timeout=`` would read the process CPU clock (a system call) on every match, which cost
    about a sixth of the extraction time.  The document's :class:`Deadline` is still read once per number (it raises
    :class:`~pipeline.limits.ExtractionTimeout` when spent).  The document-wide scans need no ``timeout=``
    either: the digit scan is one character class repeated and the number words are found with ``str``
    methods, both linear in the text."""

    __slots__ = ()

    def left(self) -> None:
        return None


_BOUNDED = _Bounded()


@dataclass(slots=True)
class _Doc:
    """Per-document state: caches keyed by sentence index, so each sentence is read a bounded number of times."""

    text: str
    low: str
    sentences: Sequence[tuple[int, int, int]]
    deadline: Deadline
    periods: dict
    subjects: dict
    concepts: dict  # sentence index -> last concept stated in it (for pronouns in later sentences)
    names: dict  # capitalised word -> whether the text uses it only as a name (_is_name)
    pair_ends: set  # starts of second numbers after a dash that are no range's end ("52-40 percent")


@dataclass(slots=True)
class _Earlier:
    """What the rules after a number ask of the facts already read in its sentence: kept as the
    latest of each sort, so a sentence of thousands of bare numbers (a table flattened into one
    line) costs no scan of all the numbers before each one."""

    last: Fact | None = None
    percent_with_direction: Fact | None = None  # "DAX increased by 2 percent but Nasdaq decreased by 1"
    unit_donor: Fact | None = None  # "3.9 million headsets ... 2.4 million" (a count, money or quantity)

    def add(self, fact: Fact, text: str) -> None:
        last, self.last = self.last, fact
        if fact.direction and fact.kind in ("percent", "percentage_point"):
            self.percent_with_direction = fact
        if fact.kind in ("count", "money", "quantity") and fact.unit and " per " not in fact.unit \
                and fact.rule != "quantity.race" \
                and not _qualifies_count(last, fact, text):  # "the 60m hurdles ... 7.48": a time, not metres
            self.unit_donor = fact


def _qualifies_count(last: Fact | None, fact: Fact, text: str) -> bool:
    """An amount right after a count that it qualifies ("436 properties over £1m", "300 homes worth $1m"):
    the bare numbers after it go on counting ("... compared to 469": 469 properties, not £469)."""
    return last is not None and last.kind == "count" and last.unit is not None and fact.kind != "count" \
        and text[last.end:fact.start].strip(" \t\u00a0").lower() in _COUNT_QUALIFIERS


def _word_follows(text: str, end: int, sent_end: int) -> bool:
    """A noun right after a number ("211 U.S. exporters"; not "469 a year earlier", "4 last year", "547
    Thursday", "50 tested positive", "4.5 million seven years ago", "31 weren't"): the number counts
    something of its own."""
    m = _NEXT_WORD.match(text, end, sent_end)
    if m is None:
        return False
    word = m.group("w")
    low = word.lower()
    return not (low in _STOPWORDS or low in _MONTHS or low in _DAY_NAMES or low in _NUMBER_WORDS
                or word.islower() and low.endswith(("ed", "ing", "ly"))
                or text.startswith(("'t", "’t"), m.end()))  # "31 weren't", "7.23 billion daily average"


_NONE_EARLIER = _Earlier()  # (never added to: a sentence's first number)


def _subject(doc: _Doc, idx: int):
    """(concept, holder, is_pronoun) of the first clause of sentence ``idx``."""
    if idx in doc.subjects:
        return doc.subjects[idx]
    s, e, _ = doc.sentences[idx]
    toks = _tokens(doc.text, s, min(e, s + 200), doc.deadline)
    result = (None, None, False)
    for i, tok in enumerate(toks):
        if tok.lower() in _VERBS:
            subj = toks[:i]
            if len(subj) == 1 and subj[0].lower() in _PRONOUNS:
                result = (None, None, True)
            elif subj and not (len(subj) == 1 and subj[0].lower() in _PERSONAL):
                concept, holder = _noun_phrase(subj)
                result = (concept, holder, False)
            break
    doc.subjects[idx] = result
    return result


def _resolve_pronoun(doc: _Doc, idx: int):
    """The concept a pronoun subject in sentence ``idx`` refers to: the last one of the 2 sentences before,
    in the same paragraph."""
    para = doc.sentences[idx][2]
    for j in (idx - 1, idx - 2):
        if j < 0 or doc.sentences[j][2] != para or _voice_changes(doc.text, doc.sentences[j][0], doc.sentences[idx][0]):
            break
        if j in doc.concepts:
            return doc.concepts[j]
        concept, holder, is_pronoun = _subject(doc, j)
        if concept:
            return concept, holder
        if not is_pronoun:
            break
    return None, None


def _voice_changes(text: str, start: int, end: int) -> bool:
    """A quotation opens or closes between the sentence starting at ``start`` (a mark opening it is its
    own) and the pronoun of the sentence starting at ``end`` (a mark opening it is on the way): "'... an
    offer that is acceptable.' It is understood", "Sales rose. 'It was ...": the pronoun speaks in
    another voice and refers to nothing of that sentence."""
    start = _past_marks(text, start, end)
    end = _past_marks(text, end, min(len(text), end + 4))
    return (text.count('"', start, end) + text.count("“", start, end) + text.count("”", start, end)) % 2 == 1


def _past_marks(text: str, at: int, end: int) -> int:
    """Where the blanks and double quotation marks from ``at`` (before ``end``) end."""
    while at < end and text[at] in _BLANK_OR_MARK:
        at += 1
    return at


def _concept(doc: _Doc, idx: int, sent_start: int, left: int, count: bool = False, fraction: bool = False):
    """(concept, holder, inherit) for a number starting at ``left`` in sentence ``idx`` (``count``: a number
    that counts a noun of its own; ``fraction``: a share, maybe the subject of a verb after it).

    The subject is read before the verb nearest the number ("Tesla jumped 8.5% and Starbucks gained
    3.5%": Starbucks for 3.5%), back to the word that ends it (_ends_subject).  ``inherit`` is True when
    the number's clause has no verb and opens with "or"/"and" ("..., or 8.8 percent"): the number
    restates the one before it."""
    text = doc.text
    lo = max(sent_start, left - 200)
    mark = _CLAUSE_MARK.search(text, lo, left)
    clause_start = mark.end() if mark else lo
    toks = _tokens(text, clause_start, left, doc.deadline) if _ANY_LETTER.search(text, clause_start, left) else []
    lows = _lows(toks)
    if mark is not None and mark.group() == ",":
        joined = _past_aside(doc, lo, mark.start(), toks, lows)
        if joined is not None:  # "Healthcare, 2018's best performing sector, dropped 1.61%"
            toks, lows = joined
    if not toks:
        return None, None, False  # numbers and signs only ("Scores: 1 2 3"): no opener, no verb, read in C
    k = 0
    while k < len(lows) and lows[k] in _CLAUSE_OPENERS:
        k += 1
    gap = _gapped(toks, lows, k)
    if gap is not None:
        joint, words_, opens = gap
        if words_ and (not opens or any(map(str.isdigit, text[max(lo, clause_start - _FIGURE_REACH):clause_start]))):
            return (*_phrase_named(doc, words_), False)  # "Exports rose 5%, and imports 3%"
        if words_:
            return None, None, False  # "in Ohio, and seeks damages of": no figure before, no gap
        if joint and not (count and joint == "and") and (opens or not fraction):  # (not "and one third of turnover was")
            return None, None, True  # "..., or 8.8 percent": the figure before restated
        return None, None, False  # "..., and 300 workers lost their jobs": a clause of its own
    verb = None if _VERBS_WENT.isdisjoint(lows) else next(
        (i for i in range(len(lows) - 1, k - 1, -1) if lows[i] in _VERBS_WENT and _is_verb(lows, i)), None)
    moved = _moved(toks, lows, k if verb is None else verb + 1, verb is not None)
    if moved:
        return (*_phrase_named(doc, moved), False)  # "such as Blackmores up 9.4 per cent to $84"
    if verb is None and lows[-1:] == ["of"] and _CONTRACTED.isdisjoint(lows[k:]):  # ("That's a shift of": a verb)
        measured = _noun_of(toks, lows, k)  # "with sales of 5835 units", "announced a package of $1bn"
        if measured and not (count and _is_plural(measured.split()[-1])):  # (not "the lives of millions of teenagers")
            return measured, None, False
    if verb is None or "that" in lows[verb + 1:]:
        return None, None, False  # "Axios reported that thousands": the subject of a clause around the number
    concept, holder = _subject_concept(doc, idx, toks, lows, k, verb)
    if holder is None and concept is not None:
        concept, holder = _named(doc, concept, _after_determiner(toks, lows, concept.split()[0], verb))
    if holder is None and concept is not None:
        holder = _place(toks, lows, k, verb)  # "Quarterly profits at US media giant TimeWarner jumped"
    between = lows[verb + 1:]
    if all(map(_is_light, between)):
        return concept, holder, False  # "sales rose by almost 5%", "was unchanged at 9.9%"
    measured = _object_noun(toks[verb + 1:], between)
    if measured and measured.split()[-1].lower() not in _GENERIC_NOUNS:
        return measured, holder or concept, False  # "the firm has total debts of $1.87bn": debts, the firm's
    if measured or between[-1] == "at" and lows[verb] in _LINKING and len(between) <= _AT_REACH \
            and _DETERMINERS.isdisjoint(between) \
            or between[-1] == "to" and "from" in between and all(map(_is_light, between[:between.index("from")])):
        return concept, holder, False  # "was quoted at a staggering sum of $10m", "was just as impressive at
        # 37.5", "fell 9.2 pct from the previous month to 277.2 mln dlrs"
    return None, None, False  # "is seizing on an attempt by 500 migrants": the number belongs to an object


_CAPITAL_NAMES = frozenset({"US", "IT", "WHO"})  # in capitals a name, not the pronoun ("US media giant")
_JOINTS = frozenset({"and", "or"})
_MOVES = frozenset({"up", "down", "higher", "lower"})  # after a subject with no verb: "Blackmores up 9.4%"
_FIGURE_REACH = 16  # characters before a clause that opens with "and" where a figure stands ("rose 5%, and imports 3%")
_LINKING = frozenset({"is", "was", "were", "are", "be", "been", "remain", "remains", "remained", "stood", "stand",
                      "stands", "closed", "ended", "finished", "settled", "traded"})  # "was steady at", not "sells notes at"
_AT_REACH = 4  # the most words from a verb to the "at" before its number with no object between ("sat pretty at")
_GAP_WORDS = 5  # the longest subject of a clause whose verb is left out ("and imports 3%")
_ASIDE_CHARS = 80  # the longest aside in characters (read before its words)
_ASIDE_WORDS = 8  # the longest aside between commas ("Healthcare, 2018's best performing sector, dropped")


def _lows(toks: list[str]) -> list[str]:
    """The tokens in lower case, "’" as "'"; "US", "IT", "WHO" written in capitals stay as they are:
    names, not the pronouns that end a subject ("Quarterly profits at US media giant TimeWarner")."""
    if not toks:
        return []
    lows = " ".join(toks).lower().replace("’", "'").split(" ")  # (tokens have no blank: one call each for all)
    if _CAPITAL_NAMES.isdisjoint(toks):
        return lows
    return [t if t in _CAPITAL_NAMES else low for t, low in zip(toks, lows)]


def _named(doc: _Doc, concept: str, after_determiner: bool) -> tuple[str | None, str | None]:
    """(concept, holder) of a subject phrase: a name is whose the number is ("Tesla jumped 8.5%"), a name
    and nouns are the nouns, the name's ("Barclays shares fell 3%"; not after a determiner: "The Chinese
    e-commerce giant")."""
    if _is_name(doc, concept):
        return None, concept
    if after_determiner:
        return concept, None
    return _name_and_noun(doc, concept)


def _phrase_named(doc: _Doc, words_: list[str]) -> tuple[str | None, str | None]:
    """(concept, holder) of the subject ``words_`` of a clause with no verb of its own (_gapped, _moved)."""
    concept, holder = _noun_phrase(words_)
    if holder is None and concept is not None:
        return _named(doc, concept, words_[0].lower() in _DETERMINERS)
    return concept, holder


def _gapped(toks: list[str], lows: list[str], k: int) -> tuple[str, list[str], bool] | None:
    """How a number's clause reads after its last "and"/"or" when no verb follows that word and it opens
    the clause (``k``: past its openers) or follows a figure: (the word, the words after it, whether it
    opens the clause), the words being the subject of a clause whose verb is left out ("Profit was 5
    mln dlrs and revenue 30 mln dlrs", "Exports rose 5%, and imports 3%", "and A2 Milk up 4 per cent"),
    or none where the number restates or goes on from the figure before ("..., or 8.8 percent", "and
    about 3%", "and a total of"); ("", [], True) where a clause of its own starts ("and it's 12%
    higher", "and will fit into 64 racks", "And Newcastle's 18-year-old"); None otherwise."""
    if _JOINTS.isdisjoint(lows):
        return None
    j = len(lows) - 1 - min(lows[::-1].index(joint) for joint in _JOINTS if joint in lows)  # the last one
    if not _VERBS.isdisjoint(lows[j + 1:]):
        return None
    opens = j < k
    if not opens and not any(low[:1].isdigit() for low in lows[max(k, j - 4):j]):
        return None  # "Obama and Romney each", "sales in Europe and Asia": no figure before it
    end = next((i for i in range(j + 1, len(lows)) if lows[i] in _MOVES), len(lows))
    if not all(map(_is_light, lows[end:])) or end < len(lows) and end == j + 1:
        return None  # ("and up 5%")
    words_ = lows[j + 1:end]
    if all(low[:1].isdigit() or _is_light(low) or low in _VERSUS or low in _PER_WORDS
           or low.split("-")[0] in _NUMBER_WORDS for low in words_):
        return (lows[j], [], opens) if opens or end == len(lows) else None  # ("or one ct a share vs": figures)
    if any(low in _CONTRACTED or low in _PERSONAL or low in _PRONOUNS or low in _VERB_GROUP for low in words_) \
            or words_[-1].endswith("'s") or not _NOUN_DETERMINERS.isdisjoint(words_[1:]) \
            or not _DETERMINERS.isdisjoint(words_[1:]) and end == len(lows):
        return ("", [], True) if opens else None  # a verb, a possessive or a determiner inside: a clause
    if lows[-1] == "of" or len(words_) > _GAP_WORDS or words_[0] in ("a", "an") or words_[-1] in _PREPOSITIONS:
        return (lows[j], [], True) if opens else None  # "and a total of": the figure before goes on
    return lows[j], toks[j + 1:end], opens


def _moved(toks: list[str], lows: list[str], k: int, named: bool) -> list[str] | None:
    """The subject before "up", "down", "higher" or "lower" in a clause with no verb after ``k`` ("with
    sales down 3%"; ``named``: after a verb, a name only: "lifted shares such as Blackmores up 9.4 per
    cent to $84"): the words back to a function word, a figure or the clause's start, ending in a name or
    a plural; None when that word is not followed by light words only."""
    if _MOVES.isdisjoint(lows):
        return None
    d = next((i for i in range(len(lows) - 1, k - 1, -1) if lows[i] in _MOVES), None)
    if d is None or d == k or not all(map(_is_light, lows[d + 1:])):
        return None
    if toks[d - 1].islower() and not _is_plural(toks[d - 1]) or lows[d - 1] in _VERBS_WENT or lows[d - 1] in _VERB_GROUP \
            or lows[d - 1].endswith(("ing", "ed")):
        return None  # "is setting up a $5m", "give up one of", "Lying down for": a verb and its particle
    start = d
    while start > k and d - start < _GAP_WORDS and not (
            lows[start - 1] in _STOPWORDS or lows[start - 1][:1].isdigit() or lows[start - 1] in _SUBJECT_ENDS
            or toks[start - 1].islower() and (lows[start - 1].endswith(("ed", "ing")) or not toks[start].islower())):
        start -= 1  # (no lower-case word before a name: "which pushed U.S. Sales up", "sent Lenovo's shares up")
    if start == d or lows[start - 1:start] == ["of"] or named and not any(map(_looks_like_name, toks[start:d])):
        return None
    return toks[start:d]


def _past_aside(doc: _Doc, lo: int, at: int, toks: list[str], lows: list[str]):
    """(tokens, lower-case tokens) of the number's clause, which starts after a comma at ``at``, read past
    an aside between commas, or None when there is none:
    the clause opens with its verb and an aside with no verb stands between it and its subject
    ("Healthcare, 2018's best performing sector, dropped 1.61%": "Healthcare dropped"; "Healthcare,
    which dropped": "Healthcare which dropped"), or the number follows a short aside after a verb
    ("the temperature was, on average, 2.14degF": "the temperature was")."""
    text = doc.text
    relative = len(lows) > 1 and lows[0] in _RELATIVE and _is_verb(lows, 1)
    if lows and not relative and not (lows[0] in _VERBS_WENT and _is_verb(lows, 0)):
        return None
    prev = _CLAUSE_MARK.search(text, lo, at)
    if not relative and (prev is None or prev.group() != "," or at - prev.end() > _ASIDE_CHARS):
        return None  # (read first: most numbers after a comma have no aside before it)
    seg = _tokens(text, prev.end() if prev else lo, at, doc.deadline)
    seg_lows = _lows(seg)
    if not seg:
        return None
    if relative:  # "Healthcare, which dropped" (not "54.55 dlrs per share, which represents": a unit)
        return None if any(low[:1].isdigit() for low in seg_lows[-4:]) else (seg + toks, seg_lows + lows)
    if len(seg) > _ASIDE_WORDS or not _JOINTS.isdisjoint(seg_lows) \
            or _has_verb(seg_lows):
        return None  # (not "hits by the Byrds, Ry Cooder and the Beach Boys, has died": a list)
    before = _CLAUSE_MARK.search(text, lo, prev.start())
    head = _tokens(text, before.end() if before else lo, prev.start(), doc.deadline)
    head_lows = _lows(head)
    if not head or not lows and not (len(seg) <= 3 and _is_verb(head_lows, len(head) - 1)):
        return None  # (an aside right before the number follows a verb: "the temperature was, on average,")
    if lows and (_has_verb(head_lows) or not _RELATIVE.isdisjoint(head_lows)):
        return None  # a subject has no verb of its own (not "who was behind hits by the Byrds, ...")
    return head + toks, head_lows + lows


def _subject_concept(doc: _Doc, idx: int, toks: list[str], lows: list[str], k: int, verb: int):
    """(concept, holder) of the subject of the verb at ``verb``, read back from its verb group to the
    word that ends it (_ends_subject)."""
    group = verb  # "are now expected to rise": the whole verb group stands between subject and number
    while group > k and (lows[group - 1] in _VERBS_WENT and _is_verb(lows, group - 1) or lows[group - 1] in _VERB_GROUP
                         or lows[group - 1] in _REPORTING and not _owned(lows, group - 1)
                         or lows[group - 1].endswith("n't")):
        group -= 1
    start = group
    while start > k and not _ends_subject(lows, start - 1, k):
        start -= 1
    subj = toks[start:group]
    if len(subj) > _SUBJECT_WORDS:
        return None, None  # "Montgomery responded quickly by slotting over a superb penalty ...": a clause
    if not subj and start > k and lows[start - 1] in _RELATIVE:
        before = toks[k:start - 1]  # "sales that rose 5%": what the relative stands for
        cut = max((j for j, t in enumerate(before) if t.lower() in _STOPWORDS), default=-1)
        antecedent = _noun_phrase(before[cut + 1:])[0]
        if antecedent and antecedent.lower() in _PERIOD_UNITS:
            return None, None  # "a package last year that included 15 nominees": a time, not what is counted
        return antecedent, None
    if not subj and start > k and lows[start - 1] in _PRONOUNS or len(subj) == 1 and lows[start] in _PRONOUNS:
        at = start - 1 if not subj else start
        if at > k and lows[at - 1] in _REPORTING:
            return None, None  # "Aggregate Industries said it had agreed": the speaker, not an earlier subject
        return _resolve_pronoun(doc, idx)  # "it rose", "This rose"
    if subj and lows[start] in _PREPOSITIONS:  # "In Singapore the figure is": the subject after the phrase
        start = next((j for j in range(group - 1, start, -1) if lows[j] in _NOUN_DETERMINERS),
                     start + 1 if lows[start] in ("with", "without") else group)  # "with dairy prices expected to"
    start = _after_period(lows, start, group)
    end = next((j for j in range(start + 1, group - 1) if lows[j] in _PERIOD_OPENERS
                and lows[j + 1] in _PERIOD_UNITS), group)  # "The duchy last year generated": the duchy
    subj = toks[start:end]
    if not subj or any(_past_verb(toks, lows, j) for j in range(start + 1, end)):
        return None, None  # "he rose", "in terms of trying to", "The Fed lifted borrowing costs": no subject
    return _noun_phrase(subj)


_DEMONYM_ENDINGS = ("ese", "ish", "ian", "can", "ean", "lan", "ic", "ench", "ino", "ina")  # adjectives of a place or party


def _after_determiner(toks: list[str], lows: list[str], first: str, verb: int) -> bool:
    """The subject's first word ``first`` (the last such token before the verb at ``verb``) follows a
    determiner: a capitalised word there is an adjective ("The Chinese e-commerce giant")."""
    at = next((j for j in range(verb - 1, -1, -1) if toks[j] == first), 0)
    return at > 0 and lows[at - 1] in _DETERMINERS


def _name_and_noun(doc: _Doc, phrase: str) -> tuple[str, str | None]:
    """(concept, holder) of a subject that is a name and lower-case nouns ("Barclays shares", "Labour
    MPs", "Clinton supporters"): the nouns, the name's; the phrase itself and no holder otherwise ("Core
    inflation": "Core" is no name the text uses)."""
    words_ = phrase.split()
    cut = next((i for i, w in enumerate(words_) if not w[0].isupper()), len(words_))
    if 0 < cut < len(words_) and all(w.islower() for w in words_[cut:]) and not words_[cut - 1].endswith(_DEMONYM_ENDINGS) \
            and words_[0].lower() not in _NUMBER_WORDS and _is_name(doc, " ".join(words_[:cut])):
        return " ".join(words_[cut:]), " ".join(words_[:cut])
    return phrase, None  # (not "Chinese police", "Democratic groups", "Five Republican outside groups")


def _is_name(doc: _Doc, phrase: str) -> bool:
    """``phrase`` names a person, company, place or group ("Tesla", "Mr Obama", "Senate Democrats"): every
    word capitalised, its last no acronym ("GDP", "IBM": a measure as often as a name), month, day or
    market index ("the Dow fell 1%": what is measured), and the text writes that last word in lower case nowhere and after a lower-case word somewhere
    ("shares of Tesla"; "Sales", "Unemployment" opening a sentence are no names)."""
    words_ = phrase.split()
    head = words_[-1]
    if not all(w[0].isupper() for w in words_) or head.isupper() or "'" in head or "’" in head:
        return False
    low = head.lower()
    if low in _MONTHS or low in _DAY_NAMES or low in _PERIOD_UNITS or low in _MARKET_INDEXES:
        return False
    known = doc.names.get(head)
    if known is None:
        known = doc.names[head] = _used_as_name(doc.text, head, len(words_) > 1)
    return known


_OWNS_OR_SPEAKS = ("'s ", "’s ", " said", " says")  # after a name: "Tesla's shares", "Tesla said"


def _used_as_name(text: str, head: str, several: bool) -> bool:
    """The text writes ``head`` (and its singular) nowhere in lower case, and, unless ``several`` words
    name it, somewhere capitalised after a lower-case word ("shares of Tesla").  Found with str.find:
    a pattern made of the word would be compiled anew for most documents."""
    if any(True for form in {head.lower(), _singular(head)} for _ in _whole_words(text, form)):
        return False
    return several or any(_after_lower_word(text, at) or _owns_or_speaks(text, at + len(head))
                          for at in _whole_words(text, head))


def _owns_or_speaks(text: str, end: int) -> bool:
    """The word ending at ``end`` owns something or speaks ("Tesla's", "Tesla said"): a name, even where
    it only opens sentences."""
    return text.startswith(_OWNS_OR_SPEAKS, end)


def _whole_words(text: str, word: str):
    """Offsets where ``word`` stands in ``text`` with no word character before or after it."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (end < len(text) and _word_char(text[end])) and not (at and _word_char(text[at - 1])):
            yield at
        at = text.find(word, at + 1)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _after_lower_word(text: str, at: int) -> bool:
    """A lower-case letter, maybe a comma, and one space before ``at``: "shares of Tesla"."""
    if at < 2 or text[at - 1] != " ":
        return False
    k = at - 3 if text[at - 2] == "," else at - 2
    return k >= 0 and text[k].islower()


def _after_period(lows: list[str], start: int, end: int) -> int:
    """Where a subject starts after a period expression opening it ("Last month Marsh agreed", "the last
    year employers added"): ``start`` itself when it opens none ("the previous record")."""
    at = start
    while at < end and (lows[at] in _PERIOD_OPENERS or lows[at] in _NOUN_DETERMINERS):
        at += 1
    return at + 1 if at > start and at < end - 1 and lows[at] in _PERIOD_UNITS else start


def _past_verb(toks: list[str], lows: list[str], j: int) -> bool:
    """A lower-case word in -ed inside a subject, not after a determiner: a verb ("The Fed lifted
    borrowing costs"), not an adjective ("the combined company")."""
    return toks[j].islower() and len(toks[j]) > 4 and toks[j].endswith("ed") and lows[j - 1] not in _DETERMINERS


def _object_noun(toks: list[str], lows: list[str]) -> str | None:
    """The noun right before the number's "of" ("has total debts of", "an average of"), or before its
    "to"/"at"/"for" after a determiner ("cut the false positive rate to"; before "from" when "to" follows:
    "slashed its quota from the Philippines to"): the words back to a function word or a number."""
    last = lows[-1]
    if last not in ("of", "to", "at", "for"):
        return None
    end = len(lows) - 1
    if last == "to" and "from" in lows:  # "slashed its quota from the Philippines to": the quota
        end = len(lows) - 1 - lows[::-1].index("from")
    start = end
    while start > 0 and not (lows[start - 1] in _STOPWORDS or lows[start - 1][0].isdigit()):
        start -= 1
    if start == end or last != "of" and (start == 0 or lows[start - 1] not in _DETERMINERS):
        return None
    return _noun_phrase(toks[start:end])[0]


def _noun_of(toks: list[str], lows: list[str], k: int) -> str | None:
    """In a clause with no verb of _VERBS, the noun right before the number's "of" when a determiner, a
    preposition or the clause's start stands before it ("with sales of", "on turnover of", "a net worth
    of"; not "would impose curtailments of": a verb of its own) and it is no generic noun ("a total of")."""
    last = len(lows) - 1  # (the "of")
    start = last
    while start > k and not (lows[start - 1] in _STOPWORDS or lows[start - 1][0].isdigit()):
        start -= 1
    while start < last and lows[start] in _AFTER_FIRST:
        start += 1  # "a 5 per cent penalty of": the unit of the number before is no part of the noun
    if start > k and lows[start - 1] not in _DETERMINERS and lows[start - 1] not in _PREPOSITIONS:
        return None
    if start > k and lows[start - 1] == "to":
        start += 1  # "to claim reductions of": a verb after "to"; "return to payrolls of": no noun of its own
    if any(toks[j].islower() and lows[j].endswith("ing") for j in range(start + 1, last - 1)):
        return None  # "transactions involving holders of": a participle inside is a clause (not "operating profit")
    start = max([start, *(j + 1 for j in range(start, last - 1) if toks[j].islower() and _is_plural(toks[j]))])
    if start >= last:  # (a lower-case plural before the head is a verb: "The company wants damages of")
        return None
    measured = _noun_phrase(toks[start:last])[0]
    head = measured.split()[-1].lower() if measured else None
    if head is None or head in _GENERIC_NOUNS or head in _DIRECTION or head in _NUMBER_WORDS or head in _TIME_OWNERS \
            or head in _MONTHS:
        return None  # "a rise of 49.7%", "one of 76 offices", "on Friday of $5m"
    return measured


def _is_light(low: str) -> bool:
    """A word that may stand between a verb and its number: a function word, a number, a scale word, a
    unit, an adverb or a participle ("by", "almost", "10m", "sen", "unchanged", "roughly", "eliminating")."""
    return low in _STOPWORDS or low[0].isdigit() or low in _NUMBER_WORDS or low in _SCALE_SET or low in _VERB_GROUP \
        or low in _AFTER_FIRST or len(low) == 1 or low in _MOVES \
        or low.endswith(("ed", "ly", "ing", "fold")) and low not in _ED_NOUNS and low not in _LY_NOUNS  # (not "speed")


def _modified_noun(doc: _Doc, core: _Core, sent_start: int, sent_end: int) -> str | None:
    """The noun an amount modifies after an article: "a 25% tax", "a $5m scholarship programme", "the
    £1.8bn takeover" (not "a 19% drop": a direction; not "the 5% it lost": no noun)."""
    text = doc.text
    before = text[max(sent_start, core.qual_start - 5):core.qual_start].lower().split()
    if not before or before[-1] not in ("a", "an", "the"):
        return None
    if not (text.startswith(" ", core.end) and text[core.end + 1:core.end + 2].isalpha()):
        return None  # "a $1.8bn (£931m) deal": the noun comes after the conversion, read with the first amount
    toks = _tokens(text, core.end, min(sent_end, core.end + 40), doc.deadline)
    stop = next((j for j, t in enumerate(toks) if not (t.islower() and t[0].isalpha()) or _past_noun(t)
                 or t in _PERSONAL or t in _REPORTING or t in _DIRECTION or t.endswith(("ly", "ing", "ed"))
                 or toks[j + 1:j + 2] and toks[j + 1].lower() in _NOUN_DETERMINERS), len(toks))  # ("The 21-year-old ran a")
    return " ".join(toks[:min(stop, 3)]) or None


def _times_noun(doc: _Doc, core: _Core, sent_end: int) -> str | None:
    """The noun a multiple ending in "times" is of, right after it: "6.5 times earnings", "1.4 times book
    value" (not "three times a week", "1.9 times more likely", "ten times bigger", "3 times already")."""
    text = doc.text
    if not text.endswith("times", core.start, core.end) or not text.startswith(" ", core.end) \
            or not text[core.end + 1:core.end + 2].islower():
        return None
    toks = _tokens(text, core.end, min(sent_end, core.end + 40), doc.deadline)
    stop = next((j for j, t in enumerate(toks) if not (t.islower() and t.isalpha()) or _past_noun(t) or _is_light(t)
                 or t in _DIRECTION or j == 0 and t.endswith("er")), len(toks))  # (light: "already", "roughly")
    return " ".join(toks[:min(stop, 3)]) or None


def _whole_of(doc: _Doc, start: int, end: int) -> tuple[str | None, str | None]:
    """(concept, holder) of the noun phrase a share is of, from its "of" at ``start`` to the first function
    word, verb, adverb, participle or contraction after its first noun, or to punctuation or a dash
    (``end``, from _OF_PHRASE): "of its revenue from advertising" -> ("revenue", None), "of the state's current
    exchange" -> ("current exchange", "state"), "of precincts reporting" -> ("precincts", None)."""
    toks = _tokens(doc.text, start, end, doc.deadline)[1:]  # (after "of")
    at = 0
    while at < len(toks) and (toks[at].lower() in _DETERMINERS or toks[at].endswith(("'s", "’s"))):
        at += 1
    stop = next((j for j in range(at, len(toks)) if _ends_whole(toks, j, at)), len(toks))
    return _noun_phrase(toks[:stop]) if stop > at else (None, None)


def _clause_cut(phrase: str) -> str:
    """``phrase`` up to its first relative word or verb, where a clause starts: "the 19th Amendment that
    gave", "the Revolution where Mao proclaimed", "Earth Day on Wednesday was the time"; a word after a
    determiner is a noun ("his being shot down over Hanoi")."""
    words_ = phrase.split(" ")
    cut = next((j for j in range(1, len(words_)) if words_[j].lower() in _CLAUSE_STARTS
                and words_[j - 1].lower() not in _DETERMINERS), len(words_))  # (not "his being shot down")
    return " ".join(words_[:cut])


def _ends_whole(toks: list[str], j: int, first: int) -> bool:
    """Token ``j`` is past the noun phrase a share is of (_whole_of), whose first word is at ``first``."""
    low = toks[j].lower()
    if _past_noun(low) or low[0].isdigit():
        return True
    return j > first and toks[j].islower() and low.endswith(("ly", "ing", "ed"))


def _past_noun(low: str) -> bool:
    """The lower-case token ``low`` ends the noun phrase before it (_modified_noun, _whole_of): a
    function word, a verb of _VERBS_WENT or a contraction."""
    return low in _STOPWORDS or low in _VERBS_WENT or "'" in low or "’" in low


def _is_verb(lows: list[str], i: int) -> bool:
    """Token ``i`` is a verb of _VERBS_WENT, not a noun after a determiner, an owner or a modifier ("the
    cut", "a rise", "Canada's forecast", "net worth") nor "last" before a noun ("last year", "the last
    two games")."""
    low = lows[i]
    return low in _VERBS_WENT and not (i and (lows[i - 1] in _NOUN_DETERMINERS or _modifies_noun(lows[i - 1]))
                                       or _owned(lows, i)) \
        and (low != "last" or i == len(lows) - 1)


_OWNER_ENDS = ("'s", "s'", "’s", "s’")  # an owner's word ends so ("Kazakhstan's", "the banks'")


def _has_verb(lows: list[str]) -> bool:
    """Some token of ``lows`` is a verb (_is_verb); the set test first says no for most."""
    return not _VERBS_WENT.isdisjoint(lows) and any(_is_verb(lows, i) for i in range(len(lows)))


def _owned(lows: list[str], i: int) -> bool:
    """Token ``i`` follows an owner's "'s" or "s'" ("canada's forecast", "banks' estimate"): a noun.
    Not after a pronoun with a verb on it ("it's forecast")."""
    return i > 0 and lows[i - 1].endswith(_OWNER_ENDS) and lows[i - 1].replace("’", "'") not in _CONTRACTED


def _modifies_noun(low: str) -> bool:
    """A word before a noun that looks like a verb: "net worth", "an estimated worth" (a participle that
    is no verb of its own)."""
    return low == "net" or low.endswith("ed") and low not in _VERBS_WENT and low not in _REPORTING


def _ends_subject(lows: list[str], i: int, k: int) -> bool:
    """Token ``i`` is where a subject read backwards stops: a clause opener, a relative or personal
    pronoun, a reporting verb ("said"), another verb, a pronoun with a verb contracted onto
    it ("it's", "we're"), a verb in -ed before its object ("had rejected a deal worth").  "and"/"or"
    stop it only after a verb since ``k`` (two clauses: "Tesla jumped 8.5% and Starbucks
    gained 3.5%"; one subject: "Obama and Romney each received")."""
    low = lows[i]
    if low in ("and", "or"):  # (after a figure too: "were up 0.25 points, or 0.01% and Nasdaq 100 e-minis were")
        return i > k and lows[i - 1][:1].isdigit() or any(lows[j] in _VERBS_WENT and _is_verb(lows, j) for j in range(k, i))
    if low in _REPORTING and _owned(lows, i):
        return False  # "Canada's forecast was cut": a noun after its owner
    return low in _SUBJECT_ENDS or low in _VERBS_WENT and _is_verb(lows, i) or low in _CONTRACTED \
        or (low.endswith("ed") and i + 1 < len(lows) and lows[i + 1] in _DETERMINERS)


# A row of a results table, a line of its own: "Net 2,543,285 vs 1,686,559", "Shr profit 63 cts vs
# profit 57 cts" (Reuters). Its label is what the numbers measure.
_ROW_LABEL = regex.compile(r"(?P<label>\p{Lu}[\p{L}.&'/-]*(?:[ ]\p{L}[\p{L}.&'/-]*){0,3}?)[ ]+(?:(?:profit|loss)[ ]+)?[-$(]?\d")
_MAX_ROW = 80


def _row_label(text: str, start: int, end: int) -> str | None:
    """The label of the table row that the sentence ``start``-``end`` is (None when it is no such row):
    a line of its own, up to _MAX_ROW characters, that compares ("vs") and ends without a stop."""
    if end - start > _MAX_ROW or " vs " not in text[start:end] or text[end - 1] == "." \
            or (start and text[start - 1] != "\n") or text[end:end + 1] not in ("", "\n"):
        return None
    m = _ROW_LABEL.match(text, start, end)
    return m.group("label") if m else None


@dataclass(frozen=True, slots=True)
class _Periods:
    """The period expressions of one sentence in (start, end) order, kept the way
    :func:`_period_for` reads them: one bisect a number, not a walk over every period of the
    sentence (a long sentence of numbers and periods made that quadratic)."""

    starts: list[int]
    surfaces: list[str]
    reach: list[int]  # reach[k]: the latest end among the first k periods (-1 for none)
    nearest: list[str | None]  # nearest[k]: the first of them that ends there

    @classmethod
    def of(cls, text: str, spans: list[tuple[int, int]]) -> _Periods:
        reach, nearest = [-1], [None]
        for a, b in spans:
            if b > reach[-1]:
                reach.append(b)
                nearest.append(text[a:b])
            else:
                reach.append(reach[-1])
                nearest.append(nearest[-1])
        return cls([a for a, _ in spans], [text[a:b] for a, b in spans], reach, nearest)


_NO_PERIODS = _Periods.of("", [])  # most sentences have none: one shared (frozen) instance


def _periods(doc: _Doc, idx: int) -> _Periods:
    """Period expressions of sentence ``idx``, found from their time-unit words."""
    if idx in doc.periods:
        return doc.periods[idx]
    s, e, _ = doc.sentences[idx]
    low, deadline = doc.low, doc.deadline
    found = []
    for hit in _PERIOD_STEM.finditer(low, s, e):
        i, j = hit.span()
        if j < e and low[j] == "s" and hit.group() in _PERIOD_PLURAL:
            j += 1  # "days": the plural is the unit word
        if (j >= e or not low[j].isalpha()) and (i == s or not low[i - 1].isalpha()):
            m = _PERIOD_OPENING.match(low, max(s, i - 40), i, timeout=deadline.left())
            if m is None and low.startswith(_UNTIL_WORDS, j):
                until = _period_until(doc, s, e, i, j)
                if until is not None:
                    found.append(until)
            elif m is not None:
                tail = _PERIOD_CLOSING.match(low, j, e, timeout=deadline.left())
                if m.group("ago"):
                    if tail is not None and tail.group("ago"):
                        found.append((m.start(), tail.end()))
                else:
                    found.append((m.start(), tail.end() if tail is not None and tail.group("of") else j))
    sentence = low[s:e]
    years = _YEAR.finditer(low, s, e, timeout=deadline.left()) \
        if (" 1" in sentence or " 2" in sentence) and any(map(sentence.__contains__, _YEAR_CUES)) else ()
    for m in years:
        if m.start() > s + 1 and not low[m.start() - 1].isalnum():
            before = low[max(s, m.start() - 8):m.start() - 1].rsplit(None, 1)
            if before and before[-1] in _YEAR_PREPOSITIONS:
                found.append((m.start(), m.end()))
    if any(map(sentence.__contains__, _MONTH_WORDS)):
        for m in _MONTH_PERIOD.finditer(low, s, e, timeout=deadline.left()):
            if doc.text[m.start("month")].isupper():  # (not "in may")
                found.append(m.span("period"))
    found.sort()
    doc.periods[idx] = _Periods.of(doc.text, found) if found else _NO_PERIODS
    return doc.periods[idx]


def _period_until(doc: _Doc, s: int, e: int, i: int, j: int) -> tuple[int, int] | None:
    """The span of "the nine months to June" around the time unit at ``i``-``j`` of sentence
    ``s``-``e`` (the month written with a capital: not "the year to may"), or None."""
    until = _PERIOD_UNTIL.match(doc.low, j, e, timeout=doc.deadline.left())
    if until is None or not doc.text[until.start("month")].isupper():
        return None
    the = _PERIOD_THE.match(doc.low, max(s, i - 30), i, timeout=doc.deadline.left())
    return (the.start(), until.end()) if the is not None else None


_ATTACHED_REACH = 20  # characters from a number to a period of comparison that is its own ("mln dlrs in the ")
_COMPARATIVE_MODIFIERS = ("year-ago", "year-earlier", "prior", "corresponding")  # (of fact_period_modifiers.txt)
_COMPARED_WITH = (" up from ", " down from ", " compared with ", " compared to ")
_COMPARISON_ENDS = (*(w.rstrip() for w in _COMPARED_WITH), " against", " versus", " vs", " vs.")  # before a level
_LEVEL_CUES = frozenset({"to", "or"})  # among the 3 words before a level reached or restated ("to about")
_COMPARED_REACH = 60  # characters from a figure to the number it is compared with
_OWN_PERIOD_REACH = 30  # characters from a number compared to a period after it that is its own


def _earlier_level_between(text: str, end: int, period_start: int) -> bool:
    """"67.3%, up from 65.4% in 2017": a number after "up from" (or "compared with") between a number
    and the period after it is the one the period dates (the level compared with), not the first."""
    between = text[end:period_start]
    at = max(between.find(word) for word in _COMPARED_WITH)
    return at >= 0 and any(map(str.isdigit, between[at:]))


def _compares(text: str, figure: Fact, start: int) -> bool:
    """The words from ``figure`` to the next number's ``start`` end in a comparison ("in 1986 against",
    ", up from", "compared with", or "from" after a level reached or restated: "rose to about 4.7 pct in
    1986 from", "to 17 mln dlrs, or 77 cts a share, in the quarter ended February 28 from"; not
    "$1 million in 2016 from two committees"), or in "to" after a figure that follows "from" ("from 5bn euros
    in 2014 to"): a period between the two dates the figure, not the number."""
    if start - figure.end > _COMPARED_REACH:
        return False
    between = text[figure.end:start].rstrip(" \t\u00a0").lower()
    before = text[max(0, figure.start - 24):figure.start].lower().split()[-3:]
    return between.endswith(_COMPARISON_ENDS) or between.endswith(" from") and not _LEVEL_CUES.isdisjoint(before) \
        or between.endswith(" to") and "from" in before  # "from 5bn euros in 2014 to 9bn": 2014 dates the 5bn


def _period_for(doc: _Doc, idx: int, start: int, end: int, compared_end: int = -1) -> str | None:
    """The period expression of sentence ``idx`` nearest to the number at [start, end) (of two as
    near, the earlier), or None when the number is part of one or the sentence has none.  The
    nearest before the number is the one that ends latest, the nearest after it the first to start.
    ``compared_end`` is the end of the figure the number is compared with ("3.92 guilders in 1986
    against 3.28"), or -1: a period before the number that ends after that figure is the figure's."""
    periods = _periods(doc, idx)
    k = bisect.bisect_right(periods.starts, start)  # periods[:k] start at or before the number
    if periods.reach[k] > start:
        return None  # the number is part of the period expression itself
    best = (start - periods.reach[k], periods.nearest[k]) if k else None
    if best is not None and _comparative(best[1]) \
            and _after_number(doc.text, periods.reach[k] - len(best[1])):
        best = None  # "from 9.4 mln in the year-ago quarter, and profit fell to 1.3 mln": another figure's base
    after = k < len(periods.starts) and not (_comparative(periods.surfaces[k])
                                             and _figure_between(doc.text, end, periods.starts[k])) \
        and not _another_clause(doc.low, end, periods.starts[k])
    if after and (best is None or periods.starts[k] - end < best[0]) \
            and not _earlier_level_between(doc.text, end, periods.starts[k]):
        return periods.surfaces[k]  # (not "rose to 20.4 mln from 9.4 mln in the year-ago quarter" for 20.4 mln)
    if best is not None and 0 <= compared_end < periods.reach[k]:  # the period before dates the figure compared
        near = after and periods.starts[k] - end <= _OWN_PERIOD_REACH
        return periods.surfaces[k] if near else None  # "19 mln dlrs, or 84 cts a year earlier"; "against 3.28,"
    return best[1] if best else None


_CLAUSE_AFTER = (", after ", ", before ", ", while ", ", whereas ", ", although ", ", but ", ", despite ",
                 ", following ", ", when ")  # a comma and a word that opens another clause or phrase


def _another_clause(low: str, end: int, start: int) -> bool:
    """A comma and a word that opens another clause stand between a number ending at ``end`` and a period
    starting at ``start``: the period is that clause's ("growth was 1.6%, after a year of contraction in
    2003"; but "$5m, or 30 cts a share, in the first quarter" is the number's)."""
    between = low[end:start]
    return ", " in between and any(word in between for word in _CLAUSE_AFTER)


def _comparative(period: str) -> bool:
    """A period that names the base a figure is compared with ("the year-ago quarter", "the prior
    year", "the corresponding week"): it dates only the number right before it."""
    low = period.lower()
    return any(word in low for word in _COMPARATIVE_MODIFIERS)


def _figure_between(text: str, end: int, start: int) -> bool:
    """Another figure stands between a number ending at ``end`` and a period starting at ``start``: a
    digit or "vs" ("rose to 20.4 mln from 9.4 mln in the year-ago quarter", "six cts vs five cts prior qtr")."""
    between = text[end:start]
    return " vs" in between or any(map(str.isdigit, between))


def _after_number(text: str, at: int) -> bool:
    """A digit among the _ATTACHED_REACH characters before ``at``: a period there dates that number
    ("9.4 mln in the year-ago quarter"; not "Prior year net includes 4.4 mln")."""
    return any(map(str.isdigit, text[max(0, at - _ATTACHED_REACH):at]))


# ---------------------------------------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Core:
    """A number core and what was read around it, before it becomes a Fact."""

    start: int
    end: int
    value: float
    is_word: bool
    rule: str
    kind: str | None = None
    value_high: float | None = None
    unit: str | None = None
    unit_surface: str | None = None
    scale_surface: str | None = None
    currency: str | None = None
    qualifier: str = "="
    negative: bool = False
    left: int = 0  # start of the surface (currency or sign), qualifier excluded
    qual_start: int = 0  # start of the qualifier, or ``left``
    prev_word: str | None = None
    before: list | None = None  # up to 5 (word, start) pairs before the qualifier, nearest first
    has_scale: bool = False
    reject: bool = False  # a score or a span of years: consumed, never emitted
    change: bool = False  # "from X to Y": value and value_high are the levels before and after, in that order


def _lookup_after(tokens: list[str]) -> tuple[str, str, str | None, str | None] | None:
    """The longest unit or currency word among the first 3 tokens: (surface, kind-or-"currency", unit, code)."""
    first = tokens[0].lower()
    if first not in _AFTER_FIRST and first.rstrip(".") not in _AFTER_FIRST:
        return None  # no unit or currency starts with this word
    for k in range(min(3, len(tokens)), 0, -1):
        cand = " ".join(tokens[:k]) if k > 1 else tokens[0]
        hit = _AFTER_CS.get(cand) or _AFTER_CI.get(cand.lower())
        if hit is None and cand[-1] == ".":
            cand = cand.rstrip(".")
            hit = _AFTER_CS.get(cand) or _AFTER_CI.get(cand.lower())
        if hit is not None:
            return (cand, *hit)
    return None


def _unit_after(text: str, pos: int, limit: int, deadline: Deadline = NO_DEADLINE):
    """The unit or currency word right after ``pos`` (one blank or hyphen allowed before it):
    (surface, kind, unit, code, start, separator) or None."""
    at = pos
    if at < limit and text[at] in " \u00a0":
        at += 1
    if at < limit and text[at] == "-":
        at += 1
    if at >= limit or text[at].isspace():
        return None
    chunk = text[at:min(limit, at + 40)]
    first = chunk.split(None, 1)[0]
    if first[0] == "%":  # the sign is the whole unit, whatever follows it: "55%-40%", "a 55%-owned unit"
        tokens = ["%"]
    elif not _UNIT_STOP_CHARS.isdisjoint(first):  # a unit ends at punctuation: "5%," "3 km)."
        cut = _UNIT_STOP.search(first).start()
        tokens = [first[:cut]] if cut else []
    else:
        low = first.lower()
        if low not in _AFTER_FIRST and low.rstrip(".") not in _AFTER_FIRST:
            return None  # no unit or currency starts with this word: the words after it are not read
        tokens = chunk.split(None, 3)[:3]
        for i in (1, 2)[:len(tokens) - 1]:
            tok = tokens[i]
            if not _UNIT_STOP_CHARS.isdisjoint(tok):
                cut = _UNIT_STOP.search(tok).start()
                tokens = tokens[:i] + ([tok[:cut]] if cut else [])
                break
    found = _lookup_after(tokens) if tokens else None
    if found is not None and found[0] in _LETTER_UNITS:
        found = _letter_unit(text, found, pos, limit, deadline)
    elif found is not None and found[2] == "pound" and found[0].lower() in _POUND_WORDS:
        found = _pound(text, found, at, limit, deadline)
    if found is None:
        return None
    return (*found, at, text[pos:at].strip(" \u00a0"))


_TEMPERATURE_WORDS = regex.compile(
    r"\b(?:temperatures?|heat|heatwave|hot|hotter|hottest|cold|colder|warm|warmer|warmest|weather|freezing|"
    r"chill|thermometer|degrees|celsius|fahrenheit)\b", regex.IGNORECASE)
_ELECTRICAL_WORDS = regex.compile(r"\b(?:capacitors?|capacitance|farads?|volts?|voltage)\b", regex.IGNORECASE)
# a letter after a number is a unit only in a sentence that says which: "40C", "104F" in a sentence
# about temperatures, "2.5 F" about a capacitor; elsewhere an identifier ("13F filing", "777F", "PA 23456 F")
_LETTER_UNITS = {"C": (("celsius", _TEMPERATURE_WORDS),),
                 "F": (("fahrenheit", _TEMPERATURE_WORDS), ("farad", _ELECTRICAL_WORDS))}


def _said_around(words, text: str, pos: int, limit: int, deadline: Deadline) -> bool:
    """True when one of ``words`` (a compiled pattern) is in the sentence of the unit at ``pos``:
    from 200 characters before it to ``limit``, the sentence end."""
    return words.search(text, max(0, pos - 200), limit, timeout=deadline.left()) is not None


def _letter_unit(text: str, found: tuple, pos: int, limit: int, deadline: Deadline) -> tuple | None:
    """``found`` with the unit its letter stands for in the words around ``pos``, or None."""
    surface, kind, _, code = found
    for unit, words in _LETTER_UNITS[surface]:
        if _said_around(words, text, pos, limit, deadline):
            return surface, kind, unit, code
    return None


_POUND_WORDS = ("pound", "pounds")
_POUND_CONTEXT = table("fact_pound_context.tsv")
_MONEY_WORDS, _WEIGHT_WORDS = (  # a word with no letter right before or after it ("320kg", "£5")
    regex.compile(rf"(?<![^\W\d_])(?:{_alt(w for w, kind in _POUND_CONTEXT if kind == which)})(?![^\W\d_])")
    for which in ("money", "weight"))


def _pound(text: str, found: tuple, at: int, limit: int, deadline: Deadline) -> tuple:
    """"pounds" at ``at`` after a number is sterling in a sentence about money and none about
    weight ("spent millions of pounds", "pay five pounds for a ticket"), else a weight ("overloaded
    by 700 pounds"); before "of", the words after it tell ("pounds of taxpayers' cash", "pounds of
    cocaine"); after digits and a hyphen, a weight ("a 50-pound drone", not "million-pound homes")."""
    end = at + len(found[0])
    if at >= 2 and text[at - 1] == "-" and text[at - 2].isdigit():
        return found
    if text.startswith(" of ", end):
        money = _MONEY_WORDS.search(text, end + 4, min(limit, end + 30), timeout=deadline.left()) is not None
    else:
        money = _said_around(_MONEY_WORDS, text, at, limit, deadline) \
            and not _said_around(_WEIGHT_WORDS, text, at, limit, deadline)
    return (found[0], "currency", None, "GBP") if money else found


def _read_after(text: str, core: _Core, limit: int, deadline: Deadline) -> None:
    """Extend ``core`` with its scale and its unit or currency word."""
    pos = core.end
    if pos >= limit:
        return
    stop = text[pos]
    if stop in _UNIT_STOP_CHARS or stop == "." and (pos + 1 >= limit or text[pos + 1].isspace()):
        return  # "in 2004," "rose 5." : punctuation, so neither a scale nor a unit can follow
    first = text[pos + 1] if text[pos] in " -\u00a0" and pos + 1 < limit else text[pos]
    m = None
    if first in _SCALE_FIRST:
        at = pos + 1 if text[pos] in " -\u00a0" else pos
        if text[at:at + 8].casefold().startswith(_SCALE_WORDS) or text.startswith(_SCALE_ABBREVIATIONS, pos):
            m = _SCALE_AFTER.match(text, pos, limit, timeout=deadline.left())
    if m is not None and m.group() == "m" and core.currency is None and _metres(text, core, m.end(), limit, deadline):
        core.unit, core.kind, core.unit_surface, core.end = "metre", "quantity", "m", m.end()
        core.rule = "quantity.race"
        return  # "the 5,000m crown", "the 100m final": a race, not millions
    if m is not None:
        scale = m.group()
        core.value *= _scale_factor(scale, deadline)
        core.scale_surface = scale.strip(" \t-\u00a0")
        core.has_scale = True
        core.end = pos = m.end()
    found = _unit_after(text, pos, limit, deadline)
    if found is None:
        return
    surface, kind, unit, code, at, sep = found
    if sep == "-" and not core.has_scale and surface.lower() in _HYPHEN_ADJECTIVES:
        core.reject = True  # "a five-year award", "a two-month contract": a modifier, not an amount
        return
    if core.value != 1 and _title_singular(surface):
        core.reject = True  # "50 Cent" (the rapper), "a 5 Year High": a name or a headline's modifier, not an amount
        return
    core.unit_surface = surface
    core.end = at + len(surface)
    if kind == "currency":
        core.currency = code
    else:
        core.unit, core.kind = unit, kind


def _title_singular(surface: str) -> bool:
    """A unit word written with a capital and in the singular where the vocabulary also has its plural
    ("Cent" of "cents", "Year" of "years"; not "Percent", "KM", "cent")."""
    return surface[:1].isupper() and surface[1:].islower() and surface.lower() + "s" in _UNITS


def _metres(text: str, core: _Core, pos: int, limit: int, deadline: Deadline) -> bool:
    """Whether an "m" glued to a number without a currency is metres: a race word follows ("100m
    final"), or the number is 1,000 or more and neither a currency nor a plural noun follows
    ("5,000m and", not "2,500m euros", "1,200m customers": millions that many are written "2.5bn")."""
    nm = _NEXT_WORD.match(text, pos, min(limit, pos + 30), timeout=deadline.left())
    word = nm.group("w").lower() if nm is not None else ""
    if word in _METRE_EVENTS:
        return True
    if core.prev_word in _RACE_BEFORE and (pos >= limit or text[pos] in ".,;:)" or word in _STOPWORDS):
        return True  # "won silver in the 100m.", "the men's 1500m and"
    if core.value < 1000 or word.endswith("s") and not word.endswith("ss"):
        return False
    found = _unit_after(text, pos, limit, deadline)
    return found is None or found[1] != "currency"


def _read_per(text: str, core: _Core, limit: int, deadline: Deadline) -> None:
    """A rate: "$3500 a month", "325,000 barrels per day", "63 cents per share", "78,000 times a minute"."""
    base = core.currency or core.unit or ("count" if core.kind == "multiple" else None)
    if base is None or core.kind in ("percent", "percentage_point") or " per " in base:
        return
    if not text.startswith(_PER_STARTS, core.end):
        return
    m = _PER.match(text, core.end, limit, timeout=deadline.left())
    if m is None:
        return
    per = m.group("per").lower()
    rate = f"{base} per {_PER_CANON.get(per, per)}"
    if core.currency:
        core.currency = rate
    core.unit = rate
    core.end = m.end()


def _scale_factor(scale: str, deadline: Deadline = NO_DEADLINE) -> float:
    factor = 1.0
    for part in scale.replace("-", " ").split():
        factor *= scale_value(part)
    return factor




def _read_vague_of(text: str, core: _Core, limit: int, deadline: Deadline) -> bool:
    """What a vague amount counts: "dozens of people" (count) or "millions of dollars" (money)."""
    m = _VAGUE_OF.match(text, core.end, limit, timeout=deadline.left())
    if m is None:
        return False
    found = _unit_after(text, m.end(), limit, deadline)
    if found and found[1] == "currency":
        core.currency, core.unit_surface, core.kind = found[3], found[0], "money"
        core.end = found[4] + len(found[0])
        return True
    noun = _counted_noun(text, m.end() - 1, min(limit, m.end() + 80), 2.0, deadline)
    if noun is None:
        return True  # "thousands of COVID -19 tests": the amount stands, the noun is unclear
    core.unit, core.end = noun
    core.unit_surface = text[m.end():core.end]
    return True


def _direction_before(words: list[str], is_range: bool = False) -> str | None:
    """Direction from the words before a number: "rose 5%", "increased by", "went up by", "a drop of";
    "fell from $2,415 to $2,315" only for a range ("up from 2.4 million" gives the old level)."""
    low = [w.lower() for w in words[:3]]
    if low and (low[0] in _DIRECTION_CONNECTORS or is_range and low[0] == "from"):
        low = low[1:]
    if not low:
        return None
    if len(low) > 1 and f"{low[1]} {low[0]}" in _DIRECTION:
        return _DIRECTION[f"{low[1]} {low[0]}"]
    return _DIRECTION.get(low[0])


def _read_before(text: str, core: _Core, floor: int, deadline: Deadline, pair_end: bool = False) -> bool:
    """Read currency, sign and qualifier before ``core``; False when the number is glued to a word."""
    start = core.start
    lo = max(floor, start - 12)
    win = text[lo:start]
    pos = len(win)
    sign2 = pos and win[pos - 1] in "-−"
    p = pos - 1 if sign2 else pos
    # a currency symbol or code, maybe followed by one blank: "US$17", "$ 75", "EUR50m", "HK $3.7"
    q = p - 1 if p and win[p - 1] in " \u00a0" else p
    for length in (_PRE_LENGTHS.get(win[q - 1], ()) if q else ()):
        if q - length < 0:
            continue
        cand = win[q - length:q]
        code = _CURRENCY_PRE_CS.get(cand) or _CURRENCY_PRE_CI.get(cand.lower())
        if code and (q - length == 0 or not (win[q - length - 1].isalnum() or win[q - length - 1] in "$")):
            core.currency, core.unit_surface = code, cand
            p = q - length
            break
    else:
        if sign2:  # a sign directly before the digits, no currency: "-1.3%", or a hyphen: "COVID-19"
            p = pos - 1
    if core.currency is None and not sign2:
        p = pos
    if sign2 and core.currency is not None and p < pos - 1:
        core.negative = True  # "$-50.8bn"
    elif sign2 and core.currency is None:
        before = win[p - 1] if p else (text[lo - 1] if lo > floor else " ")
        if before.isalnum() and not pair_end:
            if not win[:p].lower().endswith("minus"):
                return False  # COVID-19, F-150, last-32, 2014-2017 (read as a range from its first end)
        if before == "%" or pair_end:
            p = pos  # "55%-40%", "52-40 percent": a dash between two numbers, not a sign
        else:
            core.negative = True
    if p and win[p - 1] in "-−+" and core.currency is not None:
        core.negative = win[p - 1] != "+"
        p -= 1
    left = lo + p
    # "minus 5", "minus-5", "negative 3"
    m = None
    near = text[max(floor, left - 10):left]
    if "inus" in near or "egativ" in near:
        m = _NEGATIVE_WORD.match(text, max(floor, left - 10), left, timeout=deadline.left())
    if m is not None:
        core.negative = True
        left = m.start()
    core.left = core.qual_start = left
    if left > floor:
        before = text[left - 1]
        if before.isalnum() or before in "_#@/:&":
            if not core.currency or before.isalpha() and core.unit_surface[:1].isalpha():
                return False
        if before in "-–" and left - 1 > floor and text[left - 2].isalnum() and not pair_end:
            return False  # COVID-19, F-150, last-32
    # the words before: qualifier ("more than"), then the word that tells dates, labels and ranges apart
    chunk = text[max(floor, left - 60):left]
    words: list[str] = []
    if chunk and chunk[-1].isspace():
        stripped = chunk.rstrip()
        parts = stripped.rsplit(None, 5)
        if len(parts) == 6:
            parts = parts[1:]
        words = parts[::-1]  # nearest first
        for k in ((3, 2, 1) if words and words[0].lower() in _QUALIFIER_LAST else ()):
            if len(words) >= k:
                phrase = " ".join(words[k - 1::-1]).lower()
                if phrase in _QUALIFIER:
                    core.qualifier = _QUALIFIER[phrase]
                    core.qual_start = left - len(chunk) + _phrase_start(stripped, k)
                    words = words[k:]
                    break
    elif left > floor and text[left - 1] in "~≈":
        core.qualifier, core.qual_start = "~", left - 1
    core.before = words
    core.prev_word = words[0] if words else None
    return True


def _phrase_start(stripped: str, k: int) -> int:
    """Offset in ``stripped`` where its last ``k`` whitespace-separated words start."""
    head = stripped.rsplit(None, k)
    if len(head) <= k:
        return len(stripped) - len(stripped.lstrip())
    rest = stripped[len(head[0]):]
    return len(head[0]) + len(rest) - len(rest.lstrip())


def _word_core(text: str, low: str, m, deadline: Deadline = NO_DEADLINE) -> _Core | None:
    """A core from a ``_WORD_NUMBER`` match (on the lower-cased text)."""
    start, end = m.span()
    if m.group("vague"):
        phrase = m.group("vague")
        base = _NUMBER_WORDS[phrase.split()[-1]][0]
        factor = 10.0 if phrase.startswith("tens") else 100.0 if phrase.startswith("hundreds ") else 1.0
        low_value = base * factor
        high = low_value * 10
        return _Core(start, end, low_value, True, "count.vague", kind="count", value_high=high)
    if m.group("fold"):
        value = parse_words(m.group("fold")[:-4].rstrip("-"), deadline)
        if value is None:
            return None
        return _Core(start, end, value, True, "multiple.fold", kind="multiple", unit="times",
                     unit_surface="fold")
    if m.group("mult"):
        return _Core(start, end, _NUMBER_WORDS[m.group("mult")][0], True, "multiple.verb", kind="multiple",
                     unit="times")
    if m.group("fracw"):
        num = 1.0 if m.group("fnum") in ("a", "an") else _NUMBER_WORDS[m.group("fnum")][0]
        den = 4.0 if m.group("fden") == "quarter" else _NUMBER_WORDS[m.group("fden")][0]
        if den < 2:
            return None
        if m.group("fscale"):
            return _Core(start, end, num / den * _NUMBER_WORDS[m.group("fscale")][0], True, "count.fraction_of_scale")
        return _Core(start, end, num / den, True, "fraction.words", kind="fraction")
    if m.group("ordw"):
        return _Core(start, end, _NUMBER_WORDS[m.group("ordw")][0], True, "ordinal.word", kind="ordinal")
    value = parse_words(m.group("words"), deadline)
    if value is None:
        return None
    return _Core(start, end, value, True, "count.words")


def _fraction_core(m) -> _Core | None:
    den = m.group().partition("/")[2]
    value = parse_digits(m.group())
    if value is None or value >= 1 or den not in ("2", "3", "4", "5", "8", "10"):
        return None
    return _Core(m.start(), m.end(), value, False, "count.fraction")


def _core_at(text: str, low: str, pos: int, limit: int, deadline: Deadline) -> _Core | None:
    """A number core starting exactly at ``pos`` (the second end of a range)."""
    m = _DIGITS.match(text, pos, limit, timeout=deadline.left())
    if m is not None:
        if m.group("frac"):
            return _fraction_core(m)
        value = parse_digits(m.group("num"))
        return None if value is None else _Core(m.start(), m.end(), value, False, "count.digits")
    m = _WORD_NUMBER.match(low, pos, limit, timeout=deadline.left())
    if m is not None and m.group("words"):
        return _word_core(text, low, m, deadline)
    return None


def _is_year(core: _Core, text: str) -> bool:
    surface = text[core.start:core.end]
    return (not core.is_word and len(surface) == 4 and surface.isdigit() and 1600 <= core.value <= 2100
            and core.unit is None and core.currency is None and not core.has_scale)


def _finish_unit(core: _Core) -> None:
    if core.currency and core.kind != "count":
        core.kind = "money"
        if core.unit is None or core.unit == core.currency or " per " not in (core.unit or ""):
            core.unit = core.currency
    elif core.currency:
        core.kind = "money"
        core.unit = core.currency
    if core.kind is None:
        core.kind = "count"


# ---------------------------------------------------------------------------------------------- main


def _digit_matches(text: str):
    """(start, end, core) for every number in digits: one fast scan, then a check of each run's shape."""
    # findall is the fastest scan; each run starts at the first digit after the previous one, so str.find
    # gives its offset back.  No timeout=: regex would read the clock on every run (a third of the scan's
    # cost) and a run of one character class cannot backtrack.
    at = 0
    find = text.find
    for run in _DIGIT_RUN.findall(text):
        start = find(run, at)
        end = at = start + len(run)
        if run[-1] in ".,":  # full stops or commas after the number (one strip: a loop of slices was quadratic)
            stripped = run.rstrip(".,")
            end -= len(run) - len(stripped)
            run = stripped
        if start and text[start - 1] == ".":
            if start > 1 and (text[start - 2].isdigit() or text[start - 2].isalpha()):
                continue  # the tail of 1.2.3 or of "v.2"
            start -= 1
            run = "." + run
        if run.count(".") > 1 or ("," in run and not _GROUPED.fullmatch(run)):
            continue  # 12.05.2020, 1,23: not a number we read
        if end < len(text) - 1 and text[end] == "/" and text[end + 1].isdigit() and "." not in run:
            fm = _FRACTION.match(text, start, min(len(text), start + 6))
            if fm is not None:
                core = _fraction_core(fm)
                if core is not None:
                    yield start, core
                continue
        try:  # the shape is checked: parse_digits(run), without its separators and fractions
            value = float(run.replace(",", "") if "," in run else run)
        except ValueError:  # a digit newer than Python's Unicode tables
            continue
        if end < len(text) - 3 and text[end] in "- " and "." not in run and text[end + 1].isdigit():
            fm = _FRACTION.match(text, end + 1, min(len(text), end + 7))
            if fm is not None:  # a mixed number: "6-3/8 pct", "101 1/4"
                frac = parse_digits(fm.group())
                if frac is not None and 0 < frac < 1:
                    value += frac
                    end = fm.end()
        yield start, _Core(start, end, value, False, "count.digits")


def _galleries(text: str) -> list[tuple[int, int]]:
    """Spans of the gallery captions ("3 of 12 Photos") of ``text``.  Every caption holds one of the
    hint words, so the pattern is only run in a window around each hint: a scan of the whole text
    with ``\\b\\d`` costs more than all the rest of finding them.  The window opens early enough
    for the longest caption (the ``\\b`` at its start still sees the character before it) and ends
    one character after the hint (so that the closing ``\\b`` sees the next one)."""
    spans: set[tuple[int, int]] = set()
    for hint in _GALLERY_HINTS:
        at = text.find(hint)
        while at >= 0:
            spans.update(g.span() for g in _GALLERY.finditer(text, max(0, at - _GALLERY_REACH), at + len(hint) + 1))
            at = text.find(hint, at + 1)
    return sorted(spans)


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of ``spans``, sorted and disjoint as the captions of
    :func:`_galleries` are (a caption cannot start inside another): one bisect, where a walk over
    every caption for every number made a page of captions quadratic."""
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and pos < spans[i][1]


def _next_to_of(text: str, core: _Core) -> bool:
    """True when the digits of ``core`` stand before or after " of ", as both numbers of a gallery
    caption do ("3 of 12 Photos"); number words and other numbers never start inside a caption."""
    return text.startswith(" of ", core.end) or core.start >= 4 and text.startswith(" of ", core.start - 4)


def _word_starts(low: str) -> list[tuple[int, str | None]]:
    """(offset, word) where a number word starts, found without scanning the text with a pattern per
    position: the document's whitespace tokens are intersected with the number-word vocabulary first.
    The word is None where an article starts the number ("a dozen")."""
    present = _WORD_VARIANT_SET.intersection(low.replace("-", " ").split())
    if not present:
        return []
    starts = {}
    for word in {_WORD_VARIANTS[v] for v in present}:
        find = low.find
        size = len(word)
        i = find(word)
        while i != -1:
            j = i + size
            if (i == 0 or not low[i - 1].isalpha()) and (j >= len(low) or not low[j].isalpha()
                                                         or low.startswith("fold", j)):
                if i >= 2 and low[i - 2:i] == "a " and (i == 2 or not low[i - 3].isalpha()):
                    starts[i - 2] = None
                elif i >= 3 and low[i - 3:i] == "an " and (i == 3 or not low[i - 4].isalpha()):
                    starts[i - 3] = None
                starts[i] = word
            i = find(word, j)
    return sorted(starts.items())


def _ordinal_without_noun(low: str, pos: int, word: str | None) -> bool:
    """True when an ordinal word ("first", "third") does not stand before a noun such as "anniversary":
    the number-word pattern cannot match there, so it is not tried."""
    if word not in _ORDINAL_WORD_SET:
        return False
    j = pos + len(word)
    k = j
    while k < len(low) and low[k] in " \t\u00a0":
        k += 1
    return k == j or not low.startswith(_ORDINAL_NOUN_TUPLE, k)


def _candidates(text: str, low: str):
    """Number cores in text order: digits and number words, merged."""
    words_at = _word_starts(low)
    next_word = 0
    consumed = -1

    def word_numbers(before: int):
        """Number words starting before ``before`` and after the last one read."""
        nonlocal next_word, consumed
        while next_word < len(words_at) and words_at[next_word][0] < before:
            pos, word = words_at[next_word]
            next_word += 1
            if pos < consumed or _ordinal_without_noun(low, pos, word):
                continue
            m = _WORD_NUMBER.match(low, pos)
            if m is not None:
                consumed = m.end()
                yield m, True

    for start, core in _digit_matches(text):
        if next_word < len(words_at) and words_at[next_word][0] < start:  # no generator for nothing
            yield from word_numbers(start)
        yield core, False
    yield from word_numbers(len(low) + 1)


def extract_facts(text: str, sentences: Sequence[tuple[int, int, int]],
                  deadline: Deadline = NO_DEADLINE) -> list[Fact]:
    """Numeric facts of ``text``, ordered by (start, end).

    ``sentences`` are (start, end, paragraph_idx) spans, as :func:`pipeline.segment.segment` gives them;
    numbers outside every sentence are ignored.

    >>> text = "It increased by 34.4 percent in the past year."
    >>> f = extract_facts(text, [(0, len(text), 0)])[0]
    >>> (f.surface, f.kind, f.value, f.direction, f.period)
    ('34.4 percent', 'percent', 34.4, 'up', 'the past year')
    """
    if not text or not sentences:
        return []
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased; keep offsets exact
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    deadline.left()
    doc = _Doc(text, low, sentences, _BOUNDED, {}, {}, {}, {}, set())
    facts: list[Fact] = []
    earlier_in_sentence: dict[int, _Earlier] = {}
    s_idx = 0
    n_sent = len(sentences)
    consumed = 0
    galleries = None  # found when the first number that may stand in a caption comes
    for m, is_word in _candidates(text, low):
        start = m.start() if is_word else m.start
        if start < consumed:
            continue
        if not is_word and _next_to_of(text, m):
            galleries = _galleries(text) if galleries is None else galleries
            if _in_spans(galleries, start):
                continue
        while s_idx < n_sent and sentences[s_idx][1] <= start:
            s_idx += 1
        if s_idx >= n_sent:
            break
        sent_start, sent_end, _ = sentences[s_idx]
        if start < sent_start:
            continue
        deadline.left()  # the clock is read once per number (raises when the document's time is spent)
        core = _word_core(text, low, m, _BOUNDED) if is_word else m
        if core is None:
            continue
        fact = _build(doc, core, s_idx, sent_start, sent_end, earlier_in_sentence.get(s_idx, _NONE_EARLIER), low)
        if fact is None:
            # a rejected core still consumes its own text ("2-1", "9:35"), so its parts are not re-read
            consumed = max(consumed, core.end)
            continue
        consumed = fact.end
        facts.append(fact)
        earlier_in_sentence.setdefault(s_idx, _Earlier()).add(fact, text)
        if fact.concept:
            doc.concepts[s_idx] = (fact.concept, fact.holder)
    facts.sort(key=attrgetter("start", "end"))
    return facts


# What may stand before a capitalised word that opens a clause: "“Two died”", "(Three ...", "Result: Five".
_OPENING_MARKS = frozenset("\"“‘'([:—–-")


def _in_a_name(text: str, start: int, sent_start: int, follow: str) -> bool:
    """True when the number word at ``start`` is written with a capital inside a sentence and is part
    of a name: "the Six Nations", "Million Dollar Baby", "BBC One", "the Gang of Eight", "Ocean's
    Twelve".  A capitalised word after it that is no plural is still a count's adjective when a plural
    in lower case follows ("Two Syrian brothers", "Thirty-four GOP members": a headline run into the
    sentence)."""
    if not text[start].isupper() or text[start + 1:start + 2].isupper() or start == sent_start:
        return False
    before = text[sent_start:start].rstrip()
    if not before or before[-1] in _OPENING_MARKS:
        return False
    prev = before.rsplit(None, 2)
    if prev[-1] == "of" and len(prev) > 1:
        prev = prev[:-1]
    if prev[-1][:1].isupper() and not prev[-1].endswith("."):  # (after "U.S." or "Inc." a sentence may start)
        return True  # "BBC One", "Gang of Eight", "Ocean's Twelve"
    after = [w.strip(".,;:!?\"”’)") for w in follow.split()[:3]]
    if not after or not after[0][:1].isupper():
        return False
    if _is_plural(after[0]):
        return True  # "Six Nations", "Three Kings"
    return not any(w.islower() and _is_plural(w) for w in after[1:])


def _build(doc: _Doc, core: _Core, idx: int, sent_start: int, sent_end: int,
           earlier: _Earlier, low: str) -> Fact | None:
    text, deadline = doc.text, doc.deadline
    # --- a number word followed by nothing it could count or measure is a pronoun or a figure of speech
    if core.rule == "count.words":
        follow = text[core.end:core.end + 24]
        if not follow[:1] or follow[0] not in " \t\u00a0-":
            return None  # "each one.", "the two,"
        nxt_word = follow.split(None, 1)[0] if follow[0] != "-" and follow.strip() else ""
        if nxt_word in _STOPWORDS and nxt_word not in _WORD_FOLLOWERS and not (core.value < 1 and nxt_word == "the"):
            return None  # "one that", "two are" (exact case: "one US dollar" goes on)
        if _in_a_name(text, core.start, sent_start, follow):
            return None
    if not core.is_word:
        nxt2 = text[core.end:core.end + 2]
        t = _TIME_OR_PHONE.match(text, core.end, sent_end, timeout=deadline.left()) \
            if nxt2[:1] in _TIME_FIRST or (nxt2[:1] in " \t\u00a0" and nxt2[1:] in _TIME_SECOND) else None
        if t is not None:
            core.end = t.end()
            return None
        if core.start > sent_start and text[core.start - 1] == ":" and core.start > 1 and text[core.start - 2].isdigit():
            return None
    if core.end - core.start == 4 and 1600 <= core.value <= 2100 and not core.is_word \
            and (core.start == sent_start or text[core.start - 1] in _YEAR_LEFT) \
            and text[core.start:core.end].isdigit():
        # a year unless a unit or a scale follows ("2000 tonnes"); decided before reading what precedes it
        _read_after(text, core, sent_end, deadline)
        if core.reject or (core.unit is None and core.currency is None and not core.has_scale
                           and (core.end >= sent_end or not text[core.end].isalpha())):
            return None
        core.end, core.value = core.start + 4, float(text[core.start:core.start + 4])  # read again below
        core.unit = core.currency = core.kind = core.unit_surface = core.scale_surface = None
        core.has_scale = False
    if not _read_before(text, core, sent_start, deadline, core.start in doc.pair_ends):
        return None
    if core.kind not in ("multiple", "ordinal") or core.rule == "ordinal.word":
        _read_after(text, core, sent_end, deadline)
        if core.reject:
            return None
    after_end = core.end
    if not core.is_word and after_end < sent_end and (text[after_end].isalpha() or text[after_end] == "_"):
        m_ord = _ORDINAL_SUFFIX.match(text, after_end, min(sent_end, after_end + 3), timeout=deadline.left())
        if not m_ord:
            return None  # 5G, 9AB8, 1970s: an identifier or a decade
        core.end = m_ord.end()
        core.kind = "ordinal"
        core.rule = "ordinal.digits"
    # --- ordinals are facts only before nouns such as "anniversary"
    if core.kind == "ordinal":
        nm = _NEXT_WORD.match(text, core.end, min(sent_end, core.end + 40), timeout=deadline.left())
        if not nm or nm.group("w").lower() not in _ORDINAL_NOUNS:
            return None
        core.unit, core.unit_surface = nm.group("w").lower(), nm.group("w")
        core.end = nm.end()
    prev = core.prev_word
    prev_low = prev.lower().rstrip(".") if prev else None
    bare = core.unit is None and core.currency is None and core.kind is None
    # --- ranges: "5 to 7 percent", "$1.2 million to $23.5 million", "between 5% and 6%"
    if core.kind not in ("ordinal", "multiple") and core.value_high is None:
        _read_range(doc, core, sent_end, prev_low, low)
    bare = core.unit is None and core.currency is None and core.kind is None
    # --- a bare number glued to a word by a hyphen is a modifier: "12-nation bloc", "30-year bonds"
    if bare and not core.is_word and text.startswith("-", core.end) and text[core.end + 1:core.end + 2].isalpha():
        return None
    # --- dates, years, labels, scores, list markers
    if prev_low in _MONTHS and (prev_low != "may" or prev[0] == "M") and bare and not core.has_scale:
        return None
    if bare and not core.is_word and _marker_or_date(text, core, sent_start):
        return None
    nxt = _NEXT_WORD.match(text, core.end, min(sent_end, core.end + 20), timeout=deadline.left()) \
        if bare and text[core.end + 1:core.end + 2].isupper() else None
    if nxt and nxt.group("w").lower() in _MONTHS and bare and not core.is_word and nxt.group("w")[0].isupper():
        return None
    if bare and not core.has_scale and prev_low in _ID_PREFIXES:
        return None
    if bare and _is_year(core, text):
        return None
    if bare and not core.has_scale and not core.is_word and prev and _looks_like_name(prev) and core.qualifier == "=":
        if not (prev_low in _QUALIFIER or prev_low in _DIRECTION or _row_label(text, sent_start, sent_end)):
            return None  # "Windows 95", "Stoxx 600"; but "Net 2,213 vs 16,288" is a table row
    if core.reject:
        return None
    # --- vague amounts: "dozens of people", "tens of millions of dollars"
    if core.rule == "count.vague":
        if not _read_vague_of(text, core, sent_end, deadline):
            return None
    # --- counted nouns, and word numbers that count nothing
    elif bare:
        only_fraction = core.is_word and core.value < 1
        counted = core.value if core.value_high is None else core.value_high  # "one or two large players"
        noun = None if only_fraction else _counted_noun(text, core.end, min(sent_end, core.end + 80), counted, deadline)
        if noun:
            unit, noun_end = noun
            if core.is_word and prev_low == "the" and core.value > 1:
                return None  # "the two countries": refers back to things already named
            core.unit, core.unit_surface = unit, text[core.end:noun_end].strip()
            core.end = noun_end
            core.kind = "count"
        elif only_fraction:
            if prev_low in _PERIOD_MODIFIERS or prev_low in ("latter", "other"):
                return None  # "the first half of the year", "the last quarter" are periods
            if not _OF_OR_THE.match(text, core.end, min(sent_end, core.end + 6), timeout=deadline.left()):
                return None  # "the first quarter", "half-time"
            core.kind = "fraction"
        elif core.is_word:
            ofd = _OF_DET.match(text, core.end, sent_end, timeout=deadline.left())
            if ofd and core.value == int(core.value):
                noun = _counted_noun(text, ofd.end() - 1, min(sent_end, ofd.end() + 80), 2.0, deadline)
                if not noun:
                    return None
                core.unit, core.kind = noun[0], "count"  # "one of the people", "two of his deputies"
            elif not core.has_scale:
                return None  # "one", "two" alone: a pronoun or a number with nothing counted
    # a duration inside a period expression ("the first five months") is the period, not a fact
    if core.kind == "duration" and prev_low in ("first", "second", "third", "fourth", "final", "opening"):
        return None
    if core.kind == "multiple" and core.unit == "times":
        core.unit = None
    _read_per(text, core, sent_end, deadline)
    # --- a bare number continues the unit of the number before it ("2.4 million" after "3.9 million headsets")
    bare_digits = core.unit is None and core.currency is None and core.kind in (None, "count") and not core.is_word
    if bare_digits and prev_low in _AGE_VERBS and core.value == int(core.value) and core.value <= 120:
        follow = text[core.end:core.end + 6]
        if prev_low in ("aged", "turned", "turns", "turning") or follow[:1] in (".", ",", "") \
                or follow.startswith((" by ", " when ", " in ")):
            core.unit, core.kind, bare_digits = "year of age", "quantity", False  # "who was 10.", "aged 35"
    if bare_digits and _direction_before(core.before or []):
        parallel = earlier.percent_with_direction
        if parallel:  # "DAX increased by 2 percent but Nasdaq decreased by 1"
            core.unit, core.kind, bare_digits = parallel.unit, parallel.kind, False
    if bare_digits and not _word_follows(text, core.end, sent_end):
        before = earlier.unit_donor  # (not "$2.3 billion to 211 U.S. exporters": a noun of its own follows)
        if before is not None:
            core.unit, core.kind = before.unit, before.kind
            if before.kind == "money":
                core.currency = before.unit
    _finish_unit(core)
    if core.is_word and core.value == 1.0 and core.kind == "count":
        core.qualifier = "="  # "under one umbrella": a count of one is not a bound
    # --- qualifier after ("or more"), direction, concept, period
    qa = _QUALIFIER_AFTER.match(text, core.end, sent_end, timeout=deadline.left()) \
        if text.startswith(" or ", core.end) else None
    if qa:
        core.qualifier = {"more": ">=", "so": "~", "less": "<=", "fewer": "<="}[qa.group("q")]
    direction = None
    direction = _direction_before(core.before or [], core.value_high is not None)
    if direction is None:
        da = _DIRECTION_AFTER.match(text, core.end, sent_end, timeout=deadline.left()) \
            if text.startswith((" higher", " lower"), core.end) else None
        if da:
            direction = "up" if da.group("dir").lower() == "higher" else "down"
    if core.kind in ("duration", "ordinal") or core.kind == "fraction" and text.startswith(" of ", core.end):
        direction = None  # "rack up 20 years": a length of time does not go up or down (but "fell by a fifth")
    if direction is None and core.negative and core.kind in ("percent", "percentage_point", "money"):
        direction = "down"
    if core.kind == "ordinal":
        concept, holder = core.unit, None
        of = _OF_PHRASE.match(text, core.end, sent_end, timeout=deadline.left())
        if of:
            concept = f"{core.unit} of " + _clause_cut(of.group().split("of", 1)[1].strip())
        period = None
    else:
        concept, holder, inherit = _concept(doc, idx, sent_start, core.qual_start, core.kind == "count", core.kind == "fraction")
        subject = holder or concept  # the owner of a share of something ("its revenue")
        if concept is None and holder is None:
            concept = _row_label(text, sent_start, sent_end)
        period = None
        if core.kind not in ("duration",):
            compared = earlier.last if core.value_high is None else None  # (not "from 21 million to 20.9 million")
            compared_end = compared.end if compared is not None and _compares(text, compared, core.qual_start) else -1
            period = _period_for(doc, idx, core.qual_start, core.end, compared_end)
        previous = earlier.last
        restated = previous is not None and text[previous.end:core.qual_start].strip(" \u00a0") in _RESTATE
        if previous is not None and (inherit or restated):
            # "..., or 8.8 percent", "296 hp (224 kW / 300 PS)": the same fact said again
            concept, holder = previous.concept, previous.holder
            period = period or previous.period
            direction = direction or previous.direction
            if restated and core.qualifier == "=" and text[previous.end:core.qual_start].strip() in ("(", "/", ";"):
                core.qualifier = previous.qualifier  # a conversion keeps the bound: "under 296 hp (224 kW)"
        modified = _modified_noun(doc, core, sent_start, sent_end) if core.kind in _MODIFYING_KINDS else None
        if modified:  # "china already had a 25% tax on imported vehicles": a tax, China's
            concept, holder = modified, subject
        of = _OF_PHRASE.match(text, core.end, sent_end) \
            if core.kind in _OF_KINDS and (core.prev_word or "").lower() != "within" else None  # ("within 40 miles of")
        if of:
            whole, owner = _whole_of(doc, of.start(), of.end())
            if whole:  # "60 per cent of its revenue": a share of the revenue, the subject's; "64GB of storage"
                concept, holder = whole, owner or subject
        bought = _FOR_PHRASE.match(text, core.end, sent_end) if core.kind == "money" else None
        if bought:
            thing = _whole_of(doc, bought.start(), bought.end())[0]
            if thing and thing.split()[-1].lower() not in _NOT_BOUGHT:  # (not "for the year", "for the first time")
                concept, holder = thing, holder or subject  # "paid $12,000 for a new roof": the roof, the payer's
        multiplied = _times_noun(doc, core, sent_end) if core.kind == "multiple" and prev_low != "of" else None
        if multiplied:  # "The stock trades on 6.5 times earnings": earnings, the stock's
            concept, holder = multiplied, holder or subject
    value = _tidy(-core.value if core.negative else core.value)
    high = None if core.value_high is None else _tidy(core.value_high)
    if high is not None and high < value:
        if core.change:
            direction = direction or "down"  # "revised, from 157,000 to 133,000"
        else:
            value, high = high, value  # "between 10 and -5": value is the lower end, value_high the upper
    return _make_fact(
        core.left, core.end, text[core.left:core.end], idx,  # start, end, surface, sentence_idx
        core.kind, value, high,  # kind, value, value_high
        core.unit, core.unit_surface, core.scale_surface, core.qualifier,
        direction, concept, holder, period, _rule(core),
    )


def _tidy(value: float) -> float:
    """``value`` to 15 significant digits, which every decimal written in a text survives: "$16.6bn" is
    16600000000.0, not the 16600000000.000002 that 16.6 * 1e9 gives."""
    return float(f"{value:.15g}")


def _marker_or_date(text: str, core: _Core, sent_start: int) -> bool:
    """A list marker ("2)" opening a sentence, "(2) was nominated": a clause goes on after it) or the
    first part of a date in slashes ("3/5/13"): digits that count nothing.  Not a number in
    brackets after a name ("Louisiana (13),", "Shaw (71).")."""
    after = text[core.end:core.end + 1]
    if after == "/":
        return text[core.end + 1:core.end + 2].isdigit()
    if after != ")" or not (text[core.left:core.end].isdigit() and core.end - core.left <= 2):
        return False  # a marker is a small whole number: not "per year (12.1) is", "30ft (9m) high"
    if core.left <= sent_start:
        return True
    if text[core.left - 1] != "(" or text[core.end + 1:core.end + 2] != " " or not text[core.end + 2:core.end + 3].isalpha():
        return False
    words = text[max(sent_start, core.left - 40):core.left - 1].split()
    return not words or not words[-1][0].isupper()  # "goals: (1) cut", "and (2) keep", not "Pennsylvania (17) and"


def _rule(core: _Core) -> str:
    if core.rule.startswith(("ordinal", "multiple")) or core.rule in ("count.vague", "quantity.race"):
        return core.rule
    kind = core.kind
    detail = "range" if core.value_high is not None else "words" if core.is_word else (
        "symbol_scale" if core.currency and core.has_scale else "symbol" if core.currency
        else "scale" if core.has_scale else "unit" if core.unit else "bare")
    return f"{kind}.{detail}"


def _descending(core: _Core, second: _Core) -> bool:
    """True when the second number is below the first: a range is written low to high."""
    value = core.value * _scale_factor(second.scale_surface) if _borrows_scale(core, second) else core.value
    return (-second.value if second.negative else second.value) < (-value if core.negative else value)


def _borrows_scale(core: _Core, second: _Core) -> bool:
    """Whether the first end of a range takes the second's scale: "$89 to $93 billion"."""
    return second.has_scale and not core.has_scale and core.value < 1000


def _clause_ends(text: str, pos: int, limit: int) -> bool:
    """True when no noun can follow ``pos``: punctuation or a stop word ("52 to 48 to confirm", not
    "53 to 47 seats")."""
    m = _NEXT_WORD.match(text, pos, min(limit, pos + 40))
    return m is None or m.start("w") > pos + 1 or m.group("w").lower() in _STOPWORDS


def _share_unit(core: _Core, second: _Core) -> None:
    """Give a bare first number the unit written after the second ("46 to 42 percent")."""
    if core.unit or core.currency or second.has_scale and not core.has_scale:
        return
    core.unit, core.kind, core.unit_surface, core.currency = second.unit, second.kind, second.unit_surface, second.currency


def _read_range(doc: _Doc, core: _Core, sent_end: int, prev_low: str | None, low: str) -> None:
    """Join a second number to ``core`` when the two ends form one range."""
    text, deadline = doc.text, doc.deadline
    if not low.startswith(_RANGE_STARTS, core.end):  # (lower case: "BETWEEN 0.5 AND 1.5 PCT" in a headline)
        return
    sep = _RANGE_SEP.match(low, core.end, sent_end, timeout=deadline.left())
    if sep is None:
        return
    word = sep.group("word")
    if word == "and" and prev_low != "between":
        return
    if word == "or" and (core.unit or core.currency or not core.is_word):
        return
    if sep.group("dash") and text[core.end] in " \t" and text[sep.end() - 1] not in " \t":
        return  # "Stoxx 50 -1.3%": a sign, not a range
    if (prev_low == "by" or word == "to" and _direction_before(core.before or [])) \
            and (core.unit or core.currency or core.has_scale):
        return  # "increased by $43.6 billion to $419.2 billion", "fell 0.3 pct to 53.9 pct": a change, then a level
    pos = sep.end()
    currency2 = None
    if pos < sent_end and not text[pos].isdigit():
        for length in (4, 3, 2, 1):
            cand = text[pos:pos + length]
            code = _CURRENCY_PRE_CS.get(cand) or _CURRENCY_PRE_CI.get(cand.lower())
            if code:
                currency2 = code
                pos += length
                if pos < sent_end and text[pos] in " \u00a0":
                    pos += 1
                break
    second = _core_at(text, low, pos, sent_end, deadline)
    if second is None or second.is_word != core.is_word or second.rule != core.rule:
        return
    if currency2 and core.currency is None and word == "or":
        return
    if currency2 and core.currency and currency2 != core.currency:
        return
    if currency2 and not core.currency and word != "to" and sep.group("dash") is None:
        return
    _read_after(text, second, sent_end, deadline)
    if word in _VERSUS:
        _share_unit(core, second)  # "(48 vs. 37 percent)": 48 percent and 37 percent
        return
    if second.end < sent_end and (text[second.end].isalnum()):
        return
    if core.unit and second.unit and core.unit != second.unit:
        return
    if core.currency and second.currency and core.currency != second.currency:
        return
    if (core.unit or core.currency) and not (second.unit or second.currency or currency2) and core.kind not in (None,):
        if not core.currency:
            return
    if (second.currency or currency2) and not core.currency and core.unit:
        return
    bare = not (core.unit or core.currency or second.unit or second.currency or currency2)
    if bare and sep.group("dash") is not None and not core.has_scale and not second.has_scale:
        core.end, core.reject = second.end, True  # 2-1, 18-22 May: a score or a span of days
        return
    core.change = prev_low == "from" and word == "to"  # "fell from 10 to 8 percent": the ends in time order
    if not core.change and prev_low != "between" and _descending(core, second):
        ratio = second.value == 1 and not (second.has_scale or second.unit or second.currency)  # "a 2 to 1 margin"
        score = bare and not core.has_scale and not second.has_scale and _clause_ends(text, second.end, sent_end)
        if ratio or score:  # ("voted 52 to 48 to confirm")
            core.end, core.reject = second.end, True
            return
        _share_unit(core, second)  # "leads 46 to 42 percent", "won 55%-40%": two shares, not a range
        if sep.group("dash"):
            doc.pair_ends.add(second.start)
        return
    if bare and _is_year(core, text) and _is_year(second, text):
        core.end, core.reject = second.end, True  # between 2014 and 2017
        return
    if _borrows_scale(core, second):
        core.value *= _scale_factor(second.scale_surface, deadline)
        core.scale_surface = second.scale_surface
        core.has_scale = True
    core.value_high = second.value
    if second.negative:
        core.value_high = -second.value
    core.currency = core.currency or currency2 or second.currency
    if second.unit and not core.unit:
        core.unit, core.kind, core.unit_surface = second.unit, second.kind, second.unit_surface
    elif second.currency and not core.unit_surface:
        core.unit_surface = second.unit_surface
    core.has_scale = core.has_scale or second.has_scale
    core.scale_surface = core.scale_surface or second.scale_surface
    core.end = second.end
