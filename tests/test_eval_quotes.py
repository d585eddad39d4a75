"""The shaping of the quotes table into PolNeAR's covering spans (bench/eval_quotes.py): golden
cases of synthetic text in tests/cases/quotes/covering.jsonl, each listing the predicted spans."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cases" / "quotes" / "covering.jsonl"
sys.path.insert(0, str(ROOT))

from bench.eval_quotes import predictions  # noqa: E402


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_covering_span(case):
    preds = predictions(case["text"])
    assert [p["quote_text"] for p in preds] == case["expect"]
    for p in preds:
        assert case["text"][p["quote_start"]:p["quote_end"]] == p["quote_text"]
