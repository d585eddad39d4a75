"""The vectorised schema check that process_batch runs instead of pandera must never pass a table
that pandera would refuse."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pandas as pd
import pandera.errors
import pyarrow as pa
import pytest

from pipeline.ingest import RawDocument
from pipeline.process import process_batch
from pipeline.schemas import TABLES, arrow_schema, satisfies, validate, validated_frame

_TEXT = ('"Our exports grew by 12 percent last year," said Maria Lopez, the trade minister. '
         'She said the ministry would hire 40 more inspectors.\n\n'
         'Prices fell 3% in May, the agency reported.')


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    docs = [RawDocument("a.jsonl", str(i), i + 1, "jsonl", "utf-8", f"Trade {i}", "A. Writer", None,
                        None, None, datetime(2024, 5, 1, tzinfo=timezone.utc), date(2024, 5, 1),
                        _TEXT + f" Item {i}.", 300) for i in range(3)]
    frames = process_batch(docs)
    assert all(len(frames[name]) for name in ("documents", "sentences", "numeric_facts", "quotes"))
    return {name: pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)
            for name, df in frames.items()}


def _replace(table: pa.Table, name: str, values: list) -> pa.Table:
    i = table.schema.get_field_index(name)
    return table.set_column(i, table.schema.field(i), pa.array(values, type=table.schema.field(i).type))


def _broken(tables: dict[str, pa.Table]):
    """(label, table name, table) for one broken value of every kind the schemas check."""
    docs, facts, quotes = tables["documents"], tables["numeric_facts"], tables["quotes"]
    n_docs, n_facts, n_quotes = len(docs), len(facts), len(quotes)
    yield "null in a required column", "quotes", _replace(quotes, "kind", [None] + quotes["kind"].to_pylist()[1:])
    yield "value below ge", "quotes", _replace(quotes, "start", [-1] + quotes["start"].to_pylist()[1:])
    yield "value outside isin", "numeric_facts", _replace(facts, "kind", ["lots"] + facts["kind"].to_pylist()[1:])
    yield "nullable isin", "numeric_facts", _replace(facts, "direction", ["sideways"] + [None] * (n_facts - 1))
    yield "repeated unique id", "quotes", _replace(quotes, "quote_id", ["q"] * n_quotes)
    yield "string too short", "documents", _replace(docs, "doc_id", ["abc"] + docs["doc_id"].to_pylist()[1:])
    yield "missing column", "documents", docs.drop_columns(["title"])
    yield "wrong type", "documents", docs.set_column(
        docs.schema.get_field_index("n_chars"), "n_chars", pa.array([1.5] * n_docs))


def test_the_tables_of_a_batch_satisfy_the_schemas_both_ways(tables):
    for name, table in tables.items():
        assert satisfies(name, table), name
        frame = validated_frame(name, table)
        pd.testing.assert_frame_equal(frame, validate(name, table.to_pandas(types_mapper=pd.ArrowDtype)))


def test_every_broken_table_fails_the_fast_check_and_pandera_raises(tables):
    labels = []
    for label, name, table in _broken(tables):
        assert not satisfies(name, table), label
        with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
            validated_frame(name, table)
        labels.append(label)
    assert len(labels) == 8


def test_a_nan_is_left_to_pandera(tables):
    """pandas may read NaN as a missing value: the fast check does not decide, pandera does."""
    facts = tables["numeric_facts"]
    table = _replace(facts, "value", [float("nan")] * len(facts))
    assert not satisfies("numeric_facts", table)
    pd.testing.assert_frame_equal(validated_frame("numeric_facts", table),
                                  validate("numeric_facts", table.to_pandas(types_mapper=pd.ArrowDtype)))


def test_every_check_of_the_schemas_is_one_the_fast_check_reads():
    """A check added to a schema that satisfies() does not know would silently send every batch
    to pandera (slow, still correct): keep the two in step."""
    from pipeline.schemas import _check_arrow, table_schema

    column = pa.chunked_array([pa.array(["abcdefghijklmnop"])])
    for table in TABLES:
        for col in table_schema(table).columns.values():
            for check in col.checks:
                values = column if check.name != "greater_than_or_equal_to" else pa.chunked_array([pa.array([5])])
                assert _check_arrow(check, values) is not None, (table, check.name)
