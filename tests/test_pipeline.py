"""End to end through the command line: the seed run, repeat runs, incremental runs, --full,
duplicates, validation reports and loading the tables in pandas, Polars and DuckDB."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.process import process_batch
from pipeline.schemas import TABLES, arrow_schema
from pipeline.store import read_table, table_files

from conftest import REPO, SEED

DATA_TABLES = ("documents", "sentences", "numeric_facts", "quotes", "rejects")


def run(*args) -> int:
    return main([*map(str, args)])


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: read_table(out, t) for t in DATA_TABLES}


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "data"
    assert run("run", REPO / "seeds", "--out", out, "--workers", 1) == 0
    return out


def test_seed_run_gives_the_seed_document_with_its_header_fields(seed_out):
    docs = read_table(seed_out, "documents")
    assert len(docs) == 1
    doc = docs.iloc[0]
    assert doc["listed_date"] == dt.date(2022, 8, 22)
    assert doc["section"] == "Puppet Masters"
    assert doc["title"] == "Kazakhstan's President meets Putin in Sochi to 'intensify bilateral ties'"
    assert doc["author"] == "Assel Satubaldina"
    assert doc["outlet"] == "Astana Times"
    assert doc["published_at"] == pd.Timestamp("2022-08-20 12:00", tz="UTC")
    assert doc["n_paragraphs"] == 7
    body = doc["text"][doc["body_start"]:]
    assert body.startswith("The two leaders voiced solid optimism")
    for header in ("date 2022-08-22", "Assel Satubaldina", "Astana Times", "12:00 UTC"):
        assert header not in body
    sentences = read_table(seed_out, "sentences")
    assert (sentences["paragraph_idx"] >= 1).sum() > 0
    assert sorted(sentences.loc[sentences["paragraph_idx"] >= 1, "paragraph_idx"].unique()) == list(range(1, 8))
    assert len(sentences) == doc["n_sentences"]


def test_every_span_slices_the_document_text(seed_out):
    text = read_table(seed_out, "documents")["text"].iloc[0]
    facts, quotes = read_table(seed_out, "numeric_facts"), read_table(seed_out, "quotes")
    assert len(facts) >= 7 and len(quotes) >= 7
    for row in facts.itertuples():
        assert text[row.start:row.end] == row.surface
    for row in quotes.itertuples():
        assert text[row.start:row.end] == row.text
    for row in read_table(seed_out, "sentences").itertuples():
        assert text[row.start:row.end].strip() == text[row.start:row.end] != ""


def test_validate_passes_on_the_seed_output(seed_out, capsys):
    assert run("validate", seed_out) == 0
    assert "validate: ok" in capsys.readouterr().out


def test_rerun_changes_no_table_and_logs_the_run(tmp_path):
    out = tmp_path / "data"
    assert run("run", REPO / "seeds", "--out", out, "--workers", 1) == 0
    before = tables(out)
    files_before = {t: table_files(out, t) for t in DATA_TABLES}
    assert run("run", REPO / "seeds", "--out", out, "--workers", 1) == 0
    after = tables(out)
    for t in DATA_TABLES:
        pd.testing.assert_frame_equal(before[t], after[t])
        assert table_files(out, t) == files_before[t]
    runs = read_table(out, "runs")
    assert list(runs["n_new"]) == [1, 0] and list(runs["n_unchanged"]) == [0, 1]
    assert (runs["seconds"] > 0).all() and (runs["ended_at"] >= runs["started_at"]).all()


def _write_articles(folder: Path, n: int, prefix: str = "a") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{prefix}{i:04d}.txt").write_text(
            f"Headline number {i}\n\nSales rose {i + 1}.5 percent in {prefix} market {i}, "
            f"the company said.\n\n\"We are pleased,\" chief executive Jane Doe{i} said.\n",
            encoding="utf-8")


def test_added_inputs_are_processed_alone_and_full_reprocesses_everything(tmp_path, capsys,
                                                                        monkeypatch):
    import pipeline.engines

    processed = []

    def counting(batch, options):
        processed.extend(batch)
        return process_batch(batch, options)

    monkeypatch.setattr(pipeline.engines, "process_batch", counting)
    corpus, out = tmp_path / "in", tmp_path / "data"
    _write_articles(corpus, 3)
    assert run("run", corpus, "--out", out, "--workers", 1) == 0
    _write_articles(corpus, 5)  # the first three again, unchanged, and two new ones
    processed.clear()
    assert run("run", corpus, "--out", out, "--workers", 1) == 0
    assert len(processed) == 2  # the unchanged ones were not processed again
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert "documents 5 (new 2, unchanged 3)" in summary
    assert len(read_table(out, "documents")) == 5
    facts_before = read_table(out, "numeric_facts").sort_values("fact_id", ignore_index=True)
    assert run("run", corpus, "--out", out, "--workers", 1, "--full") == 0
    assert len(read_table(out, "documents")) == 5
    facts_after = read_table(out, "numeric_facts").sort_values("fact_id", ignore_index=True)
    pd.testing.assert_frame_equal(facts_before, facts_after)
    assert len(table_files(out, "documents")) == 1  # the full run replaced the earlier files


def test_a_repeated_text_is_a_duplicate_reject_naming_the_kept_document(tmp_path):
    corpus, out = tmp_path / "in", tmp_path / "data"
    _write_articles(corpus, 2)
    (corpus / "copy.txt").write_bytes((corpus / "a0001.txt").read_bytes())
    assert run("run", corpus, "--out", out, "--workers", 1) == 0
    docs, rejects = read_table(out, "documents"), read_table(out, "rejects")
    assert len(docs) == 2
    dup = rejects[rejects["reason"] == "duplicate"]
    assert len(dup) == 1
    kept = docs.loc[docs["source"].str.endswith("a0001.txt"), "doc_id"].iloc[0]
    assert kept in dup["detail"].iloc[0]


def test_two_workers_write_the_same_rows_as_one(tmp_path):
    corpus = tmp_path / "in"
    _write_articles(corpus, 40)
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("run", corpus, "--out", one, "--workers", 1, "--batch-size", 7) == 0
    assert run("run", corpus, "--out", two, "--workers", 2, "--batch-size", 7) == 0
    for t in DATA_TABLES:
        pd.testing.assert_frame_equal(read_table(one, t), read_table(two, t))


def _copy_with_edit(src: Path, dst: Path, table: str, edit) -> None:
    """Copy the output at ``src`` to ``dst``, changing the first file of ``table`` with ``edit``."""
    for t in TABLES:
        (dst / t).mkdir(parents=True)
        for f in map(Path, table_files(src, t)):
            (dst / t / f.name).write_bytes(f.read_bytes())
    path = table_files(dst, table)[0]
    df = pq.read_table(path).to_pandas()
    edit(df)
    pq.write_table(pa.Table.from_pandas(df, schema=arrow_schema(table), preserve_index=False), path)


def test_validate_reports_table_column_and_rows_of_a_broken_value(seed_out, tmp_path, capsys):
    out = tmp_path / "broken"
    def break_kind(df):
        df.loc[1, "kind"] = "banana"

    _copy_with_edit(seed_out, out, "numeric_facts", break_kind)
    assert run("validate", out) == 1
    report = capsys.readouterr().out
    assert "numeric_facts.kind" in report and "isin" in report and "rows 1" in report and "banana" in report


def test_validate_reports_a_span_that_does_not_slice_to_its_surface(seed_out, tmp_path, capsys):
    out = tmp_path / "shifted"
    def shift_start(df):
        df.loc[0, "start"] += 1

    _copy_with_edit(seed_out, out, "quotes", shift_start)
    assert run("validate", out) == 1
    assert "quotes.text: span slices documents.text failed at" in capsys.readouterr().out


def test_usage_errors_exit_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        run("run", "--workers", 0)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--workers" in err[0]


def test_every_table_loads_in_pandas_polars_and_duckdb_with_the_documented_types(seed_out):
    polars = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    for t in TABLES:
        schema = arrow_schema(t)
        pdf = pd.read_parquet(seed_out / t)
        assert list(pdf.columns) == schema.names
        lf = polars.scan_parquet(str(seed_out / t / "*.parquet")).collect()
        assert lf.columns == schema.names
        assert lf.schema == polars.from_arrow(schema.empty_table()).schema
        con = duckdb.connect()
        files = f"{seed_out}/{t}/**/*.parquet"
        described = con.sql(f"DESCRIBE SELECT * FROM read_parquet('{files}')").fetchall()
        assert [row[0] for row in described] == schema.names
        assert [row[1] for row in described] == [DUCKDB_TYPES[str(f.type)] for f in schema]
        assert con.sql(f"SELECT count(*) FROM read_parquet('{files}')").fetchall()[0][0] == len(pdf)


DUCKDB_TYPES = {"string": "VARCHAR", "int64": "BIGINT", "double": "DOUBLE", "date32[day]": "DATE",
                "timestamp[us, tz=UTC]": "TIMESTAMP WITH TIME ZONE"}


def test_seed_facts_inside_quotes_carry_the_quote_and_its_speaker(seed_out):
    facts = read_table(seed_out, "numeric_facts").set_index("surface")
    quotes = read_table(seed_out, "quotes").set_index("quote_id")
    speakers = {"30th anniversary": "Tokayev", "34.4 percent": "Putin", "8.8 percent": "Putin",
                "US$17 billion": "Putin", "US$4.5 billion": "Putin"}
    for surface, speaker in speakers.items():
        row = facts.loc[surface]
        assert row["speaker"] == speaker
        quote = quotes.loc[row["quote_id"]]
        assert quote["start"] <= row["start"] and row["end"] <= quote["end"]
        assert quote["speaker"] == speaker
    assert pd.isna(facts.loc["two and half hours", "quote_id"])
    assert facts.loc["US$17 billion", "holder"] == "Russia"
    assert facts.loc["34.4 percent", "period"] == "the past year"


def test_debug_is_accepted_before_or_after_the_command(seed_out, capsys):
    assert run("--debug", "validate", seed_out) == 0
    assert run("validate", seed_out, "--debug") == 0


def test_help_and_usage_errors_answer_without_importing_the_stages():
    """--help took five seconds: the command line imported pandas, pandera (and through it
    dask.dataframe) and compiled every pattern before it read its arguments."""
    import subprocess
    import sys

    code = ("import sys\nfrom pipeline.cli import main\n"
            "for argv in (['--help'], ['run', '--workers', '0']):\n"
            "    try:\n        main(argv)\n    except SystemExit as exc:\n        print(exc.code)\n"
            "print(sorted(m for m in ('pandas', 'pandera', 'pipeline.quotes', 'pipeline.facts') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.splitlines()[-3:] == ["0", "2", "[]"]
    assert "usage: newsfacts" in out.stdout and "must be at least 1" in out.stderr
