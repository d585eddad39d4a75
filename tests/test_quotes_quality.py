"""Quality gate: PolNeAR dev scores of the quotes extractor may not fall below the pinned floors.

The floors in ``tests/baselines/quotes.json`` are measured figures rounded down by about half a
point; a floor may only go up. Skipped when the shared benchmarks are absent.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = SHARED / "benchmarks"
BASELINE = Path(__file__).parent / "baselines" / "quotes.json"

pytestmark = pytest.mark.skipif(not (BENCH / "polnear_dev.jsonl").is_file() or not (BENCH / "score_quotes.py").is_file(),
                                reason="shared benchmarks not present")


@pytest.fixture(scope="module")
def scores():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.eval_quotes import score_in_process

    return score_in_process("dev")


def _floors():
    return json.loads(BASELINE.read_text(encoding="utf8"))["floors"]


@pytest.mark.parametrize("subset", ["quoted", "all"])
@pytest.mark.parametrize("metric", ["content_exact", "content_overlap", "attribution"])
def test_f1_at_least_floor(scores, subset, metric):
    floor = _floors()[subset][metric]
    got = scores[subset][metric]["F1"]
    assert got >= floor, f"{subset} {metric} F1 {got} fell below the floor {floor}"


def test_baseline_file_is_well_formed():
    floors = _floors()
    for subset in ("quoted", "all"):
        for metric in ("content_exact", "content_overlap", "attribution"):
            assert 0 < floors[subset][metric] <= 100
