"""Parquet output: one dataset folder per table, written so that a killed run never spoils it.

Layout: ``OUT/<table>/part-<run_id>-<n>.parquet``.  A run writes its files into
``OUT/.staging-<run_id>/`` and, when it completes, moves them into the table folders and writes
its ``runs`` row last.  A run is committed exactly when its ``runs`` row exists: at the start of
every run, part files of runs that never committed (a killed run) are deleted and staging folders
removed, so readers and the next run see only committed output.  With ``--full`` the previous
data files are moved aside into ``OUT/.replaced-<run_id>/`` and removed after the commit; a run
killed in between gets them back at the next start.

No name or value from the input ever becomes part of a path: file names are made of the table
name, the run id (time and random hex) and a counter.
"""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from .schemas import TABLES, arrow_schema, validate

__all__ = ["Store", "read_table", "table_files", "committed_run_ids"]

log = logging.getLogger(__name__)

ROWS_PER_GROUP = 64_000
ROWS_PER_FILE = 2_000_000


def table_files(out: Path, table: str) -> list[Path]:
    """The table's part files, in name order (which is commit order within a run)."""
    folder = Path(out) / table
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def _run_of(path: Path) -> str:
    # part-<run_id>-<n>.parquet ; run ids contain no "-" after their "T...Z_" stamp
    return path.stem.split("-", 2)[1] if path.stem.count("-") >= 2 else ""


def committed_run_ids(out: Path) -> set[str]:
    ids: set[str] = set()
    for path in table_files(out, "runs"):
        ids.update(pq.read_table(path, columns=["run_id"]).column("run_id").to_pylist())
    return ids


def read_table(out: Path, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read one table back with its Arrow-backed dtypes (an empty frame when it has no files)."""
    files = table_files(out, table)
    if not files:
        schema = arrow_schema(table)
        return schema.empty_table().to_pandas(types_mapper=pd.ArrowDtype)[columns or schema.names]
    parts = [pq.read_table(f, columns=columns, schema=arrow_schema(table)) for f in files]
    return pyarrow.concat_tables(parts).to_pandas(types_mapper=pd.ArrowDtype)


class _TableWriter:
    """Buffers a table's batches into row groups and rolls over to a new file when one is full."""

    def __init__(self, folder: Path, table: str, run_id: str):
        self.folder, self.table, self.run_id = folder, table, run_id
        self.schema = arrow_schema(table)
        self.buffer: list[pyarrow.Table] = []
        self.buffered = 0
        self.writer: pq.ParquetWriter | None = None
        self.file_rows = 0
        self.n_files = 0
        self.rows = 0

    def add(self, df: pd.DataFrame) -> None:
        if len(df) == 0:
            return
        self.buffer.append(pyarrow.Table.from_pandas(df, schema=self.schema, preserve_index=False))
        self.buffered += len(df)
        self.rows += len(df)
        if self.buffered >= ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self.buffer:
            return
        if self.writer is None or self.file_rows >= ROWS_PER_FILE:
            self._close_file()
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"part-{self.run_id}-{self.n_files:05d}.parquet"
            self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")
            self.n_files += 1
            self.file_rows = 0
        table = pyarrow.concat_tables(self.buffer)
        self.writer.write_table(table, row_group_size=ROWS_PER_GROUP)
        self.file_rows += table.num_rows
        self.buffer, self.buffered = [], 0

    def _close_file(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def close(self, ensure_file: bool) -> None:
        self._flush()
        if ensure_file and self.n_files == 0:  # an empty file keeps the table loadable everywhere
            self.folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(self.schema.empty_table(),
                           self.folder / f"part-{self.run_id}-00000.parquet")
            self.n_files = 1
        self._close_file()


class Store:
    """The output folder of one run."""

    def __init__(self, out: Path | str, run_id: str, full: bool = False):
        self.out = Path(out)
        self.run_id = run_id
        self.full = full
        self.staging = self.out / f".staging-{run_id}"
        self._writers: dict[str, _TableWriter] = {}

    # -- start ---------------------------------------------------------------------------------
    def recover(self) -> None:
        """Undo what killed runs left: restore files a ``--full`` run set aside, delete part files
        of uncommitted runs and staging folders."""
        self.out.mkdir(parents=True, exist_ok=True)
        committed = committed_run_ids(self.out)
        for aside in sorted(self.out.glob(".replaced-*")):
            if aside.name.removeprefix(".replaced-") not in committed:
                for path in sorted(aside.rglob("*.parquet")):
                    target = self.out / path.relative_to(aside)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, target)
            shutil.rmtree(aside, ignore_errors=True)
        for staging in self.out.glob(".staging-*"):
            shutil.rmtree(staging, ignore_errors=True)
        for table in TABLES:
            for path in table_files(self.out, table):
                if _run_of(path) not in committed:
                    log.warning("removing %s, left by a run that did not complete", path)
                    path.unlink()

    def known_doc_ids(self) -> set[str]:
        """doc_ids already in the output (none with ``full``)."""
        if self.full:
            return set()
        ids: set[str] = set()
        for path in table_files(self.out, "documents"):
            ids.update(pq.read_table(path, columns=["doc_id"]).column("doc_id").to_pylist())
        return ids

    # -- writing -------------------------------------------------------------------------------
    def write(self, frames: dict[str, pd.DataFrame]) -> None:
        for table, df in frames.items():
            writer = self._writers.get(table)
            if writer is None:
                writer = self._writers[table] = _TableWriter(self.staging / table, table, self.run_id)
            writer.add(df)

    def rows_written(self, table: str) -> int:
        writer = self._writers.get(table)
        return writer.rows if writer else 0

    def commit(self, run_row: pd.DataFrame) -> None:
        """Publish the run's files, then its ``runs`` row: the run is committed from that moment."""
        for table in TABLES:
            if table == "runs":
                continue
            writer = self._writers.get(table) or _TableWriter(self.staging / table, table, self.run_id)
            writer.close(ensure_file=self.full or not table_files(self.out, table))
        if self.full:
            aside = self.out / f".replaced-{self.run_id}"
            for table in TABLES:
                if table == "runs":
                    continue
                for path in table_files(self.out, table):
                    (aside / table).mkdir(parents=True, exist_ok=True)
                    os.replace(path, aside / table / path.name)
        for table in TABLES:
            for path in sorted((self.staging / table).glob("*.parquet")):
                (self.out / table).mkdir(parents=True, exist_ok=True)
                os.replace(path, self.out / table / path.name)
        runs = _TableWriter(self.staging / "runs", "runs", self.run_id)
        runs.add(validate("runs", run_row))
        runs.close(ensure_file=True)
        tmp = self.staging / "runs" / f"part-{self.run_id}-00000.parquet"
        (self.out / "runs").mkdir(parents=True, exist_ok=True)
        os.replace(tmp, self.out / "runs" / tmp.name)  # the commit point
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self.out / f".replaced-{self.run_id}", ignore_errors=True)

    def abort(self) -> None:
        for writer in self._writers.values():
            writer._close_file()
        shutil.rmtree(self.staging, ignore_errors=True)
