"""Property tests: arbitrary bytes in any format become documents or rejects, never an exception."""
from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.ingest import REASONS, RawDocument, ReadOptions, Reject, read_file

SUFFIXES = [".txt", ".jsonl", ".json", ".csv", ".tsv", ".sgm", ".parquet", "", ".txt.gz"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Bytes that look like something: fragments of every format, mixed with noise.
FRAGMENTS = st.sampled_from([
    b"{", b"}", b"[", b"]", b",", b'"text"', b'"id"', b":", b'"a\\u00e9"', b"\n", b"\r\n", b"\x00", b"\xff",
    b"\xef\xbb\xbf", b"\xc2\xa3", b"\xa3", b"\x93", b"date 2022-08-22 X\n", b"Sat, 20 Aug 2022 12:00 UTC\n",
    b"<REUTERS NEWID=\"1\">", b"</REUTERS>", b"<BODY>", b"</BODY>", b"&lt;", b"&#3;", b"text,title\n",
    b'"', b";", b"\t", b"PAR1", b"\x1f\x8b", b" ", b"word",
])
CONTENT = st.one_of(st.binary(max_size=400), st.lists(FRAGMENTS, max_size=40).map(b"".join))


def check(items: list, path: Path) -> None:
    assert items, "every file yields at least one item"
    for item in items:
        assert isinstance(item, (RawDocument, Reject))
        assert item.source == str(path)
        if isinstance(item, Reject):
            assert item.reason in REASONS and item.detail
        else:
            assert item.body.strip() and isinstance(item.n_bytes, int)


@SETTINGS
@given(data=CONTENT, suffix=st.sampled_from(SUFFIXES), limit=st.sampled_from([50, 5_000_000]))
def test_arbitrary_bytes_never_raise(data, suffix, limit):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
        check(list(read_file(str(path), ReadOptions(max_doc_bytes=limit))), path)


@SETTINGS
@given(records=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["text", "title", "id", "date", "authors", "x"]),
                    st.one_of(st.text(max_size=30), st.integers(), st.none(), st.lists(st.text(max_size=5)))),
    st.text(max_size=20)), max_size=8))
def test_every_jsonl_line_is_accounted_for(records):
    lines = [json.dumps(r) for r in records]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        items = list(read_file(str(path)))
        check(items, path)
        if lines:  # one item per line, in order
            assert [i.line for i in items] == list(range(1, len(lines) + 1))
