"""Streaming: readers hold about one record at a time, and read_paths is lazy."""
from __future__ import annotations

import csv
import io
import json
import tempfile
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from pipeline.ingest import RawDocument, Reject, read_file, read_paths

BIG = 16_000_000  # bytes of input per format; the memory ceiling below is half of it
CEILING = 8_000_000


def peak_while_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_file(str(path)))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_large_files_are_streamed(tmp_path):
    record = {"id": 0, "title": "A title", "text": "Words of a modest article body. " * 250}
    n = BIG // len(json.dumps(record))
    jsonl = tmp_path / "big.jsonl"
    with jsonl.open("w") as out:
        for i in range(n):
            out.write(json.dumps({**record, "id": i}) + "\n")
    array = tmp_path / "big.json"
    with array.open("w") as out:
        out.write("[\n" + ",\n".join(json.dumps({**record, "id": i}) for i in range(n)) + "\n]\n")
    table = tmp_path / "big.csv"
    with table.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "title", "text"])
        writer.writerows([i, "T", record["text"] + "\nSecond line."] for i in range(n))
    sgml = tmp_path / "big.sgm"
    with sgml.open("w") as out:
        for i in range(n):
            out.write(f'<REUTERS NEWID="{i}">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>T</TITLE>'
                      f'<BODY>{record["text"]}</BODY></TEXT>\n</REUTERS>\n')
    for path in (jsonl, array, table, sgml):
        assert path.stat().st_size > BIG * 0.9
        count, peak = peak_while_reading(path)
        assert count == n, path.name
        assert peak < CEILING, f"{path.name}: peak {peak:,} bytes"


def test_read_paths_is_lazy(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Title {name}\n\nBody.\n")
    items = read_paths([str(tmp_path)])
    first = next(items)
    assert isinstance(first, RawDocument) and first.title == "Title a.txt"
    (tmp_path / "c.txt").unlink()  # gone before the reader reaches it: a reject, not a crash
    rest = list(items)
    assert [type(i).__name__ for i in rest] == ["RawDocument", "Reject"] and rest[1].reason == "unreadable"


CELLS = st.text(alphabet=st.sampled_from(list('ab ,;"\t\r\n\u00e9\u201c')), max_size=12)


def _decodes_as_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(CELLS, CELLS, CELLS), max_size=10), encoding=st.sampled_from(["utf-8", "cp1252"]))
@example(rows=[("1", "T", "caf\u00e9 \u201cquoted\u201d")], encoding="cp1252")
def test_every_csv_row_is_accounted_for(rows, encoding):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["id", "title", "text"])
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    # Bytes that are valid UTF-8 are read as UTF-8, whatever wrote them: cp1252 'é““' is the bytes
    # E9 93 93, which are also the UTF-8 of one CJK character. No reader can tell them apart.
    assume(encoding == "utf-8" or data.isascii() or not _decodes_as_utf8(data))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_bytes(data)
        items = list(read_file(str(path)))
    if not rows:
        assert [i.reason for i in items] == ["empty"]
        return
    # csv.writer writes a row of one empty cell as '""' and of all-empty cells as ',,'; each is a record
    assert len(items) == len(rows)
    for item, (ident, title, text) in zip(items, rows):
        if isinstance(item, RawDocument):
            assert item.body == text and item.source_id == (ident.strip() or None)
        else:
            assert isinstance(item, Reject) and item.reason == "empty" and not text.strip()
