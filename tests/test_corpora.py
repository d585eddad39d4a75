"""The shared real-news corpora run through the pipeline without a crash, every record accounted
for and every table valid.  Skipped when ../shared/corpora is absent."""
from __future__ import annotations

import pytest

from pipeline.run import RunConfig, run_pipeline
from pipeline.store import read_table
from pipeline.validate import validate_output

from conftest import shared_path


@pytest.mark.parametrize("name, min_documents", [
    ("bbc", 2100), ("pakistan_news_csv", 490), ("allsides_sample", 1950),
])
def test_corpus_runs_with_every_record_accounted_for(name, min_documents, tmp_path):
    corpus = shared_path("corpora", name)
    summary = run_pipeline(RunConfig(paths=(str(corpus),), out=str(tmp_path), workers=2))
    assert summary.n_read == summary.n_documents + summary.n_rejects
    assert summary.n_documents >= min_documents
    assert summary.n_facts > summary.n_documents  # news is full of numbers
    assert summary.n_quotes > summary.n_documents / 2
    counts, problems = validate_output(tmp_path)
    assert not problems, [str(p) for p in problems[:5]]
    assert counts["documents"] == summary.n_documents
    assert "internal_error" not in set(read_table(tmp_path, "rejects")["reason"])
