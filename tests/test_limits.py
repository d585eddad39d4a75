"""The per-document time limit counts the extracting thread's CPU time, not the wall clock."""
from __future__ import annotations

import time

import pytest

from pipeline.limits import Deadline, ExtractionTimeout


def test_waiting_does_not_spend_the_deadline():
    deadline = Deadline(0.2)
    time.sleep(0.3)  # a busy machine: wall time passes, this thread's CPU time does not
    assert deadline.left() > 0


def test_work_spends_the_deadline():
    deadline = Deadline(0.05)
    with pytest.raises(ExtractionTimeout):
        while True:
            sum(range(10_000))
            deadline.left()


def test_no_limit():
    assert Deadline(None).left() is None
