"""The concept score of bench/eval_facts.py: content-word tokens of our concept and holder against the
gold concept, over the quantity pairs the scorer matches."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.eval_facts import concept_score, concept_tokens  # noqa: E402


def test_concept_tokens_are_lower_case_content_words_without_plural_s():
    assert concept_tokens("Russia's investments", None) == {"russia", "investment"}
    assert concept_tokens("the price of the shares", "Tesla") == {"price", "share", "tesla"}
    assert concept_tokens("sales loss", None) == {"sale", "loss"}
    assert concept_tokens(None, None) == set()


def _pairs(gq, pq, mode):
    """A stand-in for the scorer's matching: the i-th gold with the i-th prediction."""
    assert mode == "span"
    return [(i, i) for i in range(min(len(gq), len(pq)))]


def test_concept_score_is_micro_over_pairs_with_a_gold_concept():
    gold = [{"doc_id": "a", "quantities": [{"concept": "investment, Russia"}, {"concept": None},
                                           {"concept": "revenue"}]}]
    preds = [{"doc_id": "a", "quantities": [{"concept": "investment", "holder": "Kazakhstan"},
                                            {"concept": "anything", "holder": None},
                                            {"concept": None, "holder": None}]}]
    res = concept_score(gold, preds, _pairs)
    # pair 1: ours {investment, kazakhstan}, gold {investment, russia}; pair 2 has no gold concept;
    # pair 3: ours nothing, gold {revenue}
    assert (res["tp"], res["pairs"], res["none"]) == (1, 2, 1)
    assert (res["P"], res["R"], res["F1"]) == (50.0, 33.3, 40.0)
