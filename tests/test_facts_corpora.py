"""The numeric-facts extractor over the shared news corpora: it never raises, every span slices the text to
its surface, and spans come in order.  Reads ``../shared/corpora`` (research-only, never copied into the
repository); skipped cleanly when it is absent."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from pipeline.facts import KINDS, QUALIFIERS, extract_facts
from pipeline.segment import segment

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
BBC = CORPORA / "bbc"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not BBC.is_dir(), reason="shared corpora not present")]


def test_bbc_articles_give_well_formed_facts():
    n_docs = n_facts = 0
    kinds = set()
    for path in sorted(BBC.rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        facts = extract_facts(text, segment(text).sentences)
        n_docs += 1
        n_facts += len(facts)
        previous = (-1, -1)
        for f in facts:
            assert text[f.start:f.end] == f.surface and f.start < f.end, path
            assert (f.start, f.end) >= previous, path
            previous = (f.start, f.end)
            assert f.kind in KINDS and f.qualifier in QUALIFIERS
            assert math.isfinite(f.value)
            assert f.value_high is None or f.value <= f.value_high or text[:f.start].endswith("from ")  # a change: in written order
            kinds.add(f.kind)
    assert n_docs > 2000
    assert n_facts > 5 * n_docs  # news articles are full of numbers; a silent extractor fails here
    assert {"percent", "money", "count", "duration", "quantity"} <= kinds
