"""Quotes: who said what, with the offsets of the words, the speaker and the reporting verb.

Three kinds of rows come out of :func:`extract_quotes`:

* ``direct``: whole sentences inside quotation marks ("Our trade is growing," said Putin);
* ``partial``: a quoted fragment inside the writer's sentence (the two countries "have every reason
  to be satisfied ...");
* ``indirect``: reported speech without marks (He said the cooperation is intensive ...).

How it works, in a bounded number of passes over the text:

1. Quotation marks are found with ``str.find`` and paired paragraph by paragraph (:func:`_pair_marks`).
   Apostrophes (Kazakhstan's, don't, '90s) are never marks; single quotes count only in the title.
   A paragraph that opens a quote without closing it continues into the next paragraph when that one
   opens with a mark (the news convention for long quotes); otherwise the quote is closed at its
   paragraph's end. Nothing is ever thrown away for an odd number of marks.
2. Reporting verbs (``vocab/reporting_verbs.tsv``) are found by first intersecting the document's
   words with the verb forms (a C-speed set operation) and then scanning only for the forms present.
3. Each quote looks for its attribution: a cue right after it ("...," said X / "...," X said / "..." --
   X), a cue right before it (X said: "..."), a cue earlier in its sentence (According to X, the two
   countries "..."), the attribution of the quote it continues ("X," he said, "Y."), or the quote
   just before it when its paragraph is only a quote (rule ``inherited.*``).
4. Every cue that no quote used, with a speaker before it and a clause after it, makes an indirect
   row (X said (that) ...), as do "According to X, ..." and "..., X said." sentences.
5. Speakers are resolved with :class:`pipeline.people.People`.
"""
from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, replace
from operator import attrgetter, itemgetter

import regex

from .limits import NO_DEADLINE, Deadline
from .people import (SUBJECT, People, mention_after, mention_before, mention_limit, mention_reach, personal_name,
                     trim_mention)
from .records import slot_filler
from .segment import Segmentation
from .vocab import alternation, table, words

__all__ = ["Quote", "extract_quotes", "KINDS", "SPEAKER_KINDS"]

log = logging.getLogger(__name__)

CUE_CHUNK = 16_384  # characters of text whose words are matched against the verb forms at once
LOOKBACK = 400  # characters of a sentence read before a quote or verb (keeps run-on text linear)


def _word_start(text: str, pos: int) -> int:
    """``pos``, or the start of the next word when ``pos`` falls inside one (a window cut at a
    character count must not start mid-word: "according" read from "cording")."""
    if pos <= 0:
        return 0
    while pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum():
        pos += 1
    return pos


def _window_start(text: str, s_start: int, pos: int) -> int:
    """Where a sentence starting at ``s_start`` is read from when only what follows ``pos``
    matters: ``max(s_start, _word_start(text, pos))``, without the walk when ``pos`` is not after
    ``s_start`` and no word runs across ``s_start`` (most sentences are shorter than the window)."""
    if pos <= s_start and not (0 < s_start < len(text) and text[s_start - 1].isalnum() and text[s_start].isalnum()):
        return s_start
    return max(s_start, _word_start(text, pos))


# What may stand after a sentence's last word: white space, stops, closing marks and brackets.
_SENTENCE_TRAILING = " \t.!?\"”'’)"


def _trimmed_end(text: str, start: int, end: int, chars: str = _SENTENCE_TRAILING) -> int:
    """Where ``text[start:end].rstrip(chars)`` ends, found without copying the text."""
    while end > start and text[end - 1] in chars:
        end -= 1
    return end


def _before_last_mark(text: str, start: int, end: int) -> int:
    """Where the stripped rest of a sentence ending at ``end`` still holds its last quotation mark:
    the last offset before that mark (in ``[start, end)``) that is not in ``_SENTENCE_TRAILING``,
    or less than ``start``.  A verb ending at or before it has a mark in
    ``text[verb_end:end].strip(_SENTENCE_TRAILING)``; found once, not per verb."""
    pos = -1
    for mark in _QUOTE_MARKS:  # (a loop, not max() over a generator: called for most closed quotations)
        at = text.rfind(mark, start, end)
        if at > pos:
            pos = at
    while pos >= start and text[pos] in _SENTENCE_TRAILING:
        pos -= 1
    return pos


