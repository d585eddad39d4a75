"""The per-document time limit counts the extracting thread's CPU time, not the wall clock, and
covers clean-up as well as extraction."""
from __future__ import annotations

import time

import pytest

from pipeline.ingest import RawDocument
from pipeline.limits import Deadline, ExtractionTimeout
from pipeline.normalize import clean_document
from pipeline.process import ProcessOptions, process_batch


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


# Clean-up inputs that take long: dense mojibake goes through ftfy (~4 µs a character), and
# entities and tags through patterns with a callback or a bounded backtrack.
SLOW_CLEAN_UP = {
    "mojibake": "Caf\u00c3\u00a9 prices rose 4 percent.\n" * 5_000,
    "entities": "&amp; " * 50_000,
    "tags": "<b>x</b> <p> " * 25_000,
}


@pytest.mark.parametrize("kind", sorted(SLOW_CLEAN_UP))
def test_clean_up_runs_under_the_documents_deadline(kind):
    body = SLOW_CLEAN_UP[kind]
    assert clean_document("T", body).n_paragraphs > 0  # no limit: it finishes
    with pytest.raises(TimeoutError):
        clean_document("T", body, Deadline(0.005))


def _raw(body: str, source: str) -> RawDocument:
    return RawDocument(source, None, 1, "txt", "utf-8", "Title", None, None, None, None, None, None,
                       body, len(body))


def test_a_slow_clean_up_is_a_timeout_reject_and_the_batch_goes_on():
    good = _raw("Exports rose 4.5 percent in May, the ministry said.", "good.txt")
    frames = process_batch([_raw(SLOW_CLEAN_UP["mojibake"], "slow.txt"), good],
                           ProcessOptions(doc_seconds=0.2))
    rejects = frames["rejects"]
    assert rejects["source"].tolist() == ["slow.txt"]
    assert rejects["reason"].tolist() == ["timeout"]
    assert "clean-up" in rejects["detail"].iloc[0]
    assert frames["documents"]["source"].tolist() == ["good.txt"]
    assert len(frames["numeric_facts"]) == 1
