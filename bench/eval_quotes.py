"""Measure the quotes extractor on PolNeAR with the reference scorer.

usage: python bench/eval_quotes.py [--split dev|train] [--json OUT]

Runs ``pipeline.process.extract_document`` (segmentation, both extractors, linking) on every article of ``../shared/benchmarks/polnear_<split>.jsonl``,
writes the predictions in the scorer's format, runs ``score_quotes.py`` with ``--subset quoted`` and
``--subset all`` and prints the two summary lines (and the timing).

PolNeAR marks one covering span per attribution while our table has one row per fragment, so the
predictions are shaped the way the gold is (see :func:`predictions`): the fragments of one utterance
become one covering span, and a partial quote whose reporting verb comes earlier in its sentence
covers the reported clause from that verb to the end of the sentence ("said the two countries
"have every reason ..."" is one attribution in PolNeAR).

The shared data is research-only: it is read in place and nothing derived from it is written into
the repository.
"""
from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.quotes import _SOURCE_LEAD_WORDS, Quote, clause_start, clause_stop, full_stop  # noqa: E402
from pipeline.process import extract_document  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks"
SUBSETS = ("quoted", "all")
# After the last quoted fragment of a reported clause, where PolNeAR's content stops.
_RELATIVE_OPENERS = ("what", "whom", "which", "who")
_CLAUSE_WORDS = ("that ", "that,", "to ", "whether ", "if ", "how ", "why ", "what ")
# words that open an adverbial before a parenthetical source, not the reported clause ('When asked, X said, "..."')
_NOT_CLAUSE_OPENERS = frozenset("When If As While After Although Though Because Before Since Asked In At On".split())
# a reported clause with its own subject before a colon ('said she has the quality for the job: "Steadiness"')
_SUBJECT_PRONOUNS = ("he ", "she ", "they ", "we ", "I ", "it ")
_MARKS = "\"“”'‘’«»„"
# ... and where the clause of a reporting noun stops ("his promise to be "neutral" in talks, have caused").
_NOUN_CLAUSE_ENDS = (", ", " and ", "; ", " — ")
# after a comma inside the closing mark, words that start a clause of the writer's
_AFTER_QUOTED_COMMA = frozenset("and but while whereas though although which who".split())
# after '"..." and', words that start a second predicate of the subject ('and has invited two guests')
_VERB_AFTER_AND = frozenset("has have had is was were will would then also later even cast".split())
# after the closing mark of a partial quote, words that open an adjunct of the writer's ('as a "disgrace"
# after she attacked ...', '"disgrace" Wednesday on The Laura Ingraham Show', '"crazy system" during a stop')
_ADJUNCT_AFTER_QUOTE = frozenset("before Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_CLAUSE_AFTER_QUOTE = (", and ", " and said", " but ", "; ", " — ", " – ", " -- ", " - ", ", a ", ", an ", ", one of", ", who ",
                       " as he ", " as she ", " as they ")


def _object_before(text: str, q: Quote, s_start: int) -> bool:
    """A direct quote whose verb is followed by words of the reported clause before the quotation
    mark (called Trump "unhinged." / said Rubio "has failed ..."): PolNeAR's content starts after
    the verb, not at the mark (a colon or a comma before the mark keeps it at the mark)."""
    gap = text[max(q.cue_end, q.speaker_end or 0, s_start):q.start].rstrip(" \t\"“”'‘’«»„")
    if gap.endswith(":") and gap.lstrip().startswith(_SUBJECT_PRONOUNS + ("that ",)):
        return True  # 'said she has the quality for the job: "Steadiness ..."': one clause with its subject
    return bool(gap) and gap[-1].isalnum()


def _relative_speaker(text: str, q: Quote) -> bool:
    """The speaker before the verb opens a relative clause: what Mr. Hedge called "..."."""
    if q.speaker_start is None or q.cue_start is None or q.speaker_end > q.cue_start:
        return False
    word = text[max(0, q.speaker_start - 6):q.speaker_start].split()[-1:]
    return bool(word) and word[0] in _RELATIVE_OPENERS


