"""bench/instructions.py: the counted work is the extraction of the first N benchmark articles."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.instructions import extract  # noqa: E402
from conftest import shared_path  # noqa: E402


def test_the_counted_work_extracts_the_first_articles():
    shared_path("corpora", "bbc")
    shared_path("corpora", "allsides_sample")
    assert extract(0) == 0
    assert extract(5) > extract(2) > 0
