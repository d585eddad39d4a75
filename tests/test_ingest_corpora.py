"""The readers over the real corpora in ../shared/corpora (research copies, never in the repo).

Skipped when the folder is absent.  The expected counts are the ones its README gives.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline.ingest import RawDocument, read_paths

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

pytestmark = pytest.mark.slow


def tally(name: str):
    folder = CORPORA / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    started = time.perf_counter()
    documents, rejects, encodings = [], Counter(), Counter()
    for item in read_paths([str(folder)]):
        if isinstance(item, RawDocument):
            documents.append(item)
            encodings[item.encoding] += 1
        else:
            rejects[(item.reason, item.detail.split(":")[0])] += 1
    return documents, rejects, encodings, time.perf_counter() - started


def test_bbc():
    documents, rejects, encodings, _ = tally("bbc")
    assert len(documents) == 2225 and not rejects  # README.TXT is skipped
    assert encodings == {"utf-8": 2224, "cp1252": 1}  # sport/199.txt's lone latin-1 pound sign
    (odd,) = [d for d in documents if d.encoding == "cp1252"]
    assert odd.source.endswith("sport/199.txt") and "\u00a315.8" in odd.body
    assert all(d.format == "txt" and d.title and "\n\n" in d.body for d in documents)


def test_pakistan_csv():
    documents, rejects, encodings, _ = tally("pakistan_news_csv")
    assert len(documents) == 499 and rejects == {("empty", "every field of the record is empty"): 2193}
    assert encodings == {"cp1252": 499}
    assert all(d.section == "business" and d.published_at is not None for d in documents)
    assert sum("China\u00b4s" in d.body for d in documents) > 0


def test_allsides():
    documents, rejects, encodings, _ = tally("allsides_sample")
    assert len(documents) == 2000 and not rejects  # LICENSE is skipped
    assert all(d.source_id and d.outlet and d.section and d.url for d in documents)
    assert sum(d.published_at is None for d in documents) == 224  # the README's empty dates
    assert sum(d.author is None for d in documents) == 495  # and empty authors
    sample = documents[::97]
    for doc in sample:  # content_original, never the tokenised content
        record = json.loads(Path(doc.source).read_text("utf-8"))
        assert doc.body == record["content_original"] and doc.source_id == record["ID"]


def test_reuters():
    documents, rejects, encodings, _ = tally("reuters21578")
    assert len(documents) + sum(rejects.values()) == 21578
    assert rejects == {("empty", "title only"): 1798, ("empty", "no body"): 737}
    assert all(d.published_at is not None and d.source_id for d in documents)
    assert not any("&#" in d.body or "&lt;" in d.body for d in documents)