def _words_go_on(text: str, end: int) -> bool:
    """The sentence goes on with a lower-case word right after the closing mark, with no punctuation
    inside or after it ('what it calls "psychographic" profiles of voters to ...'): the quotation
    ends no clause, so the reported clause goes on past it."""
    after = text[end:end + 30].lstrip(_MARKS)
    return text[end - 1] not in ",.;:!?" and after[:1] == " " and after[1:2].islower()


def _after_adverbials(text: str, s: int, start: int, end: int) -> int:
    """Where the reported clause starts when adverbials stand between the verb and the quotation
    ('said last week in Tel Aviv, "Israel is ..."', 'also said, without evidence, that "..."'): at a
    capitalised quotation after a comma or colon, or at the "that" after the last comma or before a comma."""
    mark = start
    while mark > s and text[mark - 1] in _MARKS:
        mark -= 1
    before = text[s:mark].rstrip()
    if before.endswith(" that,"):
        return s + len(before) - 5  # 'said via email that, "Of course ..."': the clause starts at "that"
    words = text[start:min(end, start + 60)].split()[:4]
    if before.endswith((",", ":")) and not before.startswith(_CLAUSE_WORDS) and text[start:start + 1].isupper() \
            and not (before.endswith(":") and before.startswith(_SUBJECT_PRONOUNS)) \
            and any(w[:1].islower() for w in words[1:]):  # a sentence, not a title ("Trump and Me")
        return start
    at = before.rfind(", that ")
    return s if at < 0 else s + at + 2


def _clause_end(text: str, end: int, sentences: list[tuple[int, int, int]], noun: bool = False) -> int:
    """After the last quoted fragment of a reported clause: to the sentence end, unless a new
    clause starts after the quotation (``noun``: the clause of a reporting noun, which ends sooner)."""
    for s_start, s_end, _ in sentences:
        if s_start <= end <= s_end:
            after = end
            while after < s_end and text[after] in "\"”'’":
                after += 1
            follow = text[after:min(s_end, after + 20)].split(None, 2)
            if text[end - 1] == "," and noun:
                break  # "Contrary to his claim that people would "learn nothing," there ...": the noun's clause ends
            if follow and (text[end - 1] == "," and follow[0].endswith("ing")
                           or follow[0] == "and" and len(follow) > 1 and (follow[1].endswith("ed") or follow[1] in _VERB_AFTER_AND
                                                            or _participle(follow[1]))):
                break  # '"...," adding that ...' / '"..." and likened it to ...' / '... and asserting': a new clause
            if follow and not noun and text[end - 1] != "," and follow[0] in _ADJUNCT_AFTER_QUOTE:
                break  # 'described her as a "disgrace" after she attacked ...': the writer's adjunct
            if follow and text[end - 1] == "," and follow[0] in _AFTER_QUOTED_COMMA and follow[1:2] != ["that"]:
                break  # 'called inversions "unpatriotic," and his administration ...': the comma ends the clause
            stop = full_stop(text, after, s_end)  # a sentence end the segmenter missed (not "Mr. Bloomberg")
            marks = _NOUN_CLAUSE_ENDS if noun else _CLAUSE_AFTER_QUOTE
            stop = clause_stop(text, after, s_end if stop < 0 else stop, marks)
            return max(end, _participle_stop(text, after, stop))
    return end


_NOT_PARTICIPLES = frozenset("including nothing something everything anything".split())


def _participle(word: str) -> bool:
    """A present participle of a verb ('arguing', 'asserting'), not 'including' or 'nothing'."""
    return word.isalpha() and word.islower() and word.endswith("ing") and len(word) > 5 and word not in _NOT_PARTICIPLES


