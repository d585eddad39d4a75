"""The writer round-trips every table exactly, commits atomically and cleans up after killed runs."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.schemas import TABLES, arrow_schema
from pipeline.store import Store, read_table, table_files

UTC = dt.timezone.utc


def _values(dtype: pa.DataType, nullable: bool):
    if pa.types.is_string(dtype):
        base = st.text(max_size=40)
    elif pa.types.is_int64(dtype):
        base = st.integers(0, 2**62)
    elif pa.types.is_float64(dtype):
        base = st.floats(allow_nan=False, allow_infinity=False)
    elif pa.types.is_timestamp(dtype):
        base = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31),
                            timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=d.microsecond))
    elif pa.types.is_date32(dtype):
        base = st.dates()
    else:  # pragma: no cover - a new type needs a strategy here
        raise AssertionError(dtype)
    return st.one_of(st.none(), base) if nullable else base


def _frames(table: str):
    schema = TABLES[table].to_schema()
    arrow = arrow_schema(table)
    columns = {f.name: _values(f.type, schema.columns[f.name].nullable) for f in arrow}

    @st.composite
    def build(draw):
        n = draw(st.integers(0, 6))
        data = {name: [draw(strategy) for _ in range(n)] for name, strategy in columns.items()}
        return pa.Table.from_pydict(data, schema=arrow).to_pandas(types_mapper=pd.ArrowDtype)

    return build()


def _run_row(run_id: str) -> pd.DataFrame:
    now = dt.datetime.now(UTC)
    return pd.DataFrame([{
        "run_id": run_id, "started_at": now, "ended_at": now, "version": "t", "schema_version": 1,
        "arguments": "[]", "n_read": 0, "n_new": 0, "n_unchanged": 0, "n_duplicate": 0,
        "n_sentences": 0, "n_facts": 0, "n_quotes": 0, "n_rejects": 0, "seconds": 0.0}])


@pytest.mark.parametrize("table", ["documents", "sentences", "numeric_facts", "quotes", "rejects"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_writer_round_trips_every_table_exactly(table, data, tmp_path_factory):
    out = tmp_path_factory.mktemp("rt")
    frames = [data.draw(_frames(table)) for _ in range(data.draw(st.integers(1, 3)))]
    store = Store(out, "20000101T000000Z_abc123")
    store.recover()
    for df in frames:
        store.write({table: df})
    store.commit(_run_row("20000101T000000Z_abc123"))
    expected = pd.concat(frames, ignore_index=True)
    pd.testing.assert_frame_equal(read_table(out, table), expected)
    assert read_table(out, table).dtypes.tolist() == expected.dtypes.tolist()


def test_uncommitted_files_are_removed_and_committed_ones_kept(tmp_path):
    store = Store(tmp_path, "20000101T000000Z_aaaaaa")
    store.recover()
    store.commit(_run_row("20000101T000000Z_aaaaaa"))
    kept = {t: table_files(tmp_path, t) for t in TABLES}
    assert all(kept.values()), "every table has a file after the first commit"
    # a run that died after publishing some files but before its runs row
    orphan = tmp_path / "documents" / "part-20000102T000000Z_bbbbbb-00000.parquet"
    orphan.write_bytes(Path(kept["documents"][0]).read_bytes())
    (tmp_path / ".staging-20000102T000000Z_bbbbbb" / "quotes").mkdir(parents=True)
    Store(tmp_path, "20000103T000000Z_cccccc").recover()
    assert not orphan.exists()
    assert not list(tmp_path.glob(".staging-*"))
    assert {t: table_files(tmp_path, t) for t in TABLES} == kept


def test_files_set_aside_by_a_killed_full_run_come_back(tmp_path):
    first = Store(tmp_path, "20000101T000000Z_aaaaaa")
    first.recover()
    first.commit(_run_row("20000101T000000Z_aaaaaa"))
    kept = {t: table_files(tmp_path, t) for t in TABLES}
    # a --full run that moved the old files aside, published a new documents file and died
    aside = tmp_path / ".replaced-20000102T000000Z_bbbbbb" / "documents"
    aside.mkdir(parents=True)
    old = Path(kept["documents"][0])
    new = tmp_path / "documents" / "part-20000102T000000Z_bbbbbb-00000.parquet"
    new.write_bytes(old.read_bytes())
    old.rename(aside / old.name)
    Store(tmp_path, "20000103T000000Z_cccccc").recover()
    assert {t: table_files(tmp_path, t) for t in TABLES} == kept
    assert not list(tmp_path.glob(".replaced-*"))


def test_output_can_be_an_fsspec_url(tmp_path):
    from pipeline.cli import main
    from pipeline.validate import validate_output

    url = f"memory://newsfacts-test-{tmp_path.name}/data"
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert main(["run", str(seeds), "--out", url, "--workers", "1"]) == 0
    counts, problems = validate_output(url)
    assert not problems and counts["documents"] == 1 and counts["numeric_facts"] >= 7
    assert read_table(url, "quotes")["speaker"].notna().sum() >= 5
    assert not (tmp_path / "data").exists()


def test_row_groups_and_files_roll_over_by_bytes_as_well_as_rows(tmp_path, monkeypatch):
    import pipeline.store as store

    monkeypatch.setattr(store, "BYTES_PER_GROUP", 2_000)
    monkeypatch.setattr(store, "BYTES_PER_FILE", 5_000)
    frame = pa.Table.from_pydict(
        {"source": [f"file{i}" for i in range(10)], "source_id": [None] * 10, "line": [None] * 10,
         "reason": ["empty"] * 10, "detail": ["x" * 300] * 10, "n_bytes": [0] * 10},
        schema=arrow_schema("rejects")).to_pandas(types_mapper=pd.ArrowDtype)
    s = Store(tmp_path, "20000101T000000Z_abc123")
    s.recover()
    for _ in range(6):
        s.write({"rejects": frame})
    s.commit(_run_row("20000101T000000Z_abc123"))
    files = table_files(tmp_path, "rejects")
    assert len(files) >= 2
    assert len(read_table(tmp_path, "rejects")) == 60
    import pyarrow.parquet as pq
    assert sum(pq.ParquetFile(f).num_row_groups for f in files) >= 6
