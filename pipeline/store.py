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

``OUT`` is a local path or any fsspec URL (``s3://bucket/news`` with s3fs installed,
``memory://`` in tests).  On object stores a move is a copy and a delete, so files appear one by
one, but the commit point is still the single ``runs`` file, written last.
"""
from __future__ import annotations

import logging
import posixpath
from pathlib import Path

import fsspec
import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from .schemas import TABLES, arrow_schema, validate

__all__ = ["Store", "read_table", "table_files", "committed_run_ids"]

log = logging.getLogger(__name__)

# A row group is written when either limit is reached, so memory stays bounded whatever the row
# size (documents carry whole texts); a file is closed and the next begun past either file limit.
ROWS_PER_GROUP = 64_000
BYTES_PER_GROUP = 32 << 20
ROWS_PER_FILE = 2_000_000
BYTES_PER_FILE = 1 << 30


def location(out: Path | str) -> tuple[fsspec.AbstractFileSystem, str]:
    """The file system and root path of an output folder (a local path or an fsspec URL)."""
    return fsspec.core.url_to_fs(str(out))


def _join(*parts: str) -> str:
    return posixpath.join(*parts)


def _files(fs: fsspec.AbstractFileSystem, folder: str) -> list[str]:
    return sorted(fs.glob(_join(folder, "*.parquet"))) if fs.isdir(folder) else []


def table_files(out: Path | str, table: str) -> list[str]:
    """The table's part files, in name order (which is commit order within a run)."""
    fs, root = location(out)
    return _files(fs, _join(root, table))


def read_file(out: Path | str, path: str, columns: list[str] | None = None) -> pyarrow.Table:
    """One part file of the output at ``out`` (as listed by :func:`table_files`)."""
    fs, _ = location(out)
    return pq.read_table(path, columns=columns, filesystem=fs)


def _run_of(path: str) -> str:
    # part-<run_id>-<n>.parquet ; run ids contain no "-"
    stem = posixpath.basename(path).removesuffix(".parquet")
    return stem.split("-", 2)[1] if stem.count("-") >= 2 else ""


def committed_run_ids(out: Path | str) -> set[str]:
    ids: set[str] = set()
    for path in table_files(out, "runs"):
        ids.update(read_file(out, path, ["run_id"]).column("run_id").to_pylist())
    return ids


def read_table(out: Path | str, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read one table back with its Arrow-backed dtypes (an empty frame when it has no files)."""
    schema = arrow_schema(table)
    files = table_files(out, table)
    if not files:
        return schema.empty_table().to_pandas(types_mapper=pd.ArrowDtype)[columns or schema.names]
    fs, _ = location(out)
    parts = [pq.read_table(f, columns=columns, schema=schema, filesystem=fs) for f in files]
    return pyarrow.concat_tables(parts).to_pandas(types_mapper=pd.ArrowDtype)


class _TableWriter:
    """Buffers a table's batches into row groups and rolls over to a new file when one is full."""

    def __init__(self, fs: fsspec.AbstractFileSystem, folder: str, table: str, run_id: str):
        self.fs, self.folder, self.table, self.run_id = fs, folder, table, run_id
        self.schema = arrow_schema(table)
        self.buffer: list[pyarrow.Table] = []
        self.buffered = 0
        self.buffered_bytes = 0
        self.writer: pq.ParquetWriter | None = None
        self.file_rows = 0
        self.file_bytes = 0
        self.n_files = 0

    def add(self, df: pd.DataFrame) -> None:
        if len(df) == 0:
            return
        table = pyarrow.Table.from_pandas(df, schema=self.schema, preserve_index=False)
        self.buffer.append(table)
        self.buffered += len(df)
        self.buffered_bytes += table.nbytes
        if self.buffered >= ROWS_PER_GROUP or self.buffered_bytes >= BYTES_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self.buffer:
            return
        if self.writer is None or self.file_rows >= ROWS_PER_FILE or self.file_bytes >= BYTES_PER_FILE:
            self._close_file()
            self._sink = self.fs.open(self._path(self.n_files), "wb")
            self.writer = pq.ParquetWriter(self._sink, self.schema, compression="zstd")
            self.n_files += 1
            self.file_rows = self.file_bytes = 0
        table = pyarrow.concat_tables(self.buffer)
        self.writer.write_table(table, row_group_size=ROWS_PER_GROUP)
        self.file_rows += table.num_rows
        self.file_bytes += self.buffered_bytes
        self.buffer, self.buffered, self.buffered_bytes = [], 0, 0

    def _path(self, n: int) -> str:
        self.fs.makedirs(self.folder, exist_ok=True)
        return _join(self.folder, f"part-{self.run_id}-{n:05d}.parquet")

    def _close_file(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self._sink.close()
            self.writer = None

    def close(self, ensure_file: bool) -> None:
        self._flush()
        if ensure_file and self.n_files == 0:  # an empty file keeps the table loadable everywhere
            with self.fs.open(self._path(0), "wb") as sink:
                pq.write_table(self.schema.empty_table(), sink)
            self.n_files = 1
        self._close_file()


class Store:
    """The output folder of one run."""

    def __init__(self, out: Path | str, run_id: str, full: bool = False):
        self.out = out
        self.fs, self.root = location(out)
        self.run_id = run_id
        self.full = full
        self.staging = _join(self.root, f".staging-{run_id}")
        self._writers: dict[str, _TableWriter] = {}

    def _hidden(self, prefix: str) -> list[str]:
        return sorted(p for p in self.fs.glob(_join(self.root, prefix + "*")) if self.fs.isdir(p))

    def _move(self, src: str, dst_folder: str) -> None:
        self.fs.makedirs(dst_folder, exist_ok=True)
        self.fs.mv(src, _join(dst_folder, posixpath.basename(src)))

    def _remove(self, path: str) -> None:
        if self.fs.exists(path):
            self.fs.rm(path, recursive=True)

    # -- start ---------------------------------------------------------------------------------
    def recover(self) -> None:
        """Undo what killed runs left: restore files a ``--full`` run set aside, delete part files
        of uncommitted runs and staging folders."""
        self.fs.makedirs(self.root, exist_ok=True)
        committed = committed_run_ids(self.out)
        for aside in self._hidden(".replaced-"):
            if posixpath.basename(aside).removeprefix(".replaced-") not in committed:
                for table in TABLES:
                    for path in _files(self.fs, _join(aside, table)):
                        self._move(path, _join(self.root, table))
            self._remove(aside)
        for staging in self._hidden(".staging-"):
            self._remove(staging)
        for table in TABLES:
            for path in table_files(self.out, table):
                if _run_of(path) not in committed:
                    log.warning("removing %s, left by a run that did not complete", path)
                    self.fs.rm(path)

    def known(self, column: str) -> set[str]:
        """Values of a ``documents`` column already in the output (none with ``full``): the
        ``doc_id`` and ``source_hash`` of every document kept so far."""
        if self.full:
            return set()
        ids: set[str] = set()
        for path in table_files(self.out, "documents"):
            ids.update(read_file(self.out, path, [column]).column(column).to_pylist())
        ids.discard(None)
        return ids

    # -- writing -------------------------------------------------------------------------------
    def _writer(self, table: str) -> _TableWriter:
        writer = self._writers.get(table)
        if writer is None:
            writer = self._writers[table] = _TableWriter(
                self.fs, _join(self.staging, table), table, self.run_id)
        return writer

    def write(self, frames: dict[str, pd.DataFrame]) -> None:
        for table, df in frames.items():
            self._writer(table).add(df)

    def commit(self, run_row: pd.DataFrame) -> None:
        """Publish the run's files, then its ``runs`` row: the run is committed from that moment."""
        data_tables = [t for t in TABLES if t != "runs"]
        for table in data_tables:
            self._writer(table).close(ensure_file=self.full or not table_files(self.out, table))
        if self.full:
            aside = _join(self.root, f".replaced-{self.run_id}")
            for table in data_tables:
                for path in table_files(self.out, table):
                    self._move(path, _join(aside, table))
        for table in data_tables:
            for path in _files(self.fs, _join(self.staging, table)):
                self._move(path, _join(self.root, table))
        runs = self._writer("runs")
        runs.add(validate("runs", run_row))
        runs.close(ensure_file=True)
        for path in _files(self.fs, _join(self.staging, "runs")):
            self._move(path, _join(self.root, "runs"))  # the commit point
        self._remove(self.staging)
        self._remove(_join(self.root, f".replaced-{self.run_id}"))

    def abort(self) -> None:
        for writer in self._writers.values():
            writer._close_file()
        self._remove(self.staging)