def _participle_stop(text: str, start: int, stop: int) -> int:
    """Where ', VERBing' opens a participle clause of the writer's in [start, stop) ('was "outraged"
    to even hear about it, arguing that ...'), else ``stop``."""
    at = text.find(", ", start, stop)
    while at >= 0:
        word = text[at + 2:min(stop, at + 20)].split(None, 1)[:1]
        if word and _participle(word[0]):
            return at
        at = text.find(", ", at + 2, stop)
    return stop


def _after_participle(text: str, s: int, start: int) -> int:
    """A participle or a second verb after the last comma before the quotation ('denied the
    accusations, dismissing O'Donnell as "..."', 'suggested ..., called her "third-rate"'): the
    quoted clause is that verb's, and starts after it."""
    comma = text.rfind(", ", s, start)
    if comma < 0:
        return s
    words = text[comma + 2:start].split(" ")
    verb = words[0]
    if len(words) < 2 or not verb.isalpha() or not verb.islower() or not verb.endswith(("ing", "ed")) \
            or verb == "including" or any(ch in _MARKS + ",;:" for ch in text[comma + 2 + len(verb):start].rstrip(_MARKS + " ")):
        return s
    return comma + 3 + len(verb)


def _parenthetical(text: str, q: Quote, s_start: int, clause: int) -> bool:
    """The source and verb stand between commas inside the reported clause ('Cost estimates, he
    added, were "based on ..."'): the clause starts before them."""
    lead = min(q.cue_start, q.speaker_start if q.speaker_start is not None else q.cue_start)
    before = text[s_start:lead].rstrip()
    words = before.split()
    return len(words) > 1 and before.endswith(",") and text[:clause].rstrip().endswith(",") \
        and words[0] not in _NOT_CLAUSE_OPENERS and "\n" not in before and not any(ch in _MARKS for ch in before)


_TITLE_SMALL = frozenset("a an and the of to for in on at by with from or".split())


def _title_words(quoted: str) -> bool:
    """A short name in Title Case ("Meet the Press", "Tales From the Crypt")."""
    words = quoted.rstrip(" ,.").split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and all(w[:1].isupper() or w in _TITLE_SMALL for w in words)


def _trailing_title(text: str, a: Quote, b: Quote, sentences: list[tuple[int, int, int]]) -> bool:
    """A short Title Case quotation taken by the sentence of the quote before it but opening after
    a word of the writer's (told "Fox and Friends", on the podcast "Here's the Thing"), or taken by
    the next paragraph it opens as the subject of the writer's sentence: a name."""
    if b.rule == "inherited.paragraph" and _title_words(b.text):
        after = text[b.end:b.end + 40].lstrip(_MARKS + " ,")
        return after[:1].islower()  # '"Sons of Trump" is an adaptation of ...': a title opens the paragraph
    if b.rule != "inherited.sentence" or not _title_words(b.text):
        return False
    o = b.start
    while o > a.end and text[o - 1] in _MARKS + " ":
        o -= 1
    return text[o - 1].isalnum() and any(s <= a.end <= e and s <= b.start < e for s, e, _ in sentences)


def _opens_aside(text: str, s_start: int, start: int) -> bool:
    """The quotation opens an aside of its own after a dash, a parenthesis or a colon ('Neither man
    was impressed by her - "Born with a silver spoon," Mr. Elkins said - but ...'): the writer's
    words before it are no part of the reported clause."""
    lead = text[s_start:start].rstrip(_MARKS + " ")
    return lead.endswith((" -", " —", " –", "(", ":", "--"))


def _verb_in_later_sentence(text: str, first: Quote, end: int, sentences: list[tuple[int, int, int]]) -> bool:
    """A direct quotation that ends its sentence while its verb stands in a later one ('telling her,
    "you are ...!" She replied ...', 'call Cruz "the worst politician." As evidence, he cited'): the
    span is the quotation's, not stretched from the sentence start to the verb."""
    if not first.rule.startswith("direct."):
        return False
    if any(a <= end <= b <= first.cue_start and end >= b - 2 for a, b, _ in sentences):
        return True
    gap = text[end:first.cue_start]
    return text[end - 1] in ".!?" and gap.lstrip(_MARKS)[:1] in (" ", "\n") and gap.lstrip(_MARKS + " \n")[:1].isupper()


