"""Golden cases, seed acceptance, vocabulary files and properties of the quotes extractor."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.quotes import KINDS, SPEAKER_KINDS, Quote, extract_quotes
from pipeline.segment import segment

CASES = Path(__file__).parent / "cases" / "quotes"
REPO = Path(__file__).resolve().parents[1]
VOCAB = REPO / "pipeline" / "vocab"
SEED = REPO / "seeds" / "000_0a0d639a27c3d5bc.txt"
QUOTE_VOCABS = sorted(
    [p for p in VOCAB.iterdir() if p.name.startswith(("quote_", "people_"))] + [VOCAB / "reporting_verbs.tsv"])


def _load(name: str) -> list[dict]:
    with open(CASES / name, encoding="utf8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _quotes(text: str) -> list[Quote]:
    return extract_quotes(text, segment(text))


def _check(text: str, expected: list[dict]) -> None:
    got = _quotes(text)
    by_text = {q.text: q for q in got}
    for want in expected:
        assert want["text"] in by_text, f"missing {want['text']!r}; got {[q.text for q in got]}"
        q = by_text[want["text"]]
        for key, value in want.items():
            assert getattr(q, key) == value, f"{want['text']!r}: {key} is {getattr(q, key)!r}, want {value!r}"


# -- the case files themselves -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["seed.jsonl", "synthetic.jsonl", "negative.jsonl", "known_failures.jsonl"])
def test_case_files_are_well_formed(name):
    rows = _load(name)
    assert rows, name
    names = [r.get("name") for r in rows if "name" in r]
    assert len(names) == len(set(names)), "case names must be unique"
    for row in rows:
        if name == "seed.jsonl":
            assert {"starts_with", "kind", "speaker", "cue"} <= row.keys()
        elif name == "negative.jsonl":
            assert "text" in row and "expect" not in row
        else:
            assert row["expect"], row["name"]
            for want in row["expect"]:
                assert want["text"] in row["text"]


@pytest.mark.parametrize("path", QUOTE_VOCABS, ids=lambda p: p.name)
def test_vocab_files_sorted_unique_no_blanks(path):
    lines = [line for line in path.read_text(encoding="utf8").splitlines() if not line.startswith("#")]
    assert lines, path.name
    assert all(line.strip() == line and line for line in lines), "no blank lines or stray spaces"
    assert lines == sorted(lines), "sorted"
    keys = [line.split("\t")[0] for line in lines]
    assert len(keys) == len(set(keys)), "unique"


# -- golden cases ------------------------------------------------------------------------------

def _seed_text() -> str:
    lines = SEED.read_text(encoding="utf8").splitlines()
    title, body = lines[1], [line for line in lines[5:] if line.strip()]
    return title + "\n\n" + "\n\n".join(body)


@pytest.mark.parametrize("row", _load("seed.jsonl"), ids=lambda r: r["starts_with"][:30])
def test_seed_acceptance_table(row):
    quotes = [q for q in _quotes(_seed_text()) if q.text.startswith(row["starts_with"])]
    assert len(quotes) == 1, [q.text[:40] for q in _quotes(_seed_text())]
    q = quotes[0]
    assert q.kind == row["kind"]
    assert q.speaker == row["speaker"]
    assert (q.cue or None) == (row["cue"] or None)
    if "via" in row:
        assert q.via == row["via"]
    if "speaker_mention" in row:
        assert q.speaker_mention == row["speaker_mention"]


def test_seed_no_quote_is_an_apostrophe():
    text = _seed_text()
    quotes = _quotes(text)
    assert len(quotes) >= 7
    for q in quotes:
        assert len(q.text) > 3 and q.text.strip("'’‘ ") == q.text.strip()
        assert not text[q.start - 1:q.start + 1].startswith(("n'", "s'"))


@pytest.mark.parametrize("case", _load("synthetic.jsonl"), ids=lambda c: c["name"])
def test_synthetic(case):
    _check(case["text"], case["expect"])


@pytest.mark.parametrize("case", _load("negative.jsonl"), ids=lambda c: c["name"])
def test_negative(case):
    assert _quotes(case["text"]) == []


@pytest.mark.parametrize("case", _load("known_failures.jsonl"), ids=lambda c: c["name"])
@pytest.mark.xfail(strict=True, reason="known failure, see the case's 'why'")
def test_known_failures(case):
    _check(case["text"], case["expect"])


# -- behaviour ---------------------------------------------------------------------------------

def test_unbalanced_marks_keep_the_rest_of_the_document():
    text = 'T\n\nHe wrote "open and never closed\n\n"Fine," said Jane Doe. Jane Doe said the rest is fine too.'
    quotes = _quotes(text)
    assert [q.text for q in quotes if q.speaker == "Jane Doe"] == ["Fine,", "the rest is fine too"]


def test_multi_paragraph_quote_spans_paragraphs():
    text = 'T\n\nJane Doe said: "First part.\n\n"Second part.\n\n"Third part," she added.'
    q = _quotes(text)[0]
    assert q.n_paragraphs == 3 and q.paragraph_idx == 1
    assert q.text.startswith("First part.") and q.text.endswith("Third part,")


def test_constants_for_the_schema():
    assert KINDS == ("direct", "partial", "indirect")
    assert SPEAKER_KINDS == ("person", "organisation", "unknown")


def test_records_are_frozen():
    q = _quotes('T\n\n"Yes," said Jane Doe.')[0]
    with pytest.raises(AttributeError):
        q.start = 0  # type: ignore[misc]


# -- properties --------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("ab Xy.,;:!?'\"“”‘’«»„-—\n") + ["said ", "He ", "Smith ", "''", "according to ", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
@example("'Xa' ")  # a quoted word at the end of the text (the show-name test read past it)
def test_never_raises_and_spans_slice_to_their_text(text):
    quotes = _quotes(text)
    last_end = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.start >= last_end, "ordered and never overlapping"
        last_end = q.end
        assert q.kind in KINDS and q.speaker_kind in SPEAKER_KINDS
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_mention
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end] == q.cue


@pytest.mark.parametrize("text", ["T\n\nIt works, said", "T\n\nIt works, said Jane", "said", "\"", "T\n\n\"x,\" said", "according to"])
def test_text_ending_at_a_verb_does_not_raise(text):
    for q in _quotes(text):
        assert text[q.start:q.end] == q.text


def test_deadline_propagates_as_timeout():
    from pipeline.limits import Deadline, ExtractionTimeout

    text = 'T\n\n"Yes," said Jane Doe.'
    seg = segment(text)
    with pytest.raises(ExtractionTimeout):
        extract_quotes(text, seg, Deadline(0))


@pytest.mark.parametrize("unit", ['he said "yes, it is" and she said that it was, according to Smith, ',
                                  'Smith said the plan "works" and ', '"a," said X, ', '"a," said X. '])
def test_run_on_text_stays_linear(unit):
    """A 'sentence' with thousands of quotes and verbs (no full stop anywhere) must not be read
    again for every candidate."""
    import time

    def seconds(n: int) -> float:
        text = "T\n\n" + unit * n
        seg = segment(text)
        t0 = time.process_time()
        assert extract_quotes(text, seg)
        return time.process_time() - t0

    small, large = seconds(500), seconds(4000)
    assert large < 3.0 and large < 8 * 4 * max(small, 0.005), (small, large)


def test_labelled_paragraphs_drop_the_rows_inside_them_in_one_pass(monkeypatch):
    """The quotes inside "Name:" paragraphs are dropped by one call of _outside for all of them,
    and _outside reads each row once, not once for every paragraph (a pass over every row for each
    such paragraph was quadratic: 200,000 characters of quotes and labels took 5.1 s of CPU,
    unseen by the time limit)."""
    import pipeline.quotes as quotes

    calls = []
    real = quotes._outside
    monkeypatch.setattr(quotes, "_outside", lambda rows, ranges: calls.append(len(ranges)) or real(rows, ranges))
    text = "T\n\n" + "\u201ca\u201d \u201cb\u201d.\n\nSMITH: c d e f.\n\n" * 1000
    assert len(extract_quotes(text, segment(text))) == 3000
    assert calls == [1000, 0]  # the label paragraphs, then the transcript turns (none)

    reads = 0

    class Row(tuple):
        def __getitem__(self, i):
            nonlocal reads
            reads += 1
            return tuple.__getitem__(self, i)

    rows = [Row((10 * i, i)) for i in range(2000)]
    kept = real(rows, [(20 * i, 20 * i + 5) for i in range(1000)])  # every other row lies in one
    assert reads == len(rows)
    assert [tuple.__getitem__(row, 1) for row in kept] == list(range(1, 2000, 2))


def test_a_paragraph_ending_in_a_long_run_of_closing_marks_is_read_in_linear_time():
    """The closing marks at a paragraph's end are taken off by walking back: slicing one off at a
    time copied the paragraph again for each (quadratic, with no deadline read meanwhile: a transcript
    turn followed by 320,000 closing marks took 3.6 s of CPU); a million now take well under a second."""
    import time

    import pipeline.quotes as quotes

    text = "\u201cmore text" + "\u201d" * 1_000_000
    start = time.process_time()
    assert not quotes._closes_inside(text, 0, len(text))
    assert quotes._closes_inside('"No," Kaine said.', 0, 17) and not quotes._closes_inside("\u201cNo\u201d.\u201d", 0, 6)
    assert time.process_time() - start < 2.0


def test_long_document_finds_every_verb_across_chunks():
    unit = "Jane Doe said the plan works. According to Tom Lee, it does not. "
    text = "T\n\n" + unit * 1500  # far more than one chunk of verb search
    quotes = _quotes(text)
    assert len(quotes) == 3000
    assert {q.cue for q in quotes} == {"said", "According to"}


@pytest.mark.parametrize("intro", ["He told BBC Radio 4's Today programme:", "She told the Breakfast show: ",
                                   "The minister said on Monday:\n\n"])
def test_the_words_before_a_colon_and_a_quotation_are_not_reported_speech(intro):
    text = "Talks\n\n" + intro + ' "We need a deal by June."'
    quotes = _quotes(text)
    assert [q.text for q in quotes] == ["We need a deal by June."]
    assert quotes[0].kind == "direct" and quotes[0].cue.startswith(("told", "said"))


def test_lookback_window_starts_at_a_word():
    """A run-on sentence is read from LOOKBACK characters before the quote or verb; the window
    must not start inside a word (it once read "cording to Politico" as a speaker)."""
    from pipeline.quotes import _word_start

    text = "debate , according to Politico , which reports"
    assert _word_start(text, text.index("according") + 2) == text.index(" to Politico")
    assert _word_start(text, text.index("according")) == text.index("according")
    assert _word_start(text, 0) == 0


def test_the_dateline_prefilter_knows_every_dash_the_dateline_pattern_accepts():
    """_subject tries _DATELINE only when one of _DATELINE_DASHES is near: a dash added to the
    pattern but not to the set would never be tried."""
    import regex

    from pipeline import quotes

    classes = regex.findall(r"\[([^\]\\]+)\]\{1,2\}", quotes._DATELINE.pattern)
    assert classes, quotes._DATELINE.pattern
    assert all(set(c) <= quotes._DATELINE_DASHES for c in classes)


_LEAD_EXAMPLES = ("He said for the first time that it works.", "She has said for years that taxes rise.",
                  "He said Wednesday he agrees.", "They said on Monday morning they would.", "It said last week it won.",
                  "He said after the convention he would run.", "She admitted under Warren's grilling she hadn't.")


def test_the_lead_pattern_prefilters_let_every_match_through():
    """clause_start runs _FOR_TIME, _LEAD_TIME and _LEAD_PHRASE only when the first word after the
    verb is one of their openers: wherever a pattern matches (the case texts and examples above),
    that word must be one, else an opener added to a pattern but not to its set is never tried."""
    from pipeline import quotes

    pairs = ((quotes._FOR_TIME, quotes._FOR_TIME_OPENERS), (quotes._LEAD_TIME, quotes._LEAD_TIME_OPENERS),
             (quotes._LEAD_PHRASE, quotes._LEAD_PHRASE_OPENERS))
    texts = [case["text"] for name in ("synthetic.jsonl", "negative.jsonl", "known_failures.jsonl", "covering.jsonl")
             for case in _load(name)] + list(_LEAD_EXAMPLES)
    matched = set()
    for text in texts:
        for pos in (i for i, ch in enumerate(text) if ch == " "):
            for pattern, openers in pairs:
                if pattern.match(text, pos, pos + 60) is not None:
                    matched.add(pattern.pattern)
                    assert quotes._word_after(text, pos, pos + 60) in openers, text[pos:pos + 60]
    assert len(matched) == len(pairs)