KINDS = ("direct", "partial", "indirect")
SPEAKER_KINDS = ("person", "organisation", "unknown")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted or reported utterance (or one fragment of an interrupted one).

    ``start``/``end``/``text``: the content (inside the quotation marks for direct and partial
    quotes); ``utterance``: fragments of one interrupted quote share it; ``speaker``: fullest name
    in the document or None; ``speaker_mention`` and its offsets: the words at the attribution;
    ``cue``: the reporting verb group; ``via``: the channel when named; ``rule``: the rule's id.
    """

    start: int
    end: int
    text: str
    paragraph_idx: int
    n_paragraphs: int
    kind: str
    utterance: int
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    cue_lemma: str | None
    via: str | None
    rule: str


_new_quote = slot_filler(Quote)  # Quote(*values) without the frozen __init__ (see pipeline.records)


# --------------------------------------------------------------------------------------------
# Vocabularies and patterns
# --------------------------------------------------------------------------------------------

_VERBS = {row[0]: (row[1], row[2]) for row in table("reporting_verbs.tsv")}
# Verb forms that are mostly plural nouns ("member states", "the United States"): see _verb_of_subject.
_MOSTLY_NOUNS = words("quote_mostly_nouns.txt")


def _compound_sides() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """From quote_compound_nouns.txt, for each verb form in a two-word noun: the words before it
    ("talk" show) and the words after it (claims "adjuster")."""
    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    for compound in words("quote_compound_nouns.txt"):
        first, head = compound.split(" ")
        if head in _VERBS:
            before.setdefault(head, set()).add(first)
        if first in _VERBS:
            after.setdefault(first, set()).add(head)
    return ({k: frozenset(v) for k, v in before.items()}, {k: frozenset(v) for k, v in after.items()})


_COMPOUND_BEFORE, _COMPOUND_AFTER = _compound_sides()
_COMPOUND_FORMS = frozenset(_COMPOUND_BEFORE) | frozenset(_COMPOUND_AFTER)  # the forms _in_compound reads

# Capitalised forms open a sentence or are a headline's words ("Asked whether ...", "Trump Says ..."):
# only indirect speech reads them (quotations keep to the lower-case verbs). Headlines use the
# present tense, so only those forms (and "Asked") are read: fewer candidates, same measured gain.
_CAPITALISED = {f.capitalize(): v for f, v in _VERBS.items()
                if (f.endswith("s") and f not in _MOSTLY_NOUNS) or f == "asked"}
_VERBS.update(_CAPITALISED)
# Nouns that report a clause ("Trump's claim that ..."): read by indirect speech only, see _noun_cue.
_CUE_NOUNS = words("quote_cue_nouns.txt")
_PUT_IT = frozenset(f for f, (lemma, _) in _VERBS.items() if lemma == "put")  # a cue only as "put it" (the cue's words)
_IT = " it"
_NOUN_ONLY = _CUE_NOUNS - frozenset(_VERBS)
_VERBS.update({n: (n, "noun") for n in _NOUN_ONLY})
_SPEECH = frozenset(f for f, (_, cls) in _VERBS.items() if cls == "speech")
_TELL = frozenset(f for f, (lemma, _) in _VERBS.items() if lemma in ("tell", "ask", "inform", "assure", "urge", "warn"))
# Verbs and nouns that PolNeAR counts as attributions of a clause or object (he plans to, she
# ordered, the mention of) but that would mislead the attribution of a quotation.
_INDIRECT_ONLY = frozenset(f for f, (_, cls) in _VERBS.items() if cls in ("indirect", "noun")) | frozenset(_CAPITALISED)
_STOPWORDS = words("people_stopwords.txt")
# Verbs of impression: attributions without a source (the race appears closer, X is expected to win).
_IMPRESSIONS = frozenset(f for f, (_, cls) in _VERBS.items() if cls == "impression")
_EVIDENCE = frozenset(f for f, (_, cls) in _VERBS.items() if cls == "evidence")
_BE_BEFORE_EXPECTED = frozenset("is are was were be been being widely not also largely generally still".split())
# Where a clause starts inside a sentence, for a sourceless attribution's content.
_CLAUSE_STARTS = ("; ", ", where ", " where ", " that ", ", but ", ", and ", " because ", ": ", " as ", " if ", " when ",
                  " while ", " although ", " though ", " since ", ", ")
_SUBORDINATORS = frozenset("while although though as because if when after since before unless whereas once".split())
_INFINITIVE = (" to ", " not to ")
_NO_PUNCTUATION = frozenset(',.;:!?"“”()')
_AUXILIARIES = frozenset("has have had is was are were would will did does could should".split())
# Verbs that attribute a quotation ("...," he continued) but rarely report a clause without one
# ("he continued to campaign", "she maintained her lead", "he talked about jobs"; under 30% precise on PolNeAR train).
_QUOTE_ONLY = frozenset(f for f, (lemma, _) in _VERBS.items()
                        if lemma in ("continue", "maintain", "read", "view", "talk", "speak", "vent", "snipe")
                        or f == "written")  # "had written just a few years earlier, ''...''" / "has written letters"
_BEFORE_GERUND = frozenset("while before after when".split())
_PROGRESSIVE = frozenset("is are was were been be".split())
_NO_SENTENCE_END = frozenset('.!?;"“”')
_SENTENCE_MARKS = _NO_SENTENCE_END - {"."}  # ... and a full stop only where full_stop finds one
_RELATIVES = frozenset("which that whom whose what".split())
_PREPOSITIONS = frozenset("in of on for by with to from at about under over through".split())
_RELATIVE_CLAUSES = frozenset(("which", "what"))  # a reported relative clause: "which X said ..."
# Verb forms that are as often nouns: they report only when their speaker opens the clause.
_NOUNISH = frozenset("report reports claim claims call calls support supports show shows hope hopes fear fears "
                     "doubt doubts promise promises demand demands estimate estimates forecast forecasts "
                     "offer offers plans views warning tweet tweets".split())
_SHOW = frozenset(("show", "shows"))  # mostly the noun when the speaker is not right before it ("ABC's TV show")
_PRONOUNS = frozenset(row[0] for row in table("people_pronouns.tsv"))
# Verbs whose passive reports what was said of its subject ("is accused of", "has been criticized for");
# of the others' passives ("was offered", "is assured of", "was asked") on PolNeAR train 3 rows in 80 were right.
_PASSIVE_REPORTS = frozenset("accuse announce believe blame condemn criticize declare describe praise recognize say "
                             "suspect".split())
_PASSIVE = regex.compile(r"[ \t]*(?:is|was|were|are|been|be|has[ \t]+been|had[ \t]+been)\b")
_GERUNDS = frozenset(f for f in _VERBS if f.endswith("ing"))

# A document word (as str.split() cuts it) -> the verb form it carries.
_WORD_TO_FORM = {f + tail: f for f in _VERBS for tail in ("", ",", ".", ":", ";", ")", '"', "”")}
_WORD_TO_FORM.update({w: "according" for w in ("according", "According")})
# Poll nouns ('In a new CNN poll, ...'): cues of indirect speech only, see _in_poll.
_POLL_FORMS = words("quote_poll_nouns.txt") | frozenset(w.capitalize() for w in words("quote_poll_nouns.txt"))
_WORD_TO_FORM.update({f + tail: f for f in _POLL_FORMS for tail in ("", ",")})

_WORD_KEYS = frozenset(_WORD_TO_FORM)
_IN_WORD = frozenset("-’'")  # so-called, o'clock: a verb form glued to these is not a verb


def _cue_plan(form: str) -> tuple[bool, str, str | None, int, bool, bool, bool]:
    """How _find_cues looks for ``form`` and checks a match, worked out once per form: (whether it
    is "according", the text looked for, what must follow it: "her belief that", "as X put it",
    the characters of that kept in the cue, whether it may be part of a two-word noun, whether it
    is mostly a noun, whether it is capitalised: "Says", "Express", maybe inside a name)."""
    according = form == "according"
    return (according, "ccording to" if according else form,
            " that " if form in _NOUN_ONLY else _IT if form in _PUT_IT else None,
            len(_IT) if form in _PUT_IT else 0, form in _COMPOUND_FORMS, form in _MOSTLY_NOUNS, form[0].isupper())


_CUE_PLANS = {form: _cue_plan(form) for form in set(_WORD_TO_FORM.values())}

# Quotation marks: the double marks and the New York Times' doubled apostrophe (found with
# str.find, see _find_marks). Single quotes are handled separately (title only).
_DOUBLE_MARKS = '"“”„‟«»'
_SINGLE_MARKS = regex.compile(
    r"""
      (?P<open>(?<![\p{L}\p{N}])['‘](?=\p{L}|\p{N}(?!\p{N}s\b|0s\b)))     # opening: before a word, not '90s
    | (?P<close>(?<=[\p{L}\p{N}.!?,])['’](?![\p{L}\p{N}]))             # closing: after a word, not Kazakhstan's
    """,
    regex.VERBOSE,
)
_OPENERS = "“„‟«"
_CLOSERS = "”»"
_SPACE_BEFORE_OPEN = set(" \t\n([{—–-/")
_PUNCT_AFTER_CLOSE = set(" \t\n,.;:!?)]}—–-…")
_DASHES = "-—–―"  # before a source after its quotation: "..." -- Sanders / "..." ― Jane Doe (the quotation dash)

# What may stand between a preposed cue and the quote it introduces: X said: " / X told reporters, "
_INTRO_GAP = regex.compile(
    rf"""
    [ \t]*
    (?P<audience>                          # told reporters / told the BBC / told him
        (?:reporters|journalists|him|her|them|us|me|me,|the[ \t]+\p{{L}}+|an?[ \t]+\p{{L}}+|\p{{Lu}}[\p{{L}}.]*(?:[ \t]+\p{{Lu}}[\p{{L}}.]*)*)
    )?
    [ \t]*
    (?:(?<![\p{{L}}\p{{N}}'’])              # a word of its own ("the administration was" holds no "on")
       (?P<via>(?:in|on|at|during)[ \t]+(?:(?:a|an|the|his|her|its|their)[ \t]+)?(?:[^\s,:"“”]+[ \t]+){{0,5}}?[^\s,:"“”]+))?
    [ \t]*[:,]?[ \t]*(?:that[ \t]+)?\Z
    """,
    regex.VERBOSE,
)

# What may stand between the closing mark and "X said": a comma, then the speaker's words only,
# with no sentence end (a stop only after an initial or a title) and no other quotation.
_GAP_BREAKERS = frozenset('!?;:"“”«»\n')
_NEW_CLAUSE = ("and ", "but ", "while ", "as ", "because ", "which ", "who ", "though ", "although ")
_ROLE_WORDS = frozenset(row[0] for row in table("people_roles.tsv"))
_GAP_LOWER_STARTS = frozenset(
    "the a an he she they we i it his her their its our one another some several many both former then "
    "also".split()) | _ROLE_WORDS | frozenset(row[0] for row in table("people_pronouns.tsv"))
_GAP_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Gov", "Rep", "Gen", "Lt", "Col", "Jr", "Sr", "St", "Prof")


def _short_gap(text: str, start: int, end: int, closed_clause: bool = False) -> bool:
    """True when text[start:end] is ', ' / ' -- ' plus at most 90 characters of speaker words
    (``closed_clause``: the quotation opened its sentence and ended with , ? or ! so that a short
    lower-case description can only be its speaker: '"...," federal prosecutors wrote')."""
    if end - start > 95:
        return False
    gap = text[start:end].lstrip(" \t,—–-")
    if not gap or len(gap) > 90 or not _GAP_BREAKERS.isdisjoint(gap) or gap.startswith(_NEW_CLAUSE):
        return False
    first = gap[:gap.find(" ")] if " " in gap else gap
    if first.islower() and first not in _GAP_LOWER_STARTS and not (
            closed_clause and "," not in gap and (gap.count(" ") <= 3 or gap.count(" ") <= 6 and gap.rstrip()[
                gap.rstrip().rfind(" ") + 1:][:1].isupper())):
        return False  # '"Boots on the ground" would be appropriate, Carson said': the sentence goes on
    at = gap.find(".")
    while at >= 0:
        word = gap[max(0, gap.rfind(" ", 0, at) + 1):at].lstrip("(")
        if not (word in _GAP_ABBREVIATIONS or (len(word) == 1 and word.isupper()) or "(" in gap[:at] and ")" in gap[at:]):
            return False
        at = gap.find(".", at + 1)
    return True


# After "X said": a reported clause goes on (Greene added that the Fed ...), so a quote that ended
# with a full stop before it is not this cue's.
_CLAUSE_GOES_ON = regex.compile(
    r"""
      [ \t]+(?:that[ \t]|[^,.;:!?"“”\n]{25})   # a reported clause
    | [^,.;:!?\n]{0,60}["“]                     # or the verb's own quotation: X called it "..."
    | [ \t]*:                                  # or a colon: the verb introduces the next quote
    """,
    regex.VERBOSE,
)

_CHANNEL_ALT = alternation(words("quote_channels.txt"))

# A channel named near the cue: according to a Kremlin press release / in an interview with Reuters.
_VIA = regex.compile(
    rf"""
    [ \t,]*
    (?:
        (?:at|during)[ \t]+(?:the|a)[ \t]+meeting[ \t,]*          # "at the meeting," before the channel
    )?
    (?:[Aa]ccording[ \t]+to[ \t]+)?                              # according to a Kremlin press release
    (?P<via>
        (?:a|an|the|his|her|its|their)[ \t]+(?:[\p{{L}}\-]+[ \t]+){{0,3}}?(?:{_CHANNEL_ALT})
      | (?:in|on|during)[ \t]+(?:a|an|the|his|her|its|their)?[ \t]*(?:[\p{{L}}\-]+[ \t]+){{0,2}}?(?:{_CHANNEL_ALT})
        (?:[ \t]+(?:with|to|on)[ \t]+(?:the[ \t]+)?\p{{Lu}}[\p{{L}}\-]*(?:[ \t]+\p{{Lu}}[\p{{L}}\-]*)*)?
    )
    (?![\p{{L}}])
    """,
    regex.VERBOSE,
)

# Where an indirect quote's content stops early (see clause_stop): a semicolon, a spaced en dash, a
# quotation (its own row), or a comma before one of these words or a participle (", drawing cheers").
# PolNeAR's content runs on over a colon or an em dash ("had one goal: to ...").
_STOP_MARKS = (";", " – ", ' "', " “", " ''")
_STOP_AFTER_COMMA = frozenset(
    "saying adding noting according citing arguing claiming insisting explaining "  # the attribution goes on
    "but which where while even said though although".split())                      # a new clause
# An indirect clause goes on over ", even as ..." / ", even though ..." (PolNeAR keeps it; after a
# quotation it starts a new clause).
_CLAUSE_STOP_AFTER_COMMA = _STOP_AFTER_COMMA - frozenset(("even",))
# ... or a new clause with a subject of its own: ", and he railed against ...".
_SPEAKERS_AFTER_COMMA = ("he said", "she said", "they said", "and he ", "and she ", "and they ", "and we ", "and I ",
                         "and it ")
_NEW_SUBJECTS = frozenset(("he", "she", "they"))
# ... but not ", but also ...", ", but rather ...", ", but not ...": the same clause goes on.
_BUT_GOES_ON = ("but also ", "but rather ", "but not ", "but no ")

# What may follow a clause-final "X said": on Tuesday, last week.
_TIME_ONLY = regex.compile(
    r"""
    (?:on[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|
       (?:last|this)[ \t]+(?:week|month|year))(?:[ \t]+(?:morning|afternoon|evening|night))?\Z
    """,
    regex.VERBOSE,
)

# The first word of what may follow a clause-final "X said" or "X told POLITICO": a time or a channel.
_TAIL_WORDS = frozenset(
    "in on at during after before while when last this earlier later late yesterday today tonight recently "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday via through".split())
_TAIL_REACH = 5  # the most words of a time or channel after "..., said X" ("on NBC", "in a statement on Monday")
_QUOTE_MARKS = frozenset('"“”«»')

# A preposition that belongs to the verb ("called for", "warned of"): the clause starts after it.
_OBJECT_PRONOUNS = frozenset("him her them me us you".split())
_PARTICLE_AFTER_VERB = (" for ", " about ", " of ", " upon ")
_LEMMA_PARTICLES = {"point": (" out ", " to "), "refer": (" to ",), "respond": (" to ",), "reply": (" to ",),
                    "rail": (" against ",), "hint": (" at ",), "speak": (" about ", " of "), "call": (" on ", " out "),
                    "comment": (" on ",), "warn": (" against ",), "agree": (" on ", " with "),
                    "argue": (" over ", " against "), "complain": (" about ",), "believe": (" in ",)}

# ... but "about" before a quantity is "roughly", part of the clause: "said about half of the adjustment",
# "predicted about one-third of the vote", "see about a one-in-five chance"
_ABOUT_QUANTITY = regex.compile(
    r"[ \t]about[ \t]+(?:a[ \t]+)?(?:\d|half\b|a[ \t]+third|one-|two-|three-|(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|dozen|twenty|thirty|forty|fifty|hundred|thousand|million)\b|\p{L}+-in-)")
# ... unless "for" opens a duration before the clause: "said for years that", "disclosed for the first time
# Friday that", "declined for months to": PolNeAR's content starts at "that" / "to".
_FOR_TIME = regex.compile(
    r"""[ \t]for[ \t]+(?:
          (?:the[ \t]+)?(?:first|second|third|last)[ \t]+time          # for the first time
        | (?:the[ \t]+)?(?:(?:past|last|next)[ \t]+)?(?:\p{L}+[ \t]+)?(?:years|months|weeks|days|decades)  # for (six) years
        | (?:a[ \t]+)?(?:long[ \t]+)?time                                # for a long time
        | the[ \t]+(?:second|third|fourth)[ \t]+(?:straight|consecutive)[ \t]+\p{L}+  # for the second consecutive debate
        )(?:[ \t]+(?:on[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?(?=[ \t](?:that|to)[ \t])""",
    regex.VERBOSE,
)

# The audience of "told" when it is not a name: told reporters, told him, told a news conference,
# told the parliamentary committee, told a meeting of bankers.
_TOLD_WHOM = regex.compile(
    rf"""[ \t]+(?:
        (?:him|her|them|us|me|you)\b
      | (?:(?:a|an|the|his|her|its|their|our)[ \t]+)?(?:[\p{{L}}-]+[ \t]+){{0,3}}?
        (?:{alternation(words("quote_audience_nouns.txt"))})(?![\p{{L}}-])
        (?:[ \t]+of[ \t]+(?:the[ \t]+)?[\p{{L}}-]+)?        # of bankers, of the Senate
    )""",
    regex.VERBOSE,
)

# "said on Tuesday that": a short adverbial (starting with one of these) before "that" belongs to the cue side.
_ADVERBIAL_STARTS = tuple(
    "on in at to with per via for over through last this earlier late during after before again repeatedly "
    "publicly privately recently yesterday today Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_NOT_IN_ADVERBIAL = frozenset(',.;:"“”\n')
_TO_AUDIENCE = frozenset("the a an his her their its our my reporters journalists supporters voters "
                         "donors members".split()) | _OBJECT_PRONOUNS
# ... and a time or a manner right after the verb, before a clause without "that": "said Wednesday he agrees".
_LEAD_TIME_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "yesterday", "today",
                    "repeatedly", "explicitly", "publicly", "privately", "recently", "previously", "again", "later", "earlier")
_LEAD_TIME = regex.compile(
    rf"""[ \t]+(?:on[ \t]+)?(?:{"|".join(_LEAD_TIME_WORDS)}|(?:last|this)[ \t]+(?:week|month|year))
        (?:[ \t]+(?:morning|afternoon|evening|night))?(?=[ \t]+\p{{Ll}})""",
    regex.VERBOSE,
)

# ... and a short phrase before a pronoun subject and its verb: "said after the convention he would",
# "admitted under Warren's grilling he hadn't" (not "pointed at what they called", "discuss on the show
# whether he was": a question word or "that" opens the clause).
_LEAD_PHRASE_WORDS = ("after", "under", "during", "following", "at", "in", "on", "before")
_LEAD_PHRASE = regex.compile(
    rf"""[ \t]+(?:{"|".join(_LEAD_PHRASE_WORDS)})[ \t]+
        (?:(?!(?:what|which|how|who|whom|whose|whether|if|that)\b)[^\s,.;:"“”]+[ \t]+){{1,4}}?
        (?=(?:he|she|they|we|I)[ \t]+(?:would|will|had|has|have|was|were|is|are|could|should|did|does|can
            |hadn[’']t|wasn[’']t|didn[’']t|won[’']t|wouldn[’']t|\p{{Ll}}+ed)\b)""",
    regex.VERBOSE,
)

# ... or a channel: "said in an interview the rate would rise", "told CNN in a statement on Monday it had".
_LEAD_CHANNEL = regex.compile(
    rf"""[ \t]+(?:in|on|during)[ \t]+(?:(?:a|an|the|his|her|their|its)[ \t]+)?(?:[\p{{L}}'’-]+[ \t]+){{0,2}}?
        (?:{alternation(w for w in words("quote_channels.txt") if w.islower())})s?
        (?:[ \t]+(?:on[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?
        [ \t]+(?=(?:the|a|an|this|his|her|their|its|he|she|they|we|I|it|\p{{Lu}}\p{{Ll}}+)[ \t])""",
    regex.VERBOSE,
)


# The first word after the verb that each of these patterns needs (past the blanks): clause_start
# runs a pattern only when that word is there (after most verbs comes "that", "the", a name, ...).
_FOR_TIME_OPENERS = frozenset(("for",))
_LEAD_TIME_OPENERS = frozenset((*_LEAD_TIME_WORDS, "on", "last", "this"))
_LEAD_PHRASE_OPENERS = frozenset(_LEAD_PHRASE_WORDS)
_LEAD_CHANNEL_OPENERS = frozenset(("in", "on", "during"))

# Verbs whose content is mostly an object, not a clause: it ends at the first comma or dash.
_NP_OBJECT = frozenset(f for f, (lemma, _) in _VERBS.items() if lemma in (
    "endorse support oppose prefer reject answer tweet praise criticize condemn blast slam decry denounce mock attack "
    "back favor cite invoke echo post offer express highlight tout thank dismiss mention describe claim accept "
    "defend blame assail rail").split())
# Verbs whose object noun introduces the reported clause: "expressed concern that", "voiced doubts that".
_OBJECT_THAT = frozenset(f for f, (lemma, _) in _VERBS.items() if lemma in ("express", "voice"))
_CLAUSE_OPENING = ("that ", "what ", "how ", "why ", "whether ", "if ", "who ", "when ", "where ")
# ... and where the object gives way to when or where it was said: "in November", "on Twitter", "in a tweet".
_OBJECT_ADJUNCT = regex.compile(
    rf"""[ \t]+(?:(?:in|on|during|at|over)[ \t]+(?:(?:a|an|the|his|her|its|their|recent|early|late)[ \t]+)?
        (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August
          |September|October|November|December|\d{{4}}|years|weeks|months|days|speeches|{_CHANNEL_ALT})
      | (?:earlier|last|this)[ \t]+(?:week|month|year|weekend)
      | (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)
    )(?![\p{{L}}])""",
    regex.VERBOSE,
)
_OBJECT_ENDS = (", ", " - ", " -- ", " — ", " – ", " after ", " while ", " when ", " because ", " before ", " since ")

# The subject of an indirect cue when the speaker reader finds none ("Her campaign workers here
# said", "those surveyed say"): the words between the clause's start and the verb group.
_CUE_ADVERBS = words("quote_adverbs.txt")
# time words a verb group reads past to its subject ("Trump on Friday said"), which are not the cue's own words
_GROUP_TIME_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday week month year weekend last this past on earlier "
    "later yesterday today".split())
_CUE_SIDE = _CUE_ADVERBS | _GROUP_TIME_WORDS | frozenset(
    "long now both all only even must can cannot should don't don’t doesn't doesn’t didn't "
    "didn’t won't won’t wouldn't wouldn’t hasn't hasn’t haven't haven’t isn't isn’t aren't aren’t wasn't wasn’t "
    "can't can’t couldn't couldn’t".split())
_SUBJECT_BREAK = regex.compile(  # where the clause of the subject starts: after the last of these
    r"; |: | — | – | -- |,? but |,? and |, while |, as |, although | because | when |, so |, yet ")
_NOT_SUBJECT_END = frozenset(
    "to that which who whom whose what and or but as if when while because than where after before since until of "
    "for with by from in on at into over under about a an the his her its their our".split())
_NOT_SUBJECT_START = frozenset(
    "which that who whom whose what when where while if for as because although though since after before unless "
    "whether there it despite".split())
# Verbs before "to" that belong to the cue: "wants to say", "continued to assert", "declined to say".
_CATENATIVES = frozenset(
    "want wants going able unable likely unlikely willing unwilling refuse refuses decline declines seem seems appear "
    "appears used plan plans hope hopes need needs tend tends began begin begins continue continues try tries "
    "have has had ought eager reluctant quick ready".split())
# ... those of them that are adjectives after a form of "be" ("are more likely to say", "was quick to note")
_ADJECTIVE_CATENATIVES = frozenset("able unable likely unlikely willing unwilling eager reluctant quick ready".split())
_COMPARATIVES = frozenset("more less most least".split())
_BE_BEFORE_ADJECTIVE = frozenset("is are was were be been".split())
# Where the question after "asked" starts ("about" itself is left out, as PolNeAR does).
_QUESTION_OPENERS = (" about ", " whether ", " if ", " why ", " what ", " how ", " who ", " when ", " where ", " which ")
_QUESTION_WORDS = (" whether ", " if ", " why ", " what ", " how ", " who ", " which ")
_RELATIVE_SPEAKERS = frozenset(("who", "which"))
_POSSESSIVES = frozenset("his her their its His Her Their Its".split())
_DETERMINERS = frozenset("the The a A an An this This that That".split()) | _POSSESSIVES
_DOCUMENT_WORDS = frozenset(row[0] for row in table("people_roles.tsv") if row[1] == "organisation")  # "the report"
_GERUND_PREPOSITIONS = frozenset("by of in to for from without".split())
_NO_VERB_AFTER = frozenset("the The a A an An their his its our of for by than or".split())
_OPENING_ADVERBS = frozenset("Nevertheless However Meanwhile Still Instead Indeed Moreover Yet Also Overall Thus "
                             "Separately Now Then Today".split())
_PASSIVE_WORDS = frozenset("is are was were be been being".split())
_CONNECTIVES = frozenset("But And Yet So Still Then Now Meanwhile However Instead Also Indeed Even".split())
_MAX_SUBJECT_WORDS = 12
_NP_REACH = 120  # characters before a verb group read for its subject's words
_PRONOUN_DETERMINERS = frozenset("Another Others One Some Many Both Most Several Few".split())
# Words (before the last) that make the words before a verb a clause of their own rather than its subject
# ("a celebratory event was held called", "the campaign has said to have ... called").
_CLAUSE_WORDS = frozenset("is are was were be been being using to has have had".split())

# A reported clause starts at a letter, a digit or one of these.
_CLAUSE_OPENERS = frozenset("\"“'‘$£€(")


# --------------------------------------------------------------------------------------------
# Internal records
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Span:
    """A paired quotation: marks and content offsets, paragraphs covered, how it was closed."""

    open_start: int
    open_end: int
    close_start: int  # == end of content
    close_end: int
    start: int
    end: int
    p_first: int
    p_last: int
    closed: bool
    title: bool


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    form: str
    used: bool = False


_CUE_START = attrgetter("start")


@dataclass(slots=True)
class _Attribution:
    cue: _Cue | None
    cue_start: int | None
    cue_end: int | None
    mention: tuple[int, int] | None
    appos: str | None
    rule: str
    via: str | None = None


# --------------------------------------------------------------------------------------------
# Step 1: quotation marks
# --------------------------------------------------------------------------------------------

def _find_marks(text: str, deadline: Deadline) -> list[tuple[int, int]]:
    """(start, end) of every quotation mark, in text order: one C scan per mark character that
    occurs (most documents use one or two), cheaper than a match object per mark."""
    deadline.left()
    marks = []
    for ch in _DOUBLE_MARKS:
        at = text.find(ch)
        while at >= 0:
            marks.append((at, at + 1))
            at = text.find(ch, at + 1)
    at = text.find("''")
    while at >= 0:
        if text.startswith("'''", at) and at and not text[at - 1].isspace():
            at += 1  # "right,'''": a single quote closes inside the doubled one
        marks.append((at, at + 2))
        at = text.find("''", at + 2)
    if len(marks) > 1:
        marks.sort()
    return marks


def _mark_role(text: str, start: int, end: int, p_start: int, p_end: int) -> str:
    """open, close or either, from the mark and the characters around it."""
    mark = text[start:end]
    before = text[start - 1] if start > p_start else " "
    after = text[end] if end < p_end else " "
    looks_open = before in _SPACE_BEFORE_OPEN and not after.isspace()
    looks_close = after in _PUNCT_AFTER_CLOSE and not before.isspace()
    if mark in _OPENERS:  # an opening mark used to close (“Apparently not,“ he said) happens
        return "close" if looks_close and not looks_open else "open"
    if mark in _CLOSERS:
        return "open" if looks_open and not looks_close else "close"
    if looks_open and not looks_close:
        return "open"
    if looks_close and not looks_open:
        return "close"
    return "either"


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pair_marks(text: str, seg: Segmentation, deadline: Deadline) -> list[_Span]:
    """Pair the quotation marks of each paragraph; continue open quotes over paragraphs."""
    paragraphs = seg.paragraphs
    if not paragraphs:
        return []
    marks = _find_marks(text, deadline)
    spans: list[_Span] = []
    pi, n_par = 0, len(paragraphs)
    mi, n_marks = 0, len(marks)
    pending: tuple[int, int, int] | None = None  # an open mark carried into the next paragraph
    while pi < n_par:
        p_start, p_end = paragraphs[pi]
        while mi < n_marks and marks[mi][0] < p_start:
            mi += 1
        par_marks = []
        while mi < n_marks and marks[mi][1] <= p_end:
            s, e = marks[mi]
            par_marks.append((s, e, _mark_role(text, s, e, p_start, p_end)))
            mi += 1
        if pi == 0 and not par_marks:
            par_marks = _title_single_marks(text, p_start, p_end, deadline)
        opened: tuple[int, int, int] | None = None
        outer: tuple[int, int, int] | None = None  # a quotation open around a nested one
        if pending is not None:
            if par_marks and par_marks[0][0] == p_start and par_marks[0][2] != "close":
                opened = pending  # the news convention: the quote goes on in this paragraph
                par_marks = par_marks[1:]
            else:
                spans.append(_unclosed(text, pending, paragraphs))
            pending = None
        for k, (s, e, role) in enumerate(par_marks):
            if opened is None:
                if role != "close":
                    opened = (s, e, pi)
            elif outer is not None and role != "open":  # the nested quotation closes: the outer one goes on
                opened, outer = outer, None
            elif role != "open":
                c_start, c_end = _content(text, opened[1], s)
                if c_start < c_end and any(map(str.isalnum, text[c_start:c_end])):
                    spans.append(_Span(opened[0], opened[1], s, e, c_start, c_end, opened[2], pi, True, pi == 0))
                opened = None
            elif _nested(par_marks, k, opened):
                outer, opened = opened, (s, e, pi)
            elif _next_paragraph_run_in(text, opened, s, e):
                continue  # 'yet. "I think ...': the quotation goes on, as over a paragraph break
            else:  # an opening mark while a quote is open: the earlier mark was stray
                opened = (s, e, pi)
        if opened is not None:
            nxt = pi + 1
            if (nxt < n_par and text[paragraphs[nxt][0]] in "\"“„«'" and pi > 0
                    and text[p_end - 1] in ".!?…:" and _opens_paragraph(text, paragraphs[nxt])):
                pending = opened
            else:
                spans.append(_unclosed(text, opened, paragraphs))
        pi += 1
        if pending is None:  # no quote goes on: on to the paragraph of the next mark (most hold none)
            if mi == n_marks:
                break
            pi = max(pi, bisect.bisect_right(paragraphs, marks[mi][0], key=_START) - 1)
    if pending is not None:
        spans.append(_unclosed(text, pending, paragraphs))
    return [s for s in spans if s.end > s.start]


_START = itemgetter(0)  # the start of a (start, end, ...) tuple: a mark, a paragraph, a found row


def _nested(par_marks: list[tuple[int, int, str]], k: int, opened: tuple[int, int, int]) -> bool:
    """The opening mark ``k`` opens a quotation inside the open one ('“I'd rather live in what he
    calls “hell” than ...”'): the open mark opens for sure and the two marks after ``k`` close,
    the second for sure."""
    i = bisect.bisect_left(par_marks, opened[0], 0, k, key=_START)  # (not a scan: O(marks^2) on '““““...')
    return i < k and par_marks[i][0] == opened[0] and par_marks[i][2] == "open" and len(par_marks) > k + 2 \
        and par_marks[k + 1][2] != "open" and par_marks[k + 2][2] == "close"


def _next_paragraph_run_in(text: str, opened: tuple[int, int, int], start: int, end: int) -> bool:
    """The open quotation starts a sentence, and the opening mark at ``start`` follows one of its
    finished sentences and opens a capitalised one: the next paragraph of the quotation, its break
    lost ('... anything yet. "I think you start ...'; many BBC texts). The news convention leaves the
    earlier paragraph unclosed. ('called it "a disgrace. "We will ...' stays a stray mark.)"""
    if not text[opened[1]:opened[1] + 1].isupper():
        return False
    i = start
    while i > opened[1] and text[i - 1] == " ":
        i -= 1
    return opened[1] < i < start and text[i - 1] in ".!?…" and text[end:end + 1].isupper()


def _opens_paragraph(text: str, paragraph: tuple[int, int]) -> bool:
    s, e = paragraph
    return text[s] in "“„«" or (text[s] == '"' and s + 1 < e and not text[s + 1].isspace()) or text.startswith("''", s)


def _unclosed(text: str, opened: tuple[int, int, int], paragraphs: list[tuple[int, int]]) -> _Span:
    """A quote whose closing mark never came: it ends with the paragraph it was last seen in."""
    s, e, p_first = opened
    p_last = p_first
    while p_last + 1 < len(paragraphs) and paragraphs[p_last][1] < s:
        p_last += 1
    # the paragraph where the pending quote was dropped: the last one starting before its end
    p_end = paragraphs[p_last][1]
    c_start, c_end = _content(text, e, p_end)
    return _Span(s, e, c_end, c_end, c_start, c_end, p_first, p_last, False, p_first == 0)


def _title_single_marks(text: str, p_start: int, p_end: int, deadline: Deadline) -> list[tuple[int, int, str]]:
    """Single quotation marks, counted only in the title: Meets Putin to 'intensify ties'."""
    out = []
    for m in _SINGLE_MARKS.finditer(text, p_start, p_end, timeout=deadline.left()):
        out.append((m.start(), m.end(), "open" if m.group("open") else "close"))
    # a lone closing mark is an apostrophe (the Clintons' house): keep only open-then-close pairs
    paired, opened = [], None
    for s, e, role in out:
        if role == "open":
            opened = (s, e, role)
        elif opened is not None:
            paired.extend((opened, (s, e, role)))
            opened = None
    return paired


# --------------------------------------------------------------------------------------------
# Step 2: reporting verbs
# --------------------------------------------------------------------------------------------

def _find_cues(text: str, deadline: Deadline) -> list[_Cue]:
    """Reporting verbs of the document, in text order.

    The text is read in chunks of about :data:`CUE_CHUNK` characters cut at a space. A chunk's words
    are intersected with the verb forms first (a set operation in C), then only the forms present
    in that chunk are looked for with ``str.find``: a regular expression with ~300 alternatives
    would scan at a tenth of the speed, and chunks keep a long document from being scanned once
    per form it contains.
    """
    deadline.left()
    cues = []
    n = len(text)
    a = 0
    while a < n:
        b = text.find(" ", a + CUE_CHUNK) if a + CUE_CHUNK < n else n
        b = n if b < 0 else b
        for form in {_WORD_TO_FORM[w] for w in _WORD_KEYS.intersection(text[a:b].replace(".", " ").split())}:
            according, needle, tail, extra, compound, mostly_noun, capital = _CUE_PLANS[form]
            size = len(needle)
            stop = b + size
            at = text.find(needle, a, stop)
            while at >= 0:
                start, end = at, at + size
                if according:
                    start -= 1
                    ok = start >= 0 and text[start] in "Aa"
                else:
                    ok = True
                if ok and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in _IN_WORD)) \
                        and (end == n or not (text[end].isalnum() or text[end] == "-")) \
                        and (tail is None or text.startswith(tail, end)) \
                        and (not mostly_noun or _verb_of_subject(text, start)) \
                        and not (compound and _in_compound(text, start, end, form)) \
                        and not (capital and _inside_name(text, start, end)):
                    cues.append(_Cue(start, end + extra, form))
                at = text.find(needle, end, stop)
        a = b
    cues.sort(key=_CUE_START)
    return cues


_TITLE_SMALL_WORDS = frozenset("a an the of on in to for and or at by with as".split())  # lower case in a title


def _inside_name(text: str, start: int, end: int) -> bool:
    """The capitalised form at [start, end) goes on a name ("American Express would not comment",
    "Federal Express said"): a capitalised word right before it and a lower-case one after it (in a
    headline in title case the word after is capitalised too, or one of its small words: "Trump Says He
    Will Run", "Trump Announces a Freeze")."""
    before = _word_before(text, start)
    if not (before[:1].isupper() and before[-1:].isalpha() and text[end:end + 1] == " " and text[end + 1:end + 2].islower()):
        return False
    return text[end + 1:end + 8].split(" ", 1)[0] not in _TITLE_SMALL_WORDS


def _in_compound(text: str, start: int, end: int, form: str) -> bool:
    """The form at [start, end) is part of a two-word noun ("a Sunday talk show", "Talk radio host",
    "a claims adjuster"; see quote_compound_nouns.txt): a dict look-up for the few forms in one."""
    before = _COMPOUND_BEFORE.get(form)
    if before is not None and _word_before(text, start).lower() in before \
            and not (form[-1] == "s" and text.startswith(" that ", end)):  # "Footage from the game shows that"
        return True
    after = _COMPOUND_AFTER.get(form)
    return after is not None and text[end:end + 1] == " " and text[end + 1:end + 20].split(" ", 1)[0].lower() in after


def _verb_of_subject(text: str, start: int) -> bool:
    """True when the word form at ``start`` (one of :data:`_MOSTLY_NOUNS`) follows a subject that
    makes it a verb: a pronoun ("It states that", "he proudly states") or a determined document or
    organisation with up to two lower-case words before it ("the report states", "A federal law
    states", "the campaign's website states"); not "member states that", "Gulf states,", "the 50
    states:", "mostly white states" (PolNeAR train and dev: 7 verbs among 531 "states")."""
    word = _word_before(text, start)
    while word in _CUE_ADVERBS or (word.endswith("ly") and word.islower()):  # "It also states", "he proudly states"
        start -= len(word) + 1
        word = _word_before(text, start)
    if word in _PRONOUNS:
        return True
    if word not in _DOCUMENT_WORDS:
        return False
    for _ in range(3):  # the document word and up to two modifiers: "The annual harbour report states"
        start -= len(word) + 1
        word = _word_before(text, start)
        if word in _DETERMINERS or word.endswith(("'s", "’s")):
            return True
        if not (word.isalpha() and word.islower()) or word.endswith("ly"):
            return False
    return False


# --------------------------------------------------------------------------------------------
# Step 3: attribution of quotation-mark spans
# --------------------------------------------------------------------------------------------

class _Doc:
    """Per-document look-ups: sentence and paragraph of an offset, cues by position."""

    __slots__ = ("text", "seg", "deadline", "sentences", "later_sent_starts", "later_par_starts", "cues", "cue_starts",
                 "partial", "more", "mentions", "reaches", "groups", "np_only", "according", "according_starts", "joins",
                 "partial_starts", "longest_cue", "subjects")

    def __init__(self, text: str, seg: Segmentation, deadline: Deadline, cues: list[_Cue]):
        self.text = text
        self.seg = seg
        self.deadline = deadline
        self.sentences = seg.sentences
        # the starts after the first: a bisect in them is the index of the sentence (paragraph) at an
        # offset, the first one for an offset before it (no "- 1" and no max() at each of ~40 calls a verb)
        self.later_sent_starts = [s for s, _, _ in seg.sentences[1:]]
        self.later_par_starts = [s for s, _ in seg.paragraphs[1:]]
        self.cues = cues
        self.cue_starts = [c.start for c in cues]
        self.according = [c for c in cues if c.form == "according"]  # "according to": read by _according_to
        self.according_starts = [c.start for c in self.according]
        self.partial: dict[int, _Attribution] = {}  # cue start -> attribution of a partly quoted clause
        self.partial_starts: list[int] = []  # the keys of ``partial``, sorted
        self.longest_cue = max([c.end - c.start for c in cues], default=0)
        self.more: tuple[int, int] | None = None  # the second fragment of the last reported clause
        self.mentions: dict[tuple[int, int], object] = {}  # (verb position, limit) -> speaker mention or None
        self.reaches: dict[int, tuple[int, object]] = {}  # verb position -> (highest limit, mention) for every limit up to it
        self.groups: dict[tuple, tuple[int, str] | None] = {}  # cue -> its verb group (see _verb_group)
        self.np_only: dict[tuple, bool] = {}  # see _np_subject_only
        self.joins: dict[int, int] = {}  # verb position -> the join before it as a second report (see _report_join)
        self.subjects: dict[int, _Attribution] = {}  # verb position -> its reported clause's attribution with a speaker

    def sentence(self, pos: int) -> tuple[int, int, int]:
        return self.sentences[bisect.bisect_right(self.later_sent_starts, pos)]

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self.later_par_starts, pos)

    def paragraph_end(self, pos: int) -> int:
        return self.seg.paragraphs[self.paragraph(pos)][1]

    def cues_between(self, start: int, end: int) -> list[_Cue]:
        i = bisect.bisect_left(self.cue_starts, start)
        j = bisect.bisect_left(self.cue_starts, end)
        return self.cues[i:j]

    def according_between(self, start: int, end: int) -> list[_Cue]:
        i = bisect.bisect_left(self.according_starts, start)
        j = bisect.bisect_left(self.according_starts, end)
        return self.according[i:j]


def _mention_before(doc: _Doc, pos: int, limit: int):
    """The speaker mention written right before the verb at ``pos`` (see people.mention_before),
    read once per document for each place (several rules ask about the same verb, and quotes in a
    run-on sentence ask from limits a few words apart: an answer the word before the verb decides
    serves every limit up to that word, and limits further back than mention_before reads count as one)."""
    if pos <= limit:
        return None
    known = doc.reaches.get(pos)
    if known is not None and limit <= known[0]:
        return known[1]
    key = (pos, mention_limit(min(pos, len(doc.text)), limit))
    found = doc.mentions.get(key, doc)
    if found is doc:
        found, reach = mention_reach(doc.text, pos, limit)
        if reach is not None:
            doc.reaches[pos] = (reach, found)
        else:
            doc.mentions[key] = found
    return found


def _mention_after(doc: _Doc, pos: int, limit: int):
    if pos >= limit:
        return None
    return mention_after(doc.text, pos, limit)


def _attr_from_before(doc: _Doc, cue: _Cue, limit: int, rule: str) -> _Attribution | None:
    """Attribution with the speaker written before the cue: X said, X has also said. A participle's
    speaker is its clause's subject (X rallied supporters, saying: "...")."""
    if cue.form in _GERUNDS:
        return _speaker_of_verb_before(doc, cue, limit, rule) or _subject_attr(doc, cue, limit, rule)
    m = _mention_before(doc, cue.start, limit)
    if m is None:
        if doc.text.endswith(_COORDINATORS, 0, cue.start) and cue.start - limit < 300:
            first = _first_speaker(doc, cue, limit) if cue.form in _SPEECH else None  # "Lazar said ... and added": Lazar
            relative = _relative_attr(doc, cue, limit, rule) if doc.text.endswith(" and ", 0, cue.start) else None
            if relative is not None and (first is None or not doc.text[max(0, relative.mention[0] - 2)].isalnum()):
                # "Weaver, who came out and endorsed": who; but "He thanked those who had wished him well and
                # said": after a speaker's verb, a relative clause without a comma is its object's (and not
                # "He praised those who left but said": only "and" goes on with the relative clause)
                return relative
            if first is not None:
                return _Attribution(cue, cue.start, cue.end, first[:2], first[2], rule.replace("x_said", "subject_and_said"))
            found = _subject(doc, limit, cue.start) if doc.text.endswith(" and ", 0, cue.start) else None  # "X defended the route and said ...": X
            if found is not None:
                return _Attribution(cue, cue.start, cue.end, found[:2], None, rule.replace("x_said", "subject_and_said"))
        return _subject_attr(doc, cue, limit, rule)
    s, e = trim_mention(doc.text, m.start, m.end)
    mention = doc.text[s:e]
    if not rule.startswith("indirect") and mention not in _PRONOUNS and _word_before(doc.text, s) in _OBJECT_BEFORE_VERB:
        return None  # "Another source speaking to Fox News said", "a letter obtained by The Associated Press warns"
    if m.appos is not None and _inside_phrase(_word_before(doc.text, s)):
        # "Sen. Chuck Grassley, facing a challenge in Iowa, a swing state, said": the name before the
        # apposition is a phrase's object; the clause's subject before the first comma speaks
        subject = _subject_attr(doc, cue, limit, rule)
        if subject is not None:
            return subject
    if _only_stopwords(mention) or (mention in ("It", "it")
                                    and _PASSIVE.match(doc.text, m.cue_start, cue.start, timeout=doc.deadline.left())):
        return None  # "The said property", "It was said that"
    if cue.form in _NOUNISH and m.cue_start == cue.start and (
            mention.endswith(("'s", "’s"))
            or (mention[0].isupper() and mention not in _PRONOUNS and _word_before(doc.text, s)[-1:].isalpha()
                and not _verb_before_that(doc.text, cue))):
        return None  # "the Opportunity Project report", "the Islamic State's calls": nouns, not verbs
        # (but "the Associated Press reports that ...": a verb)
    return _Attribution(cue, m.cue_start, cue.end, (s, e), m.appos, rule)


_PHRASE_PREPOSITIONS = frozenset("in of for with by from to at on about against during into near".split())


def _inside_phrase(word: str) -> bool:
    """The word before a name is a preposition or a participle, whose object the name is ("in
    Iowa", "serving in Iran", "supporting Mr. Cruz")."""
    return word in _PHRASE_PREPOSITIONS or (word.islower() and word.endswith("ing") and len(word) > 4)


_SUBJECT_NOUN_VERBS = frozenset("claims reports estimates forecasts".split())  # "the suit claims that"


def _verb_before_that(text: str, cue: _Cue) -> bool:
    """A noun-like form in -s before "that" after a subject is the verb ("the suit claims that",
    "the Associated Press reports that"), not the noun ("amid reports that", "his claims that": a
    preposition, a determiner or a possessive right before it)."""
    if cue.form[-1] != "s" or cue.form in _SHOW or not text.startswith(" that ", cue.end):
        return False  # ("shows that" has rules of its own)
    before = _word_before(text, cue.start)
    if before[:1].isupper():  # "the Associated Press reports that", "CNN claims that"
        if before in _DETERMINERS or before.endswith(("'s", "’s", "’", "'")):
            return False
        pos = cue.start - len(before) - 1
        for _ in range(6):  # the capitalised run: what stands before it tells a subject from a modifier
            word = _word_before(text, pos)
            if not (word[:1].isupper() or word in ("of", "&", "former")) or word in _DETERMINERS:
                break
            pos -= len(word) + 1
        # a subject opens a clause (not "dispute Republican claims that", "with Wall Street estimates that")
        return not word or word in _DETERMINERS or word in _COORDINATING or word.endswith((",", ":", "."))
    # a determined noun subject of a verb that reports: "the suit claims that" (not "the liberal tweets
    # that", "amid news reports that", "reiterating calls that")
    return cue.form in _SUBJECT_NOUN_VERBS and before.isalpha() and before.islower() and before not in _NOT_SUBJECT_END \
        and _word_before(text, cue.start - len(before) - 1) in _DETERMINERS


_COORDINATORS = (" and ", " but ")
_COORDINATING = frozenset(c.strip() for c in _COORDINATORS) | {"or"}
_OBJECT_BEFORE_VERB = frozenset("to by from with for at than against about toward towards".split())
_CONCESSIVE = frozenset("Although Though While Whereas".split())
_OBJECT_PREPOSITIONS = frozenset("of for with by from to at in on about against".split())


def _first_speaker(doc: _Doc, cue: _Cue, limit: int) -> tuple[int, int, str | None] | None:
    """The speaker of the first reporting verb of the sentence before a coordinated one ("Suu Kyi,
    70, said it was too early but added, ..."), as (start, end, apposition)."""
    text = doc.text
    at, size = _last_of(text, (", and ", "; "), limit, cue.start)  # "A called for ..., and B denounced ... and said": B
    if at >= 0:
        limit = at + size
    for verb in doc.cues_between(limit, cue.start - 4):
        if verb.form not in _SPEECH or verb.form in _GERUNDS:
            continue
        m = _mention_before(doc, verb.start, limit)
        if m is None or text[m.start:m.end] in _RELATIVE_SPEAKERS or text[m.start:m.end].endswith(("'s", "’s")) \
                or _word_before(text, m.start) in _OBJECT_PREPOSITIONS:
            return None  # "Trump's proposed wall and explained", "A spokesman for the mayor defended": not the subject
        s, e = trim_mention(text, m.start, m.end)
        return None if _only_stopwords(text[s:e]) else (s, e, m.appos)
    return None


_WHO = " who "
_RELATIVE_REACH = 150  # characters from "who" to a later verb of its clause ("who just a week ago surprised ... by declaring")
_NOT_IN_RELATIVE = frozenset(',:;()"“”')  # (a comma closes the relative clause: "Smith, who ..., said")


def _relative_who(text: str, cue: _Cue, limit: int) -> tuple[int, int] | None:
    """The "who" whose relative clause holds the cue as a coordinated verb or a participle, when
    only that clause's own words stand between them ("Paul Ryan, who ... surprised Trump by
    declaring", "a man who took his own life hoping", "Weaver, who came out and endorsed"):
    PolNeAR's speaker is "who" (people.resolve reads the name before its comma). Not "who he
    accused of": there "who" is the object and the pronoun speaks."""
    at = text.rfind(_WHO, max(limit, cue.start - _RELATIVE_REACH), cue.start)
    if at < 0:
        return None
    start, end = at + 1, at + len(_WHO) - 1
    gap = text[end:cue.start]
    after = gap.split(None, 1)[0] if gap.strip() else ""
    if not after[:1].islower() or after in _PRONOUNS or not _plain_words(gap):
        return None  # (not "The justice -- who has ... -- said she ... and promised")
    return start, end


def _plain_words(part: str) -> bool:
    """No comma, colon, semicolon, bracket, quotation mark or spaced dash in ``part``: one
    relative clause's words ("Mr." may stand in it)."""
    return _NOT_IN_RELATIVE.isdisjoint(part) and not any(" " + dash in part for dash in _DASHES)


def _relative_attr(doc: _Doc, cue: _Cue, limit: int, rule: str) -> _Attribution | None:
    """The attribution to "who" when its relative clause holds the cue (see _relative_who)."""
    who = _relative_who(doc.text, cue, limit)
    return None if who is None else _Attribution(cue, cue.start, cue.end, who, None, rule.partition(".")[0] + ".relative_who")


def _speaker_of_verb_before(doc: _Doc, cue: _Cue, limit: int, rule: str) -> _Attribution | None:
    """"...," he said, adding that ... / said Smith, a former mayor, referring to ... / Clinton said,
    while arguing ...: the participle's speaker is that of the reporting verb right before it."""
    text = doc.text
    pos = cue.start
    if _word_before(text, pos) in _BEFORE_GERUND:
        pos -= len(_word_before(text, pos)) + 1
    if text[max(limit, pos - 2):pos] != ", ":
        return None
    for verb in reversed(doc.cues_between(max(limit, pos - 200), pos - 2)):
        if verb.form in _GERUNDS:
            return None
        between = text[verb.end:pos - 2]
        subject = _mention_before(doc, verb.start, max(limit, verb.start - 200)) \
            if verb.form in _TELL or between.strip() else None
        if subject is not None and verb.form in _TELL and _GAP_BREAKERS.isdisjoint(text[subject.start:verb.start]) \
                and "''" not in text[subject.start:verb.start]:  # "Carson tells Breitbart News, responding to ...": the teller
            m = subject
        elif between.strip() and between.split(None, 1)[0] in _TAIL_WORDS and subject is not None:
            m = subject  # Hollande said Tuesday in Paris, noting
        elif between.strip():  # said Smith, adding / said Smith, a former mayor, referring
            if _VERBS.get(verb.form, (verb.form,))[0] not in _INVERTED_LEMMAS:
                return None  # "Clinton had mocked the complaint, saying": an object, not an inverted speaker
            m = mention_after(text, verb.end, pos - 1)
            if m is None or not (text[m.start].isupper() or text[m.start:m.end].split()[-1] in _ROLE_WORDS):
                return None  # "Trump praised the vote, telling ...": an object, not an inverted speaker
            if not (m.end == pos - 2 or (  # (an apposition may name "Mr. Obama": not a sentence's end)
                    text[m.end] == "," and _SENTENCE_MARKS.isdisjoint(text[m.end:pos]) and full_stop(text, m.end, pos) < 0
                    and pos - m.end < 120)):
                return None
        else:
            m = _mention_before(doc, verb.start, max(limit, verb.start - 200))
            if m is None:
                return None
        s, e = trim_mention(text, m.start, m.end)
        return _Attribution(cue, cue.start, cue.end, (s, e), m.appos, rule)
    return None


_PARTICIPLE_REACH = 200  # characters from a reporting verb to a participle after its clause
_SECOND_CLAUSE = (", and ", ", but ", ", while ")
_SUBJECT_WORDS_MAX = 5  # words of a sentence's subject read before its past-tense verb
_HAVE_FORMS = frozenset(("has", "have", "had"))
_NOT_SUBJECT_OPENERS = frozenset("here there earlier later now then today yesterday".split())


def _words_before_past_verb(doc: _Doc, cue: _Cue, limit: int) -> _Attribution | None:
    """"Both parents stiffened their denunciation of Mr. Trump, saying ...": when no speaker is found
    for a participle after a comma, the words that open its sentence up to its first verb in -ed or
    auxiliary (at most five, capitalised first, no phrase opener, no punctuation) are its subject."""
    text = doc.text
    if text[max(limit, cue.start - 2):cue.start] != ", " or _beyond_subject_reach(doc, limit, cue.start) \
            or not (text.startswith(" that ", cue.end) or text.startswith(_SOURCELESS_OPENERS, cue.end)):
        return None  # (a reported clause only: not "..., adding family-friendly amenities")
    head = text[limit:min(cue.start, limit + 80)].split(" ", _SUBJECT_WORDS_MAX + 1)
    for i, word in enumerate(head[1:_SUBJECT_WORDS_MAX + 1], 1):
        if word in _HAVE_FORMS or (word.islower() and word.isalpha() and word.endswith("ed")):
            words_ = head[:i]
            if not words_[0][:1].isupper() or words_[0] in _PHRASE_OPENERS or words_[0] in _NO_SOURCE_SUBJECTS \
                    or words_[0].lower() in _SUBORDINATORS or words_[0].lower() in _NOT_SUBJECT_OPENERS \
                    or not _NO_PUNCTUATION.isdisjoint("".join(words_)) or _only_stopwords(" ".join(words_)) \
                    or any(w in _VERBS or w in _CUE_ADVERBS or w.endswith("ly") or w == "even" for w in words_[1:]):
                return None  # (not "Protest groups say the restrictions ...", "And even the numbers are", "When he")
            end = limit + len(" ".join(words_))
            s_end = doc.sentence(cue.start)[1]
            if doc.cues_between(end, cue.start - 2) or any(c.form in _SPEECH for c in doc.cues_between(cue.end, s_end)):
                return None  # "Basis bids firmed ..., traders said, noting": the participle is that verb's; "The
                # curve has come closer, pointing to ..., he said": the sentence is reported
            return _Attribution(cue, cue.start, cue.end, (limit, end), None, "indirect.gerund")
        if not word.isalpha() and word not in ("Mr.", "Mrs.", "Ms.", "Dr."):
            return None
    return None


def _subject_of_verb_before(doc: _Doc, cue: _Cue, limit: int) -> _Attribution | None:
    """"The departments declined to provide any documentation, saying ...", "Democrats see Sanders
    as an agent of decline, arguing ...": a participle after a comma shares the speaker already
    found for the reporting verb before it in the sentence (a subject the mention reader alone does
    not take: a plural noun, a name written once)."""
    text = doc.text
    if text[max(limit, cue.start - 2):cue.start] != ", ":
        return None
    verbs = doc.cues_between(max(limit, cue.start - _PARTICIPLE_REACH), cue.start - 2)
    attr = doc.subjects.get(verbs[-1].start) if verbs else None
    if attr is None or attr.mention[1] > verbs[-1].start:
        return None  # (a speaker after its verb: "..., said X" is _speaker_of_verb_before's)
    between = text[attr.mention[1]:cue.start]
    lead = text[limit:attr.mention[0]].rstrip(" \t\"”'’")
    if (lead and not lead.endswith(",")) or not _GAP_BREAKERS.isdisjoint(between) or "''" in between \
            or any(join in between for join in _SECOND_CLAUSE):
        return None  # not the sentence's subject ("about how he planned ..., saying"), or a quotation or
        # a second clause between ("X said ..., and the ACLU has sued the city, saying")
    return _Attribution(cue, cue.start, cue.end, attr.mention, attr.appos, "indirect.gerund")


# a dateline before the first sentence: "Washington (AFP) – ", "DECATUR, Ill. — "
_DATELINE_DASH_CHARS = "—–-"  # one of them ends every dateline ("-" last: the pattern's class is built from it)
_DATELINE_DASHES = frozenset(_DATELINE_DASH_CHARS)
_DATELINE = regex.compile(
    rf"[\p{{Lu}}][\p{{L}}. ,]{{1,40}}?(?:\((?:AFP|AP|Reuters|CNN)\))?[ \t]+[{_DATELINE_DASH_CHARS}]{{1,2}}[ \t]+(?=\p{{Lu}})")
# ... and a dateline in capitals alone: "WASHINGTON ― ", "MEXICO CITY - ", "TALLAHASSEE — "
_CAPITALS_DATELINE = regex.compile(r"\p{Lu}[\p{Lu}. ,]{2,30}(?:[ \t]+[—–―-]{1,2}|:)[ \t]+(?=\p{Lu})")  # "WASHINGTON — ", "KARACHI: "
# prepositions that open a phrase before a clause's subject
_PHRASE_OPENERS = frozenset("In On At For During After Before With Without Under From Over Since Until Like Unlike "
                            "Alongside Despite Amid Following Besides Beyond Among Across Throughout Against Within".split())
# verbs whose speaker may follow them ("said Smith, adding ..."); after others a name is the object
_INVERTED_LEMMAS = frozenset("say ask add write tell reply respond explain note continue argue declare announce insist "
                             "recall acknowledge concede admit warn quip joke claim complain observe remark comment "
                             "answer conclude report state testify counter retort predict promise suggest agree according".split())
_OPENING_PHRASE = 150  # characters of an opening phrase read before a clause's subject ("And although ..., he")


def _subject(doc: _Doc, start: int, end: int, near: int = 0) -> tuple[int, int, int] | None:
    """The subject mention of the clause starting at ``start`` as (start, end, end of match), after
    an opening phrase up to a comma if need be ("Before the convention, Chief Calvin Williams ...").
    A lone capitalised word counts only when the document uses it again (names recur; "Immediately"
    does not). None for a clause further than _SUBJECT_REACH into its sentence."""
    text = doc.text
    if _beyond_subject_reach(doc, start, end):
        return None
    while start < end and text[start] in "\"“”'‘’ -—–,":
        start += 1
    place = False  # the opening phrase ended with a capitalised word: "in Salem, New Hampshire, Trump said"
    dateline = _DATELINE.match(text, start, min(end, start + 60), timeout=doc.deadline.left()) \
        if not _DATELINE_DASHES.isdisjoint(text[start:start + 60]) else None  # (no dash, no dateline: cheap test first)
    if dateline is not None:  # "Washington (AFP) – Democrat Hillary Clinton has ...", "DECATUR, Ill. — Sen. Ted Cruz"
        start = dateline.end()
    first = text[start:min(end, start + 20)].split(" ", 1)[0]
    if first.endswith(",") and first[:1].isupper() and (first[:-1].endswith("ly") or first[:-1] in _OPENING_ADVERBS):
        start += len(first)  # "Conversely, PolitiFact rated ...": an opening adverb, not a name
        while start < end and text[start] == " ":
            start += 1
        first = text[start:min(end, start + 20)].split(" ", 1)[0]
    if first in _PHRASE_OPENERS and "," in text[start:min(end, start + _OPENING_PHRASE)]:
        # "In New Hampshire, Law's group began ...", "Like Corker, Menendez also ...": the name after the phrase
        comma = text.find(",", start, min(end, start + _OPENING_PHRASE))
        place = text[text.rfind(" ", max(start, comma - 30), comma) + 1:comma][:1].isupper()
        start = comma + 1
        while start < end and text[start] == " ":
            start += 1
        for _ in range(2):  # the rest of the phrase: "At a rally in Portsmouth, N.H., on Tuesday, Senator ..."
            comma = text.find(",", start, min(end, start + 40))
            words_ = text[start:comma].split() if comma > start else []
            if not words_ or not (all(w[:1].isupper() for w in words_) and len(words_) <= 3 and place
                                  or words_[0] in _PREPOSITIONS and len(words_) <= 3):
                break
            start = comma + 1
            while start < end and text[start] == " ":
                start += 1
    for attempt in range(3):
        m = mention_after(text, start, end)
        if m is not None and m.start == start and " " in text[m.start:m.end] and not (place and text[m.end:m.end + 1] == ","):
            return m.start, m.end, m.end
        m = SUBJECT.match(text, start, end, timeout=doc.deadline.left())
        if m is not None:
            s, e = trim_mention(text, *m.span("mention"))
            mention = text[s:e]
            if not _only_stopwords(mention) and not (place and text[e:e + 1] == ",") and (
                    " " in mention or mention in _PRONOUNS or end - e <= near
                    or text.count(mention, max(0, s - 3000), s + 3000) >= 2):
                return s, e, m.end()
        if attempt == 0 or place:
            comma = text.find(",", start, min(end, start + _OPENING_PHRASE))
            if comma < 0:
                return None
            place = text[text.rfind(" ", max(start, comma - 30), comma) + 1:comma][:1].isupper() or text[comma - 1:comma] == ")"
            start = comma + 1
            while start < end and text[start] == " ":
                start += 1
        else:
            return None
    return None


# A verb further than this into its sentence has no subject read as its speaker (_subject_attr,
# _subject): a "sentence" this long is run-on text (a list, stops missing), and the start a subject
# would be read from is the look-back window's cut, mid-clause, and cut elsewhere for every quote,
# so each quote read the subjects of the verbs before it again (4,225 bench articles have 6
# sentences this long).
_SUBJECT_REACH = 4 * LOOKBACK


def _beyond_subject_reach(doc: _Doc, limit: int, pos: int) -> bool:
    """Whether ``pos`` lies more than _SUBJECT_REACH characters into the sentence ``limit`` is in."""
    return pos - doc.sentence(limit)[0] > _SUBJECT_REACH


def _subject_attr(doc: _Doc, cue: _Cue, limit: int, rule: str) -> _Attribution | None:
    """The subject of the clause as speaker, when a long apposition or a participle clause stands
    between it and the verb: "Mr. Manafort, citing ..., said" / "Sanders released a statement,
    insisting that"."""
    text = doc.text
    before = text[max(limit, cue.start - 5):cue.start].rstrip(" \t\"”'’")  # ("citing ''the magic,'' said")
    if (not before.endswith(",") and cue.form not in _GERUNDS) or cue.start - limit > 400 \
            or _beyond_subject_reach(doc, limit, cue.start):
        return None
    if cue.form in _GERUNDS:
        relative = _relative_attr(doc, cue, limit, rule)  # "a man who took his own life hoping": who
        if relative is not None:
            return relative
        if text[limit:limit + 1] in _QUOTE_MARKS:  # not a subject inside the quotation
            closing = max(text.rfind('"', limit + 1, cue.start), text.rfind("”", limit + 1, cue.start))
            if closing > limit:
                limit = closing + 1
        elif text.startswith("''", limit):  # ... nor inside one written with doubled apostrophes
            closing = text.find("''", limit + 2, cue.start)
            if closing > limit:
                limit = closing + 2
                after = text[limit:min(cue.start, limit + 20)].lstrip(" \t,").split(" ", 1)[0]
                if after.islower() and after not in _PRONOUNS:
                    return None  # "''...!'' wrote a man calling himself": the verb after the quotation is inverted
        else:  # a sentence that starts inside a quotation ('... to see that. I think we need him," Hannity said')
            limit = _after_open_quotation(text, limit, cue.start)
        attr = _with_subject(doc, cue, limit, rule)
        if attr is not None:
            return attr
    found = _subject(doc, limit, cue.start)
    if found is None:
        return None
    s, e, _ = found
    if cue.form not in _GERUNDS and text[e:e + 1] != ",":
        return None
    verb = next((c for c in doc.cues_between(s + 1, e) if c.form not in _NOUNISH and c.form not in _CUE_NOUNS), None)
    if verb is not None:  # "The skipper wrote to the mayor, telling her": the subject ends before its own verb
        e = _before_auxiliaries(text, s, verb.start) or e  # (kept whole when only "Other" is left of "Other alleged ...")
    return _Attribution(cue, cue.start, cue.end, (s, e), None, rule.replace("x_said", "subject_said"))


def _before_auxiliaries(text: str, start: int, end: int) -> int | None:
    """The end of the words in [start, end) without the auxiliaries that end them ("The universities
    are" -> "The universities"), or None when nothing but stop words is left."""
    end = start + len(text[start:end].rstrip())
    space = text.rfind(" ", start, end)
    while space > start and text[space + 1:end] in _AUXILIARIES:
        end = start + len(text[start:space].rstrip())
        space = text.rfind(" ", start, end)
    return None if end <= start or _only_stopwords(text[start:end]) else end


def _after_open_quotation(text: str, start: int, end: int) -> int:
    """After the closing mark when ``start`` lies inside a quotation that closes before ``end``
    (a closing curly mark before any opening one, or an odd number of straight marks), else ``start``."""
    close = text.find("”", start, end)
    if close >= 0 and text.find("“", start, close) < 0:
        return close + 1
    straight = text.find('"', start, end)
    if straight >= 0 and text.count('"', start, end) % 2 == 1 and text.find("“", start, straight) < 0:
        return straight + 1
    return start


_CLAUSE_AFTER_NOUN = (" that ", " to ")


def _possessor(doc: _Doc, cue: _Cue, limit: int) -> _Attribution | None:
    """"Trump's claim that there were "thousands of shootings"", "his warning that ...": the
    possessor of a reporting noun is its source."""
    text = doc.text
    if not text.startswith(_CLAUSE_AFTER_NOUN, cue.end):
        return None  # "pushed his promise of ...": the noun is an object, the subject speaks
    word = _word_before(text, cue.start)
    if word in _POSSESSIVES:
        start = cue.start - len(word) - 1
        return _Attribution(cue, cue.start, cue.end, (start, start + len(word)), None, "partial.possessor_noun")
    if not word.endswith(("'s", "’s")) or len(word) < 4:
        return None
    m = _mention_before(doc, cue.start - 3, limit)
    if m is None or m.cue_start != cue.start - 3 or text[m.start:m.end] in _PRONOUNS:
        return None
    s, e = trim_mention(text, m.start, m.end)
    if _only_stopwords(text[s:e]):
        return None
    return _Attribution(cue, cue.start, cue.end, (s, e), None, "partial.possessor_noun")


_WITH = " with "
_ABSOLUTE_BEFORE = (" and ", " – ", " — ", ", ")  # "..., Ryan saying ... and Trump calling it ..."


def _with_subject(doc: _Doc, cue: _Cue, limit: int, rule: str) -> _Attribution | None:
    """"..., with Sen. John McCain calling it a "Chinese menu"": the subject of an absolute clause
    after "with" speaks, not the sentence's subject (up to three words between "with" and the mention);
    so does a name right before the participle after " and " or a comma ("and Trump calling it")."""
    text = doc.text
    m = _mention_before(doc, cue.start, limit)
    if m is None:
        return None
    at = text.rfind(_WITH, max(limit, m.start - 30), m.start)
    if at < 0 and text.startswith(_WITH, m.start - len(_WITH)):
        at = m.start - len(_WITH)
    if at < 0 and text.endswith(_ABSOLUTE_BEFORE, 0, m.start) and not text[m.end:cue.start].strip():
        s, e = trim_mention(text, m.start, m.end)
        return _Attribution(cue, m.cue_start, cue.end, (s, e), m.appos, rule.replace("x_said", "with_x_saying"))
    if at < 0 or text.count(" ", at + len(_WITH), m.start) > 3 or not _NO_PUNCTUATION.isdisjoint(text[at:m.start]):
        return None
    s, e = trim_mention(text, m.start, m.end)
    return _Attribution(cue, m.cue_start, cue.end, (s, e), m.appos, rule.replace("x_said", "with_x_saying"))


def _attr_from_after(doc: _Doc, cue: _Cue, limit: int, rule: str) -> _Attribution | None:
    """Attribution with the speaker written after the cue: said Tokayev, according to Tokayev."""
    m = _mention_after(doc, cue.end, limit)
    if m is None:
        return None
    if doc.text[m.start:m.end] in ("it", "It") and cue.form != "according":
        return None
    return _Attribution(cue, cue.start, cue.end, (m.start, m.end), None, rule)


def _own_verb(doc: _Doc, s_start: int, open_start: int) -> bool:
    """Whether a verb not yet used stands between ``s_start`` and a quotation with its speaker
    written before it (the quotation may be part of that verb's clause)."""
    return any(not c.used and _mention_before(doc, c.start, s_start) is not None
               for c in doc.cues_between(s_start, open_start))


def _attribute_span(doc: _Doc, span: _Span, prev: _Attribution | None) -> tuple[_Attribution | None, bool]:
    """Attribution of one quotation, and whether its sentence is wholly quoted (direct)."""
    text = doc.text
    s_start, s_end, _ = doc.sentence(span.open_start)
    s_start = _window_start(text, s_start, span.open_start - LOOKBACK)  # a run-on "sentence" is read near the quote only
    c_start, c_end, _ = doc.sentence(max(span.close_start - 1, span.start))
    c_end = min(c_end, span.close_end + LOOKBACK)
    p_idx = span.p_last
    p_start, p_end = doc.seg.paragraphs[p_idx]
    # a sentence stop right before the mark (". ''They're" is not split by the segmenter)
    stop = max(text.rfind(". ", s_start, span.open_start), text.rfind("? ", s_start, span.open_start),
               text.rfind("! ", s_start, span.open_start))
    if stop >= 0 and not text[stop + 2:span.open_start].strip():
        s_start = stop + 2
    before_text = text[s_start:span.open_start]
    starts_sentence = not before_text.strip(" \t\"“'‘(")
    # (a) a cue right after the closing mark: "...," said X / "...," X said / "..." -- X; a quote
    # that does not end its clause after an attributed verb is that verb's (Sims say he was
    # "riding the fence" until Haley said ...)
    ends_clause = text[span.end - 1] in ",?!…—-;:" or text[span.close_end:span.close_end + 1] in (",", ".")
    if text[span.end - 1] == "." and not ends_clause:  # a full stop: a verb after it may start a new sentence
        ends_clause = starts_sentence
    own_verb = None  # a verb with a speaker before the quote in its sentence (read only when a rule asks)
    if span.closed:
        concessive = before_text.lstrip(" \t\"“'‘(").split(" ", 1)[0] in _CONCESSIVE
        if not ends_clause or concessive:
            own_verb = _own_verb(doc, s_start, span.open_start)
    # ('telling her, "... the long run!" She replied ...': the verb after the mark opens the next sentence)
    introduced = not starts_sentence and _introduced_exclamation(doc, span, s_start)
    if span.closed and (ends_clause or not own_verb) and not (own_verb and concessive) and not introduced:
        # ('Although he says he "loves China," he also accuses it ...': the quote is the subordinate clause's)
        for cue in doc.cues_between(span.close_end, min(p_end, span.close_end + _AFTER_QUOTE_REACH)):
            if cue.used or cue.form == "according":
                continue
            if cue.form in _GERUNDS:
                break  # '"...," adding that ...': a new clause of the speaker before the quote, see (b)
            gap_end = cue.start
            if not text[span.close_end:gap_end].strip(" \t,—–-"):  # "...," said X
                attr = _attr_from_after(doc, cue, p_end, "direct.said_x")
                if attr is None and (text[span.close_end:span.close_end + 1] in ",—–-" or text[span.end - 1] == ","):
                    words_ = _first_words(text, cue.end, min(p_end, cue.end + 60))  # said the moderator
                    if words_ is not None and text[words_[0]].isalpha():
                        attr = _Attribution(cue, cue.start, cue.end, words_, None, "direct.said_x")
                if attr is not None and not starts_sentence and _clause_after_mention(text, attr.mention):
                    attr = None  # 'Mr. Manafort, citing "...," said the candidate could be ...': a reported clause
            elif _short_gap(text, span.close_end, gap_end, starts_sentence and text[span.end - 1] in ",?!") and not (
                    text[span.end - 1] == "." and (_CLAUSE_GOES_ON.match(text, cue.end, p_end, timeout=doc.deadline.left())
                                                   or _interrupts_next_sentence(text, span.close_end, cue))):
                attr = _attr_from_before(doc, cue, span.close_end, "direct.x_said")
                if attr is None and text[span.end - 1] in ",?!—-":  # "...," the moderator said
                    words_ = _content(text, span.close_end, gap_end)
                    while words_[0] < words_[1] and text[words_[0]] in ",—–- ":
                        words_ = (words_[0] + 1, words_[1])
                    if words_[0] < words_[1] and text.count(" ", *words_) <= 3 and text[words_[0]].isalpha():
                        attr = _Attribution(cue, cue.start, cue.end, words_, None, "direct.x_said")
            elif text[span.end - 1] in ",?!—-":
                attr = _appositive_speaker(doc, span.close_end, cue, p_end)
            else:
                attr = None
            if attr is not None and attr.mention is not None and text[attr.mention[0]:attr.mention[1]] in _RELATIVE_SPEAKERS:
                continue  # '"...," Warren, who has not endorsed anyone, told reporters': the verb after the clause
            if attr is not None:
                cue.used = True
                _add_via(doc, attr, cue.end if attr.mention is None else max(cue.end, attr.mention[1]), p_end)
                return attr, starts_sentence or _intro_ok(doc, span, s_start)
            break  # only the first cue after the quote counts
    # (a1) a name and a verb not in the list after the quote: "...?" Hannity pressed.
    if span.closed and text[span.end - 1] in ",?!" and not introduced:
        attr = _x_verb_after(doc, span.close_end, p_end)
        if attr is not None:
            return attr, starts_sentence or _intro_ok(doc, span, s_start)
    # (a2) a dash and a name after the quote, in its paragraph or as the next one: "..." -- Sanders.
    # (not after a quotation inside a sentence of the writer's: 'insisted that his party was "..."--Kim Hjelmgaard.': a byline)
    if span.closed and (starts_sentence or not (
            own_verb if own_verb is not None else _own_verb(doc, s_start, span.open_start))):
        at = span.close_end
        while at < len(text) and text[at] in " \t.,":
            at += 1
        if at < len(text) and text[at] == "\n" and span.p_last + 1 < len(doc.seg.paragraphs):
            at = doc.seg.paragraphs[span.p_last + 1][0]
        if at < len(text) and text[at] in _DASHES:
            dash_end = at
            while dash_end < len(text) and text[dash_end] in _DASHES:
                dash_end += 1
            m = mention_after(text, dash_end, doc.paragraph_end(at))
            if m is not None and m.start - dash_end <= 1 and text[m.start].isupper():
                return _Attribution(None, at, dash_end, (m.start, m.end), None, "direct.dash_x"), True
    # (b) a cue before the opening mark in the same sentence
    cues = [c for c in doc.cues_between(s_start, span.open_start) if not c.used or c.start in doc.partial]
    if cues:
        cue = cues[-1]
        if len(cues) > 1 and cue.start not in doc.partial and (not (  # not 'X ... and said, "..."'
                text[cue.end:span.open_start].rstrip().endswith((",", ":"))
                and _INTRO_GAP.match(text, cue.end, span.open_start, timeout=doc.deadline.left()))
                or cues[-2].form in _SPEECH and _NESTED_SUBJECT.fullmatch(  # but 'Trump said he responded: "..."'
                    text, cues[-2].end, cue.start, timeout=doc.deadline.left())):
            cue = _outermost(doc, cues, s_start, span.open_start)
        if cue.start in doc.partial:  # a second fragment of the same reported clause
            return _clone(doc.partial[cue.start], doc.partial[cue.start].rule), False
        gap = _INTRO_GAP.match(text, cue.end, span.open_start, timeout=doc.deadline.left())
        if cue.form == "according":
            attr = _attr_from_after(doc, cue, span.open_start, "partial.according_to")
            if attr is not None:
                return _partial(doc, cue, attr), False
        elif gap is not None:
            attr = _attr_from_before(doc, cue, s_start, "direct.x_said_colon") \
                or _clause_subject_at_verb(doc, cue, s_start, "direct.clause_subject_said_colon")
            if attr is None and cue.form in _SPEECH and not _opens_clause(text, s_start, cue.start):
                attr = _speaker_before_verb_group(doc, cue, s_start, "direct.x_verb_group_said_colon") \
                    or _np_subject(doc, cue, s_start, "direct.np_said_colon")  # 'The clip says Kaine "..."'
                if attr is not None and (not attr.rule.startswith("direct.")
                                         or text[attr.mention[0]:attr.mention[1]].split(" ", 1)[0] in _PREPOSITIONS):
                    attr = None  # 'in a box labeled "..."': a participle after a place, no speaker
            if attr is None:
                attr = _attr_from_after(doc, cue, span.open_start, "direct.said_x_colon")
            if attr is None:
                attr = _speaker_before_verb_group(doc, cue, s_start, "direct.x_verb_group_said_colon")
            if attr is not None and _interrupts_clause(doc, span, attr, s_start):
                attr.rule = "partial.clause_interrupted"  # 'No name change, he said, "hides what it is."'
                return _partial(doc, cue, attr), False
            if attr is not None:
                cue.used = True
                if gap.group("via") and _names_a_channel(gap.group("via")):
                    attr.via = gap.group("via").split(" that ")[0].strip()  # in a statement that ...
                whole = _ends_sentence(doc, span, c_end) and not text[cue.end:span.open_start].rstrip().endswith(" that")
                return (attr if whole else _partial(doc, cue, attr)), whole
        elif not before_text.rstrip().endswith(":") and not _speaker_clause_after(doc, cue, span):
            # after "X fired back:" (or ', Hillary shot back, "..."' after an earlier verb) that subject speaks, see (d)
            attr = _possessor(doc, cue, s_start) if cue.form in _NOUNISH else None
            if attr is None:
                attr = _attr_from_before(doc, cue, s_start, "partial.x_said")
            if attr is None and cue.form in _GERUNDS and prev is not None and prev.mention is not None \
                    and prev.cue_end is not None and s_start <= prev.cue_end <= cue.start:
                # "...," Anderson said, adding that Sanders is "...": the same speaker, a new utterance
                attr = _Attribution(cue, cue.start, cue.end, prev.mention, prev.appos, "partial.gerund")
            # X has cast ... and accused her of "..." (not "the TV show": the noun)
            if attr is None and cue.form not in _GERUNDS and cue.form not in _SHOW:
                found = _subject(doc, s_start, cue.start)
                if found is not None and cue.start - found[2] < 120:
                    attr = _Attribution(cue, cue.start, cue.end, found[:2], None, "partial.subject_verb")
            if attr is None:  # "those surveyed said", "The former first lady calls": the words before the verb group
                attr = _np_subject(doc, cue, s_start, "partial.np_said")
                if attr is not None and text[attr.mention[0]:attr.mention[1]].split(" ", 1)[0] in _PREPOSITIONS:
                    attr = None  # 'in a box labeled "..."': a participle after a place, no speaker
                elif attr is not None and not attr.rule.startswith("partial."):
                    attr.rule = "partial." + attr.rule.partition(".")[2]
            if attr is not None:
                return _partial(doc, cue, attr), False
    # (c) a clause-final attribution later in the sentence: ... "a great deal of weight" ..., X said.
    if span.closed:
        c_start, c_end, _ = doc.sentence(span.close_end)
        # a run-on "sentence" is read near the quote only (else every quote walks every later verb)
        c_start = _window_start(text, c_start, span.close_end - 4 * LOOKBACK)
        c_end = min(c_end, span.close_end + 4 * LOOKBACK)
        c_stop = _trimmed_end(text, c_start, c_end)  # where the verb's clause must end
        marked = _before_last_mark(text, span.close_end, c_stop)
        for cue in _clause_final_cues(doc, span.close_end, c_end, marked):
            if cue.start in doc.partial:
                return _clone(doc.partial[cue.start], doc.partial[cue.start].rule), False
            if cue.used or (cue.form not in _SPEECH and cue.form != "according"):
                continue
            if cue.form == "according":  # ..., according to the news outlet.
                if text[span.close_end:cue.start].rstrip().endswith(",") or (
                        text[span.end - 1] == "," and not text[span.close_end:cue.start].strip()):
                    attr = _attr_from_after(doc, cue, c_end, "partial.clause_according_to")
                    if attr is not None:
                        return _partial(doc, cue, attr), False
                continue
            if cue.end <= marked:
                continue  # a quotation mark in the rest of the sentence: it goes on (the test below says so too)
            rest = text[cue.end:c_end].strip(_SENTENCE_TRAILING)
            if rest and not _TIME_ONLY.match(rest, timeout=doc.deadline.left()) and (
                    rest.split(None, 1)[0] not in _TAIL_WORDS or " that " in rest or not _QUOTE_MARKS.isdisjoint(rest)) \
                    and not _final_tail(doc, cue, c_start, c_stop):
                continue  # the sentence goes on after the verb (but "..., said Smith, an analyst." ends it)
            m = _mention_before(doc, cue.start, span.close_end)
            if m is not None and _comma_then_source(text, span, m.start):
                attr = _attr_from_before(doc, cue, span.close_end, "partial.clause_x_said")
            elif text[span.close_end:cue.start].rstrip().endswith(",") and cue.form not in _TELL:  # (told X: an audience)
                attr = _attr_from_after(doc, cue, c_end, "partial.clause_said_x")
            else:
                attr = None
            if attr is not None:
                return _partial(doc, cue, attr), False
    # (d) a whole quote after a colon or comma, introduced by some other verb: the subject said it
    intro = before_text.rstrip()
    if intro.endswith((":", ",")) and _ends_sentence(doc, span, c_end) and text[span.start:span.start + 1].isupper():
        v_end = s_start + len(intro) - 1
        if intro.endswith(":"):  # 'A SEISMIC SHIFT - Mark Blumenthal: "..."': a byline after a dash
            m = _mention_before(doc, v_end, s_start)
            m_start = _coordinated_start(doc, m, s_start) if m is not None else None  # 'Mark Blumenthal and Jon Cohen'
            byline = _CAPITALISED_AFTER_DASH.fullmatch(text, max(s_start, m_start - 30), m_start,
                                                       timeout=doc.deadline.left()) if m is not None else None
            if byline is not None:  # '... problematic - Pew Research: "..."'
                m_start = byline.start("words")
            if m is not None and text[m_start - 3:m_start] in (" - ", " — ", " – ") and text[m_start].isupper():
                return _Attribution(None, v_end, v_end + 1, (m_start, m.end), None, "direct.dash_x_colon"), True
            lead = text[s_start:m_start].strip(" \t\"“”'‘’-—–") if m is not None else ""
            if m is not None and m.cue_start == v_end and text[m_start].isupper() \
                    and text[m.start:m.end].split()[-1][:1].isupper() and (
                        not lead or lead in ("From", "More from")
                        or lead.endswith((" - More from", " – More from", " -More from"))):
                # 'More from Jones: "..."', 'Former secretary of state Hillary Rodham Clinton: "..."': a label
                return _Attribution(None, v_end, v_end + 1, trim_mention(text, m_start, m.end), None,
                                    "direct.x_colon"), True  # ('Continued Stone: "..."': Stone)
        v_start = text.rfind(" ", max(s_start, v_end - 20), v_end) + 1
        if v_start > s_start and text[v_start:v_end].isalpha() and text[v_start:v_end].islower():
            # the clause nearest the colon: 'when a young boy shouted, "..."' / 'Rubio fired back forcefully:'
            attr = _speaker_before_verb_group(doc, _Cue(v_start, v_end, ""), s_start, "direct.clause_subject_colon", True)
            if attr is not None:  # the cue: the words between the speaker and the colon
                attr.cue, attr.cue_start = None, attr.mention[1] + 1
                if v_end - attr.cue_start > 30:
                    attr.cue_start = v_start
                return attr, True
            attr = _clause_subject_before_adverbs(doc, s_start, v_end)  # 'who responds enthusiastically:'
            if attr is not None:
                return attr, True
        found = _subordinate_subject(doc, s_start, v_end) or _subject(doc, s_start, span.open_start, near=25) \
            or _determiner_subject(doc, s_start, v_end)  # a name right before "fired back:"; 'The piece used ...:'
        if found is not None:
            s, e, m_end = found
            cue_end = s_start + len(intro) - 1  # the verb group between the subject and the colon
            cue_start = m_end
            while cue_start < cue_end and text[cue_start] in " \t,":
                cue_start += 1
            if cue_start >= cue_end and intro.endswith(":"):  # Pew Research: "..." (the colon is the cue)
                cue_start, cue_end = cue_end, cue_end + 1
            elif cue_end - cue_start > 30 or cue_start >= cue_end:  # a long way: its reporting verb, else its last word
                verb = next(iter(doc.cues_between(m_end, cue_end)), None)
                if verb is not None:  # "He told BBC Radio 4's Today programme:"
                    cue_start, cue_end = verb.start, verb.end
                else:
                    last = text.rfind(" ", m_end, cue_end)
                    cue_start = last + 1 if last >= 0 else None
            attr = _Attribution(None, cue_start, cue_end if cue_start is not None else None, (s, e), None,
                                "direct.subject_colon")
            return attr, True
        return None, True
    # (e0) a quote right after a sentence that is only "X said in a statement."
    if starts_sentence and s_start > 0:
        attr = _said_sentence_before(doc, s_start)
        if attr is not None:
            return attr, True
    # (e) a paragraph that is only a quote, after a paragraph that ends "X responded:"
    p_idx = span.p_first
    if p_idx > 1 and span.open_start == doc.seg.paragraphs[p_idx][0]:
        prev_start, prev_end = doc.seg.paragraphs[p_idx - 1]
        if text[prev_end - 1] == ":":
            ps_start, _, _ = doc.sentence(prev_end - 1)
            cues = [c for c in doc.cues_between(ps_start, prev_end) if not c.used]
            attr = _attr_from_before(doc, cues[-1], ps_start, "direct.x_said_colon_paragraph") if cues else None
            if attr is None:
                found = _subject(doc, ps_start, prev_end)
                if found is not None:
                    attr = _Attribution(None, None, None, found[:2], None, "direct.subject_colon_paragraph")
            if attr is not None:
                if attr.cue is not None:
                    attr.cue.used = True
                return attr, True
    if not starts_sentence and text.endswith(_AS_BEFORE_QUOTE, s_start, span.open_start):
        attr = _subject_verb_as(doc, s_start, span.open_start)
        if attr is not None:
            return attr, False
    # (f) a partial quote in a sentence whose subject does something else with the words
    # (Trump has hailed the vote as "fantastic"): the subject is their source
    if span.closed and not span.title and not starts_sentence and not _title(doc, span):
        attr = _subject_other_verb(doc, span, s_start)
        if attr is not None:
            return attr, False
    return None, starts_sentence and _ends_sentence(doc, span, c_end)


# "X <verb> Y as "...": a characterisation is the subject's words, whatever the verb (heralded,
# identified, introduced him as "a fighter for families").
_AS_BEFORE_QUOTE = (" as ", " as a ", " as an ", " as the ")
_VERB_AFTER_SUBJECT = regex.compile(
    r"[ \t]+(?:(?:also|then|later|even|often|again|has|have|had|repeatedly)[ \t]+)*(?P<verb>\p{Ll}+(?:ed|es|s))[ \t]")
_NOT_A_VERB = frozenset("is was has does its this his us as yes".split())
_AS_OBJECT_CHARS = 80  # at most this far from the verb to the quotation


def _subject_verb_as(doc: _Doc, s_start: int, open_start: int) -> _Attribution | None:
    """The subject of a sentence whose verb (an -ed/-s form right after it that the vocabulary does
    not know) characterises an object "as" the quotation, with no clause break, no other quotation
    and no relative between."""
    text = doc.text
    if any(text.find(b, s_start, open_start) >= 0 for b in _CLAUSE_BREAKS) \
            or not _QUOTE_MARKS.isdisjoint(text[s_start:open_start]):
        return None
    found = _subject(doc, s_start, open_start)
    if found is None:
        return None
    s, e, _ = found
    m = _VERB_AFTER_SUBJECT.match(text, e, open_start, timeout=doc.deadline.left())
    if m is None or m.group("verb") in _NOT_A_VERB or m.group("verb") in _VERBS \
            or open_start - m.end() > _AS_OBJECT_CHARS or text[s:e] in _RELATIVE_SPEAKERS or text[s:e] in ("It", "it"):
        return None
    return _Attribution(None, m.start("verb"), m.end("verb"), (s, e), None, "partial.subject_verb_as")
_SUBJECT_VERB_REACH = 12  # words from the sentence's verb to the quotation
_OTHER_VERB_MIN_WORDS = 4  # shorter quotations after such a verb are mostly the writer's scare quotes
_NO_SOURCE_SUBJECTS = frozenset("It it This this That that who which".split())
_VERB_PARTICLES = (" down ", " up ", " off ", " back ", " out ")
_NOT_MAIN_VERB = frozenset("is are was were be been being has have had do does did will would can could should may might "
                           "must also not never still just even only already often".split())


def _subject_other_verb(doc: _Doc, span: _Span, s_start: int) -> _Attribution | None:
    """A lower-case quotation of four words or more in the clause of the sentence's subject and a
    finite verb not in the list ('Trump also embraced enhanced interrogation -- "I think ..."',
    'Sanders credited Clinton's victory to "a closed primary"'): PolNeAR credits the subject. The
    verb (or the verb after a last ' and ', 'completed its review and deemed him "..."') is the cue;
    a capitalised quotation (a chant, a title), a comma or a colon between verb and quotation, or a
    verb more than a few words away leaves the quotation unattributed, and so does a verb of the
    list (an indirect-only one, 'portrayed the bill as a "..."', is read with its clause)."""
    text = doc.text
    words_ = text[span.start:span.end].split()
    if len(words_) < _OTHER_VERB_MIN_WORDS or words_[0][:1].isupper():
        return None
    found = _subject(doc, s_start, span.open_start)
    if found is None:
        return None
    s, e, m_end = found
    if text[m_end:m_end + 1] != " " or text[s:e] in _NO_SOURCE_SUBJECTS:
        return None
    pos = m_end
    while True:
        while pos < span.open_start and text[pos] == " ":
            pos += 1
        v_start = pos
        while pos < span.open_start and text[pos].isalpha():
            pos += 1
        verb = text[v_start:pos]
        if verb in _NOT_MAIN_VERB or (verb.endswith("ly") and verb.islower()):
            continue
        break
    gap = text[pos:span.open_start]
    if not verb.islower() or not verb.endswith(("ed", "s")) or verb in _STOPWORDS \
            or (verb in _VERBS and verb not in _MOSTLY_NOUNS) \
            or len(gap.split()) > _SUBJECT_VERB_REACH \
            or not _NO_PUNCTUATION.isdisjoint(gap.rstrip(_DOUBLE_MARKS + "'‘ ")) or text[pos:pos + 1] not in (" ", ""):
        return None
    if gap.startswith(_VERB_PARTICLES):  # "played down Trump's comments as "...""
        pos = text.index(" ", pos + 1)
        gap = text[pos:span.open_start]
    join = gap.rfind(" and ")  # "completed its review and deemed him "...": the nearer verb
    if join >= 0:
        later = gap[join + 5:].split(" ", 1)[0]
        if later in _VERBS:
            return None  # a verb of the list: its own rules read it (indirect ones with the clause)
        if later.endswith(("ed", "s")) and later.islower() and later.isalpha():
            v_start = pos + join + 5
            pos = v_start + len(later)
    return _Attribution(None, v_start, pos, (s, e), None, "partial.subject_other_verb")


_SUBORDINATORS_BEFORE_COLON = (" when ", " where ", " as ", " while ", " after ", " before ")


_SOURCE_LEAD_WORDS = 3  # words of a description before the speaker mention ("Republican candidate Ben Carson")


def _comma_then_source(text: str, span: _Span, m_start: int) -> bool:
    """A comma (after the quotation, or inside its closing mark) and then, up to the speaker
    mention, at most a few words describing the speaker: '"..." would be appropriate, Republican
    candidate Ben Carson said' / '"... celebrated," Assistant U.S. Attorney Maya D. Song wrote'."""
    gap = text[span.close_end:m_start]
    comma = gap.rfind(",")
    if comma < 0 and text[span.end - 1] != ",":
        return False
    lead = gap[comma + 1:]
    return len(lead.split()) <= _SOURCE_LEAD_WORDS and _NO_PUNCTUATION.isdisjoint(lead)


_GOES_ON_AFTER_COMMA = regex.compile(r",[ \t]+(?!\p{Ll}+ing\b)\p{Ll}")


# The subject of a relative or subordinate clause right before its verb (adverbs aside), which
# PolNeAR marks as the source as written: 'Santilli, who responds enthusiastically: "..."',
# 'as the heckler yelled: "..."'.
_CLAUSE_SUBJECT_AT_VERB = regex.compile(
    r"""
    (?<=[\p{L},][ \t])                                 # after a word or a comma
    (?P<mention>
        who                                             # a relative pronoun ('which'/'that' name the thing a
                                                        # subject released or posted as often as the source)
      | (?<=\b(?:as|when|while|after|before|until)[ \t])  # or, after a subordinator,
        (?:the|a|an)[ \t]+\p{Ll}+                        #   a determiner and a common noun
    )
    (?:[ \t]+\p{Ll}+ly)*                                # adverbs: 'responds enthusiastically'
    [ \t]+\Z
    """,
    regex.VERBOSE,
)
_CLAUSE_SUBJECT_REACH = 40  # characters read back from the verb


def _clause_subject_at_verb(doc: _Doc, cue: _Cue, limit: int, rule: str) -> _Attribution | None:
    """A relative pronoun or a clause's common-noun subject right before a speech verb, as the
    speaker mention (see _CLAUSE_SUBJECT_AT_VERB)."""
    if cue.form not in _SPEECH or cue.form in _GERUNDS:
        return None
    start = max(limit, cue.start - _CLAUSE_SUBJECT_REACH)
    m = _CLAUSE_SUBJECT_AT_VERB.search(doc.text, start, cue.start, timeout=doc.deadline.left())
    if m is None:
        return None
    return _Attribution(cue, m.start("mention"), cue.end, m.span("mention"), None, rule)


_ADVERBS_ONLY = regex.compile(r"(?:[ \t]+\p{Ll}+ly)+[ \t]*")


def _clause_subject_before_adverbs(doc: _Doc, s_start: int, v_end: int) -> _Attribution | None:
    """_clause_subject_at_verb for a speech verb and adverbs before a colon or comma ('who responds
    enthusiastically:'), which _INTRO_GAP does not read."""
    verbs = doc.cues_between(max(s_start, v_end - _CLAUSE_SUBJECT_REACH), v_end)
    if not verbs or verbs[-1].used or not _ADVERBS_ONLY.fullmatch(
            doc.text, verbs[-1].end, v_end, timeout=doc.deadline.left()):
        return None
    attr = _clause_subject_at_verb(doc, verbs[-1], s_start, "direct.clause_subject_said_colon")
    if attr is not None:
        verbs[-1].used = True
    return attr


# A dash and capitalised words before a mention: the rest of a byline ('- Pew Research:')
_CAPITALISED_AFTER_DASH = regex.compile(r".*?[ \t][-—–][ \t](?P<words>(?:\p{Lu}[\p{L}.&]*[ \t])+)")


def _coordinated_start(doc: _Doc, m, limit: int) -> int:
    """Where a speaker mention starts when a capitalised name and 'and' come before it ('Mark
    Blumenthal and Jon Cohen: "..."'): the first name's start, else the mention's own."""
    text = doc.text
    if not text.endswith(" and ", 0, m.start) or not text[m.start].isupper():
        return m.start
    first = _mention_before(doc, m.start - 4, limit)
    if first is None or first.cue_start != m.start - 4 or not text[first.start].isupper():
        return m.start
    return first.start


def _speaker_clause_after(doc: _Doc, cue: _Cue, span: _Span) -> bool:
    """A clause of its own between an earlier verb and a whole quotation: a speaker and a few
    lower-case words after a comma, then a comma ('After Brown criticized Bill Clinton during a
    debate, Hillary shot back, "I suppose ..."'): the quotation is that speaker's (rule (d))."""
    text = doc.text
    intro = text[cue.end:span.open_start].rstrip()
    if not intro.endswith(",") or not text[span.start:span.start + 1].isupper():
        return False
    v_end = cue.end + len(intro) - 1
    v_start = text.rfind(" ", max(cue.end, v_end - 20), v_end) + 1
    if v_start <= cue.end or not (text[v_start:v_end].isalpha() and text[v_start:v_end].islower()):
        return False
    found = _speaker_before_verb_group(doc, _Cue(v_start, v_end, ""), cue.end, "", True)
    return found is not None and text[found.mention[0] - 2:found.mention[0]] == ", "


def _introduced_exclamation(doc: _Doc, span: _Span, s_start: int) -> bool:
    """A quotation ending with ? or ! after a speech verb and a comma or colon in its own sentence,
    followed by a capital: the words after the mark start a new sentence ('Blumenthal was asked,
    "...?" He answered', 'Clinton, exasperated, famously responded: "...?" Her critics cited ...')."""
    text = doc.text
    if not span.closed or text[span.end - 1] not in "?!" or not text[s_start:span.open_start].rstrip().endswith((",", ":")):
        return False
    after = text[span.close_end:span.close_end + 2]
    if len(after) < 2 or after[0] != " " or not after[1].isupper():
        return False
    cues = doc.cues_between(s_start, span.open_start)
    return bool(cues) and cues[-1].form in _SPEECH and not cues[-1].used and _INTRO_GAP.match(
        text, cues[-1].end, span.open_start, timeout=doc.deadline.left()) is not None


def _interrupts_next_sentence(text: str, close_end: int, cue: _Cue) -> bool:
    """After a quotation that ends its sentence, a source set off by commas inside the next
    sentence ('"..." South Carolina, he said, was "where ..."', '"..." Perhaps, he said, this "..."')
    interrupts that sentence: it is not the quotation's."""
    return "," in text[close_end:cue.start] and _GOES_ON_AFTER_COMMA.match(text, cue.end) is not None


def _last_of(text: str, needles: tuple[str, ...], start: int, end: int) -> tuple[int, int]:
    """(offset, length) of the last of ``needles`` in text[start:end], or (-1, 0)."""
    at, size = -1, 0
    for needle in needles:
        found = text.rfind(needle, start, end)
        if found > at:
            at, size = found, len(needle)
    return at, size


_DETERMINER_SUBJECT = regex.compile(
    r"(?:The|A|An|This|That|His|Her|Their|Its|One|Another|the|a|an)(?:[ \t]+[\p{L}\p{N}’'\-]+){1,3}?(?=[ \t]+\p{Ll}+ed[ \t])")


def _determiner_subject(doc: _Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """A noun phrase with a determiner before a verb in the past opens the clause: 'The piece used
    one of the woman's quotes as its headline: "..."' (its head is no name and no role)."""
    text = doc.text
    while start < end and text[start] in "\"“”'‘’ ":
        start += 1
    at = start
    while at >= 0:  # at the clause's start, or after a comma ("In the hours after ..., Calif., a familiar voice celebrated")
        m = _DETERMINER_SUBJECT.match(text, at, end, timeout=doc.deadline.left())
        if m is not None and _NO_PUNCTUATION.isdisjoint(m.group()):
            return m.start(), m.end(), m.end()
        at = text.find(", ", at, end)
        at = at + 2 if at >= 0 else -1
    return None


def _subordinate_subject(doc: _Doc, start: int, end: int) -> tuple[int, int, int] | None:
    """The subject right after the last subordinator before a colon, when no comma closes that
    clause: 'Trump returned to ethnicity at a rally, where he erroneously suggested ...: "..."'."""
    text = doc.text
    at, size = _last_of(text, _SUBORDINATORS_BEFORE_COLON, start, end)
    if at < 0 or text.find(",", at, end) >= 0:
        return None
    m = mention_after(text, at + size - 1, end)
    if m is None or m.start != at + size or text[m.start:m.end] in _RELATIVE_SPEAKERS or m.end >= end:
        return None
    return m.start, m.end, m.end


_VERB_GROUP_WORDS = 5  # lower-case words read back from a verb for its speaker
# Words after which a clause (and its subject) starts: "so subdued that Mr. Trump was prompted to say".
_BEFORE_SUBJECT = frozenset("that when as while after before because and but then so".split())


def _speaker_before_verb_group(doc: _Doc, cue: _Cue, limit: int, rule: str, at_cue: bool = False) -> _Attribution | None:
    """The speaker before a few lower-case words ending at the verb: "Mr. Trump was prompted to
    say," / "a spokesman could only quip:" / "Mrs. Clinton shook her head and said,"; with
    ``at_cue`` also a speaker right before ``cue`` itself ("when a young boy shouted:")."""
    text = doc.text
    pos = cue.start
    for n in range(_VERB_GROUP_WORDS + 1):
        if n or at_cue:
            m = _mention_before(doc, pos, limit)
            if m is not None and (m.start <= limit or text[m.start - 1] in "\n\"“"
                                  or text[m.start - 2:m.start] == ", " or _word_before(text, m.start) in _BEFORE_SUBJECT):
                s, e = trim_mention(text, m.start, m.end)
                if _only_stopwords(text[s:e]) or text[s:e] in ("It", "it", "who"):
                    return None
                return _Attribution(cue, cue.start, cue.end, (s, e), m.appos, rule)
        if n == _VERB_GROUP_WORDS or pos - 1 <= limit or text[pos - 1] != " ":
            return None
        w_start = text.rfind(" ", max(limit, pos - 21), pos - 1) + 1
        word = text[w_start:pos - 1]
        if not word.isalpha() or not word.islower() or w_start <= limit or word in _RELATIVES:
            return None  # "bottles that said": the speaker is not written
        pos = w_start
    return None


_OPENING_PREPOSITIONS = frozenset("In On At For During After Before With Under From Over Since Until By".split())


_CLAUSE_AUXILIARIES = frozenset("could would will is was has had should can may might must does did are were have".split())


def _clause_after_mention(text: str, mention: tuple[int, int]) -> bool:
    """The words after a verb are a clause, not its inverted speaker: 'said that Trump ...',
    'said the candidate could be ...'."""
    s, e = mention
    nxt = text[e:e + 20].split(None, 1)[:1]
    return text.startswith("that ", s) or bool(nxt) and nxt[0] in _CLAUSE_AUXILIARIES


def _opens_clause(text: str, s_start: int, pos: int) -> bool:
    """Nothing of the clause stands before ``pos`` (a verb there may have its speaker after it)."""
    before = text[s_start:pos].rstrip()
    return not before or before.endswith((",", ":", ";", "\"", "”", "''", "—", "--", "-"))


def _interrupts_clause(doc: _Doc, span: _Span, attr: _Attribution, s_start: int) -> bool:
    """True for a writer's clause that the attribution interrupts and the quote finishes: "An
    economic downturn, he said, "could be a good time to borrow."" (not "In Ohio, he said, "...")."""
    text = doc.text
    if attr.mention is None or not text[span.start:span.start + 1].islower() or not text.endswith(", ", 0, attr.mention[0]) \
            or not text[attr.cue_end:span.open_start].strip() in (",", ":"):
        return False
    before = text[s_start:attr.mention[0] - 2].strip(" \t\"“”'‘’")
    words_ = before.split()
    return len(words_) >= 2 and words_[0] not in _OPENING_PREPOSITIONS


def _x_verb_after(doc: _Doc, pos: int, limit: int) -> _Attribution | None:
    """"...," Bennett shot back. / "...?" Hannity pressed.: a speaker right after the quote and a
    past or present verb after it (one not in the verb list), ending the clause."""
    text = doc.text
    while pos < limit and text[pos] in " ,":
        pos += 1
    v_end = pos
    while v_end < limit and text[v_end].isalpha():
        v_end += 1
    verb = text[pos:v_end]
    if verb.islower() and verb.endswith("ed") and verb not in _STOPWORDS and verb not in _AUXILIARIES \
            and text[v_end:v_end + 1] == " ":  # "This is fantastic!" beamed Donald Hartley
        m = mention_after(text, v_end, limit)
        if m is not None and m.start == v_end + 1 and text[m.start].isupper() and (
                m.end >= limit or text[m.end] in ".," or text.startswith(" of ", m.end)):
            return _Attribution(None, pos, v_end, (m.start, m.end), None, "direct.verb_x")
    if pos >= limit or not (text[pos].isupper() or text[pos:pos + 3] in ("he ", "she")):
        return None
    m = mention_after(text, pos - 1, limit)
    if m is None or m.start != pos or text[m.end:m.end + 1] != " ":
        return None
    v_start = m.end + 1
    v_end = v_start
    while v_end < limit and text[v_end].isalpha():
        v_end += 1
    verb = text[v_start:v_end]
    rest = text[v_end:min(limit, v_end + 12)]
    particle = rest.startswith((" back", " up", " in", " out", " on "))
    if not (verb.endswith(("ed", "s")) or (verb in _IRREGULAR_PAST and particle)) or not verb.islower() \
            or verb in _STOPWORDS or verb in _AUXILIARIES:
        return None
    if not rest[:1] in (".", ",", "") and not particle:
        return None
    return _Attribution(None, v_start, v_end, (m.start, m.end), None, "direct.x_verb")


_IRREGULAR_PAST = frozenset("shot spoke went cut broke".split())  # with a particle: "...," Bennett shot back


def _said_sentence_before(doc: _Doc, s_start: int) -> _Attribution | None:
    """"Sam Lau, the party's spokesman, said in a statement. "There are no ballots to recount."":
    the sentence before the quote is only a speaker, a verb and a channel or time."""
    text = doc.text
    ps_start, ps_end, _ = doc.sentence(s_start - 1)
    ps_end = min(ps_end, s_start)
    if s_start - ps_start > 300:
        return None
    cues = doc.cues_between(ps_start, ps_end)
    if not cues or cues[-1].used or cues[-1].form not in _SPEECH:
        return None
    cue = cues[-1]
    at = cue.end
    if cue.form in _TELL:  # "Christie told Fox News Sunday.": the audience, then the tail
        at = _audience_end(text, at, ps_end, doc.deadline) or at
    tail = text[at:ps_end].strip(" \t.\n")
    if tail and (tail.split(None, 1)[0] not in _TAIL_WORDS or not _NO_PUNCTUATION.isdisjoint(tail) or len(tail) > 60):
        return None
    attr = _attr_from_before(doc, cue, ps_start, "direct.x_said_stop")
    if attr is None or text[ps_start:attr.mention[0]].strip(" \t\n\"“”'"):
        return None
    cue.used = True
    return attr


def _word_before(text: str, pos: int) -> str:
    """The word ending right before ``pos`` (one space between), or ''."""
    if pos == 0 or text[pos - 1] != " ":
        return ""
    word = text[max(0, pos - 21):pos - 1].rpartition(" ")[2]  # called ~15 times a cue: C string methods only
    return word.rpartition("\n")[2] if "\n" in word else word


def _only_stopwords(mention: str) -> bool:
    """True for "The", "When", "But Then": capitalised sentence words, not a speaker (a pronoun is one)."""
    return mention not in _PRONOUNS and _STOPWORDS.issuperset(mention.split())


_CLAUSE_BREAKS = (", and ", ", but ", "; ", " – ", " — ")


def full_stop(text: str, start: int, end: int) -> int:
    """The first ". " in [start, end) that ends a sentence (not "Mrs. Clinton", "J. Smith", "the U.S.
    to"), or -1."""
    at = text.find(". ", start, end)
    while at >= 0:
        word = text[max(start, text.rfind(" ", max(start, at - 6), at) + 1):at]
        if not (word in _GAP_ABBREVIATIONS or (len(word) == 1 and word.isupper())
                or ("." in word and text[at + 2:at + 3].islower())):  # "the U.S. to come to aid"
            return at
        at = text.find(". ", at + 2, end)
    return -1


# Between a verb and the next one: a pronoun subject after at most five words ("said he expects",
# "told reporters on Thursday that she thinks").
_NESTED_SUBJECT = regex.compile(
    r"(?:(?:[ \t]+[\p{L}\p{N}]+){0,5}?[ \t]+(?:that[ \t]+)?"
    r"|(?:[ \t]+[\p{L}\p{N}]+){0,12}?[ \t]+that[ \t]+)"  # told reporters during a visit on Friday that he thinks
    r"(?:he|she|they|we|I)[ \t]+(?:\p{Ll}+ly[ \t]+)?")


_NESTED_CLAUSE = regex.compile(r"[ \t](?:that|he|she|they|we|I|it)(?:['’]\p{L}+)?[ \t,]")


def _outermost(doc: _Doc, cues: list[_Cue], s_start: int, open_start: int) -> _Cue:
    """The first verb of the sentence whose clause runs on to the quote: in "Lapp said she thinks
    Republicans "are ..."" Lapp is the source (PolNeAR's convention), while after ", and he
    accused" a new clause has its own."""
    text = doc.text
    last_participle = max((later.start for later in cues if later.form in _GERUNDS and (
        text[later.start - 2:later.start] == ", " or text[later.start - 3:later.start] == "by ")), default=-1)
    for i, cue in enumerate(cues[-6:-1], start=max(0, len(cues) - 6)):  # the verbs nearest the quote
        if cue.start in doc.partial:
            continue
        if last_participle > cue.end:
            continue  # "praised Mr. Trump at a news conference, calling him "...": the participle's clause
        if cue.form in _GERUNDS:
            before = _word_before(text, cue.start)
            pos = cue.start - len(before) - 1 if before in _BEFORE_GERUND else cue.start
            if text[pos - 2:pos] != ", " and before not in _PROGRESSIVE \
                    and not (text[pos - 1:pos] == " " and text[pos - 3:pos - 1] in (',"', ",”", ",'")):
                continue  # "..., (before) adding that ...": the participle of the clause before ("was telling": a verb)
        # a verb without a speaker of its own is never the one (read first: quotes in a run-on
        # sentence ask about the same verbs, and the answer is kept; the tests below are not)
        if not _speaks(doc, cue, s_start):
            continue
        reach = cues[i + 1].start if _NESTED_SUBJECT.fullmatch(
            text, cue.end, cues[i + 1].start, timeout=doc.deadline.left()) else open_start
        if any(text.find(b, cue.end, reach) >= 0 for b in _CLAUSE_BREAKS) or full_stop(text, cue.end, reach) >= 0:
            continue  # (a break after "said he expects" is the nested clause's: "said he expects A, B, and C to")
        later = cues[i + 1]
        if later.form in _SPEECH and later.form not in _GERUNDS and text.endswith(" and ", 0, later.start) \
                and not _NESTED_CLAUSE.search(text, cue.end, later.start, timeout=doc.deadline.left()):
            continue  # "bemoaned the unrest and said he thought ...": the coordinated verb's clause
        m = _mention_before(doc, cue.start, s_start)
        if m is not None and text[m.start:m.end] in _RELATIVE_SPEAKERS \
                and text[cues[-1].start - 2:cues[-1].start] == ", ":
            continue  # "McCaskill, who has endorsed Clinton, said ...": the relative clause closes before the verb
        if _later_speaker_after_comma(doc, cue, cues, open_start):
            continue  # "Despite what he wrote in the speech, Cross said he ...": Cross's clause
        return cue
    return cues[-1]


def _speaks(doc: _Doc, cue: _Cue, s_start: int) -> bool:
    """Whether a speaker of the verb's own stands before it: "X said", or the words before its verb
    group (a participle's: "..., telling reporters that he thinks X is "..."")."""
    if _attr_from_before(doc, cue, s_start, "") is not None:
        return True
    return cue.form not in _GERUNDS and _np_subject_only(doc, cue, s_start)


def _np_subject_only(doc: _Doc, cue: _Cue, s_start: int) -> bool:
    """The words before the verb group are its subject as written ("Another said he hoped with his
    "whole heart" ...": Another's clause), not a relative pronoun or a subject further back."""
    group = _verb_group(doc, cue)
    if group is None:
        return False
    # The answer depends on the sentence's start only when it lies within _NP_REACH of the verb
    # group (else the words are read from _NP_REACH before it, cut by the window) and through the
    # speaker written right before the group (a subject further back, read from the start, is
    # never "as written": not looked for): quotes of a run-on sentence share it.
    vg = group[0]
    key = (cue.start, cue.end, cue.form, max(s_start, vg - _NP_REACH - 1),
           _mention_before(doc, vg, s_start) if vg < cue.start else None)
    found = doc.np_only.get(key)
    if found is None:
        attr = _subject_of_group(doc, cue, s_start, "", *group, further=False)
        found = doc.np_only[key] = attr is not None and attr.rule == ""
    return found


def _later_speaker_after_comma(doc: _Doc, cue: _Cue, cues: list[_Cue], open_start: int) -> bool:
    """True when a later verb before the quote has a speaker of its own after a comma that
    follows ``cue``."""
    text = doc.text
    comma = text.find(", ", cue.end, open_start)
    if comma < 0:
        return False
    for later in cues:
        if later.start > comma and later.start < open_start:
            m = _mention_before(doc, later.start, comma)
            if m is None:
                continue
            that = text.find(" that ", comma, m.start)
            if that >= 0 and not any(comma < c.start < that for c in cues):
                continue  # "said, however, that he hopes": the clause of ``cue`` itself
            return True
    return False


def _clause_final_cues(doc: _Doc, start: int, end: int, marked: int) -> list[_Cue]:
    """The verbs in [start, end) that rule (c) of _attribute_span reads, in text order: one ending at
    or before ``marked`` (a quotation mark follows it in the sentence) is passed over unless it is
    "according to" or a fragment's verb (in doc.partial), so before ``marked`` only the verbs that
    may run across it are taken when there are none of those, not every verb of the 1,600
    characters a run-on sentence is read for, for every quotation."""
    split = max(start, marked + 1)
    if split == start:
        return doc.cues_between(start, end)
    i = bisect.bisect_left(doc.partial_starts, start)
    if doc.according_between(start, split) or (i < len(doc.partial_starts) and doc.partial_starts[i] < split):
        first = start
    else:  # (a verb starting further back ends at or before ``marked``)
        first = max(start, split - doc.longest_cue)
    head = [c for c in doc.cues_between(first, split) if c.end > marked or c.form == "according" or c.start in doc.partial]
    return head + doc.cues_between(split, end)


def _partial(doc: _Doc, cue: _Cue, attr: _Attribution) -> _Attribution:
    """Remember a reported clause's attribution for the other quoted fragments of its sentence."""
    cue.used = True
    if cue.start not in doc.partial:
        bisect.insort(doc.partial_starts, cue.start)
    doc.partial[cue.start] = attr
    return attr


_AFTER_QUOTE_REACH = 250  # characters after a quotation read for its verb ('"...," Trump, <a long apposition>, said')


def _appositive_speaker(doc: _Doc, start: int, cue: _Cue, limit: int) -> _Attribution | None:
    """"...," Melanne Verveer, who served as Hillary Clinton's chief of staff, told CBS News: the
    name right after the quote, then an apposition too long for the speaker reader."""
    text = doc.text
    pos = start
    while pos < cue.start and text[pos] in " \t,":
        pos += 1
    m = mention_after(text, pos - 1, cue.start) if pos > start else None
    if m is None or m.start != pos or text[m.end:m.end + 1] != ",":
        return None
    between = text[m.end:cue.start].rstrip()
    if not between.endswith(",") or len(between) > 240 or not _GAP_BREAKERS.isdisjoint(between) \
            or ". " in between:
        return None
    return _Attribution(cue, cue.start, cue.end, (m.start, m.end), between, "direct.x_appos_said")


def _intro_ok(doc: _Doc, span: _Span, s_start: int) -> bool:
    before = doc.text[s_start:span.open_start].rstrip()
    return before.endswith(":")


def _ends_sentence(doc: _Doc, span: _Span, s_end: int) -> bool:
    if not span.closed:
        return True
    last = doc.text[span.end - 1] if span.end > span.start else ""
    return last in ".!?,…—-" or not doc.text[span.close_end:s_end].strip(_SENTENCE_TRAILING)


_CHANNEL_WORD = regex.compile(rf"(?<![\p{{L}}])(?:{_CHANNEL_ALT})(?![\p{{L}}])")
_MEDIUM = regex.compile(r"on[ \t]+\p{Lu}")  # on CBS, on Fox News Sunday, on Twitter


def _names_a_channel(via: str) -> bool:
    """Whether the words between a cue and its quote name a channel ("in a statement", "on CBS")
    rather than a time or a place ("at the time", "on Tuesday", "in Washington")."""
    return bool(_CHANNEL_WORD.search(via) or (_MEDIUM.match(via) and not _TIME_ONLY.match(via)))


_VIA_STARTS = (" in ", " on ", " during ", " according", ", according", " at ", ", in ", " In ")


def _add_via(doc: _Doc, attr: _Attribution, pos: int, limit: int) -> None:
    if not doc.text.startswith(_VIA_STARTS, pos):  # most verbs name no channel: skip the pattern
        return
    m = _VIA.match(doc.text, pos, min(limit, pos + 100), timeout=doc.deadline.left())
    if m is not None:
        attr.via = m.group("via")


# --------------------------------------------------------------------------------------------
# Step 4: indirect speech
# --------------------------------------------------------------------------------------------

# A reported clause never starts with these: "was confirmed by the Senate", "wrote in a memo", "reported
# from Washington", "appointed as deputy", "yelled and held up a banner", "called into a radio program"
# (a passive, a place or a second verb).
_NOT_CONTENT_STARTS = frozenset("by in on from with as and into".split())
# ... nor with a time preposition: a phrase of when it was said, before "that" or no content at all
_TIME_PREPOSITIONS = frozenset("before after until during since".split())
_TIME_PHRASE_REACH = 200  # characters from the preposition to "that"
_NAMING = frozenset(("called", "named", "dubbed", "labeled"))
# verbs whose object may be a figure (see _posted_figure): "posted a loss", "Shanghai added 1.32 percent",
# "the index declined a record 508 points", "offered 64 dlrs a share"
_FIGURE_VERBS = frozenset(("post", "add", "decline", "offer"))
_POSTED_FIGURES = frozenset("""record loss losses profit profits gain gains rise jump increase decline drop fall lead
    surplus deficit revenue revenues sales earnings results bail bond actual""".split())
_FIGURE_STOPS = frozenset("of on about to for in with from at by that".split())  # the object's head is before
_INDEFINITE = frozenset(("a", "an", "A", "An"))
_SOURCELESS_CLASSES = frozenset(("speech", "thought", "evidence"))
_SOURCELESS_OPENERS = (" whether ", " how ", " why ", " he ", " she ", " they ", " we ", " I ", " it ", " there ", " what ", " if ")
# ... but not after these: "It was said that" (impersonal), "The claim that ..." (a noun)
_NOT_BEFORE_SOURCELESS = frozenset("is are was were be been being the The a A an An his her their its our my this This".split())
_TALK = frozenset(("talk", "speak"))
_CLAUSE_AFTER_SAY = regex.compile(r" (?:the |a |an |\p{Lu}[\p{L}.'’]* )(?:[\p{L}.'’-]+ ){0,5}(?:is|are|was|were|has|have|had|will|would|could|should|can|may|might|must|did|does|do)\b")
_AS_QUANTITY = frozenset("many much few long soon well".split())  # "polls show as many as 30 percent ..."
_CONTENT_AFTER_PARTICLE = frozenset("up out".split())


def _relative_that(text: str, pos: int, end: int) -> bool:
    """The "that" before ``pos`` opens a relative clause ("an hourlong show that aired on Thursday": a
    verb right after it) or a clause with a quotation in it (left to the quotation's own rules)."""
    word = _next_word(text, pos - 1, end)
    return word.endswith("ed") or word in _AUXILIARIES or word in _PASSIVE_WORDS \
        or any(mark in text[pos:end] for mark in _DOUBLE_MARKS)


def _after_linking_conjunction(text: str, start: int, end: int) -> int:
    """Where a clause reported by "according to" starts once a sentence-opening "But" or "And" is
    passed: "But HarperCollins declined ..., according to X" (the link to the sentence before is the
    writer's). Kept before a subordinate clause: "But after she came on the scene, he told ...".
    Only these two: passing every connective of _after_connective here loses on PolNeAR train."""
    if not text.startswith(("But ", "And "), start) or start + 4 >= end:
        return start
    return start if text[start + 4:end].split(" ", 1)[0] in _SUBORDINATORS else start + 4


def _indirect(doc: _Doc, cue: _Cue) -> tuple[_Attribution, int, int, str] | None:
    """X said (that) CONTENT / According to X, CONTENT / CONTENT, X said. -> (attribution, start, end, rule)."""
    text = doc.text
    s_start, s_end, _ = doc.sentence(cue.start)
    s_start = _window_start(text, s_start, cue.start - LOOKBACK)  # a run-on "sentence" is read near the verb only
    s_end = _trimmed_end(text, s_start, min(s_end, cue.end + 4 * LOOKBACK))
    if cue.form in _POLL_FORMS:  # only "In a new poll, CONTENT." (see _in_poll)
        return _in_poll(doc, cue, s_start, s_end)
    if cue.form in _NOUN_ONLY:  # only "X's claim that ..." (see _noun_cue)
        return _noun_cue(doc, cue, s_start, s_end)
    if cue.form == "according":
        attr = _attr_from_after(doc, cue, s_end, "indirect.according_to")
        if attr is None:  # a source the speaker reader does not know: its first words
            tok = _first_words(text, cue.end, s_end)
            if tok is None:
                return None
            attr = _Attribution(cue, cue.start, cue.end, tok, None, "indirect.according_to")
        after = attr.mention[1]
        opening = text[s_start:cue.start].strip(" \t(\"“")
        if not opening:  # According to X, CONTENT.
            comma = text.find(",", after, s_end)
            if comma < 0 or comma - after > 120:
                return None
            start, end = _clause(doc, comma + 1, s_end)
        elif opening.endswith((",", "—", "-")) or text[cue.start - 2:cue.start] == ", ":  # CONTENT, according to X.
            start, end = _sentence_before(text, s_start, cue.start, " \t,—-")
            start = _after_linking_conjunction(text, start, end)
            rest = _according_rest(doc, after, s_end) if text.count(" ", start, end) < _MAX_INTERRUPTED_WORDS else None
            if rest is not None:  # "Fundraising, according to the campaign, has surged": the clause goes on
                if text[start:end] in _CONNECTIVES or text[start:end] in _OPENING_ADVERBS or text[start:end] == "In addition":
                    start, end = rest  # "But, according to the poll, CONTENT."
                else:
                    doc.more = rest
        else:
            return None
        return (attr, start, end, "indirect.according_to") if end > start else None
    after_cue = text[cue.end:cue.end + 2]
    final = not after_cue or after_cue[0] in ".,;:!?)" or cue.end >= s_end
    if final or (cue.form in _SPEECH and (text[cue.start - 2:cue.start] == ", " or cue.form in _TELL
                                         or _next_word(text, cue.end, s_end).rstrip(",") in _TAIL_WORDS)
                 and _final_tail(doc, cue, s_start, s_end)):
        return _clause_final(doc, cue, s_start, s_end, after_cue, final)
    if cue.form in _CUE_NOUNS:
        noun = _noun_cue(doc, cue, s_start, s_end)
        if noun is not None or _VERBS[cue.form][1] == "noun":
            return noun
    for later in doc.cues_between(cue.end, min(s_end, cue.end + LOOKBACK)):
        # "Voters found it offensive, journalist Martha Raddatz said.": the sentence is the later verb's
        if later.form in _SPEECH and not later.used and s_end - later.end < 50 and not text[later.end:s_end].strip(" \t,.") \
                and text[max(s_start, later.start - 60):later.start].count(",") == 1 \
                and text.rfind(",", cue.end, later.start) >= 0 \
                and _RELATIVES.isdisjoint(text[text.rfind(",", s_start, later.start) + 1:later.start].split()):
            # (not "..., something that Trump mocked.": a relative clause, not a source; not "X, a Mexican
            # diplomat, said Mexico must rebut Trump's claims.": the comma before the later verb is after this one)
            return None
        if later.form == "according" and not later.used and text[later.start - 2:later.start] in (", ", "— ", "- "):
            return None  # "CONTENT, according to X.": the whole clause is X's (see the "according" branch)
    if cue.form in _QUOTE_ONLY and not text.startswith(" that ", cue.end) \
            and not (_VERBS[cue.form][0] in _TALK and text.startswith(" about ", cue.end)):  # "talked about X" reports X
        return None
    if cue.form == "report" and not text.startswith(" that ", cue.end) and _word_before(text, cue.start) != "to":
        return None  # "A new Pew Research report compares ...", "Jobs report gives ...": the noun
    lemma = _VERBS[cue.form][0]
    if lemma in _NOT_REPORTED_BEFORE and _next_word(text, cue.end, s_end).rstrip(",.;:") in _NOT_REPORTED_BEFORE[lemma]:
        return None  # "found himself in a muddy battle", "a liberal think tank", "showed up at the polls": no report
    if lemma in _FIGURE_VERBS and _posted_figure(text, cue.end, s_end):
        return None  # "The club posted a record loss", "posting a 52% rise", "Shanghai added 1.32 percent": a
        # result, no report
    if _owner_participle(text, cue, s_end):
        return None  # "Trump's preferred social platform", "Obama's stated goal": an adjective, no report
    if cue.form[-1] == "s" and _next_word(text, cue.end, s_end) in _CLAUSE_AUXILIARIES and _plural_subject(text, cue, s_start):
        return None  # "England's defensive worries have deepened": a plural noun, the subject of the verb after it
    if cue.form in _IMPRESSIONS:
        return _impression(doc, cue, s_start, s_end)
    if cue.form == "Asked" or (cue.form == "asked" and _word_before(text, cue.start) in ("when", "When", "was", "were", "")):
        return _asked(doc, cue, s_start, s_end)
    if cue.form in _GERUNDS:
        before = _word_before(text, cue.start)
        if before in _PASSIVE_WORDS:  # "Clinton was criticizing": a finite verb in the progressive
            attr = _np_subject(doc, cue, s_start, "indirect.x_said")
        elif before in _GERUND_PREPOSITIONS and cue.start - s_start < 250:  # "candidates ... by saying"
            attr = _relative_attr(doc, cue, s_start, "indirect.gerund")  # "the candidate who launched ... by declaring"
            found = _subject(doc, s_start, cue.start) if attr is None else None
            if found is not None:
                attr = _Attribution(cue, cue.start, cue.end, found[:2], None, "indirect.gerund")
        else:
            attr = _speaker_of_verb_before(doc, cue, s_start, "indirect.gerund") \
                or _subject_attr(doc, cue, s_start, "indirect.gerund") or _subject_of_verb_before(doc, cue, s_start) \
                or _words_before_past_verb(doc, cue, s_start)
    else:
        attr = _attr_from_before(doc, cue, s_start, "indirect.x_said")
        if attr is None and (cue.form not in _NOUNISH or _word_before(text, cue.start) == "to"  # "seems to show"
                             or (cue.form in _SHOW or _verb_before_that(text, cue))  # "The transcript shows that",
                             and text.startswith(" that ", cue.end)  # "the suit claims that"
                             and not _relative_that(text, cue.end + 6, s_end)):  # (not "a show that aired")
            attr = _np_subject(doc, cue, s_start, "indirect.np_said")
    if attr is None and _VERBS[cue.form][1] in _SOURCELESS_CLASSES and _word_before(text, cue.start) not in _NOT_BEFORE_SOURCELESS and (
            text.startswith(" that ", cue.end) and not _relative_that(text, cue.end + 6, s_end)
            or text.startswith(_SOURCELESS_OPENERS, cue.end)
            or _VERBS[cue.form][0] == "say" and _CLAUSE_AFTER_SAY.match(text, cue.end, min(s_end, cue.end + 80))):
        # "Another slide shows that ...", "all agreed that ...": the clause is reported though its source is not found
        attr = _Attribution(cue, cue.start, cue.end, None, None, "indirect.no_source")
    before = _word_before(text, attr.mention[0]) if attr is not None and attr.mention is not None else ""
    if attr is None or (before in _RELATIVES and (
            before not in _RELATIVE_CLAUSES or _word_before(text, attr.mention[0] - len(before) - 1) in _PREPOSITIONS)):
        return None  # "the man whom officials said ...", "in which he said": the content is elsewhere
    mention = attr.mention or (cue.start, cue.start)  # (none: "that ..." after a verb whose subject is not found)
    if cue.form in _NAMING and _names_a_thing(text, mention, cue):
        return None  # "a new group called Black Votes Matter": a name, not what the group said
    pos = clause_start(text, cue, s_end, deadline=doc.deadline, reported=True)
    start, end = _clause(doc, pos, s_end)
    first = _next_word(text, start - 1, end)
    if first in _CONTENT_AFTER_PARTICLE:
        start += len(first) + 1  # "blasted out a robocall", "ruled out a bid": the object after the particle
        first = _next_word(text, start - 1, end)
    if first in _TIME_PREPOSITIONS:  # "complained during Friday's press conference - ... - that ...": the clause after "that"
        reach = min(end, start + _TIME_PHRASE_REACH)
        that = min((at for at in (text.find(" that ", start, reach), text.find(" not to ", start, reach)) if at >= 0),
                   default=-1)  # ... or "decided after a lengthy investigation not to recommend charges"
        if that < 0:
            return None  # "testified before Congress", "tweeting after Clinton's speech": no content
        start = that + 1
        first = _next_word(text, that, end)
    # "confirmed by the Senate", "wrote in a memo", "reported from Washington": no content (unless the
    # content is a relative clause or the subject of a passive, see below)
    second = _next_word(text, start + len(first), end)
    no_content = first in _NOT_CONTENT_STARTS and not (first == "as" and second in _AS_QUANTITY) \
        or first == "to" and (second in _TO_AUDIENCE or second[:1].isupper())  # "posted to its Twitter account"
    if before in _RELATIVE_CLAUSES:
        # "the FDIC, which the probe said covered up ..." / "what he said were failures": PolNeAR's content
        # is the relative clause, from its pronoun ("a letter that he said was drafted" is read either way).
        comma = text.find(", ", start, end)
        if comma > start:
            end = comma
        start = attr.mention[0] - len(before) - 1
        if end - start < 2 or cue.form in _GERUNDS:
            return None
        attr = _clone(attr, attr.rule + "_relative")
        return attr, start, end, attr.rule
    end = _before_next_report(doc, start, end)
    if text[mention[0]:mention[1]] == "who" and text[max(0, mention[0] - 2)].isalnum():
        end = _before_main_verb(doc, start, end)  # "others who want to ban abortion said ...": "to ban abortion"
    if before.lower() in _SUBORDINATORS or text[mention[0]:mention[1]] in _RELATIVE_SPEAKERS or (
            text[s_start:max(s_start, text.find(" ", s_start, cue.start))].lower() in _SUBORDINATORS
            and text.find(",", s_start, cue.start) < 0):
        # "While X maintained that CONTENT, Y ..." / "those who want CONTENT, most ..." / "Although in May
        # she said CONTENT, at the hearing ...": the clause ends at its comma
        comma = text.find(", ", start, end)
        if comma > start:
            end = comma
    if cue.form in _NP_OBJECT and not text.startswith(_CLAUSE_OPENING, start):
        # "endorsed Cruz - the first time ...", "claimed victory, saying": an object ends at a comma or a dash
        stop = clause_stop(text, start, end, _OBJECT_ENDS)
        if not text.startswith(", including ", stop):  # "cited several factors, including ...": the list is the object's
            end = stop
        adjunct = _OBJECT_ADJUNCT.search(text, start, end, timeout=doc.deadline.left())
        if adjunct is not None:  # "endorsed Hillary Clinton on Thursday", "posted an image of himself on Twitter"
            end = adjunct.start()
        while end > start and text[end - 1] in " \t,":
            end -= 1
    if end - start < 2 or _lone_particle(text, start, end) or _introduces_quotation(text, end):
        return None  # "He told BBC Radio 4's Today programme: "We need ...": the quotation is the content
    if attr.mention is not None and attr.cue_start is not None and attr.cue_start < cue.start \
            and cue.form not in _GERUNDS and _passive(text, cue):  # (only a verb group can be passive)
        # "Mr. Sanders has been criticized for ...": the subject is not the source (PolNeAR gives none);
        # the content is the whole clause, subject included ("who" too: "who was accused of ...")
        if _VERBS[cue.form][0] not in _PASSIVE_REPORTS:
            return None  # "he was offered the job", "Clinton is assured of winning": no report
        subject = attr.mention[0]
        if _word_before(text, subject) in _RELATIVE_SPEAKERS:
            subject -= len(_word_before(text, subject)) + 1
        start = subject
        attr = _Attribution(cue, attr.cue_start, attr.cue_end, None, None, "indirect.passive")
    elif no_content:
        return None
    _add_via(doc, attr, cue.end, start)  # said in a statement that ...
    return attr, start, end, attr.rule


def _before_trailing_dash(text: str, start: int, end: int) -> int:
    """The end of a reported clause without a dash that closes it ("said that she is unqualified -- a
    charge ..." cut at the dash leaves "unqualified --"; a word's own hyphen stays: "pro-")."""
    kept = text[start:end].rstrip(" \t")
    body = kept.rstrip("-–")
    if len(body) < len(kept) and body[-1:] in (" ", "\t"):
        return start + len(body.rstrip(" \t"))
    return end


# The next word that makes a verb no report: "found himself in a muddy battle", "found ways to press his
# agenda", "a liberal think tank", "showed up at the polls", "promises add up to $8.5 million", "his rating
# has declined slightly from 58 percent" (a fall, not a refusal), "when he assumed office" (taking a post).
_NOT_REPORTED_BEFORE = {
    "find": frozenset("himself herself itself themselves myself ourselves yourself ways way sanctuary".split()),
    "think": frozenset(("tank", "tanks")),
    "show": frozenset(("up",)),
    "add": frozenset(("up",)),
    "decline": frozenset("slightly sharply significantly steadily dramatically modestly by from in".split()),
    "assume": frozenset("office power control command responsibility his her their its".split()),
}
# A reported clause of one of these words alone is no content: "as Menendez pointed out.", "When I agreed to.",
# "signs she had found online", "wrote recently.", "said little.", "it knows how." (nor is a time alone, see _TIME_ONLY)
_NO_CONTENT_WORDS = frozenset("to out up off online recently again here simply little enough basically how".split())
_LONE_WORDS_MAX = 30  # characters: longer clauses are never a lone word or time


def _lone_particle(text: str, start: int, end: int) -> bool:
    """The clause is a particle, an adverb or a time alone ("responded Friday, saying ...", "wrote recently."),
    not followed by a quotation ("pledging to "win ..."" is the quotation's)."""
    return end - start < _LONE_WORDS_MAX and (
        text[start:end] in _NO_CONTENT_WORDS or _TIME_ONLY.match(text[start:end]) is not None) \
        and not _quotation_follows(text, end)


def _quotation_follows(text: str, end: int) -> bool:
    """A quotation mark (or a doubled apostrophe) opens right after ``end`` and its spaces."""
    follow = text[end:end + 4].lstrip(" \t")
    return follow[:1] in _QUOTE_MARKS or follow.startswith("''")


def _introduces_quotation(text: str, end: int) -> bool:
    """A colon after ``end`` that opens a quotation or ends the paragraph (the quotation follows)."""
    rest = text[end:end + 6].lstrip(" \t")
    follow = rest[1:].lstrip(" \t")[:1]
    return rest[:1] == ":" and (follow in _QUOTE_MARKS or follow in ("\n", "'", "‘"))


# What joins two reports in one sentence: "X said A, and Y said B".
_REPORT_JOINS = (", and ", " and ", ", but ", " but ", ", while ", " while ", "; ")
_MAX_JOINED_SUBJECT = 40  # characters between the join and the second verb


def _before_next_report(doc: _Doc, start: int, end: int) -> int:
    """The end of a reported clause that a second report in the same sentence cuts short: in
    "X said A, and most voters said B", A stops before "and most voters said" (whose own clause is
    then read from its verb). Only the verbs already found in [start, end) are looked at."""
    text = doc.text
    for later in doc.cues_between(start + 1, end):
        if later.used:
            continue
        at = doc.joins.get(later.start)
        if at is None:
            at = doc.joins[later.start] = _report_join(text, later)
        if at > start and text.startswith(_COMMA_WHO, at):
            if text.find(", ", later.end, end) < 0:  # (not "found Zimmerman, who alleged ..., not guilty":
                return at  # a relative clause inside the content, which goes on after it)
        elif at > start:
            while at > start and text[at - 1] in " \t,":
                at -= 1
            return at
    return end


def _report_join(text: str, later: _Cue) -> int:
    """Where the join before a second report's subject stands ("X said A, and most voters said B":
    the ", and " before "said B"; "... some analysts, who noted B": the ", who"), or -1 when
    ``later`` opens no second report. The answer does not
    depend on the first report, so it is read once for each verb (a run-on sentence's verbs are the
    later verbs of ~100 others)."""
    if later.form in _GERUNDS or later.form in _IMPRESSIONS:
        return -1
    at = _relative_report(text, later.start)
    if at >= 0:  # "the plan was opposed by some analysts, who noted that ...": the analysts' report
        return at
    at, size = _last_of(text, _REPORT_JOINS, max(0, later.start - _MAX_JOINED_SUBJECT), later.start)
    if at < 0:
        return -1
    subject = text[at + size:later.start].split()
    if subject and subject[0] not in _NOT_SUBJECT_START and subject[-1] not in _NOT_SUBJECT_END \
            and subject[-1] not in _PASSIVE_WORDS and _NO_PUNCTUATION.isdisjoint(text[at + size:later.start]):
        return at
    return -1


_COMMA_WHO = ", who "


def _relative_report(text: str, verb: int) -> int:
    """Where ", who" starts when a relative clause after a comma opens with the verb at ``verb``
    (after adverbs, auxiliaries or time words of its group: ", who also noted", ", who has long
    argued"); else -1."""
    at = text.rfind(_COMMA_WHO, max(0, verb - _MAX_JOINED_SUBJECT), verb)
    if at >= 0 and all(w in _CUE_SIDE or w in _AUXILIARIES or (w.endswith("ly") and w.islower())
                       for w in text[at + len(_COMMA_WHO):verb].split()):
        return at
    return -1


def _before_main_verb(doc: _Doc, start: int, end: int) -> int:
    """The end of the content of a verb in a relative clause without a comma ("Hawkins and others
    who want to ban abortion said ...", "A freshman Congressman who knows the border firsthand says
    ..."): before the next verb of speech whose word before is a plain lower-case word, the verb of
    the clause the relative clause is in. Not after a subject of its own, a verb group's auxiliary,
    negation or adverb, a determiner or a preposition ("who said they had not read", "who posted it
    was widely condemned", "an alleged assault"; "who know him say" is cut, "who think Trump says"
    is not)."""
    text = doc.text
    if text.startswith("that ", start):
        return end  # "those who felt that family members agreed": a clause with its own verb
    for later in doc.cues_between(start + 1, end):
        before = _word_before(text, later.start)
        if later.form not in _SPEECH or later.form in _GERUNDS or later.form in _NOUNISH or later.form in _NAMING \
                or later.used or not (before.isalpha() and before.islower()) \
                or before in _NOT_MAIN_VERB or before in _PRONOUNS or before in _DETERMINERS or before in _PREPOSITIONS \
                or before in _RELATIVES or before in _COORDINATING or before.endswith("ly") \
                or (before.endswith("s") and _word_before(text, later.start - len(before) - 1) in _DETERMINERS):
            continue  # (not "those who felt their coworkers agreed": a subject of the verb's own clause; not
            # "their harassment claim", "a program called the Joseph Project": a noun, a name)
        cut = later.start
        while cut > start and text[cut - 1] in " \t,":
            cut -= 1
        return cut if cut > start else end
    return end


# "Fundraising, according to the campaign, has surged": before "according to", only the start of a
# clause (a subject, a time), at most this many words; a longer one is a clause of its own.
_MAX_INTERRUPTED_WORDS = 6
_APPOSITION_OPENERS = frozenset("which who whose a an another".split())


def _according_rest(doc: _Doc, after: int, s_end: int) -> tuple[int, int] | None:
    """The rest of a clause that "according to X," interrupts: from the comma after the source to
    the clause's end, unless what follows the comma is the source's apposition ("according to
    Brian Wieser, an analyst at ...") or too short to be a clause."""
    text = doc.text
    comma = text.find(", ", after, min(s_end, after + 80))
    if comma < 0 or not _NO_SENTENCE_END.isdisjoint(text[after:comma]):
        return None
    if _next_word(text, comma + 1, s_end) in _APPOSITION_OPENERS:  # past the apposition, once
        comma = text.find(", ", comma + 2, min(s_end, comma + 80))
        if comma < 0 or not _NO_SENTENCE_END.isdisjoint(text[after:comma]):
            return None
    start, end = _clause(doc, comma + 2, s_end)
    return (start, end) if text.count(" ", start, end) >= 1 else None


def _clause_final(doc: _Doc, cue: _Cue, s_start: int, s_end: int, after_cue: str, final: bool):
    """CONTENT, X said. / CONTENT, said X. / CONTENT, X told POLITICO on Tuesday. / As X reported,
    CONTENT."""
    text = doc.text
    m = _mention_before(doc, cue.start, s_start)
    lead = (text[s_start:m.start] + text[m.start:m.start + 3]).lstrip(" \t\"“(") if m is not None else ""
    if m is not None and after_cue[:1] == "," and lead[_after_connective(lead, 0, len(lead)):].startswith(("As ", "as ")):
        # As The Post reported, CONTENT. / As a new poll shows, CONTENT. / But as Clyburn noted, CONTENT.
        attr = _attr_from_before(doc, cue, s_start, "indirect.as_x_said")
        start, end = _clause(doc, cue.end + 1, s_end)
        return (attr, start, end, attr.rule) if attr is not None and end - start > 3 else None
    if cue.form not in _SPEECH and cue.form not in _EVIDENCE:  # "CONTENT, records show."
        return None
    if m is not None and _after_comma(text, s_start, m.start):
        attr = _attr_from_before(doc, cue, s_start, "indirect.clause_x_said")
        comma = text.rfind(",", s_start, m.start)
    else:
        pre = text[s_start:cue.start].rstrip()
        if not pre.endswith(","):
            return None
        attr = _attr_from_after(doc, cue, s_end + 1, "indirect.clause_said_x")
        comma = len(pre) + s_start - 1
    if attr is None:
        return None
    start, end = _sentence_before(text, s_start, comma, " \t,.;:")
    rest = None
    if after_cue[:1] == ",":  # "X's meeting, officials said, was aimed at ...": the clause goes on
        rest = _clause(doc, cue.end + 1, s_end)
        word = _next_word(text, cue.end + 1, s_end)
        if rest[1] - rest[0] <= 3 or word.endswith("ing") or word in _TAIL_WORDS and not (
                word in _DEMONSTRATIVES and _next_word(text, cue.end + 2 + len(word), s_end) not in _TIME_NOUNS):
            rest = None  # not ", wiping ...", ", this week" (but ", this effect could ...": the clause goes on)
    lead = text[_after_connective(text, start, end):end]
    if not final and rest is None and lead.split(" ", 1)[0].capitalize() in _PHRASE_OPENERS and "," not in lead \
            and lead.count(" ") < _PHRASE_WORDS:
        return None  # "And in that speech, Ms. Brainard chimed in, breaking ...": an opening phrase, no clause
    if end - start < 2 or (not final and text.count(" ", start, end) < 3 and (
            rest is None or text.count(" ", *rest) < 2 or not text[start].isupper())):
        return None  # ("Bob, they said, ordered them to wait": a short start is enough when the clause goes on)
    doc.more = rest
    return attr, start, end, attr.rule


_PHRASE_WORDS = 10  # an opening phrase is shorter ("For the 12 months ended March the CPI rose ...": a clause)
_DEMONSTRATIVES = frozenset(("this", "last"))  # tail words only before a time noun
_TIME_NOUNS = frozenset("week month year morning afternoon evening night weekend spring summer fall autumn winter".split())
_MENTION_LEADS = frozenset("the The a an new recent several many some".split())


def _after_comma(text: str, s_start: int, pos: int) -> bool:
    """A speaker mention at ``pos`` right after a comma, or after a comma and an article or a
    quantifier the mention reader leaves out ("..., the BBC reported", "..., new reports show")."""
    lead = text[s_start:pos].rstrip()
    if lead.endswith(","):
        return True
    for _ in range(2):
        space = lead.rfind(" ")
        if space < 0 or lead[space + 1:] not in _MENTION_LEADS:
            return False
        lead = lead[:space].rstrip()
        if lead.endswith(","):
            return True
    return False


def _in_poll(doc: _Doc, cue: _Cue, s_start: int, s_end: int):
    """"In a Des Moines Register poll last month, CONTENT." / "In the poll, CONTENT.": the poll,
    named after a sentence-opening "In" and before a comma, is the source of the clause after it."""
    text = doc.text
    at = s_start
    while at < cue.start and text[at] in " \t\"“(":
        at += 1
    if not text.startswith("In ", at) or cue.start - at > 100 or text.find(",", at, cue.start) >= 0:
        return None
    comma = text.find(", ", cue.end, min(s_end, cue.end + 60))
    if comma < 0 or not _NO_SENTENCE_END.isdisjoint(text[cue.end:comma]):
        return None
    start, end = _clause(doc, comma + 2, s_end)
    if text.count(" ", start, end) < 2:
        return None
    attr = _Attribution(cue, at, at + 2, (at + 3, comma), None, "indirect.in_poll")
    return attr, start, end, attr.rule


# A paragraph that is a name, a colon and what the named said, in headlines and transcripts ("Trump: My
# plans aren't set in stone.", "TAPPER: And obviously, ..."): up to four capitalised words (and "of",
# "the", "and") before the colon, at least three words after it; quotation marks are left to step 2.
_COLON_LABEL = regex.compile(
    r"[ \t]*(\p{Lu}[\p{L}\p{N}.’'\-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{N}.’'\-]*|of|the|and|\p{N}+)){0,3}):[ \t]+")
_NOT_SPEAKER_LABELS = words("quote_colon_labels.txt")
_MIN_COLON_WORDS = 3
_DATELINE_PLACES = words("people_places.txt")  # "Islamabad: ..." opening the body is a dateline, not a speaker


def _dateline(doc: _Doc, labels: list[tuple[int, int]]) -> bool:
    """The first of the document's paragraph labels (spans) opens the body and is a dateline or a
    section's name: a place, or in capitals while no other label is ("ISLAMABAD: Pakistan must raise
    ...", "Hong Kong: ...", "DEVELOPING: ..."; not a transcript's "VOSS: ... ALBERS: ...")."""
    paragraphs, text = doc.seg.paragraphs, doc.text
    first = text[labels[0][0]:labels[0][1]]
    return len(paragraphs) > 1 and labels[0][0] == paragraphs[1][0] and (
        first in _DATELINE_PLACES or first.isupper() and not any(text[a:b].isupper() for a, b in labels[1:]))


def _colon_paragraphs(doc: _Doc, spans: list[_Span]) -> list[tuple[int, int, _Attribution]]:
    """"Name: CONTENT" paragraphs without double quotation marks -> (start, end, attribution) each
    ("Pence: Trump Was ‘Mocking’ Clinton Camp." is one: single marks in a headline are its words)."""
    text = doc.text
    rows = []
    opens = [s.open_start for s in spans]
    for p_start, p_end in doc.seg.paragraphs:
        if text.find(":", p_start, p_end) < 0:
            continue  # no label (the cheap test first: most paragraphs hold no colon)
        m = _COLON_LABEL.match(text, p_start, p_end, timeout=doc.deadline.left())
        if m is None or not _NOT_SPEAKER_LABELS.isdisjoint(m.group(1).split()):
            continue
        start, end = m.end(), p_end
        while end > start and text[end - 1] in " \t\n,.;:":
            end -= 1
        i = bisect.bisect_left(opens, p_start)
        if (i > 0 and spans[i - 1].close_end > p_start) or text.count(" ", start, end) < _MIN_COLON_WORDS - 1 \
                or not _QUOTE_MARKS.isdisjoint(text[start:end]) or "''" in text[start:end]:
            continue  # a quotation in double marks: step 2's (single marks in a headline are its words)
        if p_start == doc.seg.paragraphs[0][0] and not _title_label_speaks(doc, m.group(1)):
            continue  # "Reality Check: The Facts vs. ...", "Here We Go Again: ...": a headline's kicker
        colon = m.end(1)
        rows.append((start, end, _Attribution(None, colon, colon + 1, m.span(1), None, "indirect.name_colon")))
    return rows[1:] if rows and _dateline(doc, [a.mention for _, _, a in rows]) else rows


def _title_label_speaks(doc: _Doc, label: str) -> bool:
    """The label before a headline's colon names a speaker: a person's name ("Leana Wen: Why I Left"),
    a role ("Official: Airstrikes hit ..."), or a name whose last word the body writes too ("Pence:
    ...", "Senator Flake: ..."). Not a kicker the body never writes ("Reality Check", "Here We Go
    Again", "Where They Stand")."""
    last = label.split()[-1]
    if last.lower() in _ROLE_WORDS or personal_name(label):
        return True
    body = doc.seg.paragraphs[1][0] if len(doc.seg.paragraphs) > 1 else len(doc.text)
    return doc.text.find(last.capitalize() if last.isupper() else last, body) >= 0


# A turn of a transcript quoted in full ('"WALLACE: Let's start with ...', '"PENCE: Well, look, ...'): a
# paragraph that opens with a quotation mark and a name in capitals and a colon; the paragraphs after it
# that open with a mark and no name go on with the turn, and a stage direction ('"(CROSSTALK.)') ends it.
_TURN_LABEL = regex.compile(
    r"(?:[\"“„«]|'')[ \t]*(\p{Lu}[\p{Lu}.’'\-]+(?:[ \t]+\p{Lu}[\p{Lu}.’'\-]*){0,3}):[ \t]+")
_MIN_TURNS = 2  # one label alone is no transcript
_OPEN_MARKS = "\"“„«'"


def _transcript_turns(doc: _Doc) -> tuple[list[tuple[int, int, int, int, _Attribution]], list[tuple[int, int]]]:
    """The turns of a quoted transcript -> (rows (start, end, p_first, p_last, attribution), ranges whose
    other quotes and verbs are the turns' own: each turn's paragraphs and each stage direction)."""
    text = doc.text
    turns: list[list] = []  # [p_start, start, end, p_first, p_last, attribution]
    stages: list[tuple[int, int]] = []
    current = None
    for pi, (p_start, p_end) in enumerate(doc.seg.paragraphs):
        if text[p_start] not in _OPEN_MARKS:  # the writer's paragraph (most of them: no pattern is run)
            current = None
            continue
        m = _TURN_LABEL.match(text, p_start, p_end, timeout=doc.deadline.left()) \
            if text.find(":", p_start, p_end) >= 0 else None  # (no colon, no label: most quoted paragraphs)
        if m is not None and _NOT_SPEAKER_LABELS.isdisjoint(m.group(1).split()):
            colon = m.end(1)
            current = [p_start, m.end(), p_end, pi, pi,
                       _Attribution(None, colon, colon + 1, m.span(1), None, "direct.transcript_turn")]
            turns.append(current)
        elif current is not None:
            head = text[p_start:min(p_end, p_start + 40)].lstrip(_OPEN_MARKS + " \t")
            if not _opens_paragraph(text, (p_start, p_end)) or _closes_inside(text, p_start, p_end) \
                    or head.split(None, 1)[:1] and head.split(None, 1)[0] in _NOT_SPEAKER_LABELS:
                current = None  # the writer's again ('"Follow Pam Key on Twitter ...', '"No," Kaine said.')
                continue
            if head.startswith("("):
                stages.append((p_start, p_end))
                current = None
                continue
            current[2], current[4] = p_end, pi
        if current is not None and text[max(p_start, p_end - 8):p_end].rstrip(" \t.").endswith(_CLOSING_MARKS):
            current = None  # the quotation closes: the transcript ends
    if len(turns) < _MIN_TURNS:
        return [], []
    rows = []
    for p_start, start, end, p_first, p_last, attr in turns:
        while end > start and text[end - 1] in _OPEN_MARKS + "”» \t\n":
            end -= 1
        rows.append((start, end, p_first, p_last, attr))
    return rows, [(t[0], t[2]) for t in turns] + stages


_CLOSING_MARKS = ('"', "”", "»", "''")
_CLOSING_CHARS = "".join(m for m in _CLOSING_MARKS if len(m) == 1)  # and "''", read as two characters
_AROUND_CLOSING_MARKS = " \t.!?,"
_CLOSER_OF = {'"': '"', "“": "”", "„": "“", "«": "»", "'": "''"}


def _before_closing_marks(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` ends without its closing marks at the end, one mark at a time with
    the stops, commas and spaces around them; found by walking back (taking off one mark at a time
    by slicing copied the text again for each: a paragraph ending in a long run of marks was quadratic)."""
    end = _trimmed_end(text, start, end, _AROUND_CLOSING_MARKS)
    while end > start and (text[end - 1] in _CLOSING_CHARS or text.endswith("''", start, end)):
        end = _trimmed_end(text, start, end - 1, _AROUND_CLOSING_MARKS)
    return end


def _closes_inside(text: str, p_start: int, p_end: int) -> bool:
    """The paragraph's opening quotation mark closes before the paragraph's end ('"No," Kaine said.'):
    a quotation of its own, no part of a turn that goes on."""
    closer = _CLOSER_OF.get(text[p_start])
    start = p_start + len(closer if closer == "''" else text[p_start])
    body = text[start:_before_closing_marks(text, start, p_end)]
    if closer == "”":
        return body.count("”") > body.count("“")
    return closer is not None and closer in body


def _noun_cue(doc: _Doc, cue: _Cue, s_start: int, s_end: int):
    """"Despite Mr. Trump's claims that CONTENT, ..." / "her belief that CONTENT": the possessor is
    the source (up to two modifiers between it and the noun), the clause after "that" the content,
    to its comma."""
    text = doc.text
    if not text.startswith(" that ", cue.end):
        return None
    pos = cue.start
    for _ in range(3):
        word = _word_before(text, pos)
        if not word or not _NO_PUNCTUATION.isdisjoint(word):
            return None
        if word.endswith(("'s", "’s")) or word in _POSSESSIVES:
            start, end = _clause(doc, cue.end + 1, s_end)
            comma = text.find(", ", start, end)
            if comma > start:
                end = comma
            if end - start < 8:
                return None
            mention = (pos - len(word) - 1, pos - 1 - (2 if word.endswith(("'s", "’s")) else 0))
            return _Attribution(cue, cue.start, cue.end, mention, None, "indirect.noun_that"), start, end, "indirect.noun_that"
        pos -= len(word) + 1
    return None


def _np_subject(doc: _Doc, cue: _Cue, s_start: int, rule: str) -> _Attribution | None:
    """The subject of the cue's clause as written, when no speaker form was recognised: the words
    from the clause's start (after an opening phrase up to a comma) to the verb group ("those
    surveyed say", "People involved in the project offered", "He immediately blasted")."""
    group = _verb_group(doc, cue)
    return None if group is None else _subject_of_group(doc, cue, s_start, rule, *group)


def _verb_group(doc: _Doc, cue: _Cue) -> tuple[int, str] | None:
    """Where the cue's verb group starts (its adverbs, auxiliaries, time words and "continued to")
    and the word before it; None when the cue has no verb group (a noun, a passive). Read once
    per verb: the quotes of a run-on sentence ask about the same verbs."""
    key = (cue.start, cue.end, cue.form)
    found = doc.groups.get(key, doc)
    if found is doc:
        found = doc.groups[key] = _read_verb_group(doc.text, cue)
    return found


def _read_verb_group(text: str, cue: _Cue) -> tuple[int, str] | None:
    first = _word_before(text, cue.start)
    if first in _NO_VERB_AFTER or (first in _PASSIVE_WORDS and cue.form not in _GERUNDS):
        return None  # "the report", "was rejected": no verb group (the cheapest test first)
    vg = cue.start  # the verb group: adverbs, auxiliaries, time words and "continued to" before the verb
    word = first  # the word before vg
    for _ in range(8):
        if word == "to":
            verb = _word_before(text, vg - 3)
            if not (verb in _CATENATIVES or (verb.endswith(("ed", "ing")) and verb.islower())):
                break
            vg -= len(verb) + 4
            if verb in _ADJECTIVE_CATENATIVES:  # "voters are slightly more likely to say": "are ... likely to" is the group's
                word = _word_before(text, vg)
                while word in _COMPARATIVES or (word.endswith("ly") and word.islower()):
                    vg -= len(word) + 1
                    word = _word_before(text, vg)
                if word in _BE_BEFORE_ADJECTIVE:
                    vg -= len(word) + 1
        elif not word or not (word in _CUE_SIDE or (word.endswith("ly") and word.islower())):
            break
        else:
            vg -= len(word) + 1
        word = _word_before(text, vg)
    group = text[vg:cue.start].split()
    if word in _PASSIVE_WORDS or text.startswith(" by ", cue.end) or (
            cue.form not in _GERUNDS and group and group[-1] in _PASSIVE_WORDS):
        return None  # "was rejected by", "a fact first reported by", "It was said": a passive or a participle
    return vg, word


def _subject_of_group(doc: _Doc, cue: _Cue, s_start: int, rule: str, vg: int, relative: str,
                      further: bool = True) -> _Attribution | None:
    """:func:`_np_subject` after the verb group: ``vg`` its start, ``relative`` the word before it;
    ``further``: the sentence's subject when no words stand between a clause break and the group."""
    text = doc.text
    if relative in _RELATIVE_SPEAKERS:  # "the NRA, which has endorsed Trump": PolNeAR's source is "which"
        return _Attribution(cue, _after_group_time(text, vg, cue.start), cue.end, (vg - len(relative) - 1, vg - 1),
                            None, "indirect.relative_said")
    if vg < cue.start:  # "Lewandowski continued to assert": a speaker before the longer verb group
        m = _mention_before(doc, vg, s_start)
        if m is not None:
            s, e = trim_mention(text, m.start, m.end)
            if not _only_stopwords(text[s:e]):
                return _Attribution(cue, m.cue_start, cue.end, (s, e), m.appos, "indirect.x_adverb_said")
    if relative in _NOT_SUBJECT_END and relative not in ("and", "but"):
        return None  # "wants to say", "in the report": no subject ends here (checked before the scans below)
    low = max(s_start, vg - _NP_REACH)
    cs = low
    for m in _SUBJECT_BREAK.finditer(text, low, vg):  # literal alternatives: nothing to backtrack, no timeout
        cs = m.end()
    comma = text.rfind(", ", cs, vg)
    stop = vg
    if comma >= 0 and not text[comma + 2:vg].strip():  # "Supporters of X, on the other hand, argued"
        aside = text.rfind(", ", cs, comma)
        before = text.rfind(", ", cs, aside) if aside >= 0 else -1
        if aside >= 0 and _aside(text[aside + 2:comma]) \
                and _NOT_BEFORE_ASIDE.isdisjoint(text[max(cs, before + 2):aside].split()):  # (not "Obama did not, however,")
            stop, comma = aside, before
            while text[max(cs, before + 2):stop].rpartition(" ")[2] in _CUE_ADVERBS:  # "He also, however, defended"
                stop = text.rfind(" ", cs, stop)
    if comma >= 0:
        cs = comma + 2
    while cs < vg and text[cs] in " \t\"“”'‘(—–-":
        cs += 1
    end = stop
    while end > cs and text[end - 1] in " \t,":
        end -= 1
    np = text[cs:end].split()
    if np and np[0] in _CONNECTIVES:
        cs += len(np[0]) + 1
        np = np[1:]
    if further and not np and cs > low:  # "Cruz has questioned ..., but declined to": the sentence's subject
        found = _subject(doc, s_start, cs)
        if found is not None and text.count(" ", found[1], cs) < 25:
            return _Attribution(cue, vg, cue.end, found[:2], None, "indirect.subject_and_said")
    who = text.find(_WHO, cs, end)
    if who > cs:  # "Residents who fled the town said", "some who advocate free speech argue": the words before "who"
        if (cs == low and low > s_start) or not _restrictive_relative(text, who + len(_WHO), end):
            return None  # (a subject cut by the window, or a relative clause that is not a plain one)
        end = who
        np = text[cs:end].split()
        if not _head_before_who(np):
            return None
    if not np or len(np) > _MAX_SUBJECT_WORDS or np[-1] in _NOT_SUBJECT_END \
            or (np[-1][-1].isdigit() and not (len(np) > 2 and np[-2] in ("in", "of"))) \
            or np[-1].endswith(("'s", "’s")) \
            or np[0].lower() in _NOT_SUBJECT_START or not _NOT_SUBJECT_START.isdisjoint(np[1:]) \
            or not _QUOTE_MARKS.isdisjoint(text[cs:end]) or "''" in text[cs:end] or (_only_stopwords(" ".join(np)) and not (
                len(np) == 1 and (np[0] in _PRONOUN_DETERMINERS or who > cs))):
        return None  # ("Another said he hoped ...", "those who ... say": a determiner standing for people speaks)
    while cs < end and text[cs] == " ":
        cs += 1
    if not _CLAUSE_WORDS.isdisjoint(np[:-1]) and not _to_after_of(np):
        return None  # "Barden now helps lead a program called", "a celebratory event was held called": a clause, not a subject
    return _Attribution(cue, _after_group_time(text, vg, cue.start), cue.end, (cs, end), None, rule)


def _to_after_of(np: list[str]) -> bool:
    """The only clause word of a capitalised subject is a "to" after its "of" ("Organizers of the push
    to boycott the speech said", "The deputy head of China's delegation to the forum said"): a noun
    phrase's own words, not a clause."""
    words_ = np[:-1]
    return np[0][:1].isupper() and _CLAUSE_WORDS.intersection(words_) == {"to"} and "of" in words_[:words_.index("to")]


_ASIDE_WORDS = 4  # words of an aside between a subject and its verb
_NOT_BEFORE_ASIDE = _AUXILIARIES | frozenset("may might must can do not never".split())  # a clause's words, no subject's
_ASIDE_OPENERS = frozenset("on in for by at however meanwhile too though also instead nevertheless moreover".split())


def _aside(part: str) -> bool:
    """``part``, between two commas before a verb group, is an adverbial aside of the writer's ("on
    the other hand", "in turn", "for its part", "however"): a few words opening with a preposition
    or a linking adverb (not a name in apposition: "X, Pascale Boistard, confirmed")."""
    return part.count(" ") < _ASIDE_WORDS and part.split(" ", 1)[0] in _ASIDE_OPENERS


def _after_group_time(text: str, vg: int, verb: int) -> int:
    """Where the cue starts in the verb group text[vg:verb]: after its last time word ("Residents who
    fled the town on Friday said": "said"; "People who voted last week now say": "now say"), which
    dates the subject's clause or the verb but is no word of the cue."""
    if vg == verb:
        return vg
    start = pos = vg
    for word in text[vg:verb].split():
        pos = text.index(word, pos) + len(word)
        if word in _GROUP_TIME_WORDS:
            start = pos
    while start < verb and text[start] in " \t":
        start += 1
    return start


def _head_before_who(np: list[str]) -> bool:
    """True when the words before "who" read as a noun phrase, not as the end of a clause: not
    "on Axa's policies will mean a policyholder", "It's one reason women", "involved showing 174
    participants" (a preposition or a participle first, an auxiliary or a contraction inside)."""
    first = np[0]
    if first in _PREPOSITIONS or (first.islower() and first.endswith(("ed", "ing"))):
        return False
    return not any(w in _AUXILIARIES or (w.endswith(("'s", "’s")) and w[:-2] in _STOPWORDS) for w in np[:-1])


def _restrictive_relative(text: str, start: int, end: int) -> bool:
    """True when text[start:end] (after "who", up to the verb group) is words only: no quotation,
    dash or bracket, no second clause ("who should be shunned ... gathered steam as ...")."""
    part = text[start - 1:end]
    return _plain_words(part) and not any(opener in part for opener in _CLAUSE_STARTS)


def _final_tail(doc: _Doc, cue: _Cue, s_start: int, s_end: int) -> bool:
    """True when the verb ends its clause but for its speaker, audience, time or channel, and a
    comma before it closes a reported clause: "CONTENT, said Wilcox, an Orlando Republican",
    "CONTENT, Grassley told POLITICO", "CONTENT, the airline said Thursday", "CONTENT, he said in
    an interview"."""
    text = doc.text
    if cue.start - s_start < 20 or text.find(",", s_start, cue.start) < 0:
        return False
    inverted = text[max(s_start, cue.start - 3):cue.start].rstrip().endswith(",")
    if not inverted and cue.form not in _TELL and _next_word(text, cue.end, s_end).rstrip(",") not in _TAIL_WORDS:
        return False  # the word after the verb must start a time or a channel
    tail = text[cue.end:s_end]
    if " that " in _tail_head(tail, True, not inverted) or not _QUOTE_MARKS.isdisjoint(tail):
        return False
    if inverted:  # "..., said X": X and its apposition end it (not "X, a manager, said the flag was removed, ...")
        m = mention_after(text, cue.end, s_end)  # ... or a time or a channel: "..., said X on NBC"
        if m is None or not _CLAUSE_WORDS.isdisjoint(text[m.start:m.end].split()):
            return False
        if m.end >= s_end or text[m.end] in ",(":
            return True
        rest = text[m.end:s_end]
        tail_words = rest.split()  # a time or a channel, after a clause with a verb of its own: "The bill will pass,
        # said Senator McCain on NBC" (not "X, president of Y, told reporters at the time the fund would",
        # an audience; "X, a Texas investor, said in a filing ...", an apposition; "X, president of Y, said
        # the board yesterday approved ...", a clause)
        return cue.form not in _TELL and tail_words[0] in _TAIL_WORDS and len(tail_words) <= _TAIL_REACH \
            and _has_finite_verb(text[s_start:cue.start])
    pos = cue.end
    if cue.form in _TELL:  # the audience: told POLITICO, told reporters
        aud_end = _audience_end(text, pos, s_end, doc.deadline)
        if aud_end is None:
            return False
        pos = aud_end
    rest = _tail_head(text[pos:s_end], False, True).lstrip(" \t,")  # ("said Friday, though ...": "Friday")
    return not rest or rest.split(None, 1)[0] in _TAIL_WORDS  # (not "said Wednesday, a bank refused ...")


# after a comma in the tail of a clause-final verb, words that open a clause of its own
_TAIL_RELATIVES = frozenset(("who", "which"))
_TAIL_CLAUSE_OPENERS = frozenset("though although but while whereas".split())


def _has_finite_verb(clause: str) -> bool:
    """An auxiliary, a contracted "'s" or a lower-case word in -ed in ``clause``: it is a clause, not a
    name with its apposition ("Craxi, Italy's prime minister for ...")."""
    return any(w in _CLAUSE_AUXILIARIES or w.endswith(("'s", "’s")) and w.islower() or w.islower() and w.endswith("ed")
               for w in clause.split())


def _tail_head(tail: str, relatives: bool, clauses: bool) -> str:
    """The tail of a clause-final verb up to a comma that opens a clause of its own: a relative
    clause ("..., said X, who noted that ...") or a participle or a subordinate ``clauses`` ("...,
    the minister said on Tuesday, adding that ...", "..., Smith said Tuesday, though ..."): what
    follows that comma is no part of the verb's clause. Not after an inverted verb ("Emanuel, his
    chief of staff, urged a strong stand, saying that": the words after "urged" are its object, not
    a speaker), and a relative after an audience is the audience's ("asked Kasich, who is ..., to")."""
    at = tail.find(", ")
    while at >= 0:
        word = tail[at + 2:at + 20].split(" ", 1)[0]
        if relatives and word in _TAIL_RELATIVES or clauses and (
                word in _TAIL_CLAUSE_OPENERS or word.islower() and word.endswith("ing") and len(word) > 5 and word != "including"):
            return tail[:at]
        at = tail.find(", ", at + 2)
    return tail


def _names_a_thing(text: str, mention: tuple[int, int], cue: _Cue) -> bool:
    """"a new group called Black Votes Matter", "gave his wife a perfume called the First Lady": an
    indefinite noun phrase before a naming verb and a capitalised name after it ("A spokesman called
    the Senate bill a disgrace" reports: a role word before the verb)."""
    words = text[mention[0]:mention[1]].split()
    name_after = text[cue.end + 1:cue.end + 2].isupper()
    if not words or words[0] in _INDEFINITE:
        return name_after
    the_name = text.startswith(" the ", cue.end) and text[cue.end + 5:cue.end + 6].isupper()
    return (name_after or the_name) and not _INDEFINITE.isdisjoint(words[-4:]) and words[-1] not in _ROLE_WORDS


def _plural_subject(text: str, cue: _Cue, s_start: int) -> bool:
    """The cue, an -s form before an auxiliary, is a plural noun: a lower-case word other than a
    pronoun stands before it, and no relative word in the five before ("England's defensive worries
    have"; not "which Boeing says is", "what he thinks should be", "which the campaign says should")."""
    before = text[max(s_start, cue.start - 60):cue.start].split()[-5:]
    return bool(before) and before[-1].islower() and before[-1] not in _PRONOUNS \
        and _RELATIVES.isdisjoint(w.lower() for w in before) and "who" not in before


def _posted_figure(text: str, pos: int, end: int) -> bool:
    """The object after "posted" or "added" at ``pos`` is a figure ("a record loss", "an 18% jump",
    "profits of $12.5m", "bail", "1.32 percent"), not something written ("a photo of herself", "a
    comment on Twitter": PolNeAR reports those)."""
    words = text[pos:min(end, pos + 40)].split()[:4]
    if words and words[0] in ("a", "an", "its", "their", "his", "her"):
        words = words[1:]
    if words and words[0][:1] in "$£€0123456789":
        return True
    for word in words:  # the head may follow modifiers: "a group consolidated loss", "its first annual profit"
        if word in _POSTED_FIGURES:
            return True
        if word in _FIGURE_STOPS:
            return False
    return False


def _owner_participle(text: str, cue: _Cue, end: int) -> bool:
    """A participle in "-ed" between an owner's "'s" and a content word ("Trump's preferred social
    platform"); not "Trump's said he would" (has said) or "Trump's claimed that"."""
    if not cue.form.endswith("ed") or not _word_before(text, cue.start).endswith(("'s", "’s")):
        return False
    nxt = _next_word(text, cue.end, end)
    return nxt.isalpha() and nxt.islower() and nxt.capitalize() not in _STOPWORDS and nxt not in _PRONOUNS


def _next_word(text: str, pos: int, end: int) -> str:
    """The word after the space at ``pos`` (at most 11 characters are read), or ''."""
    stop = min(end, pos + 12)
    space = text.find(" ", pos + 1, stop)
    return text[pos + 1:space if space > 0 else stop]


def _after_connective(text: str, start: int, end: int) -> int:
    """Past a sentence's opening connective ("But", "And", "Still,"): the writer's, not the source's."""
    space = text.find(" ", start, end)
    if space > start and text[start:space].rstrip(",") in _CONNECTIVES:
        return space + 1
    return start


def _sentence_before(text: str, start: int, end: int, trailing: str) -> tuple[int, int]:
    """The writer's sentence in [start, end) before its attribution, clauses and all, as content:
    from its first word or opening mark (past an opening adverb or dateline) to its last word
    (without the ``trailing`` characters)."""
    while start < end and not (text[start].isalnum() or text[start] in _CLAUSE_OPENERS):
        start += 1
    start = _after_opening_adverb(text, start, end)
    while end > start and text[end - 1] in trailing:
        end -= 1
    return start, end


_OPENING_PHRASES = frozenset(("In fact", "Even so", "In contrast", "By contrast", "Of course", "For example",
                              "For instance", "In addition", "As a result", "In other words", "In short"))


def _after_opening_adverb(text: str, start: int, end: int) -> int:
    """Past "Nevertheless, " / "Meanwhile, " / "WASHINGTON (Reuters) - ": the writer's, not the source's."""
    comma = text.find(", ", start, min(end, start + 18))
    if comma > start and (text[start:comma] in _OPENING_ADVERBS or text[start:comma] in _OPENING_PHRASES
                          or text[start:comma].endswith("ly")):
        return comma + 2
    dash = text.find(") - ", start, min(end, start + 40))
    if dash > start and (text[start:dash].isupper() or "(Reuters" in text[start:dash]):
        return dash + 4
    dateline = _CAPITALS_DATELINE.match(text, start, min(end, start + 40))
    return dateline.end() if dateline is not None else start


# "appeared in films", "appear before the court": being seen, not an impression (72 of the 148 BBC
# rows with the cue "appear" were such; 21,046 -> 20,977 BBC quote rows in all)
_APPEAR_PLACES = frozenset("in on at before with alongside as onstage together for".split())


def _impression(doc: _Doc, cue: _Cue, s_start: int, s_end: int):
    """"The race appears closer in Ohio" / "Sanders is expected to win": an attribution without a
    source (PolNeAR's convention); the content is the whole clause, from its subject."""
    text = doc.text
    if cue.form == "expected" and _word_before(text, cue.start) not in _BE_BEFORE_EXPECTED:
        return None  # "as expected", "the expected result"
    if cue.form.startswith("appear") and _next_word(text, cue.end, s_end) in _APPEAR_PLACES:
        return None  # "she appeared in films", "due to appear before the court": being seen, not a view
    if text.startswith(" to ", cue.end) and _next_word(text, cue.end + 3, s_end) in _VERBS:
        return None  # "Obama seemed to recognize ...": the second verb has the subject as its source
    start = s_start
    for mark in _CLAUSE_STARTS:
        at = text.rfind(mark, s_start, cue.start)
        if at >= 0 and at + len(mark) > start:
            start = at + len(mark)
    start, _ = _clause(doc, start, cue.start)
    _, end = _clause(doc, cue.end, s_end)
    start = _after_connective(text, start, cue.start)
    if text[start:cue.start].rstrip() in ("it", "It", "it is", "It is"):  # "it seems CONTENT": no subject
        start, _ = _clause(doc, cue.end, end)
    if end - start < 8 or cue.start - start > 150:
        return None
    return _Attribution(cue, cue.start, cue.end, None, None, "indirect.impression"), start, end, "indirect.impression"


def _passive(text: str, cue: _Cue) -> bool:
    """"was offered", "has been widely criticized": a form of "be" (and adverbs) right before the
    participle, and no agent ("by X") after it."""
    pos = cue.start
    for _ in range(3):
        word = _word_before(text, pos)
        if word in _PASSIVE_WORDS:
            return not text.startswith(" by ", cue.end)
        if not (word.endswith("ly") and word.islower()):
            return False
        pos -= len(word) + 1
    return False


def _asked(doc: _Doc, cue: _Cue, s_start: int, s_end: int):
    """"When asked whether she wanted Cruz to campaign, ..." / "Asked about the plan, he said":
    the question, with no source."""
    text = doc.text
    pos = cue.end
    comma = text.find(",", pos, s_end)
    stop = comma if comma > 0 else s_end
    for word in _QUESTION_OPENERS:  # "asked by a reporter whether", "Asked Tuesday about": the question
        at = text.find(word, pos, min(stop, pos + 60))
        if at >= 0:
            pos = at + 7 if word == " about " else at
            break
    start, end = _clause(doc, pos, stop)
    if end - start < 3:
        return None
    return _Attribution(cue, cue.start, cue.end, None, None, "indirect.asked"), start, end, "indirect.asked"


def clause_start(text: str, cue: _Cue | str, s_end: int, cue_end: int | None = None,
                 deadline: Deadline = NO_DEADLINE, reported: bool = False) -> int:
    """Where the reported clause after a verb begins: after the audience of "told" and a short
    time or place ("said on Tuesday that"). ``cue`` is a cue or a verb form with its end;
    ``reported``: the clause is all there is (no quotation follows), so "to" + a verb is its start."""
    form, pos = (cue.form, cue.end) if isinstance(cue, _Cue) else (cue, cue_end)
    if form in _TELL:  # X told AUDIENCE (that) ...
        aud_end = _audience_end(text, pos, s_end, deadline)
        if aud_end is not None:
            if text.startswith(_INFINITIVE, aud_end):
                return pos  # "asked Congress to pass ...": the object belongs to the request
            pos = aud_end
        that = text.find(" that ", pos, min(s_end, pos + 90))  # told FBI agents in 2014 that ...
        if that >= 0 and _NO_PUNCTUATION.isdisjoint(text[pos:that]):
            for word in _QUESTION_WORDS:  # asked Pence whether that would ...: the question comes first
                at = text.find(word, pos, that + 1)
                if at >= 0 and at < that:
                    that = at
            return that + 1
    lead = _word_after(text, pos, min(s_end, pos + 60))  # (the patterns below run only after their first word)
    duration = _FOR_TIME.match(text, pos, min(s_end, pos + 60), timeout=deadline.left()) \
        if lead in _FOR_TIME_OPENERS else None
    if duration is not None:
        return duration.end() + 1
    if text.startswith(_PARTICLE_AFTER_VERB, pos) and not _ABOUT_QUANTITY.match(text, pos, min(s_end, pos + 30)) or (
            form in _VERBS and text.startswith(_LEMMA_PARTICLES.get(_VERBS[form][0], ()), pos)):
        # called for X, warned of X, asked about X, pointed out that X, referred to X
        after = text.index(" ", pos + 1) + 1
        pronoun = _word_after(text, after, min(s_end, after + 6))
        if text.startswith("to ", pos + 1) and pronoun in _OBJECT_PRONOUNS and text.startswith(" that ", after + len(pronoun)):
            return after + len(pronoun) + 1  # "replied to him that X": the addressee is not the content
        return after
    that = text.find(" that ", pos, min(s_end, pos + 95))  # said on Tuesday that ...
    if reported and that > pos and text.startswith("to ", pos + 1) and _next_word(text, pos + 3, that).islower() \
            and _next_word(text, pos + 3, that) not in _TO_AUDIENCE:
        that = -1  # "refused to join the debate that ...": an infinitive, not "said to reporters that"
    if that > pos and (text.startswith(_ADVERBIAL_STARTS, pos + 1) or (
            form in _OBJECT_THAT and that - pos < 40)) and _NOT_IN_ADVERBIAL.isdisjoint(text[pos:that]):
        return that + 1  # ... or "expressed concern that ...": the clause after the noun
    m = _LEAD_TIME.match(text, pos, min(s_end, pos + 40), timeout=deadline.left()) if lead in _LEAD_TIME_OPENERS else None
    if m is not None:  # "said Wednesday he agrees ...", "have said repeatedly they ...": the time is the cue's
        return m.end() + 1
    m = _LEAD_CHANNEL.match(text, pos, min(s_end, pos + 60), timeout=deadline.left()) \
        if lead in _LEAD_CHANNEL_OPENERS else None
    if m is not None:  # "said in an interview the rate would ...": the channel is the cue's
        return m.end()
    m = _LEAD_PHRASE.match(text, pos, min(s_end, pos + 60), timeout=deadline.left()) \
        if lead in _LEAD_PHRASE_OPENERS else None
    if m is not None:  # "said after the convention he would ...": the phrase is the cue's
        return m.end()
    return pos


def _audience_end(text: str, pos: int, end: int, deadline: Deadline) -> int | None:
    """Where the audience right after "told" at ``pos`` ends (told Fox News Sunday / told reporters)."""
    aud = mention_after(text, pos, end)
    if aud is not None:
        return aud.end
    words_after = _TOLD_WHOM.match(text, pos, min(end, pos + 80), timeout=deadline.left())
    return words_after.end() if words_after else None


def _word_after(text: str, pos: int, end: int) -> str:
    """The first word in [pos, end) past the white space, or '' (a pattern that needs blanks and then
    one of some words can match only when this is one of them)."""
    words_ = text[pos:end].split(None, 1)
    return words_[0] if words_ else ""


def _first_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first word or two after ``start`` (before a comma): a source such as "exit polls"."""
    while start < end and text[start] == " ":
        start += 1
    stop = start
    for _ in range(2):
        cut = end
        for ch in (" ", ",", ".", ";"):
            at = text.find(ch, stop + 1, cut)
            if at >= 0:
                cut = at
        if cut <= stop:
            break
        stop = cut
        if stop < end and text[stop] != " ":
            break
    return (start, stop) if stop > start else None


def clause_stop(text: str, start: int, end: int, marks: tuple[str, ...] | None = None,
                after_comma: frozenset[str] = _STOP_AFTER_COMMA) -> int:
    """The first place in [start, end) where a reported clause stops early, else ``end``
    (str.find for each mark: a handful of C scans instead of one pattern with look-aheads)."""
    stop = end
    for mark in marks or _STOP_MARKS:
        at = text.find(mark, start, stop)
        if at >= 0:
            stop = at
    at = text.find(" and ", start, stop)  # "... and insisted that ...": a second reported clause
    while at >= 0:
        word_end = text.find(" ", at + 5, min(stop, at + 20))
        word = text[at + 5:word_end if word_end > 0 else min(stop, at + 20)]
        # ... or "and she accused ...": a new clause ("said A and supports B": B is still what was said)
        if (word in _SPEECH and word not in _QUOTE_ONLY) or word in _NEW_SUBJECTS:  # not "and talked about"
            stop = at
            break
        at = text.find(" and ", at + 5, stop)
    at = text.find(", ", start, stop)
    while at >= 0:
        word_end = text.find(" ", at + 2, min(stop, at + 16))
        word = text[at + 2:word_end if word_end > 0 else min(stop, at + 16)]
        if word in after_comma and not text.startswith(_BUT_GOES_ON, at + 2) \
                or text.startswith(_SPEAKERS_AFTER_COMMA, at + 2) or (
                marks is None and word.endswith("ing") and word.islower() and len(word) > 5 and word != "including"):
            return at
        at = text.find(", ", at + 2, stop)
    return stop


def _clause(doc: _Doc, start: int, end: int) -> tuple[int, int]:
    """The reported clause between start and end, stopped early at ; / — / , saying."""
    text = doc.text
    while start < end and not (text[start].isalnum() or text[start] in _CLAUSE_OPENERS):
        start += 1
    if start >= end:
        return start, start
    stop = clause_stop(text, start, end, after_comma=_CLAUSE_STOP_AFTER_COMMA)
    if stop > start:
        end = stop
    while end > start and text[end - 1] in " \t,.;:":
        end -= 1
    return start, end


# --------------------------------------------------------------------------------------------
# Step 5: assembling the rows
# --------------------------------------------------------------------------------------------

def extract_quotes(text: str, seg: Segmentation, deadline: Deadline = NO_DEADLINE) -> list[Quote]:
    """Quotes of one document, ordered by start, never overlapping.

    >>> from pipeline.segment import segment
    >>> text = 'Talks\\n\\n"Our trade is growing," said Vladimir Putin. He said ties are close.'
    >>> [(q.kind, q.text, q.speaker, q.cue) for q in extract_quotes(text, segment(text))]
    [('direct', 'Our trade is growing,', 'Vladimir Putin', 'said'), ('indirect', 'ties are close', 'Vladimir Putin', 'said')]
    """
    if not seg.paragraphs:
        return []
    written = text
    if "\xa0" in text:  # a no-break space reads as a space ("he\xa0told"); rows keep the document's characters
        text = text.replace("\xa0", " ")
    spans = _pair_marks(text, seg, deadline)
    spans, shows = _split_shows(text, spans, seg.paragraphs)
    if shows:  # a show's name reads as the writer's words: told  Fox & Friends  that ...
        text = _unquoted(text, shows)
    cues = _find_cues(text, deadline)
    cue_starts = [c.start for c in cues]
    if spans:
        _mark_quoted(spans, cues)
    # verbs of the "indirect" class report clauses only: quotations never look for them
    doc = _Doc(text, seg, deadline, [c for c in cues if c.form not in _INDIRECT_ONLY and c.form not in _POLL_FORMS])
    polls = [c.start for c in cues if c.form in _POLL_FORMS]
    found: list[tuple] = []  # (start, end, p_first, p_last, kind, utterance, attribution)
    utterance = -1
    prev: tuple[_Span, _Attribution | None, int, str] | None = None  # last quote, attribution, utterance, kind
    spans_by_start = [s.open_start for s in spans]
    for span in spans:
        if _markup(text, span):
            continue
        attr, whole = _attribute_span(doc, span, prev[1] if prev is not None else None)
        if attr is not None:
            attr = _nearer_subject(doc, attr)
        kind = "direct" if whole or not span.closed or span.p_last > span.p_first else "partial"
        if span.title:
            kind = "partial" if attr is None else kind
        if (attr is None or attr.rule == "direct.subject_colon") and prev is not None and prev[1] is not None \
                and prev[1].mention is not None and (attr is None or prev[0].close_end >= doc.sentence(span.open_start)[0]):
            inherited, same = _inherit(doc, span, prev, kind)
            attr = inherited or attr
            if inherited is not None and same:  # "A," he said, "b ...": a fragment of the same quote
                kind = prev[3]
        if attr is not None and prev is not None and (
                attr.rule in ("inherited.sentence", "direct.interrupted")
                or (attr.cue is not None and prev[1] is not None and attr.cue is prev[1].cue)):
            u = prev[2]
        else:
            utterance += 1
            u = utterance
        if _title(doc, span) and (
                (kind == "partial" and (attr is None or _clause_goes_on(doc, span, attr)))
                or (kind == "direct" and (attr is None or attr.rule in _APPOSITION_RULES)
                    and text[max(0, span.open_start - 3):span.open_start].rstrip().endswith(","))):
            if attr is not None and attr.cue is not None:
                attr.cue.used = False  # its verb reports what follows: on "This Week," Carson admitted that ...
            attr, kind = None, "partial"  # a title or a name in quotation marks: "The Apprentice", ABC's "This Week"
        if attr is not None and attr.cue is not None and attr.cue.form != "according":
            attr = _according_to(doc, span, attr)
            if attr.mention is not None and attr.mention[1] <= span.open_start:
                attr = _poll_source(doc, attr, polls)
            if attr.mention is not None and attr.cue is not None and attr.cue.form in _IMPRESSIONS:
                # "The email appears to contradict ... "...": an impression has no source (as in PolNeAR)
                attr = _Attribution(attr.cue, attr.cue_start, attr.cue_end, None, None, attr.rule + "_impression", attr.via)
            elif attr.mention is not None and _passive_cue(text, attr):
                attr = _Attribution(attr.cue, attr.cue_start, attr.cue_end, None, None, attr.rule + "_passive", attr.via)
        found.append((span.start, span.end, span.p_first, span.p_last, kind, u, attr))
        prev = (span, attr, u, kind)
        if attr is not None and attr.cue is not None and attr.cue.end <= span.open_start:
            # said any candidate who wants to "...": the verbs between the cue and the quote, but not the
            # rest of an earlier sentence the cue is in ('"...," said Nicky Driscoll, who said Sanders ...
            # "...": the quote inherits "said"; "who said" reports on its own)
            cue_end = doc.sentence(attr.cue.start)[1]
            for inner in doc.cues_between(attr.cue.end if span.open_start < cue_end else cue_end, span.open_start):
                inner.used = True
    # indirect speech from the cues no quote used
    last_end = -1
    colon_rows = _colon_paragraphs(doc, spans)  # "Name: CONTENT" paragraphs; their verbs are theirs
    for start, end, _ in colon_rows:
        for cue in cues[bisect.bisect_left(cue_starts, start):bisect.bisect_left(cue_starts, end)]:
            cue.used = True
    found = _outside(found, [(start, end) for start, end, _ in colon_rows])  # its words in single marks
    turn_rows, turn_ranges = _transcript_turns(doc)  # a quoted transcript: one direct quote a turn
    for start, end in turn_ranges:
        for cue in cues[bisect.bisect_left(cue_starts, start):bisect.bisect_left(cue_starts, end)]:
            cue.used = True
    found = _outside(found, turn_ranges)
    n_quoted = len(found)
    for start, end, p_first, p_last, attr in turn_rows:
        utterance += 1
        found.append((start, end, p_first, p_last, "direct", utterance, attr))
    for start, end, attr in colon_rows:
        utterance += 1
        found.append((start, end, doc.paragraph(start), doc.paragraph(start), "indirect", utterance, attr))
    for cue in cues:
        if cue.used or cue.start < last_end:
            continue
        reported = _indirect(doc, cue)
        more, doc.more = doc.more, None
        if reported is None:
            continue
        attr, start, end, rule = reported
        if attr.mention is not None:
            doc.subjects[cue.start] = attr  # for a participle after its clause (see _subject_of_verb_before)
        end = _before_trailing_dash(text, start, end)
        i = bisect.bisect_left(spans_by_start, start)
        if (i < len(spans) and spans[i].open_start < end) or (i > 0 and spans[i - 1].close_end > start):
            continue  # it would overlap a quotation
        if start < last_end:
            continue
        p_first, p_last = doc.paragraph(start), doc.paragraph(end - 1)
        utterance += 1
        found.append((start, end, p_first, p_last, "indirect", utterance, attr))
        last_end = max(end, cue.end)
        if more is not None:  # the clause resumes after the attribution: a second fragment
            m_start, m_end = more
            j = bisect.bisect_left(spans_by_start, m_start)
            if not ((j < len(spans) and spans[j].open_start < m_end) or (j > 0 and spans[j - 1].close_end > m_start)):
                found.append((m_start, m_end, p_first, p_first, "indirect", utterance, attr))
                last_end = m_end
    if len(found) > n_quoted:
        found.sort(key=_START)
        _after_indirect(text, found)
    if shows:
        found = _around_shows(found, shows)
    # rows in text order, so that speakers are resolved against what came before them
    people = People(text, deadline)
    renumber: dict[int, int] = {}
    resolved: dict[tuple, object] = {}  # a mention shared by fragments and inherited rows is resolved once
    rows = [_row(doc, people, s, e, p1, p2, kind, renumber.setdefault(u, len(renumber)), attr, resolved)
            for s, e, p1, p2, kind, u, attr in found]
    return rows if written is text else [_as_written(written, q) for q in rows]


def _outside(rows: list[tuple], ranges: list[tuple[int, int]]) -> list[tuple]:
    """The ``rows`` whose start lies in none of the [start, end) ``ranges``: the ranges merged
    once and one bisect a row, not a pass over every row for each range (a page of "Name:"
    paragraphs and quotations made that quadratic)."""
    if not ranges:
        return rows
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < merged[i][1]

    return [row for row in rows if not inside(row[0])]


def _mark_quoted(spans: list[_Span], cues: list[_Cue]) -> None:
    """A verb inside quotation marks is quoted, not reporting: mark it used. Both lists are in text
    order, so one walk over them does (a cue is inside the last quotation opened at or before it)."""
    i, n = -1, len(spans)
    for cue in cues:
        while i + 1 < n and spans[i + 1].open_start <= cue.start:
            i += 1
        if i >= 0 and cue.start < spans[i].close_end:
            cue.used = True


def _as_written(text: str, q: Quote) -> Quote:
    """A row read on the text with plain spaces, with the document's own characters in its strings."""
    return replace(q, text=text[q.start:q.end],
                   speaker_mention=text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None,
                   cue=text[q.cue_start:q.cue_end] if q.cue_start is not None else None)


_TITLE_SMALL = frozenset("a an and the of to for in on at by with from or nor but as vs &".split())
_TITLE_STOPS = frozenset(".!?;:")  # no word of a title holds one
_TITLE_MAX_WORDS = 7
# Words right before a show's or a publication's quoted name: said on "Meet the Press", told "Fox &
# Friends", in "The German Ideology," (not "to": promised to "Punch a Nazi" quotes a promise) ...
_SHOW_LEADS = frozenset(("on", "told", "in"))
# ... and before a network's possessive and the name: told ABC's "This Week", host of CNN's "New Day"
_NETWORK_LEADS = _SHOW_LEADS | frozenset(("to", "with", "of", "during", "from", "at"))
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_NETWORK_WORDS = 4  # capitalised words of a network's name before its possessive: Fox News Channel's
_SHOW_NOUNS = words("quote_show_nouns.txt")  # the nouns a show's name modifies: "Morning Joe" co-host
# a title after a comma is an apposition, with no reporting verb: her new film, 'Harbour Lights.'
_APPOSITION_RULES = frozenset(("direct.subject_colon", "direct.clause_subject_colon"))


def _title_case(text: str, span: _Span) -> bool:
    """A short closed quotation of one paragraph in Title Case: "Meet the Press," / "Fox & Friends"."""
    if not span.closed or span.p_first != span.p_last or span.end - span.start > 80:
        return False
    words_ = text[span.start:span.end].rstrip(",.").split()
    if not 0 < len(words_) <= _TITLE_MAX_WORDS or not words_[0][:1].isupper():
        return False
    for w in words_:
        if not (w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL) or not _TITLE_STOPS.isdisjoint(w):
            return False
    return True


def _show_title(text: str, span: _Span) -> bool:
    """A quotation shaped like the name of a show or a publication: Title Case, with no word in
    capitals only, no exclamation, question or inner comma, which are quoted words ("MUST OPEN",
    'dealt with in "New York, Seattle, or Minneapolis."')."""
    if not _title_case(text, span):  # (first: its length test ends most calls)
        return False
    content = text[span.start:span.end]
    return not (content.rstrip(",.")[-1:] in "!?" or "," in content.rstrip(",") or content.isupper())


def _show_object(text: str, span: _Span, p_start: int) -> bool:
    """The quoted name is the object of on, told or in (said on "Meet the Press." / told "Fox &
    Friends" / in "The German Ideology,"), or follows a network's possessive after one of these or
    a few more words (told ABC's "This Week" / host of CNN's "New Day")."""
    before = text[max(p_start, span.open_start - 60):span.open_start].split()
    i = len(before)
    network = i > 0 and before[-1][-2:].lower() in _POSSESSIVE_ENDS and before[-1][:1].isupper()
    if network:
        i -= 1
        while i > 0 and len(before) - i < _NETWORK_WORDS and before[i - 1][:1].isupper():
            i -= 1
    return i > 0 and before[i - 1] in (_NETWORK_LEADS if network else _SHOW_LEADS)


def _show_modifier(text: str, span: _Span) -> bool:
    """The quoted name modifies the noun after it: "Morning Joe" co-host, the "Today" show."""
    after = text[span.close_end:span.close_end + 20]
    noun = after.split(None, 1)[:1]  # (none at the end of the text: '"Xa" ')
    return text[span.end - 1].isalnum() and after[:1] == " " and noun != [] and noun[0] in _SHOW_NOUNS


def _split_shows(text: str, spans: list[_Span], paragraphs: list[tuple[int, int]]) -> tuple[list[_Span], list[_Span]]:
    """``spans`` as (quotations, names of shows): a show's name (the object of a preposition or of
    "told", the modifier of a noun) is no quotation."""
    quotations, shows = [], []
    for span in spans:
        named = _show_title(text, span) and (
            _show_object(text, span, paragraphs[span.p_first][0]) or _show_modifier(text, span))
        (shows if named else quotations).append(span)
    return quotations, shows


def _out_of_show(pos: int, opens: list[int], shows: list[_Span], start: bool) -> int:
    """A boundary inside a show's name, moved out of it: a start to its opening mark, an end past
    its closing mark (on "Morning Joe / the Press" host: the marks stay paired)."""
    i = bisect.bisect_right(opens, pos) - 1
    if i >= 0 and shows[i].open_start < pos < shows[i].close_end:
        return shows[i].open_start if start else shows[i].close_end
    return pos


def _around_shows(found: list[tuple], shows: list[_Span]) -> list[tuple]:
    """The rows with their content and their speaker's words widened over the names of shows they cut."""
    opens = [s.open_start for s in shows]
    out = []
    for start, end, p_first, p_last, kind, u, attr in found:
        if attr is not None and attr.mention is not None:
            attr.mention = (_out_of_show(attr.mention[0], opens, shows, True),
                            _out_of_show(attr.mention[1], opens, shows, False))
        out.append((_out_of_show(start, opens, shows, True), _out_of_show(end, opens, shows, False),
                    p_first, p_last, kind, u, attr))
    return out


def _unquoted(text: str, shows: list[_Span]) -> str:
    """The text with the marks around the names of shows as spaces (offsets kept)."""
    parts, at = [], 0
    for s in shows:
        parts += [text[at:s.open_start], " " * (s.open_end - s.open_start), text[s.open_end:s.close_start],
                  " " * (s.close_end - s.close_start)]
        at = s.close_end
    parts.append(text[at:])
    return "".join(parts)


def _title(doc: _Doc, span: _Span) -> bool:
    """A short Title Case quotation inside the writer's sentence, not introduced by a verb or a colon:
    a book, a show, a slogan PolNeAR attributes to nobody (his memoir, "Gifted Hands," / on ABC's
    "This Week," Carson said)."""
    text = doc.text
    if not _title_case(text, span):
        return False
    s_start = doc.sentence(span.open_start)[0]
    before = text[max(s_start, span.open_start - 60):span.open_start].rstrip()
    if not any(map(str.isalpha, before)) or before.endswith((":", "—", "-")):
        return False
    last = before.rsplit(None, 1)[-1].strip(",")
    return last not in _WORD_TO_FORM


def _markup(text: str, span: _Span) -> bool:
    """Marks of a markup attribute left in the text (<tweet author="@x" date="...">): not a quotation."""
    return (span.open_start > 0 and text[span.open_start - 1] == "=") or (
        "<" in text[span.start:span.end] and ">" in text[span.start:span.end])


def _clause_goes_on(doc: _Doc, span: _Span, attr: _Attribution) -> bool:
    """The attribution after a quotation goes on with a clause of its own (on "This Week," Carson
    admitted that ...): the quotation is not what was said."""
    if attr.cue_start is None or attr.cue_start < span.close_end:
        return False
    end = max(attr.cue_end, attr.mention[1] if attr.mention is not None else 0)
    return doc.text[end:end + 1] not in (".", ",", ";", ")", "!", "?", "\n", "")


def _passive_cue(text: str, attr: _Attribution) -> bool:
    """"X was asked about ...", "voters are expected to ...", "he has been called ...": the subject
    of a passive reporting verb is not who speaks."""
    if attr.cue_start is None or attr.mention[1] > attr.cue_start:
        return False
    cue_words = text[attr.cue_start:attr.cue_end].split()
    return len(cue_words) > 1 and (cue_words[0] in _PASSIVE_WORDS or "been" in cue_words) \
        and not cue_words[-1].endswith("ing")


def _according_to(doc: _Doc, span: _Span, attr: _Attribution) -> _Attribution:
    """'"...," X said, according to Y.' / 'According to Y, X said "..."': PolNeAR credits the
    source Y, the one the writer cites, not X (a channel already read as ``via`` stays one: "said
    Putin, according to a Kremlin press release")."""
    if not doc.according:  # most documents cite no source this way: nothing to read
        return attr
    s_start, s_end, _ = doc.sentence(attr.cue.start)
    if span.open_start < s_start:
        s_start = span.open_start
    # a run-on "sentence" is read near the quote and its verb only
    s_start = _window_start(doc.text, s_start, min(span.open_start, attr.cue.start) - 4 * LOOKBACK)
    s_end = min(s_end, max(span.close_end, attr.cue.end) + 4 * LOOKBACK)
    for cue in doc.according_between(s_start, s_end):
        if not cue.used and (cue.start < span.open_start or cue.start >= span.close_end):
            if attr.via is not None and attr.via in doc.text[cue.end:cue.end + 5 + len(attr.via)]:
                return attr  # the channel of X's words, not another source
            source = _attr_from_after(doc, cue, min(s_end, cue.end + 120), attr.rule + "_according_to")
            if source is not None:
                cue.used = True
                return source
    return attr


def _poll_source(doc: _Doc, attr: _Attribution, polls: list[int]) -> _Attribution:
    """'In a September Washington Post-ABC News poll, 75 percent of Republicans said "..."': PolNeAR
    credits the poll named by the sentence-opening "In ...," (as for indirect speech, see _in_poll)."""
    if not polls:  # no poll noun in the document
        return attr
    text = doc.text
    s_start = doc.sentence(attr.mention[0])[0]
    at = s_start
    while at < attr.mention[0] and text[at] in " \t\"“(":
        at += 1
    if not text.startswith("In ", at):
        return attr
    comma = text.find(", ", at, attr.mention[0])
    i = bisect.bisect_left(polls, at)
    if comma < 0 or i == len(polls) or polls[i] > comma or text.find(",", comma + 1, attr.mention[0]) >= 0:
        return attr
    return _Attribution(attr.cue, attr.cue_start, attr.cue_end, (at + 3, comma), None, attr.rule + "_in_poll", attr.via)


def _inherit(doc: _Doc, span: _Span, prev: tuple[_Span, _Attribution | None, int, str], kind: str):
    """A quote with no cue of its own takes the attribution of the quote just before it when it
    opens its paragraph right after that quote's paragraph, or follows it in the same paragraph."""
    p_span, p_attr, _, _ = prev
    assert p_attr is not None
    text = doc.text
    if span.p_first == p_span.p_last:
        if kind == "partial" and doc.sentence(span.open_start)[0] >= p_span.close_end:
            return None, False  # a fragment in a later sentence of the writer's: "... Rubio is taking heat over the "Gang of Eight""
        between = text[p_span.close_end:span.open_start]
        # verbs in the rest of the attribution's sentence ('"A," Trump said, after Jones assured him
        # that ... "B."') belong to it; only a later sentence can bring a speaker of its own
        stop = full_stop(text, p_span.close_end, span.open_start)
        after = p_span.close_end if stop < 0 else stop
        if len(between) < 400 and span.open_start - after < 200 and not any(
                not c.used and c.form in _SPEECH and _speaks_in_gap(text, c, after)
                for c in doc.cues_between(after, span.open_start)):
            # the gap holds only the attribution of the previous quote (or nothing)
            if p_attr.mention is not None and (p_attr.mention[1] <= span.open_start):
                rule = "direct.interrupted" if between.rstrip().endswith(",") else "inherited.sentence"
                return _clone(p_attr, rule), True
        return None, False
    if span.p_first == p_span.p_last + 1 and span.open_start == doc.seg.paragraphs[span.p_first][0]:
        return _clone(p_attr, "inherited.paragraph"), False
    return None, False


def _speaks_in_gap(text: str, cue: _Cue, limit: int) -> bool:
    """A verb between two quotes with a speaker of its own (not "who supports ..." describing the
    previous speaker)."""
    m = mention_before(text, cue.start, limit)
    return m is not None and text[m.start:m.end] != "who"


def _after_indirect(text: str, found: list[tuple]) -> None:
    """A whole quotation with no source right after a reported clause (in the next sentence or
    paragraph) goes on with that clause's source: 'Carter said that ... would not happen. "That's
    because ..."' (PolNeAR: one attribution)."""
    for i in range(1, len(found)):
        start, end, p_first, p_last, kind, u, attr = found[i]
        prev = found[i - 1]
        source = prev[6]
        if attr is None and kind == "direct" and prev[4] == "indirect" and source is not None \
                and source.mention is not None and p_first - prev[3] <= _AFTER_INDIRECT_PARAGRAPHS \
                and not _between_clause_and_quote(text, prev[1], start, source):
            found[i] = (start, end, p_first, p_last, kind, prev[5] if p_first == prev[3] else u,
                        _clone(source, "inherited.indirect"))


_AFTER_INDIRECT_PARAGRAPHS = 1
_BETWEEN_CLAUSE_AND_QUOTE = " \t\n.\"“'‘"


def _between_clause_and_quote(text: str, end: int, start: int, source: _Attribution) -> str:
    """The words between a reported clause and the next quotation, less the clause's own source
    when it follows the clause ('..., Schiff said. "..."')."""
    at = source.mention[0] if source.cue_start is None else min(source.cue_start, source.mention[0])
    if end <= at < start:
        stop = max(source.mention[1], source.cue_end or 0)
        return (text[end:at] + text[stop:start]).strip(_BETWEEN_CLAUSE_AND_QUOTE + ",")
    return text[end:start].strip(_BETWEEN_CLAUSE_AND_QUOTE)


_NOMINATIVE = frozenset("he she they we He She They We who which".split())
_NEARER_SUBJECT_REACH = 300  # characters from the subject found to the verb
# a subject pronoun (or relative) after a space or comma, before a space
_NEAR_PRONOUNS = ("he", "she", "they", "we", "I", "He", "She", "They", "We", "who", "which")
_NEAR_PRONOUN = regex.compile(rf"(?<=[ ,])(?:{'|'.join(_NEAR_PRONOUNS)})(?=[ ])")
_NEAR_PRONOUN_WORDS = frozenset(_NEAR_PRONOUNS)
# a clause opener before a capital: 'that Sanders', 'when Obama'
_CLAUSE_OPENERS_BEFORE_NAME = ("that", "as", "when", "while", "because", "where")
_CLAUSE_OPENER = regex.compile(rf"(?<= )(?:{'|'.join(_CLAUSE_OPENERS_BEFORE_NAME)})[ \t]+(?=\p{{Lu}})")
_CLAUSE_OPENER_WORDS = frozenset(_CLAUSE_OPENERS_BEFORE_NAME)


def _nearer_subject(doc: _Doc, attr: _Attribution) -> _Attribution:
    """A pronoun subject between the mention found and the verb is the subject of the verb's own
    clause and the mention as written (PolNeAR's): 'When Mook was asked ..., he laughed and said',
    'Obama has been criticized ..., though last week he used stronger language, saying',
    'Clinton, who could be celebrating being dubbed "..."'."""
    text = doc.text
    if attr.mention is None or attr.cue_start is None:
        return attr
    end, cue_start = attr.mention[1], attr.cue_start
    if end >= cue_start or cue_start - end > _NEARER_SUBJECT_REACH:
        return attr
    gap = text[end:cue_start]
    if not _GAP_BREAKERS.isdisjoint(gap) or ". " in gap:
        return attr
    words_ = gap.replace(",", " ").split()  # each word either pattern matches is one of these
    found = None
    if not _NEAR_PRONOUN_WORDS.isdisjoint(words_):
        for m in _NEAR_PRONOUN.finditer(text, end, cue_start, timeout=doc.deadline.left()):
            found = m
    if found is None:
        if _CLAUSE_OPENER_WORDS.isdisjoint(words_):
            return attr
        return _nearer_named_subject(doc, attr, end, cue_start)
    before = text[max(end, found.start() - 40):found.start()]
    prev = before.split()[-1:] if before.strip() else []
    if found.group() in ("who", "which"):
        if not (before.endswith((", ", "-- ", "— ")) or prev and prev[0][:1].isupper()):
            return attr  # 'He praised those who left but said': a relative clause of an object
    elif not (before.endswith(", ") or prev and (prev[0] in _BEFORE_NEAR_SUBJECT or prev[0][:1].isupper())):
        return attr  # 'Carson said he saw ...', 'the suggestion that he was ...': a clause reported or described
    after = text[found.end():cue_start]
    if attr.cue is not None and attr.cue.form in _GERUNDS and after.rstrip().endswith(","):
        after = after.rstrip()[:-1]  # 'he used stronger language, saying': the participle of his clause
    words_ = after.split()
    if "," in after or words_ and (not words_[0][:1].islower() or words_[0] in _NOT_A_VERB_AFTER_PRONOUN):
        return attr
    return _Attribution(attr.cue, attr.cue_start, attr.cue_end, found.span(), None, attr.rule, attr.via)


def _nearer_named_subject(doc: _Doc, attr: _Attribution, end: int, cue_start: int) -> _Attribution:
    """A name opening a clause after 'that', 'as', 'when' ... between the mention found and the verb:
    'It has become such a presence that Sanders during a Sunday thanked its members "..."'."""
    text = doc.text
    opener = None
    for m in _CLAUSE_OPENER.finditer(text, end, cue_start, timeout=doc.deadline.left()):
        opener = m
    if opener is None:
        return attr
    m = mention_after(text, opener.end() - 1, cue_start)
    if m is None or m.start != opener.end() or text[m.start:m.end] in _PRONOUNS:
        return attr
    after = text[m.end:cue_start]  # (a participle after a comma is the main clause's: 'accusations that Rubio recites ..., calling')
    words_ = after.split()
    if "," in after or words_ and (not words_[0][:1].islower() or words_[0] in _NOT_A_VERB_AFTER_PRONOUN):
        return attr
    return _Attribution(attr.cue, attr.cue_start, attr.cue_end, (m.start, m.end), m.appos, attr.rule, attr.via)


_NOT_A_VERB_AFTER_PRONOUN = frozenset("and or of to".split())
# words before a subject pronoun that start its clause ('Saturday when he formally announced ...,
# calling', 'even as he defended ..., saying', 'last week he used ...')
_BEFORE_NEAR_SUBJECT = frozenset("and but when as while though although so then yet where whereas week weekend month year "
                                 "day night morning afternoon evening today yesterday".split())


def _clone(attr: _Attribution, rule: str) -> _Attribution:
    return _Attribution(attr.cue, attr.cue_start, attr.cue_end, attr.mention, attr.appos, rule, attr.via)


def _row(doc: _Doc, people: People, start: int, end: int, p_first: int, p_last: int, kind: str,
         utterance: int, attr: _Attribution | None, cache: dict) -> Quote:
    text = doc.text
    if attr is None:
        return _new_quote(start, end, text[start:end], p_first, p_last - p_first + 1, kind, utterance,
                          None, None, None, None, "unknown", None, None, None, None, None,
                          f"{kind}.unattributed")
    speaker, mention, s_start, s_end, s_kind = None, None, None, None, "unknown"
    if attr.mention is not None:
        s_start, s_end = attr.mention
        mention = text[s_start:s_end]
        key = (s_start, s_end, attr.appos)
        resolved = cache.get(key)
        if resolved is None:
            resolved = cache[key] = people.resolve(mention, s_start, attr.appos)
        speaker, s_kind = resolved.name, resolved.kind
    cue = text[attr.cue_start:attr.cue_end] if attr.cue_start is not None else None
    lemma = None
    if attr.cue is not None:
        lemma = "according to" if attr.cue.form == "according" else "in" if attr.cue.form in _POLL_FORMS \
            else _VERBS[attr.cue.form][0]
    return _new_quote(start, end, text[start:end], p_first, p_last - p_first + 1, kind, utterance,
                      speaker, mention, s_start, s_end, s_kind, cue, attr.cue_start, attr.cue_end, lemma,
                      attr.via, attr.rule)