def _covering(text: str, quotes: list[Quote], sentences: list[tuple[int, int, int]]) -> tuple[int, int]:
    """The PolNeAR-style span of one utterance's fragments."""
    start, end = min(q.start for q in quotes), max(q.end for q in quotes)
    first = quotes[0]
    if first.kind == "partial" and first.cue_start is not None and first.cue_start >= first.end \
            and not _verb_in_later_sentence(text, first, end, sentences):
        # "...", X said.: the reported clause runs from the sentence start to the speaker
        stop = min(first.cue_start, first.speaker_start if first.speaker_start is not None else first.cue_start)
        for s_start, s_end, _ in sentences:
            if s_start <= start < s_end:
                if s_start < start and not _opens_aside(text, s_start, start):
                    start = s_start
                break
        if stop > end and len(quotes) == 1:
            comma = text.rfind(",", end, stop)
            if comma >= 0 and len(text[comma + 1:stop].split()) <= _SOURCE_LEAD_WORDS:
                stop = comma  # '..., Republican candidate Ben Carson said' / '..., as Cruz said': the lead is the source's
            end = stop
            while end > start and text[end - 1] in " \t,":
                end -= 1
        return start, end
    sentence = next(((a, b) for a, b, _ in sentences if a <= start < b), (start, end))
    if first.rule == "partial.clause_interrupted":  # 'No name change, he said, "hides what it is."'
        start = sentence[0]
    if first.cue_end is not None and first.cue_end <= first.start and (
            first.kind == "partial" or first.kind == "direct" and (
                _object_before(text, first, sentence[0])
                or _relative_speaker(text, first) and not text[first.cue_end:first.start].strip(" " + _MARKS))):
        # the reported clause: from the verb (or the source after "according to") to the sentence end
        s = max(first.cue_end, first.speaker_end or 0)
        if first.cue and first.cue_end >= (first.speaker_end or 0):
            s = clause_start(text, first.cue.split()[-1], sentence[1], first.cue_end)
        while s < start and text[s] in " \t,:":
            s += 1
        s = _after_adverbials(text, s, start, first.end)
        if first.kind == "partial":
            s = _after_participle(text, s, start)
        if first.kind == "partial" and s < start and _parenthetical(text, first, sentence[0], s):
            s = sentence[0]  # 'The golf industry, she said, is "doing much better"': one clause around its source
        relative = _relative_speaker(text, first)
        if relative:  # what Mr. Hedge called "...": PolNeAR starts at "what" (and ends with the quotation, see below)
            s = first.speaker_start - len(text[max(0, first.speaker_start - 6):first.speaker_start].split()[-1]) - 1
        if s < start:
            start = s
        if not relative or _words_go_on(text, end):
            end = _clause_end(text, end, sentences, first.rule == "partial.possessor_noun")
    elif first.kind == "indirect" and quotes[-1].rule == "partial.unattributed" and not (
            text[end - 1] == "," or text[end:end + 4].lstrip(_MARKS).startswith((",", " -", " –", " —"))):
        # most said they were "very worried" about ... (she referenced the "loophole," a flaw ...: it ends there)
        end = _clause_end(text, end, sentences)
    # the closing quotation mark and final punctuation belong to the gold span; trimming removes them
    while end < len(text) and text[end] in "\"”'’.,!?" and end - max(q.end for q in quotes) < 3:
        end += 1
    return start, end


