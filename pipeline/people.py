"""Speaker mentions and their resolution to the people and organisations of one document.

Two parts:

* the mention readers: :func:`mention_before` finds the speaker written just before a reporting verb
  ("Russian President Vladimir Putin", "he", "the Russian president", "Putin, the Russian
  president,") and :func:`mention_after` the one written just after it ("said Tokayev",
  "said spokesman John Kirby");
* :class:`People`, a per-document register filled left to right as speakers are met, which gives a
  mention its fullest name in the document ("Putin" -> "Vladimir Putin" when the article names
  him so) and resolves pronouns and descriptions ("he", "the president", "the ministry") to the
  nearest compatible earlier person or organisation, or to nothing rather than a guess.

:data:`SUBJECT` finds the mention that opens a clause, for speakers that stand far from their verb
("Mr. Manafort, citing ..., said" / "X rallied supporters, saying: ...").

Every look-up is a dictionary; the only text it reads again is a bounded window before a pronoun
and the first occurrences of a surname (found with ``str.find``, at most :data:`MAX_NAME_SCANS`
names a document), so the work stays linear in the document's length.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import NamedTuple, Sequence

import regex

from .limits import NO_DEADLINE, Deadline
from .vocab import alternation, table, words

__all__ = ["Speaker", "People", "Mention", "mention_before", "mention_reach", "mention_limit", "mention_after", "SUBJECT", "mention_kind", "personal_name", "trim_mention"]

MAX_NAME_SCANS = 24  # distinct surnames looked up for their fullest form, per document
MAX_OCCURRENCES = 2  # occurrences of a surname read for its fullest form (the first ones name in full)
PRONOUN_WINDOW = 400  # characters before a pronoun searched for a named antecedent
MENTION_REACH = 200  # characters before a verb read for its speaker (mention_before's limit is never further back)

_PRONOUNS = {row[0]: (row[1], row[2]) for row in table("people_pronouns.tsv")}
_TITLES = {row[0]: row[1] for row in table("people_titles.tsv")}
_TITLES_WITHOUT_STOP = frozenset(t[:-1] for t in _TITLES if t.endswith("."))  # "Sen" for "Sen.": no string made a token
_ROLES = {row[0]: row[1] for row in table("people_roles.tsv")}
_STOP = words("people_stopwords.txt")
# Month names the stopwords drop, which are family names too: "Theresa May", "Mrs May", "said May"
_MONTH_NAMES = frozenset(w.capitalize() for w in words("fact_months.txt")) & _STOP
# Definite descriptions (People._described): words that make a title another office ("shadow
# chancellor", "former coach" are not "the chancellor"), how many earlier uses of the head word are
# read for the name it stood before, and how far back "a strategist" (someone unnamed) is looked for.
_RANK_WORDS = words("people_rank_words.txt")
_MAX_DESCRIBED = 6
_INDEFINITE = frozenset(("a", "an", "one", "another"))
_DESCRIBED_REACH = 20_000
_GIVEN = {row[0]: row[1] for row in table("people_given_names.tsv")}  # given name -> m | f | x
# words inside the name of an organisation: "Bank of England", "Institute for Fiscal Studies",
# "Marks and Spencer", "Council on Foreign Relations"
_NAME_CONNECTORS = frozenset("of for and & on".split())
_AND = frozenset("and &".split())
_COMPANY_SUFFIXES = words("people_company_suffixes.txt")  # "Co", "Inc": a company's name ends here
_ORG_NAME_WORDS = words("people_organisation_names.txt")  # the New York Times, Fox News, the Treasury
_CONNECTOR_NEEDLES = tuple(f" {word} " for word in ("of", *sorted(_NAME_CONNECTORS - {"of"})))  # "of" first
_OF = " of "
_SURNAME_HEADS = words("people_surname_heads.txt")  # Walter White, Margaret Court
_PLACES = words("people_places.txt")  # speak as organisations: China, Labour, the White House
_ORGANISATIONS = words("people_organisations.txt")  # Reuters, Apple, the Fed: organisations by name alone
_GROUP_WORDS = words("people_group_words.txt")  # Everyone, Nobody: a mention, no name


_ROLE_ALT = alternation(_ROLES)
_ABBREV_ALT = alternation({t.rstrip(".") for t in _TITLES if t.endswith(".")} | {"Jr", "Sr", "St"})
_PRONOUN_ALT = alternation(_PRONOUNS)
# a possessive speaks as its subject pronoun ("his claim that", "Her view that")
_POSSESSIVE_PRONOUNS = {"his": "he", "His": "He", "her": "she", "Her": "She", "its": "it", "Its": "It",
                        "their": "they", "Their": "They"}
_DETERMINERS = (
    "the The a A an An his His her Her its Its their Their our Our one One another Another some Some "
    "many Many several Several other Other two Two three Three both Both most Most all All"
).split()
_DET_ALT = alternation(_DETERMINERS)
# Pieces of the mention grammar, as text so that the before- and after-patterns share them.
_GRAMMAR = rf"""
    (?(DEFINE)
      (?P<word>                       # one capitalised word of a name:
          \p{{Lu}}(?:\.\p{{Lu}})+\.?(?=[ \t]+\p{{L}})   #   an acronym with dots (U.S. officials)
        | (?:\p{{Lu}}|{_ABBREV_ALT})\.(?=[ \t]+\p{{Lu}})   #   an initial or a title's abbreviation: J., Mr., Gen.
        | \p{{Lu}}[\p{{L}}\p{{M}}'’\-]*                #   Putin, Kassym-Jomart, Kazakhstan's
      )
      (?P<name>                       # a run of capitalised words, particles allowed inside
          (?&word)(?:[ \t]+(?:(?:de|da|van|von|bin|al|del|di|der|den|la|le)[ \t]+)?(?&word)){{0,5}}
      )
      (?P<mod>[\p{{L}}\p{{N}}'’\-]+)    # a modifier inside a description
      (?P<desc>                       # a description: the Russian president, a spokesman
          (?<![\p{{L}}\p{{N}}])(?:{_DET_ALT})(?:[ \t]+(?&mod)){{0,4}}?[ \t]+(?i:{_ROLE_ALT})(?![\p{{L}}\p{{N}}])
      )
      (?P<rolename>                   # a lower-case role before a name: spokesman John Kirby
          (?<![\p{{L}}\p{{N}}])(?:\p{{Ll}}[\p{{Ll}}\-]*[ \t]+){{0,2}}(?:{_ROLE_ALT})[ \t]+(?&name)
      )
    )
"""

_MENTION = rf"""
    (?P<mention>
        (?<![\p{{L}}\p{{N}}])(?:{_PRONOUN_ALT})(?![\p{{L}}\p{{N}}])   # a pronoun: he, she, they
      | (?&desc)                                                     # a description
      | (?&rolename)                                                 # spokesman John Kirby
      | (?<![\p{{L}}\p{{N}}])(?&name)                                 # a name
      | (?<![\p{{L}}\p{{N}}])(?:[\p{{Ll}}\-]+[ \t]+){{0,2}}(?:{_ROLE_ALT})(?![\p{{L}}\p{{N}}])   # bare plural: U.S. officials, analysts
    )
"""

# The mention that opens a sentence (its subject), for quotes introduced by other verbs:
# Alex Castellanos, a veteran media consultant, said, "..." / John Cornyn put it: "..."
SUBJECT = regex.compile(
    rf"""
    {_GRAMMAR}
    (?:(?:But|And|Yet|So|Still|Then|Later|Now|Meanwhile|However|Instead|Also)[ \t,]+(?:then[ \t,]+)?)?   # a leading connective (And then)
    {_MENTION}
    """,
    regex.VERBOSE,
)

# Capitalised runs in the window before a pronoun, for its antecedent (a plain pattern: fast).
_CAPITALISED_RUNS = regex.compile(
    r"""
    (?<![\p{L}\p{N}'’])
    \p{Lu}[\p{L}'’\-]*(?:(?<=\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|Gen|Sen|Gov|Rep))\.)?               # a capitalised word
    (?:[ \t]+\p{Lu}[\p{L}'’\-]*(?:(?<=\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|Gen|Sen|Gov|Rep))\.)?)*   # and the ones right after it
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: ``name`` (fullest form, or None) and ``kind``."""

    name: str | None
    kind: str  # person | organisation | unknown


@dataclass(slots=True, eq=False)  # compared by identity: a register, not values
class _Entity:
    name: str
    kind: str
    gender: str = "x"
    roles: set[str] = field(default_factory=set)
    last_pos: int = 0


# middle names after a family name written first: Nguyen Thi Lan, Tran Van Hung (the whole is the name)
_FAMILY_FIRST_MIDDLES = frozenset("Thi Van Thị Văn".split())


@lru_cache(maxsize=8192)
def _name_parts(mention: str) -> tuple[tuple[str, ...], frozenset[str], str]:
    """Split a written name into (name words, role words, gender) by dropping leading titles,
    stopwords and possessives: "Kazakhstan's President Kassym-Jomart Tokayev" ->
    (["Kassym-Jomart", "Tokayev"], {"president"}, "x").  An organisation's capitalised head noun
    and the connectors inside its name stay: "the Bank of England" -> (["Bank", "of", "England"],
    {"bank"}, "x"); a connector without one keeps the words after it ("Trump and Clinton" ->
    ["Clinton"])."""
    tokens = mention.replace(",", " ").split()
    if "<" in mention:  # (Reuters) a ticker is no part of the name; a name in brackets is
        tokens = [tok.strip("<>") for tok in tokens if not _ticker(tok)]
    roles: set[str] = set()
    gender = "x"
    keep: list[str] = []
    office = False  # the word after "Secretary of": the office, not the name ("Secretary of State John Kerry")
    for i, tok in enumerate(tokens):
        low = tok.lower().rstrip(".")
        if office and tok[:1].isupper() and tok not in _GIVEN:
            office = any(w in _GIVEN for w in tokens[i + 1:-1])  # "of Homeland Security Jeh Johnson": up to the name
            continue
        office = tok == "of" and not keep and i > 0 and tokens[i - 1].lower().rstrip(".") in roles
        if tok in _NAME_CONNECTORS and keep:
            if tok in _AND or _org_head(keep[-1]):
                keep.append(tok)  # "Bank of", "Food and": dropped below unless a name word follows
                continue
            break  # "Paul Miller of Thames Valley Police": the person, of an organisation
        if keep and keep[-1] in _NAME_CONNECTORS and not tok[:1].isupper():
            keep.pop()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok[:1].isupper() and low in _ROLES and _org_head(nxt) and nxt not in _GIVEN:
            roles.add(low)
            keep.append(tok)  # "Justice Department", "Labor Party": a role word naming an organisation
        elif keep and _family_title(keep, tok, nxt):
            keep.append(tok)  # "Peter King", "Larry King": after a given name a title is the family name
        elif tok in _TITLES or tok in _TITLES_WITHOUT_STOP:
            gender = _TITLES.get(tok, _TITLES.get(tok + ".", "x")) if gender == "x" else gender
            roles.add(low)
            keep = []
        elif low in _ROLES:
            roles.add(low)
            if _org_head(tok) and (keep or nxt in _NAME_CONNECTORS or nxt[:1].isupper()):
                keep.append(tok)  # "Labour Party", "Bank of England", "Senate Finance Committee"
            else:
                keep = []
        elif tok in _MONTH_NAMES and _month_family_name(tokens, i, keep):
            keep.append(tok)  # "Theresa May", "Mrs May": a family name, not the month
        elif tok.endswith(("'s", "’s")) and nxt in _COMPANY_SUFFIXES and tok[:1].isupper():
            keep.append(tok)  # "Standard and Poor's Corp", "McDonald's Corp": the company's name, no owner
        elif tok in _STOP or tok.endswith(("'s", "’s")) or not tok[:1].isupper():
            keep = []
        else:
            keep.append(tok)
    while keep and keep[-1] in _NAME_CONNECTORS:
        keep.pop()
    if _organisation_name(tuple(keep)):
        head = max(i for i, w in enumerate(keep) if _org_head(w))
        rest = keep[head + 1:]
        if rest and (rest[0] in _AND or rest[0] not in _NAME_CONNECTORS and not _GIVEN.keys().isdisjoint(rest)):
            # "the Internet Research Agency and NRA", "National Park Service Ranger Michael Kelly":
            # a name after the organisation's (not "Oxford University Press")
            keep = rest[rest[0] in _AND:]
    if not _organisation_name(tuple(keep)):
        if not _AND.isdisjoint(keep) and not _one_company(keep):  # "Trump and Clinton": the words after the
            # last "and" (not "Merrill Lynch and Co Inc", "Gulf and Western Inc": one company)
            keep = keep[max(i for i, w in enumerate(keep) if w in _AND) + 1:]
        if len(keep) >= 3 and keep[0] not in _GIVEN and keep[1] not in _FAMILY_FIRST_MIDDLES:  # Inside Jared Kushner, State Mike Pompeo
            first = next((i for i, w in enumerate(keep[1:-1], 1) if w in _GIVEN), 0)
            keep = keep[first:]
    if gender == "x" and len(keep) >= 2:  # Hillary Clinton: the given name tells
        gender = _GIVEN.get(keep[0], "x")
    return tuple(keep), frozenset(roles), gender


_NAME_SUFFIXES = frozenset("Jr. Jr Sr. Sr II III IV".split())


def _unnamed_before(text: str, head: str, pos: int) -> bool:
    """``head`` was written after "a", "an", "one" or "another" (one word between allowed) before
    ``pos``: "a strategist close to the leadership", "a senior official", someone the text never names."""
    at, lo = pos, max(0, pos - _DESCRIBED_REACH)
    for _ in range(_MAX_DESCRIBED * 3):
        at = text.rfind(head, lo, at)
        if at < 0:
            return False
        before = text[max(0, at - 30):at].lower().split()[-2:]
        if before and (before[-1] in _INDEFINITE or len(before) == 2 and before[0] in _INDEFINITE):
            return True
    return False


def _month_family_name(tokens: list[str], i: int, names: list[str]) -> bool:
    """The month name ``tokens[i]`` is a family name: it ends the name and follows a given name or a
    title ("Theresa May", "Mrs May"; not "in May", "May 5")."""
    return tokens[i] in _MONTH_NAMES and i + 1 == len(tokens) and i > 0 and (
        bool(names) and names[-1] in _GIVEN or tokens[i - 1] in _TITLES or tokens[i - 1] in _TITLES_WITHOUT_STOP)


def _family_title(names: list[str], word: str, after: str) -> bool:
    """A title or person's role that ends a name, right after a given name or an initial, is a
    family name: "Larry King", "Peter T. King of New York", "Martin Luther King III" (not "San
    Antonio Mayor Julian Castro", "German Chancellor Gerhard Schroeder": a name follows; not "U.S.
    Attorney", read as "S. Attorney")."""
    return bool(names) and names[0] in _GIVEN and (names[-1] in _GIVEN or len(names[-1]) == 2 and names[-1][1] == ".") \
        and word[:1].isupper() and not word.endswith(".") and (word in _TITLES or _ROLES.get(word.lower()) == "person") \
        and (not after[:1].isupper() or after in _NAME_SUFFIXES)


def _within(names: tuple[str, ...], full: list[str]) -> bool:
    """Every word of ``names`` is in ``full``, in order, an initial standing for a word with its
    letter: ("Clinton",) and ("Hillary", "Clinton") in "Hillary Rodham Clinton", ("J.", "Kerry") in
    "John F. Kerry"; not ("Bill", "Clinton")."""
    at = 0
    for name in names:
        initial = len(name) == 2 and name[1] == "."  # (or the last letter of one: "S." of "U.S.")
        while at < len(full) and full[at] != name and not (initial and (full[at][:1] == name[0] or full[at].endswith(name))):
            at += 1
        if at == len(full):
            return False
        at += 1
    return True


def _ticker(token: str) -> bool:
    """A Reuters ticker in angle brackets ("<HMC>", "<PUKG.PA>"): no part of a name.  A company's
    name in them ("<Trizec Corp Ltd>") is the name, without the brackets."""
    return token[:1] == "<" and token[-1:] == ">" and token[1:-1].replace(".", "").isupper()


def _one_company(words_: Sequence[str]) -> bool:
    """The words name one company with an "and" inside: "Merrill Lynch and Co Inc", "Gulf and Western
    Inc" (a company suffix ends them, none stands before the "and"; not "Hercules Inc and Collagen
    Corp", two companies, nor "Peter Friend of Walwyn Ltd", a person)."""
    if not words_ or words_[-1] not in _COMPANY_SUFFIXES or "of" in words_:
        return False
    ands = [i for i, w in enumerate(words_) if w in _AND]
    return bool(ands) and _COMPANY_SUFFIXES.isdisjoint(words_[:ands[-1]])


@lru_cache(maxsize=8192)
def _organisation_name(names: tuple[str, ...]) -> bool:
    """A name with an organisation's capitalised head noun in it: "Bank of England", "Labour
    Party", "Clinton Foundation"; not a person's given and family name where one of them is also
    such a noun: "Bill Gates", "Walter White"."""
    return any(map(_org_head, names)) and not (
        len(names) == 2 and names[0] in _GIVEN and (names[1] in _SURNAME_HEADS or not _org_head(names[1])))


def _org_head(word: str) -> bool:
    """"Party", "Bank": the capitalised head noun of an organisation's name (not "PARTY")."""
    return word[:1].isupper() and not word.isupper() and _ROLES.get(word.lower()) == "organisation"


@lru_cache(maxsize=8192)
def _organisation_kind(names: tuple[str, ...]) -> bool:
    """A name that speaks as an organisation: one with an organisation's head noun, or one that ends
    as a company's, a paper's or an agency's does ("USX Corp", "the New York Times", "Fox News")."""
    return _organisation_name(names) or bool(names) and (
        names[-1] in _COMPANY_SUFFIXES or names[-1] in _ORG_NAME_WORDS or " ".join(names) in _ORGANISATIONS)


def _personal_name(names: tuple[str, ...]) -> bool:
    """A given name (or an initial) and more: John Smith, J. K. Rowling; not New York, BBC News."""
    return len(names) >= 2 and (names[0] in _GIVEN or (len(names[0]) == 2 and names[0][1] == "."))


def personal_name(mention: str) -> bool:
    """``mention`` is a person's name by its words: a given name or an initial and more, or a name
    after a title.

    >>> personal_name("Leana Wen"), personal_name("Senator Flake"), personal_name("Reality Check")
    (True, True, False)
    """
    names, roles, _ = _name_parts(mention)
    return _personal_name(names) or bool(roles and names)


def mention_kind(mention: str) -> str:
    """The kind of a mention from its words alone.

    >>> mention_kind("the ministry"), mention_kind("Vladimir Putin"), mention_kind("he")
    ('organisation', 'person', 'person')
    """
    if mention in _PRONOUNS:
        gender, number = _PRONOUNS[mention]
        return "person" if gender in "mf" or mention in ("I", "you", "You") else "unknown"
    last = mention.rstrip(",. <>").split()[-1].lower().strip("<>") if mention.strip() else ""
    if _ROLES.get(last) == "organisation":
        return "organisation"
    if _ROLES.get(last) == "person":
        return "person"
    names, roles, _ = _name_parts(mention)
    if _organisation_kind(names):
        return "organisation"
    if roles or len(names) >= 2:
        return "person"
    return "unknown"


class People:
    """Register of the people and organisations met so far in one document, in text order.

    >>> text = "Russian President Vladimir Putin met Tokayev. He said so. Putin left."
    >>> people = People(text)
    >>> people.resolve("Putin", 58)
    Speaker(name='Vladimir Putin', kind='person')
    >>> people.resolve("he", 46)
    Speaker(name='Vladimir Putin', kind='person')
    """

    __slots__ = ("_text", "_deadline", "_full", "_entities", "_by_name", "_seen", "_first_word", "_headline")

    def __init__(self, text: str, deadline: Deadline = NO_DEADLINE):
        self._text = text
        self._deadline = deadline
        self._full: dict[str, tuple[str, set[str], str]] = {}  # surname -> (fullest, roles, gender)
        self._entities: dict[int, _Entity] = {}  # id -> entity, most recent last (dicts keep order)
        self._by_name: dict[str, _Entity] = {}
        self._seen: dict[str, str] = {}  # a name as written -> its entity's name
        # first word of a person's or a company's two- or three-word name -> that person, or None when
        # two share it: "Geng" after "spokesman Geng Shuang", where the family name comes first,
        # "Chrysler" after "Chrysler Corp"
        self._first_word: dict[str, _Entity | None] = {}
        self._headline: dict[str, bool] = {}  # a word before a name -> it is a headline's word (_headline_word)

    # -- names -------------------------------------------------------------------------------
    def _fullest(self, surname: str) -> tuple[str, set[str], str]:
        """The longest name in the document that ends with ``surname``, with the roles and gender
        its titles give."""
        found = self._full.get(surname)
        if found is not None:
            return found
        best, roles, gender = surname, set(), "x"
        if len(self._full) < MAX_NAME_SCANS:
            text, at, seen = self._text, self._text.find(surname), 0
            while at >= 0 and seen < MAX_OCCURRENCES:
                end = at + len(surname)
                if not (end < len(text) and text[end].isalnum()) and not (at and text[at - 1].isalnum()):
                    seen += 1
                    run_start = _name_run_start(text, at, max(0, at - 80))
                    names, r, g = _name_parts(text[run_start:end]) if run_start < at else ((), None, "x")
                    if names and not _organisation_name(names):  # "Congress Trump": no fuller name of Trump
                        roles |= r
                        gender = g if gender == "x" else gender
                        if names[-1] == surname and len(" ".join(names)) > len(best) \
                                and not self._opens_with_headline_word(run_start, names[0]):
                            best = " ".join(names)
                at = text.find(surname, end)
        self._full[surname] = (best, roles, gender)
        return self._full[surname]

    def _full_name(self, names: tuple[str, ...]) -> tuple[str, set[str], str]:
        """:meth:`_fullest` of the family name, unless it names someone else: "Bill Clinton" where
        the document's fullest is "Hillary Clinton" stays "Bill Clinton" (without her roles).  A
        first word that is no given name and that the document writes in lower case, or that is
        shaped like a participle, is a headline's or sentence's word before the name ("Angry
        Williams", "Enraged Trump") and does not tell."""
        found = self._fullest(names[-1])
        if _within(names, found[0].split()) or self._headline_word(names[0]):
            return found
        return " ".join(names), set(), "x"

    def _headline_word(self, word: str) -> bool:
        """A first word before a name that is no given name, title, role or particle ("Cardinal",
        "da") and that the document writes in lower case, or that is shaped like a participle: a
        headline's or sentence's word ("Angry Williams", "Enraged Trump", "Called Speegle")."""
        found = self._headline.get(word)
        if found is None:
            found = self._headline[word] = word not in _GIVEN and not _names_role(word) and word.lower() not in _PARTICLES \
                and (word.endswith(_PARTICIPLE_ENDINGS) and len(word) > 5 or _written(self._text, word.lower()))
        return found

    def _opens_with_headline_word(self, at: int, first: str) -> bool:
        """The name read at ``at`` opens a sentence or a line with a headline's word ("Called
        Speegle", "Enraged Albers", "Did Obama"), not a particle ("Da Silva")."""
        return self._text.startswith(first, at) and _opens_sentence(self._text, at) and self._headline_word(first)

    def _headline_before(self, names: tuple[str, ...], full: str) -> bool:
        """``names`` is a headline's word before the family name of ``full``, a person the document
        names in full: "Enraged Trump" once it names Donald Trump (not "United Continental Holdings
        Inc", a company, nor "New York Times" when no person is named so)."""
        return names[-1].rstrip(".") not in _COMPANY_SUFFIXES and _personal_name(tuple(full.split())) and self._headline_word(names[0])

    def _after_the(self, at: int) -> bool:
        """The capitalised run at ``at`` opens with "The" or follows "the"."""
        text = self._text
        return text.startswith("The ", at) or text[max(0, at - 4):at].lower() == "the " and (at < 5 or not text[at - 5].isalnum())

    def _a_person(self, name: str, roles: set[str] | frozenset[str], gender: str) -> bool:
        """False when nothing says a candidate antecedent is a person (a title or role, a gender from
        a title, a given name or an earlier pronoun) and its words say it is not one: two words or
        more that open with a headline's word ("Called Speegle", "Cheapest Obamacare"), or a lone
        word that the document also writes in lower case ("Morning", "Next"), that is written in
        capitals ("OPINION") or that ends with a stop ("U.").  Other lone words ("Trump",
        "Netanyahu") are taken: most are people named by their family name."""
        if roles or gender in "mf":
            return True
        parts = name.split()
        if len(parts) > 1:
            return not self._headline_word(parts[0])
        return not (name.isupper() and len(name) > 2 or name.endswith(".")
                    or name not in _GIVEN and _written(self._text, name.lower()))

    def _entity(self, name: str, kind: str, roles: set[str], gender: str, pos: int) -> _Entity:
        ent = self._by_name.get(name)
        if ent is None:
            ent = _Entity(name, kind, gender, set(roles), pos)
            self._by_name[name] = ent
        else:
            ent.roles |= roles
            ent.gender = gender if ent.gender == "x" else ent.gender
            self._touch(ent, pos)
            return ent
        self._entities[id(ent)] = ent
        return ent

    def _touch(self, ent: _Entity, pos: int) -> None:
        """Make ``ent`` the most recent entity."""
        ent.last_pos = pos
        key = id(ent)
        if key in self._entities:
            del self._entities[key]  # O(1): move to the end
        self._entities[key] = ent

    def _register_name(self, mention: str, pos: int, appos: str | None = None) -> Speaker | None:
        names, roles, gender = _name_parts(mention)
        if not names:
            return None
        if _organisation_name(names):  # its last word is no surname: "Senate Judiciary Committee"
            full, more_roles, more_gender = " ".join(names), set(), "x"
        else:
            full, more_roles, more_gender = self._full_name(names)
        if len(" ".join(names)) > len(full) and not self._headline_before(names, full):
            full = " ".join(names)
        if appos:
            roles |= {w.lower() for w in appos.split() if w.lower() in _ROLES}
        # a name at an attribution speaks: a person unless it names an organisation or a place
        # (the ministry, China, Labour, NATO)
        org = (_organisation_kind(tuple(full.split())) or full in _PLACES
               or (len(names) == 1 and 1 < len(full) <= 4 and full.isupper()))  # an acronym, not TRUMP:
        kind = "organisation" if org else "person"
        family_first = self._family_first(full)
        if family_first is not None:
            self._touch(family_first, pos)
            return Speaker(family_first.name, family_first.kind)
        ent = self._entity(full, kind, roles | more_roles, gender if gender != "x" else more_gender, pos)
        parts = ent.name.split()
        if ((kind == "person" or parts[-1] in _COMPANY_SUFFIXES) and 2 <= len(parts) <= 3  # "Chrysler" for "Chrysler Corp"
                and not parts[0].endswith(".") and not parts[0].isupper() and parts[0] not in _PLACES):  # not "US" for "US Airways"
            known = self._first_word.setdefault(parts[0], ent)
            if known is not None and known is not ent:
                self._first_word[parts[0]] = None  # two share it: no guess
        return Speaker(ent.name, ent.kind)

    def _described(self, words_: list[str], pos: int) -> Speaker | None:
        """The person a definite description stood before as a title earlier in the text: "the
        defender" after "Arsenal defender Ashley Cole", "the Old Trafford boss" after "United boss
        Alex Ferguson"; None when no such name comes before."""
        head = words_[-1]
        if words_[0].lower() != "the" or len(words_) > 4 or not head.islower() or _plural_shape(head.capitalize()) \
                or _ROLES.get(head, "person") != "person":
            return None  # (not "the students", "the ministry")
        text, at, phrase = self._text, pos, head + " "
        if text.startswith(" of ", pos + len(" ".join(words_))) or not _RANK_WORDS.isdisjoint(words_) \
                or _unnamed_before(text, head, pos):
            return None  # "the chairman of the CRE", "the former coach"; "a strategist close to ...": someone unnamed
        modifier = words_[-2] if len(words_) > 2 and words_[-2].islower() else None  # "prime" minister
        for _ in range(_MAX_DESCRIBED):
            at = text.rfind(phrase, 0, at)
            if at < 0 or at and text[at - 1].isalnum():
                return None
            before = text[max(0, at - 12):at].split()
            word_before = before[-1].lower() if before else ""
            if word_before == "the":
                continue  # the same description used before
            if word_before in _RANK_WORDS or modifier and word_before != modifier:
                return None  # "shadow chancellor X" is not "the chancellor", "minister X" not "the prime minister"
            run = _CAPITALISED_RUNS.match(text, at + len(phrase), min(pos, at + len(phrase) + 60),
                                          timeout=self._deadline.left())
            names, roles, _ = _name_parts(run.group()) if run else ((), (), "")
            return self.resolve(" ".join(names), pos) if _personal_name(names) and not roles else None
        return None

    def _group_word(self, word: str, pos: int) -> bool:
        """True when a one-word mention stands for a group or for anyone, not for a name: a word of
        :data:`_GROUP_WORDS` ("Everyone", "Nobody"), or a capitalised plural that opens its sentence
        here, is written in lower case elsewhere in the document (itself or its singular) and is
        never capitalised inside a sentence ("Elites said", "Winners ..."; not "Sanders said" once
        "Bernie Sanders" or "said Sanders" is written, nor "Tories", a party)."""
        if word in _GROUP_WORDS:
            return True
        if word[-1] != "s" or not _plural_shape(word) or word in _PLACES or word in self._by_name or word in self._full \
                or not _opens_sentence(self._text, pos):
            return False
        text = self._text
        at, seen = text.find(word), 0
        while at >= 0 and seen < _GROUP_SCANS:
            if _whole_word(text, at, len(word)):
                seen += 1
                if not _opens_sentence(text, at):
                    return False  # "said Sanders", "Bernie Sanders": a name
            at = text.find(word, at + len(word))
        return at < 0 and any(_written(text, form) for form in _lower_forms(word))

    def _family_first(self, full: str) -> _Entity | None:
        """The person named earlier as "Geng Shuang" when ``full`` is just "Geng" (no fuller name
        ends with it), unless two people share that first word."""
        return self._first_word.get(full) if " " not in full else None

    def _person_before_who(self, m: Mention) -> bool:
        """True when the mention right before a "who" without a comma names a person ("economics
        minister Heizo Takenaka who said", "Obama who ordered" once Barack Obama is known), not a
        group or a place ("Britons who want", "a baker in Colorado who", "Founding Fathers who wanted")."""
        text = self._text
        tok = _token_before(text, m.start, max(0, m.start - 40))
        if tok is not None and text[tok[0]:tok[1]] in _DETERMINER_SET:
            tok = _token_before(text, tok[0], max(0, tok[0] - 40))
        if tok is not None and text[tok[0]:tok[1]] in _BEFORE_PLACE:
            return False
        return self._names_person(text[m.start:m.end])

    def _names_person(self, mention: str) -> bool:
        """True when ``mention`` names a person by its own words (a title or role, a given name) or
        is a person already registered; a description ("the Russian attorney", "a law professor at
        New York University") does not."""
        at = _holder_end(mention.split())
        if at:
            mention = " ".join(mention.split()[:at])
        names, roles, _ = _name_parts(mention)
        if not names or not mention.split()[-1][:1].isupper():
            return False  # a description ("the Russian attorney who met ...") is defined by its clause
        if roles or _personal_name(names):
            return True
        full = self._full.get(names[-1])  # (no new look-up: the register of names stays as it was)
        known = self._by_name.get(full[0] if full else " ".join(names))
        return known is not None and known.kind == "person"

    def _name_before_description(self, m: Mention) -> Mention | None:
        """The name a description stands in apposition to ("Peter Walker, a University of Oregon
        professor who ..."): the description opens with a/an/the right after a comma, at most
        :data:`_APPOSITION_REACH` characters before its head; else None."""
        text = self._text
        comma = text.rfind(", ", max(0, m.start - _APPOSITION_REACH), m.start + 1)
        if comma <= 0 or text[comma + 2:m.end].split(" ", 1)[0] not in _APPOSITION_OPENERS \
                or not _QUOTE_CHARS.isdisjoint(text[comma:m.start]):
            return None
        name = mention_before(text, comma, max(0, comma - 200))
        return name if name is not None and self._names_person(text[name.start:name.end]) else None

    def _name_before_place(self, m: Mention) -> Mention | None:
        """The person whose apposition ``m`` ends ("Nicky Driscoll, 24, from Manchester," before
        "who"): a person's name before a comma, an age if any, and from/of/in/at/near; else None."""
        text = self._text
        end = _place_apposition_end(text, m.start, max(0, m.start - 60))
        name = mention_before(text, end, max(0, end - 200)) if end is not None else None
        return name if name is not None and self._names_person(text[name.start:name.end]) else None

    # -- pronouns and descriptions -------------------------------------------------------------
    def _antecedent(self, want_gender: str, want_kind: str, pos: int) -> _Entity | None:
        """Nearest earlier compatible entity: the latest registered one, unless a person is named
        between it and ``pos`` (searched right to left in a bounded window, nearest first); for a
        "He"/"She" that opens a sentence, the subject of the sentence before (:meth:`_subject_before`)."""
        registered = None
        for ent in islice(reversed(self._entities.values()), 6):
            if ent.kind == want_kind and not (want_gender in "mf" and ent.gender in "mf" and ent.gender != want_gender) \
                    and (want_kind != "person" or self._a_person(ent.name, ent.roles, ent.gender)):
                registered = ent
                break
        if want_kind != "person":
            return registered
        start = max(0, pos - PRONOUN_WINDOW, registered.last_pos if registered else 0)
        runs = list(_CAPITALISED_RUNS.finditer(self._text, start, pos, timeout=self._deadline.left()))
        found = self._subject_before(pos, want_gender) \
            or next(filter(None, (self._candidate(m, want_gender) for m in reversed(runs))), None)
        return self._entity(*found) if found is not None else registered

    def _candidate(self, m: regex.Match, want_gender: str) -> tuple[str, str, set[str], str, int] | None:
        """The person a capitalised run names, as arguments of :meth:`_entity`, when it can be the
        antecedent of a pronoun of ``want_gender``; else None."""
        names, roles, gender = _name_parts(m.group())
        if not names or _organisation_name(names) or not (roles or names[-1] in self._full or _personal_name(names)
                             or " ".join(names) in self._by_name):
            return None  # a place, an outlet, a month: not a person unless a title or given name says so
        if not roles and self._after_the(m.start()):
            return None  # "The Star-Ledger", "the Trump administration": a title or an outlet, no person
        full, _, g = self._full_name(names)
        ent = self._family_first(full) or self._by_name.get(full)
        full = ent.name if ent else full
        if ent is not None and ent.kind != "person":
            return None
        gender = gender if gender != "x" else (ent.gender if ent else g)
        if want_gender in "mf" and gender in "mf" and gender != want_gender \
                or not self._a_person(full, roles | (ent.roles if ent else set()), gender):
            return None
        return full, "person", roles, gender, m.start()

    def _subject_before(self, pos: int, want_gender: str) -> tuple[str, str, set[str], str, int] | None:
        """The person named first in the sentence before a "He"/"She" that opens a sentence, as
        arguments of :meth:`_entity`: the subject of that sentence, who the pronoun goes on with
        ("Dr Fox accused Mr Blair of lying. He told BBC Radio", "Mr Blair held talks with Ariel
        Sharon. He confirmed") when a title, the pronoun's gender or a name of two words or more
        says it is a person (not "Wallace asked Klobuchar ... She said").  None when that
        sentence is quoted, opens with a preposition or a subordinate clause ("When Governor Phil
        Murphy announced ..., Donahue was torn"), or its first name is one of two joined by "and" or
        modifies a role ("Cruz campaign manager Jeff Roe")."""
        text = self._text
        if not text[pos:pos + 1].isupper():
            return None
        end = pos
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        if end < 2 or text[end - 1] not in ".\n":
            return None
        stop = end - 1
        least = max(0, stop - PRONOUN_WINDOW)
        begin = max(text.rfind(". ", least, stop) + 2, text.rfind("\n", least, stop) + 1, least)
        while begin < stop and text[begin] in " \t\n":
            begin += 1
        if not _QUOTE_CHARS.isdisjoint(text[begin:stop]) or text[begin:stop].split(" ", 1)[0].lower() in _OPENS_CLAUSE:
            return None
        m = _CAPITALISED_RUNS.match(text, begin, stop, timeout=self._deadline.left())
        if m is None or text.startswith((" and ", " & ", " or "), m.end()) \
                or any(_ROLES.get(w) == "person" for w in text[m.end():m.end() + 40].split(",", 1)[0].split()[:3]):
            return None  # "Cruz campaign manager Jeff Roe": the first name modifies the subject
        found = self._candidate(m, want_gender)
        return found if found is not None and (found[2] or found[3] == want_gender or " " in found[0]) else None

    @staticmethod
    def _named_apposition(mention: str, appos: str | None) -> str | None:
        """The name in ``appos`` when ``mention`` names no one ("Boston's archbishop" + ", Cardinal
        Sean O'Malley,"); None otherwise ("Putin" + ", the Russian president,")."""
        if appos is None or _name_parts(mention)[0]:
            return None
        inner = appos.strip(" ,()")
        return inner if inner[:1].isupper() and _personal_name(_name_parts(inner)[0]) else None

    def resolve(self, mention: str, pos: int, appos: str | None = None) -> Speaker:
        """The speaker behind ``mention`` written at ``pos``; registers named speakers."""
        mention = mention.strip()
        if not mention:
            return Speaker(None, "unknown")
        if mention == "who":  # the name before it: "Jeb Bush, who announced", "Flynn – who", "Obama who ordered"
            head = self._text[max(0, pos - 4):pos]
            bare = head.rstrip(_BEFORE_WHO)
            at = pos - len(head) + len(bare)
            m = mention_before(self._text, at, max(0, at - 200)) if at > 0 else None
            if m is not None and bare == head.rstrip() and not self._person_before_who(m):  # no comma or dash
                m = self._name_before_description(m)  # "Peter Walker, a University of Oregon professor who"
            elif m is not None:  # "Nicky Driscoll, 24, from Manchester, who": the person, not the place
                m = self._name_before_place(m) or m
            if m is None or self._text[m.start:m.end] == "who":
                return Speaker(None, "unknown")
            return self.resolve(self._text[m.start:m.end], m.start, m.appos)
        if mention in _POSSESSIVE_PRONOUNS:  # "his claim that ...", "her belief that ...": the pronoun's person
            return self.resolve(_POSSESSIVE_PRONOUNS[mention], pos)
        if mention in _PRONOUNS:
            gender, number = _PRONOUNS[mention]
            if gender in "mf":
                ent = self._antecedent(gender, "person", pos)
                if ent is not None and ent.gender == "x":
                    ent.gender = gender
                return Speaker(ent.name if ent else None, "person")
            if mention.lower() == "it":
                ent = self._antecedent("x", "organisation", pos)
                return Speaker(ent.name if ent else None, "organisation" if ent else "unknown")
            return Speaker(None, "person" if mention in ("I", "you", "You") else "unknown")
        named = self._named_apposition(mention, appos)
        if named is not None:  # "Boston's mayor, Marty Walsh, said": the name in the apposition speaks
            return self.resolve(named, pos, None)
        words_ = mention.split()
        at = _holder_end(words_)
        if at:  # "Democrats in Iowa", "James VanSickle of Pittsburgh": the group or the person speaks, not the place
            head, holder = words_[at - 1], " ".join(words_[:at])
            if _group_noun(head):
                return Speaker(None, _ROLES.get(head.lower(), "unknown"))
            if head.islower() or self._names_person(holder):  # (not "The Journey of Romeo Dallaire")
                return self.resolve(holder, pos, appos)
        if len(words_) == 1 and self._group_word(mention, pos):  # "Elites said", "Everyone agreed": no name
            return Speaker(None, mention_kind(mention))
        first, last = words_[0], words_[-1].lower().rstrip(",.")
        if first in _DETERMINERS and last in _ROLES and not _organisation_name(_name_parts(mention)[0]):
            kind = _ROLES[last]
            if first.lower() == "the" and len(words_) <= 4:  # a definite description: resolve
                for ent in islice(reversed(self._entities.values()), 8):
                    if last in ent.roles or (kind == "organisation" and ent.kind == kind
                                             and ent.name.lower().split()[-1] == last):
                        return Speaker(ent.name, ent.kind)
            return (kind == "person" and self._described(words_, pos)) or Speaker(None, kind)
        if not first[:1].isupper() or first == "The":
            names, _, _ = _name_parts(mention)
            if not names:  # "officials", "analysts": a group, not a resolvable speaker
                return self._described(words_, pos) or Speaker(None, _ROLES.get(last, "unknown"))
        if appos is None and mention in self._seen:  # the same name again: no need to read it twice
            ent = self._by_name[self._seen[mention]]
            self._touch(ent, pos)
            return Speaker(ent.name, ent.kind)
        if mention in _MONTH_NAMES:  # "said May": Theresa May, if the document names her
            full = self._fullest(mention)[0]
            return self.resolve(full, pos) if full != mention else Speaker(None, "unknown")
        speaker = self._register_name(mention, pos, appos)
        if speaker is None:
            return Speaker(None, mention_kind(mention))
        self._seen[mention] = speaker.name
        return speaker


_PARTICIPLE_ENDINGS = ("ed", "ing")  # "Enraged Trump", "Moralizing Cuomo": a headline's word, not a given name
_GROUP_SCANS = 12  # occurrences of a capitalised plural read before it is taken for a name
_SENTENCE_OPENERS = frozenset('.!?:;"“”‘’\'(—–-')  # after these (and spaces) a word opens a sentence or clause


def _plural_shape(word: str) -> bool:
    """A capitalised word shaped like a plural noun: "Elites", "Companies" (not "Ross", "Marcus",
    "Paris", "Trump's", "MPs")."""
    return len(word) > 3 and word[0].isupper() and word[1:].isalpha() and word[1:].islower() \
        and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _lower_forms(word: str) -> tuple[str, ...]:
    """The lower-case plural and its singulars: "Companies" -> companies, companie, company."""
    low = word.lower()
    forms = [low, low[:-1]]
    if low.endswith("ies"):
        forms.append(low[:-3] + "y")
    elif low.endswith("es"):
        forms.append(low[:-2])
    return tuple(forms)


def _whole_word(text: str, at: int, size: int) -> bool:
    """text[at:at + size] is not part of a longer word."""
    end = at + size
    return not (at and (text[at - 1].isalnum() or text[at - 1] in "-'’")) \
        and not (end < len(text) and (text[end].isalnum() or text[end] == "-"))


def _written(text: str, form: str) -> bool:
    """``form`` is written as a whole word somewhere in ``text`` (the first few occurrences read)."""
    at, n = text.find(form), 0
    while at >= 0 and n < _GROUP_SCANS:
        if _whole_word(text, at, len(form)):
            return True
        at, n = text.find(form, at + 1), n + 1
    return False


def _opens_sentence(text: str, pos: int) -> bool:
    """The word at ``pos`` opens a sentence or clause: only spaces and an opening mark, a stop or
    a line break before it, or a capitalised connective that does ("But Elites said")."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0 or text[i - 1] == "\n" or text[i - 1] in _SENTENCE_OPENERS:
        return True
    start = text.rfind(" ", 0, i) + 1
    word = text[start:i]
    return word in _STOP and word[:1].isupper() and start < pos and _opens_sentence(text, start)


# the preposition between a speaker and the place or body it is from, before a name: "Democrats in Iowa",
# "residents of Flint", "analysts at Goldman Sachs", "a Democratic operative in Iowa", "James VanSickle of
# Pittsburgh" (the group or the person speaks, not the place)
_GROUP_PREPOSITIONS = frozenset("in of at from across around throughout".split())
_INDEFINITE_AFTER = (" a ", " an ")
_NAME_OF = frozenset(("of", "from"))  # after a person's name: "Jane Doe of the University of Oregon"


def _group_noun(word: str) -> bool:
    """A plural role of people, the head noun of a group: "Democrats", "voters", "critics" (not
    "figures from Ofcom", "the votes in Congress")."""
    low = word.lower()
    return low.endswith("s") and _ROLES.get(low) == "person"


def _speaker_noun(word: str) -> bool:
    """A group ("Democrats") or a lower-case role of a person ("operative", "mayor")."""
    return _group_noun(word) or (word.islower() and _ROLES.get(word) == "person")


def _holder_noun(word: str) -> bool:
    """A word that can head the speaker before such a preposition: a group ("Democrats"), a lower-case
    role of a person ("operative", "mayor"), or a person's name word ("VanSickle"; not a title,
    "Secretary of State", nor an organisation's head noun, "Bank of England")."""
    if _speaker_noun(word):
        return True
    return _is_name_word(word) and word not in _STOP and word not in _TITLES and word + "." not in _TITLES \
        and word.lower() not in _ROLES


def _holder_end(words_: list[str]) -> int:
    """In a mention "HOLDER PREPOSITION PLACE" ("Democrats in Iowa", "Paul Miller of Thames Valley
    Police"), the index of its first such preposition; 0 for any other mention."""
    if len(words_) < 3 or _GROUP_PREPOSITIONS.isdisjoint(words_):
        return 0
    for i in range(1, len(words_) - 1):
        if words_[i] in _GROUP_PREPOSITIONS:
            after = words_[i + 1:]
            return i if _holder_noun(words_[i - 1]) and not any(map(_names_role, after)) \
                and not _personal_name(_name_parts(" ".join(after))[0]) else 0
    return 0


def _names_role(word: str) -> bool:
    """A title or a person's role ("President", "chairman"): the person named after it speaks
    ("U.S. Chamber of Commerce President Thomas J. Donohue"; so does a person's full name after
    the preposition, "Merck's head of research Peter Kim")."""
    return word in _TITLES or word in _TITLES_WITHOUT_STOP or _ROLES.get(word.lower()) == "person"


def trim_mention(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop capitalised sentence words that are not part of a name from the front of a mention:
    "But Smith" -> "Smith", "On Tuesday Smith" -> "Smith" (a mention made only of them is kept)."""
    s = start
    while s < end:
        space = text.find(" ", s, end)
        if space < 0:
            break
        word = text[s:space]
        if word not in _STOP or word in _DETERMINERS:
            break
        s = space + 1
        while s < end and text[s] == " ":
            s += 1
    return (s, end) if s < end else (start, end)


# ----------------------------------------------------------------------------------------------
# Mentions next to a reporting verb, read word by word
# ----------------------------------------------------------------------------------------------
# These two run once per candidate verb (tens of thousands of times a corpus), so they walk the few
# words next to the verb with str methods and set look-ups: about ten times faster than the same
# grammar as one regular expression read right to left.

class Mention(NamedTuple):
    """A speaker mention: its span, where the verb group starts (``has also said``: at ``has``), and
    the apposition or party tag written between them, if any."""

    start: int
    end: int
    cue_start: int
    appos: str | None


_ADVERBS = words("quote_adverbs.txt")
# A name's "'s" before one of these forms is "has" ("McConnell's said nothing", "Trump's told reporters") ...
_PAST_FORMS = frozenset(row[0] for row in table("reporting_verbs.tsv")
                        if row[0] != row[1] and not row[0].endswith(("s", "ing")))
_BARE_FORMS = frozenset(row[1] for row in table("reporting_verbs.tsv"))  # say, show, think: no verb after a singular
_HAS_ALWAYS = frozenset(("said", "told"))  # ... always for these, never the adjective of a possessed noun
# ... and for the others when no noun follows ("Trump's repeated the claim", not "Trump's repeated claims")
_HAS_OBJECT_WORDS = frozenset("that the a an his her their its it him them me us you he she they we I this these those "
                              "nothing no not never to on in for about at with by".split())
_HAS_OBJECT_CHARS = frozenset("\"“‘',.:;—")
_BARE_NAME_REACH = 3000  # characters before "Name's said" searched for the name without "'s" (not "Moody's said")
_WHEN_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday morning afternoon evening night week month "
    "year weekend last this on earlier later yesterday today".split())
# time phrases between a speaker and its verb ("Officials have in the past said"), by their last word
_WHEN_PHRASE_LIST = ("in the past", "over the years", "for years", "for months", "for weeks", "for decades", "in recent years",
                     "in recent months", "in recent weeks", "in recent days", "for some time", "for a long time", "at the time")
_WHEN_PHRASES = {last: tuple(" " + p for p in _WHEN_PHRASE_LIST if p.rsplit(" ", 1)[1] == last)
                 for last in sorted({p.rsplit(" ", 1)[1] for p in _WHEN_PHRASE_LIST})}
_TIMED_AUXILIARIES = frozenset("has have had".split())  # before a time phrase: "have in the past said"
# words after which a subject may open ("and critics of the plan said"; a stop or a comma also opens one)
_BEFORE_SUBJECT_WORDS = frozenset("and but that when as while because so".split())
_NOT_OBJECT_HEADS = frozenset("now too should shall ought".split())  # words _object_head's lists leave out
_OF_OBJECT_WORDS = 4  # words of the object after "of" (and "of" itself) read back from the verb
_CLAUSE_WORDS = frozenset("which that who whom whose what and or but as if when while because than where".split())
_PREPOSITIONS = frozenset("after before since until of for with by from in on at to into than over under about".split())
_BEFORE_OBJECT = _PREPOSITIONS | frozenset("through across around among between against without within toward towards".split())
# no lower-case word of these opens a mention after a verb ("said on Fox News Sunday", "in the Washington
# Post"), but "with" may ("with Donald Trump tweeting ... and asking": the subject of an absolute clause)
_NOT_BEFORE_MENTION = _BEFORE_OBJECT - frozenset(("with",))
# a sentence opening with these has its subject later ("When Mayor Sam Hale closed the quay, Reed was angry")
_OPENS_CLAUSE = (_CLAUSE_WORDS | _BEFORE_OBJECT | frozenset("like unlike despite during amid".split())) - {"and", "or", "but"}
# verbs and auxiliaries that make a run of words after "said the" a clause, not a description
_CLAUSE_VERBS = frozenset("is are was were be been has have had will would could should can may might must did does do "
                          "says said".split())
_PARTICLES = frozenset("de da van von bin al del di der den la le".split())
_ABBREVIATIONS = frozenset(t for t in _TITLES if t.endswith(".")) | {"Jr.", "Sr.", "St."}
_DETERMINER_SET = frozenset(_DETERMINERS)
_QUOTE_CHARS = frozenset("\"“”«»\n")
_MAX_NAME_WORDS = 6  # words of a name, counted from the title before it if any
_MAX_TITLED_WORDS = 10  # words of a title and the name after it: "U.S. Secretary of Homeland Security John F. Kelly"


def _token_before(text: str, end: int, limit: int) -> tuple[int, int] | None:
    """The whitespace-free token ending at or before ``end`` (after skipping spaces), not before ``limit``."""
    while end > limit and text[end - 1] in " \t\xa0":
        end -= 1
    if end <= limit or text[end - 1] == "\n":
        return None
    start = text.rfind(" ", limit, end) + 1
    newline = text.rfind("\n", start, end)
    if newline >= 0:
        start = newline + 1
    return (start if start > limit else limit), end


def _token_after(text: str, start: int, limit: int) -> tuple[int, int] | None:
    limit = min(limit, len(text))
    while start < limit and text[start] in " \t\xa0":
        start += 1
    if start >= limit or text[start] == "\n":
        return None
    end = text.find(" ", start, limit)
    end = limit if end < 0 else end
    if not text[start:end].isprintable():  # a tab, no-break space or line break before the space (rare)
        end = start
        while end < limit and text[end] not in " \t\xa0\n":
            end += 1
    return start, end


def _is_name_word(word: str) -> bool:
    """Putin, Kassym-Jomart, O'Neill, J., Mr., U.S. (a capitalised word; a stop only for initials
    and titles)."""
    if not word or not word[0].isupper():
        return False
    if word[-1] == ".":
        return word in _ABBREVIATIONS or len(word) == 2 or (len(word) <= 5 and word.count(".") >= 2)
    return word[-1].isalpha() or word[-1] in "’'" and word[-2:-1].isalpha()  # Jones' but not Trump,''


def mention_limit(pos: int, limit: int) -> int:
    """The limit :func:`mention_before` reads back to from ``pos``: ``limit``, but at most
    :data:`MENTION_REACH` characters back (two limits further back give the same mention).

    >>> mention_limit(500, 0), mention_limit(500, 450)
    (300, 450)
    """
    return max(limit, pos - MENTION_REACH, 0)


def mention_before(text: str, pos: int, limit: int) -> Mention | None:
    """The speaker written right before the reporting verb at ``pos`` (and its adverbs), or None.

    >>> t = "Russian President Vladimir Putin has also said"
    >>> m = mention_before(t, t.index("said"), 0); t[m.start:m.end], t[m.cue_start:]
    ('Russian President Vladimir Putin', 'has also said')
    """
    return mention_reach(text, pos, limit)[0]


def mention_reach(text: str, pos: int, limit: int) -> tuple[Mention | None, int | None]:
    """:func:`mention_before`'s answer and, when the word before the verb decides it alone (a
    pronoun, or a word no name ends with), the highest limit that gives the same answer (every
    lower one does too): the space before that word; None when the answer may depend on the
    limit. Quotes in a run-on sentence read the same verbs from limits a few words apart.

    >>> t = "Later he said"
    >>> mention_reach(t, t.index("said"), 0)
    (Mention(start=6, end=8, cue_start=9, appos=None), 5)
    >>> t = "Later Smith said"
    >>> mention_reach(t, t.index("said"), 0)[1] is None  # a name may begin further back
    True
    """
    pos = min(pos, len(text))
    limit = mention_limit(pos, limit)
    end, cue_start, timed = pos, pos, False
    for _ in range(6):  # adverbs and auxiliaries (part of the cue), then time words
        tok = _token_before(text, end, limit)
        if tok is None:
            return None, None
        word = text[tok[0]:tok[1]]
        if word in _ADVERBS and not timed:
            cue_start = end = tok[0]
        elif word in _WHEN_WORDS:
            timed, end = True, tok[0]
        elif word in _WHEN_PHRASES and (phrase := _when_phrase(text, tok[1], limit, word)):
            timed, end = True, tok[1] - len(phrase)
        elif timed and word in _TIMED_AUXILIARIES:
            end = tok[0]
        else:
            break
    else:
        return None, _reach(tok, limit)
    s, e = tok
    appos = None
    if word[-1] in "),":
        if word[-1] == ")" or word.endswith("),") and "-" in word:  # a party tag: Sen. Marco Rubio (R-Fla.),
            # Gov. John Kasich (R-OH), said (not 'Shaw & Company Research (R), shows': a pollster's side)
            inner = text.rfind("(", max(limit, e - 40), e)
        else:  # an apposition: Putin, the Russian president,
            inner = text.rfind(",", max(limit, e - 95), e - 1)
            if inner >= 0 and not _QUOTE_CHARS.isdisjoint(text[inner:e]):
                return None, None
            if inner >= 0 and _a_place(text[inner + 1:e - 1]):
                inner = _before_place(text, inner, max(limit, e - 95))
        tok = _token_before(text, inner, limit) if inner >= 0 else None
        if tok is None:
            return None, None
        appos, (s, e) = text[inner:e], tok
        word = text[s:e]
        tok = None  # (the apposition was searched for down to the limit: the answer depends on it)
    if word in _PRONOUNS:
        return Mention(s, e, cue_start, appos), _reach(tok, limit)
    if word.endswith(("’s", "'s")) and word[:-2] in _PRONOUNS:  # He's said: the pronoun, then "has"
        return Mention(s, e - 2, e - 2, appos), _reach(tok, limit)
    if appos is None and word.endswith(("’s", "'s")) and _has_after_name(text, s, e, pos):
        e = cue_start = e - 2  # "McConnell's said nothing": the name, then "has"
        word, tok = word[:-2], None
    low = word.lower()
    in_name = word[0].isupper() and _ROLES.get(low) == "organisation" and _name_word_before(text, s, limit)
    if low in _ROLES and not word.isupper() and not in_name:  # not "Tourism Council", "Labour Party"
        start = _description_start(text, s, limit)
        group = _holder_before(text, _token_before(text, start, limit), limit, e)  # "Republicans in the Senate"
        return Mention(start if group is None else _description_start(text, group, limit), e, cue_start, appos), None
    if in_name:
        tok = None  # (the name word before it was read down to the limit: the answer depends on it)
    if word[-1] == "s" and word[0].islower() and _plural_head(word):  # "ordinary Chinese traders say": a group
        start = _description_start(text, s, limit)
        before = _token_before(text, start, limit)
        head = _head_of(text, s, limit, pos) if appos is None else None  # "Supporters of abortion rights argued"
        if head is not None:
            return Mention(head, e, cue_start, appos), None
        if before is not None and text[before[0]:before[1]] in _BEFORE_OBJECT:
            return None, None  # "Protesters marching through the streets chanted": the object of a preposition
        if start < s:
            return Mention(start, e, cue_start, appos), None
        return None, None
    head = _head_of(text, s, limit, pos) if appos is None and _object_head(word) else None
    if head is not None:  # "Critics of the plan argued": the group before "of"
        return Mention(head, e, cue_start, appos), None
    glued = _glued_stop(word)
    if glued > 0:  # "Thursday.Christie said": the sentence before the name ends at the stop
        s, word = s + glued, word[glued:]
    if not _is_name_word(word) or word in _STOP:
        return None, _reach(tok, limit)
    start, n, total = s, 1, 1  # n: words since the title nearest the verb ("Secretary" in "U.S. Secretary of ...")
    while glued < 0 and n < _MAX_NAME_WORDS and total < _MAX_TITLED_WORDS:
        tok = _token_before(text, start, limit)
        if tok is None:
            break
        w = text[tok[0]:tok[1]]
        glued = _glued_stop(w)
        if glued > 0:  # "Cornyn.Texas Sen. Ted Cruz said": the name starts after the stop
            start = tok[0] + glued
        elif _is_name_word(w) or (w in _PARTICLES and n > 0):
            start, n, total = tok[0], 1 if _title_word(w) else n + 1, total + 1
        elif w in _NAME_CONNECTORS and _joins_name(_word_before(text, tok[0], limit), w, _word_after(text, start, pos)):
            start, n, total = tok[0], n + 1, total + 1
        elif w.lower() in _ROLES and w.islower():  # spokesman John Kirby, former president Bill Clinton
            start = tok[0]
            tok = _token_before(text, start, limit)
            word = text[tok[0]:tok[1]] if tok is not None else ""
            if word.isalpha() and word.islower() and word not in _DETERMINER_SET and word not in _ADVERBS \
                    and word not in _CLAUSE_WORDS:
                start = tok[0]
            else:  # capitalised words: "Labour leader Keir Starmer", "White House spokesman Josh Earnest"
                start = _capitalised_run_start(text, start, limit)
            break
        else:
            break
    organisation = start < s and _organisation_name(_name_parts(text[start:e])[0])
    titled = start < s and not organisation and _title_of(text[start:e])
    if start < s and not organisation and not titled and not _one_company(text[start:e].split()):
        start = _after_connectors(text, start, e)  # "Trump and Clinton": Clinton, as before (not "Gulf and Western Inc")
    before = _token_before(text, start, limit)  # (read once for the tests below)
    if (organisation or titled) and before is not None and text[before[0]:before[1]] in _DETERMINER_SET:
        start = before[0]  # "the Bank of England", "the Archbishop of Canterbury", as a description
        before = _token_before(text, start, limit)
    holder = _holder_before(text, before, limit, e)
    if holder is not None:  # "Democrats in Iowa said", "a Democratic operative in Iowa said": not the place
        return Mention(_description_start(text, holder, limit), e, cue_start, appos), None
    role = _role_for(text, before, limit)
    if role is not None:  # "A spokeswoman for YouTube said": the spokeswoman speaks, for YouTube
        return Mention(_description_start(text, role, limit), e, cue_start, appos), None
    who = _relative_object(text, before, limit)
    if who is not None:  # "The officials who spoke to the AP said": the AP is the relative clause's object
        head = _token_before(text, who, limit)
        if head is None or not text[head[0]:head[1]].isalnum():
            return None, None
        return Mention(_description_start(text, head[0], limit), head[1], cue_start, None), None
    return Mention(start, e, cue_start, appos), None


def _object_head(word: str) -> bool:
    """A lower-case word that may end the object of "of" right before a verb ("Critics of the plan
    argued"): no function word, auxiliary, adverb or time word ("... of the electorate voted in",
    "Fans of robotic gastropods should note", "... of Democratic voters now favor")."""
    return word.isalpha() and word.islower() and not word.endswith("ly") and not (
        word in _CLAUSE_WORDS or word in _CLAUSE_VERBS or word in _PREPOSITIONS or word in _DETERMINER_SET
        or word in _ADVERBS or word in _WHEN_WORDS or word in _STOP or word in _NOT_OBJECT_HEADS)


def _head_of(text: str, end: int, limit: int, pos: int) -> int | None:
    """The start of "HEAD of ..." when the noun phrase ending with the word at ``end`` is the object
    of "of" after a plural head or a person's role that opens its clause ("Critics of the plan",
    "Supporters of abortion rights", "Leaders of both parties"), and the verb at ``pos`` agrees
    with the head (not "president of the moderate think tank", "star of the reality show": a
    singular head before a bare form, which is a noun); else None."""
    at = end
    for _ in range(_OF_OBJECT_WORDS):
        tok = _token_before(text, at, limit)
        w = text[tok[0]:tok[1]] if tok is not None else ""
        if w == "of":
            break
        if not w.isalpha() or w in _CLAUSE_WORDS or w in _CLAUSE_VERBS or w in _PREPOSITIONS:
            return None  # (not "his secretary of state and recites", "members of Congress on the talk show")
        at = tok[0]
    else:
        return None
    head = _token_before(text, tok[0], limit)
    if head is None:
        return None
    word = text[head[0]:head[1]].lower()
    if not (_plural_head(word) or _ROLES.get(word) == "person"):
        return None
    verb = _token_after(text, pos, pos + 40)
    if not _plural_head(word) and verb is not None and text[verb[0]:verb[1]] in _BARE_FORMS:
        return None
    start = _description_start(text, head[0], limit)
    before = _token_before(text, start, limit)
    if before is not None and text[before[0]:before[1]].lower() not in _BEFORE_SUBJECT_WORDS \
            and text[before[1] - 1:before[1]] not in ",;:":
        return None  # "... that drew critics of the plan": no clause opens at the head
    return start


def _when_phrase(text: str, end: int, limit: int, last: str) -> str:
    """The time phrase ending at ``end`` with the word ``last`` (" in the past"), or ''."""
    return next((p for p in _WHEN_PHRASES[last] if text.endswith(p, limit, end)), "")


def _has_after_name(text: str, start: int, end: int, pos: int) -> bool:
    """The "'s" ending the word text[start:end] before the verb at ``pos`` is "has": a past form
    follows ("said" or "told", or another with no noun after it), and the document wrote the name
    without "'s" shortly before (not "Moody's said", "McDonald's announced": names with "'s").
    Reads a bounded window, so the work stays linear.

    >>> t = "Mitch McConnell spoke. McConnell's said nothing. Trump's proposed wall. Moody's said so."
    >>> [_has_after_name(t, t.index(w), t.index(w) + len(w), t.index(w) + len(w) + 1) for w in ("McConnell's", "Trump's", "Moody's")]
    [True, False, False]
    """
    stem = text[start:end - 2]
    if not _is_name_word(stem) or stem.isupper() or text.endswith(_OF, 0, start):
        return False  # (not "A friend of Manafort's told CNN": a possessive after "of")
    verb = _token_after(text, pos, pos + 40)
    if verb is None:
        return False
    form = text[verb[0]:verb[1]].rstrip(",.:;")
    if form not in _PAST_FORMS:
        return False
    if form not in _HAS_ALWAYS and text[verb[0]:verb[1]] == form:  # a comma or stop after it: no noun follows
        after = _token_after(text, verb[1], verb[1] + 40)
        if after is not None and text[after[0]] not in _HAS_OBJECT_CHARS and text[after[0]:after[1]] not in _HAS_OBJECT_WORDS:
            return False
    at = text.find(stem, max(0, start - _BARE_NAME_REACH), start)
    while at >= 0:
        after_stem = text[at + len(stem):at + len(stem) + 1]
        if not after_stem.isalnum() and after_stem not in "'’" and not (at and text[at - 1].isalnum()):
            return True
        at = text.find(stem, at + len(stem), start)
    return False


def _glued_stop(word: str) -> int:
    """Where the word after a full stop that lost its space starts ("Cornyn.Texas" -> 7, scraped
    text), -1 when there is none (not "U.S.", "St.Louis", "ToddStarnes.com")."""
    at = word.find(".", 2)
    while 0 < at < len(word) - 1:
        if word[at + 1].isupper() and word[at - 2:at].isalpha() and word[at - 2:at].islower():
            return at + 1
        at = word.find(".", at + 1)
    return -1


def _reach(tok: tuple[int, int] | None, limit: int) -> int | None:
    """The highest limit from which :func:`_token_before` finds ``tok`` again (the space before it,
    found from any limit up to there), or None when it was cut at ``limit``."""
    return tok[0] - 1 if tok is not None and tok[0] > limit else None


def _after_connectors(text: str, start: int, end: int) -> int:
    """Where the words after the last connector of ``text[start:end]`` start (``start`` if none, or
    when it is "of" after a person's name: "James VanSickle of Pittsburgh" is the person, of a place)."""
    cut, needle, low = -1, _OF, max(0, start - 1)
    for candidate in _CONNECTOR_NEEDLES:  # the last one written (a loop: no tuple a needle)
        at = text.rfind(candidate, low, end)
        if at > cut:
            cut, needle = at, candidate
    if cut < 0 or (needle == _OF and _holder_end(text[start:end].split()) and _own_name(text[start:cut])):
        return start
    return text.find(" ", cut + 1) + 1


def _own_name(mention: str) -> bool:
    """``mention`` names a person by its own words: a title or role, or a given name and more."""
    names, roles, _ = _name_parts(mention)
    return bool(names) and (bool(roles) or _personal_name(names))


def _word_before(text: str, pos: int, limit: int) -> str:
    tok = _token_before(text, pos, limit)
    return "" if tok is None else text[tok[0]:tok[1]]


def _word_after(text: str, pos: int, limit: int) -> str:
    tok = _token_after(text, pos, limit)
    return "" if tok is None else text[tok[0]:tok[1]]


def _name_word_before(text: str, pos: int, limit: int) -> bool:
    word = _word_before(text, pos, limit)
    return _is_name_word(word) and word not in _STOP


def _joins_name(before: str, connector: str, after: str) -> bool:
    """Whether ``connector`` between the words ``before`` and ``after`` continues one name: "Bank
    of England", "Food and Drug", "Paul Miller of Thames Valley Police", "Council on Foreign
    Relations"; not "The White House on Monday", "Dershowitz on Hastert" ("on" only after an
    organisation's head noun)."""
    if after.rstrip(",.;:") in _WHEN_WORDS or before in _STOP or not _is_name_word(before):
        return False
    return connector != "on" or _org_head(before)


def _capitalised_run_start(text: str, start: int, limit: int, most: int = 3) -> int:
    """Where up to ``most`` capitalised name words right before ``start`` begin (``start`` if none)."""
    for _ in range(most):
        tok = _token_before(text, start, limit)
        glued = _glued_stop(text[tok[0]:tok[1]]) if tok is not None else -1
        if glued > 0:  # "Albers.Harbour Board chairman": from the stop that lost its space
            return tok[0] + glued
        if tok is None or not _is_name_word(text[tok[0]:tok[1]]) or text[tok[0]:tok[1]] in _STOP:
            break
        start = tok[0]
    return start


def _role_for(text: str, tok: tuple[int, int] | None, limit: int) -> int | None:
    """Where the role word starts when the words up to ``tok`` (the token before a name) end
    "ROLE for" ("a spokesman for")."""
    if tok is None or text[tok[0]:tok[1]] != "for":
        return None
    role = _token_before(text, tok[0], limit)
    word = text[role[0]:role[1]] if role is not None else ""
    return role[0] if word.islower() and word in _ROLES else None


def _holder_before(text: str, tok: tuple[int, int] | None, limit: int, end: int) -> int | None:
    """Where the speaker's head noun starts when the words up to ``tok`` (the token before a name
    ending at ``end``) end "GROUP PREPOSITION" or "ROLE PREPOSITION" ("Democrats in", "residents of",
    "operative in", "the mayor of"), or a person's name and "of" or "from"; else None."""
    if tok is None or text[tok[0]:tok[1]] not in _GROUP_PREPOSITIONS or text.startswith(_INDEFINITE_AFTER, tok[1]):
        return None  # (not "the founder of a Facebook group called ...": the verb's own subject)
    head = _token_before(text, tok[0], limit)
    if head is None:
        return None
    word = text[head[0]:head[1]]
    if _speaker_noun(word):
        return head[0]
    if text[tok[0]:tok[1]] in _NAME_OF and _holder_noun(word) and not any(map(_names_role, text[tok[1]:end].split())):
        # "Professor Jane Doe of the University of Oregon" (not "Chamber of Commerce President Thomas Donohue")
        start = _capitalised_run_start(text, head[0], limit, _MAX_NAME_WORDS - 1)
        return start if _own_name(text[start:head[1]]) else None
    return None


def _relative_object(text: str, tok: tuple[int, int] | None, limit: int) -> int | None:
    """Where "who" starts when the words up to ``tok`` (the token before a name) end "who VERB
    PREPOSITION [DETERMINER]" ("who spoke to the"), else None."""
    if tok is not None and text[tok[0]:tok[1]] in _DETERMINER_SET:
        tok = _token_before(text, tok[0], limit)
    if tok is None or text[tok[0]:tok[1]] not in _BEFORE_OBJECT:
        return None
    verb = _token_before(text, tok[0], limit)
    who = _token_before(text, verb[0], limit) if verb is not None and text[verb[0]:verb[1]].islower() else None
    return who[0] if who is not None and text[who[0]:who[1]] == "who" else None


_BEFORE_WHO = " ,—–-"  # between a name and the "who" of its relative clause
_APPOSITION_OPENERS = frozenset(("a", "an", "the"))
_APPOSITION_REACH = 80  # characters from the comma to the head of a description before "who"

_BEFORE_PLACE = frozenset("in of from at near".split())


def _place_apposition_end(text: str, start: int, limit: int) -> int | None:
    """Where the words before an apposition "[, AGE], from/of/in/at/near PLACE" end (the comma)
    when the place starts at ``start``: "Nicky Driscoll, 24, from Manchester"; else None."""
    prep = _token_before(text, start, limit)
    if prep is None or text[prep[0]:prep[1]] not in _BEFORE_PLACE:
        return None
    tok = _token_before(text, prep[0], limit)
    if tok is not None and text[tok[0]:tok[1] - 1].isdigit():  # an age: ", 24, from"
        tok = _token_before(text, tok[0], limit) if text[tok[1] - 1] == "," else None
    return tok[1] - 1 if tok is not None and text[tok[1] - 1] == "," else None


def _a_place(words_: str) -> bool:
    """A state or country after a town: ' Mich.', ' N.C.', ' West Virginia', ' Libya'."""
    parts = words_.split()
    return 0 < len(parts) <= 2 and all(w[:1].isupper() for w in parts) and (
        parts[-1].endswith(".") or parts[-1] in _PLACES or words_.strip() in _PLACES)


def _before_place(text: str, comma: int, limit: int) -> int:
    """The comma that opens an apposition ending in a place and its state ('Cory James, 22, of
    Flint, Mich., said', 'Clinton, during a meeting in Columbus, Ohio, said'): a lone capitalised
    word after in/of/from before ``comma`` is the place, the speaker stands before an earlier comma
    (``comma`` itself when there is none)."""
    at = comma
    for _ in range(2):
        tok = _token_before(text, at, limit) if at >= 0 else None
        before = _token_before(text, tok[0], limit) if tok is not None else None
        if before is None or text[before[0]:before[1]] not in _BEFORE_PLACE or not text[tok[0]].isupper():
            return at
        earlier = text.rfind(",", limit, before[0])
        if earlier < 0:
            return comma
        at = earlier
    return comma


def _plural_head(word: str) -> bool:
    """A lower-case plural noun that may head a source: traders, confidants, polls (not "has")."""
    return (word.endswith("s") and len(word) > 4 and not word.endswith("ss") and word.isalpha() and word.islower()
            and word not in _STOP and word not in _CLAUSE_WORDS and word not in _ADVERBS and word not in _PREPOSITIONS)


def _inside_name(text: str, at: int, connector: str, start: int, head_start: int, limit: int) -> bool:
    """The connector at ``at``, before the capitalised word at ``start``, joins one name ("Bank of
    England officials", not "Dozens of high-school friends")."""
    after = _word_after(text, start - 1, head_start)
    return after[:1].isupper() and _joins_name(_word_before(text, at, limit), connector, after)


def _description_start(text: str, head_start: int, limit: int) -> int:
    """Start of "the Russian president" / "Trump's campaign" given its head noun; the head alone
    for a bare plural ("officials")."""
    start, n = head_start, 0
    while n < 4:
        tok = _token_before(text, start, limit)
        if tok is None:  # the clause starts here: "Federal officials said"
            return start if n <= 2 else head_start
        w = text[tok[0]:tok[1]]
        if w in _DETERMINER_SET or w.endswith(("'s", "’s")):
            return tok[0]
        if not w[-1].isalnum() and w[-1] not in "-.":
            # after a comma: ", federal officials said" (two modifiers at most)
            return start if n <= 2 and w[-1] in ",;:" else head_start
        if w in _NAME_CONNECTORS and start < head_start and _inside_name(text, tok[0], w, start, head_start, limit):
            start = tok[0]  # "Bank of England officials": the connector inside a name is no word of its own
            continue
        if w in _ADVERBS or w in _STOP or w in _CLAUSE_WORDS or w in _PREPOSITIONS:
            break
        start, n = tok[0], n + 1
    return head_start


def mention_after(text: str, pos: int, limit: int) -> Mention | None:
    """The speaker written right after the reporting verb ending at ``pos`` ("said Tokayev"), or None.

    >>> t = "said spokesman John Kirby, referring"
    >>> m = mention_after(t, 4, len(t)); t[m.start:m.end]
    'spokesman John Kirby'
    """
    limit = min(limit, pos + 150, len(text))
    tok = _token_after(text, pos, limit)
    if tok is None:
        return None
    s, e = tok
    word = text[s:e].rstrip(",.;:!?")
    if word in _PRONOUNS:
        return Mention(s, s + len(word), pos, None)
    if word in _DETERMINER_SET or word.endswith(("'s", "’s")):
        cur, first_name = e, None
        for _ in range(5):
            if text[cur - 1] in ",.;:!?":
                break
            tok = _token_after(text, cur, limit)
            if tok is None:
                break
            w = text[tok[0]:tok[1]].rstrip(",.;:!?")
            if w.lower() in _ROLES and w.islower():
                return Mention(s, tok[0] + len(w), pos, None)  # the (Russian) president
            if first_name is None and _is_name_word(w):
                first_name = tok[0]
            cur = tok[1]
        if first_name is not None:  # the BBC
            return Mention(s, _name_end(text, first_name, limit), pos, None)
        if cur > e and text[cur - 1] in ",." and word[0].islower() \
                and _CLAUSE_VERBS.isdisjoint(text[e:cur - 1].split()):  # said the 46-year-old. (not "said the flag was removed.")
            return Mention(s, cur - 1, pos, None)
        return None
    if word[:1].isdigit() and len(word) == e - s:  # said 9/11 widow Terry Strada: a modifier before the mention
        nxt = _token_after(text, e, limit)
        m = mention_after(text, nxt[0] - 1, limit) if nxt is not None else None
        return None if m is None or m.start != nxt[0] else Mention(s, m.end, pos, m.appos)
    if word.lower() in _ROLES and word.islower():
        nxt = _token_after(text, s + len(word), limit) if len(word) == e - s else None
        if nxt is not None and _is_name_word(text[nxt[0]:nxt[1]].rstrip(",;:!?")):
            return Mention(s, _name_end(text, nxt[0], limit), pos, None)
        if nxt is not None and text[nxt[0]:nxt[1]].rstrip(",.;:!?") in _ROLES:  # said union leader Vincenzo Lilliu
            m = mention_after(text, nxt[0] - 1, limit)
            if m is not None and m.start == nxt[0]:
                return Mention(s, m.end, pos, m.appos)
        return Mention(s, s + len(word), pos, None)
    if _is_name_word(word) and word not in _STOP:
        end = _name_end(text, s, limit)
        return Mention(s, _titled_name_end(text, end, limit), pos, None)
    if word.isalpha() and word.islower() and word not in _CLAUSE_WORDS and word not in _NOT_BEFORE_MENTION:
        # former Obama adviser David Axelrod: lower-case words, then a role and a name (not "on Fox News Sunday")
        cur = e
        for _ in range(3):
            tok = _token_after(text, cur, limit)
            if tok is None or text[cur - 1] in ",.;:!?":
                break
            w = text[tok[0]:tok[1]].rstrip(",.;:!?")
            if _is_name_word(w):
                end = _titled_name_end(text, _name_end(text, tok[0], limit), limit)
                return Mention(s, end, pos, None) if text.count(" ", s, end) >= 2 else None
            cur = tok[1]
    return None


def _titled_name_end(text: str, end: int, limit: int) -> int:
    """Republican presidential candidate Donald Trump: after capitalised words, up to two lower-case
    words ending in a role and then a name extend the mention to that name."""
    cur = end
    for n in range(2):
        tok = _token_after(text, cur, limit)
        if tok is None or text[cur - 1:cur] in (",", ".", ";", ":") or text[cur:cur + 1] in (",", "."):
            return end
        w = text[tok[0]:tok[1]]
        if not (w.isalpha() and w.islower()):
            return end
        if w in _ROLES:
            nxt = _token_after(text, tok[1], limit)
            if nxt is not None and _is_name_word(text[nxt[0]:nxt[1]].rstrip(",.;:!?")):
                return _name_end(text, nxt[0], limit)
            return end
        cur = tok[1]
    return end


def _name_end(text: str, start: int, limit: int) -> int:
    """End of the capitalised run starting at ``start`` (a trailing stop is a sentence's, not the
    name's).  Connectors join it only inside an organisation's name: "the World Travel and Tourism
    Council", not "John Smith of Reuters"."""
    end, cur, n, connected = start, start, 0, None
    since = 0  # words since the last title: "White House Press Secretary | Sarah Huckabee Sanders"
    while since < _MAX_NAME_WORDS and n < _MAX_TITLED_WORDS:
        tok = _token_after(text, cur, limit)
        if tok is None:
            break
        raw = text[tok[0]:tok[1]]
        word = raw.rstrip(",;:!?")
        glued = _glued_stop(word)
        if glued > 0:  # "said Cornyn.Texas Sen. Ted Cruz": the name ends at the stop
            word = word[:glued - 1]
        if n and raw in _NAME_CONNECTORS and cur == end \
                and _joins_name(_word_before(text, tok[0], start), raw, _word_after(text, tok[1], limit)):
            connected = end if connected is None else connected
            cur, n, since = tok[1], n + 1, since + 1
            continue
        if not (_is_name_word(word) or (n and word in _PARTICLES and raw == word)):
            if word.endswith(".") and _is_name_word(word[:-1]):
                end = tok[0] + len(word) - 1  # the name ends the sentence: "said Jane Doe."
            break
        end, n = tok[0] + len(word), n + 1
        since = 0 if _title_word(word) else since + 1
        if raw != word:
            break
        cur = tok[1]
    if connected is not None and not _organisation_name(_name_parts(text[start:end])[0]) \
            and not _title_of(text[start:end]):
        return connected
    return end


def _title_of(mention: str) -> bool:
    """A person's title joined by "of" (and no other connector) to the words after it: "Secretary of
    State John Kerry", "Senator Jeff Flake of Arizona", "Archbishop of Canterbury"."""
    words = mention.split()
    if len(words) > 1 and words[0] in _DETERMINER_SET:
        words = words[1:]  # "The Mayor of London"
    of = words.index("of") if "of" in words else 0
    return of > 0 and any(_person_title(w) for w in (words[0], words[of - 1])) \
        and not any(n in mention for n in _CONNECTOR_NEEDLES[1:])  # ("Roman Catholic Archbishop of Cardiff")


def _title_word(word: str) -> bool:
    """A title written before a name, an honorific ("Sen.", "Mr.") or a capitalised person's role
    ("Secretary"): the name counts its words from there."""
    return word in _TITLES or _person_title(word)


def _person_title(word: str) -> bool:
    """"Senator", "Archbishop": a capitalised person's role (not a group: "Americans")."""
    return word[:1].isupper() and word[-1] != "s" and _ROLES.get(word.lower()) == "person"


def _name_run_start(text: str, start: int, limit: int) -> int:
    """Start of the capitalised words written right before ``start`` ("Vladimir" before "Putin")."""
    n = 0
    while n < _MAX_NAME_WORDS:
        tok = _token_before(text, start, limit)
        if tok is None or tok[1] != start - 1 or text[tok[1]] != " ":
            break
        word = text[tok[0]:tok[1]]
        glued = _glued_stop(word)
        if glued > 0:  # "Ebola.President Barack Obama": from the stop that lost its space
            return tok[0] + glued
        if not (_is_name_word(word) or word in _PARTICLES):
            break
        start, n = tok[0], n + 1
    return _office_start(text, start, limit)


def _office_start(text: str, start: int, limit: int) -> int:
    """Where a title and its "of" before the office at ``start`` begin ("Secretary" for "State" in
    "Secretary of State John Kerry"); ``start`` when there is none."""
    if start - 4 < limit or text[start - 4:start] != " of ":
        return start
    tok = _token_before(text, start - 3, limit)
    word = text[tok[0]:tok[1]] if tok is not None else ""
    return tok[0] if _person_title(word) else start
