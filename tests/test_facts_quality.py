"""Quality gate for the numeric-facts extractor: F1 floors pinned in ``tests/baselines/facts.json``.

Runs the same evaluation as ``bench/eval_facts.py`` in-process on the shared quantity benchmarks
(``../shared/benchmarks``, research-only data that never enters the repository) and fails when a score drops
below its floor.  A floor may only go up.  Skipped cleanly when the benchmarks are absent.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = SHARED / "benchmarks"
BASELINE = REPO / "tests" / "baselines" / "facts.json"

pytestmark = pytest.mark.skipif(not (BENCH / "newsquant_dev.jsonl").is_file(),
                                reason="shared benchmarks not present")


@pytest.fixture(scope="module")
def results():
    sys.path.insert(0, str(REPO))
    from bench.eval_facts import evaluate

    return evaluate(BENCH)


def _floors():
    return json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]


def test_baseline_file_is_well_formed():
    floors = _floors()
    assert "newsquant_dev" in floors
    for name, metrics in floors.items():
        assert metrics, name
        for metric, floor in metrics.items():
            assert metric in ("value", "value+unit", "value+change", "concept") and 0 < floor <= 100, (name, metric)


@pytest.mark.parametrize("name, metric", [(n, m) for n, ms in _floors().items() for m in ms])
def test_f1_is_not_below_its_floor(results, name, metric):
    floor = _floors()[name][metric]
    got = results[name][metric]["F1"]
    assert got >= floor, f"{name} {metric} F1 {got} fell below its floor {floor}"