def predictions(text: str) -> list[dict]:
    """Predicted quotes of one article in the scorer's format."""
    extraction = extract_document(text)  # what the pipeline runs on every document
    seg, rows = extraction.segmentation, extraction.quotes
    groups: dict[int, list[Quote]] = {}
    prev, key = None, -1
    for q in rows:
        if prev is None or not (
                q.rule == "partial.unattributed" and prev.kind == "indirect"
                and not text[prev.end:q.start].strip(" -–" + _MARKS)  # most said they were "very worried." / ... phrase - "we assess"
                or q.rule == "direct.unattributed" and prev.kind == "direct"
                and not any(ch.isalnum() for ch in text[prev.end:q.start])):  # "Is it over?" . . . "Have you won?"
            key = q.utterance
        groups.setdefault(key, []).append(q)
        prev = q
    for frags in groups.values():
        if len(frags) > 1 and _trailing_title(text, frags[-2], frags[-1], seg.sentences):
            frags.pop()  # '"...," he told "Fox and Friends."': the show's name is no part of what he said
    out = []
    for frags in groups.values():
        if frags[0].rule == "partial.unattributed" or frags[0].rule == "direct.unattributed" and len(frags) == 1 \
                and _title_words(frags[0].text) and not frags[0].text.rstrip().endswith(("!", "?")):
            continue  # a scare quote or a title (''Tales From the Crypt,'' an HBO series): attributed to nobody
        start, end = _covering(text, frags, seg.sentences)
        head = next((q for q in frags if q.speaker_start is not None), frags[0])
        out.append({
            "quote_start": start, "quote_end": end, "quote_text": text[start:end],
            "speaker": head.speaker_mention, "speaker_start": head.speaker_start, "speaker_end": head.speaker_end,
            "cue": head.cue, "cue_start": head.cue_start, "cue_end": head.cue_end,
            "kind": head.kind, "rule": head.rule,
        })
    return out


def load(split: str) -> list[dict]:
    path = BENCH / f"polnear_{split}.jsonl"
    with open(path, encoding="utf8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict_all(docs: list[dict]) -> tuple[list[dict], float]:
    t0 = time.perf_counter()
    preds = [{"doc_id": d["doc_id"], "quotes": predictions(d["text"])} for d in docs]
    return preds, time.perf_counter() - t0


def score_in_process(split: str = "dev") -> dict[str, dict]:
    """Scores per subset, computed with the reference scorer imported in-process (for the tests)."""
    sys.path.insert(0, str(BENCH))
    import score_quotes  # type: ignore[import-not-found]

    docs = load(split)
    preds, _ = predict_all(docs)
    gold = {d["doc_id"]: d for d in docs}
    pred = {p["doc_id"]: p for p in preds}
    return {subset: score_quotes.score(gold, pred, subset) for subset in SUBSETS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--json", help="write {subset: scorer result} to this file")
    args = ap.parse_args(argv)
    gold_path = BENCH / f"polnear_{args.split}.jsonl"
    if not gold_path.is_file():
        print(f"error: {gold_path} not found; the shared benchmarks must sit next to the repository", file=sys.stderr)
        return 2
    docs = load(args.split)
    preds, seconds = predict_all(docs)
    n_chars = sum(len(d["text"]) for d in docs)
    results, lines = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(tmp) / "pred.jsonl"
        with open(pred_path, "w", encoding="utf8") as fh:
            for p in preds:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        for subset in SUBSETS:
            out = Path(tmp) / f"{subset}.json"
            run = subprocess.run(
                [sys.executable, str(BENCH / "score_quotes.py"), str(gold_path), str(pred_path),
                 "--subset", subset, "--json", str(out)],
                capture_output=True, text=True, check=True)
            lines.append(f"{subset:7s} {run.stdout.strip().splitlines()[-1]}")
            results[subset] = json.loads(out.read_text(encoding="utf8"))
    lines.append(f"timing: {len(docs)} articles, {n_chars / 1e6:.2f} M chars in {seconds:.2f} s "
                 f"({n_chars / seconds / 1e6:.1f} M chars/s, segmentation + both extractors)")
    if args.json:  # written before printing, so that a closed pipe (`| head`) cannot lose it
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the printing quietly (the JSON is written first)
    sys.exit(main())
