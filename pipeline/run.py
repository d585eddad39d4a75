"""Orchestration: read, batch, process on an engine, drop what the output already has, write.

This module only wires the stages together; each stage lives in its own module.
"""
from __future__ import annotations

import json
import logging
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from typing import Callable, Iterable, Iterator

import pandas as pd

from . import SCHEMA_VERSION, __version__
from .engines import ENGINES
from .ingest import RawDocument, ReadOptions, read_paths
from .normalize import source_hash
from .process import DATA_TABLES, ProcessOptions, duplicate_reject, rejects_frame
from .store import Store

__all__ = ["RunConfig", "Summary", "run_pipeline"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunConfig:
    paths: tuple[str, ...]
    out: str = "data"
    workers: int = 1
    full: bool = False
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int = 1000
    read: ReadOptions = field(default_factory=ReadOptions)
    process: ProcessOptions = field(default_factory=ProcessOptions)
    arguments: tuple[str, ...] = ()


@dataclass
class Summary:
    run_id: str
    out: str
    n_read: int = 0
    n_new: int = 0
    n_unchanged: int = 0
    n_duplicate: int = 0
    n_sentences: int = 0
    n_facts: int = 0
    n_quotes: int = 0
    n_rejects: int = 0
    reasons: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    # Wall-clock seconds of the main process: reading input, waiting for the engine, writing.
    timings: Counter = field(default_factory=Counter)

    @property
    def n_documents(self) -> int:
        return self.n_new + self.n_unchanged

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.reasons.items()))
        return (f"records {self.n_read} = documents {self.n_documents} "
                f"(new {self.n_new}, unchanged {self.n_unchanged}) + rejects {self.n_rejects}"
                f"{f' ({reasons})' if reasons else ''}; duplicates {self.n_duplicate}; "
                f"facts {self.n_facts}; quotes {self.n_quotes}; {self.seconds:.1f} s; "
                f"output {self.out}")


def _batches(items: Iterable, size: int, timings: Counter) -> Iterator[list]:
    it = iter(items)
    while True:
        t0 = time.perf_counter()
        batch = list(islice(it, size))
        timings["read"] += time.perf_counter() - t0
        if not batch:
            return
        yield batch


def _skip_known(items: Iterable, known: set[str], summary: Summary) -> Iterator:
    """Records whose raw text the output already has are counted unchanged and not processed."""
    for item in items:
        if known and isinstance(item, RawDocument) and source_hash(item.title, item.body) in known:
            summary.n_read += 1
            summary.n_unchanged += 1
            continue
        yield item


def _keep_new(frames: dict[str, pd.DataFrame], known: set[str], seen: set[str],
              summary: Summary) -> dict[str, pd.DataFrame]:
    """Drop documents the output already has (unchanged) or that an earlier batch of this run
    had (duplicates, which become rejects), with all their rows."""
    docs = frames["documents"]
    keep, dropped, extra_rejects = [], set(), []
    for doc_id, source, source_id, line, n_bytes in zip(
            docs["doc_id"], docs["source"], docs["source_id"], docs["line"], docs["n_bytes"]):
        if doc_id in known:
            summary.n_unchanged += 1
        elif doc_id in seen:
            extra_rejects.append(duplicate_reject(source, None if pd.isna(source_id) else source_id,
                                                  None if pd.isna(line) else int(line),
                                                  None if pd.isna(n_bytes) else int(n_bytes), doc_id))
        else:
            seen.add(doc_id)
            keep.append(doc_id)
            continue
        dropped.add(doc_id)
    rejects = frames["rejects"]
    if extra_rejects:
        rejects = pd.concat([rejects, rejects_frame(extra_rejects)], ignore_index=True)
    out = {"rejects": rejects}
    for table in DATA_TABLES:
        if table == "rejects":
            continue
        df = frames[table]
        out[table] = df[~df["doc_id"].isin(dropped)].reset_index(drop=True) if dropped else df
    summary.n_read += len(docs) + len(frames["rejects"])
    summary.n_new += len(keep)
    summary.reasons.update(rejects["reason"].tolist())
    summary.n_duplicate += int((rejects["reason"] == "duplicate").sum())
    summary.n_rejects += len(rejects)
    summary.n_sentences += len(out["sentences"])
    summary.n_facts += len(out["numeric_facts"])
    summary.n_quotes += len(out["quotes"])
    return out


def new_run_id() -> str:
    """Sortable by start time (to the microsecond), unique by its random suffix."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ_") + secrets.token_hex(3)


def run_pipeline(config: RunConfig, progress: Callable[[Summary], None] | None = None) -> Summary:
    """Run the pipeline over ``config.paths`` into ``config.out``; return the run's summary."""
    started = datetime.now(timezone.utc)
    run_start = time.perf_counter()
    summary = Summary(run_id=new_run_id(), out=str(config.out))
    store = Store(config.out, summary.run_id, full=config.full)
    store.recover()
    known = store.known("doc_id")
    seen: set[str] = set()
    timings = summary.timings
    records = _skip_known(read_paths(list(config.paths), config.read), store.known("source_hash"),
                          summary)
    batches = _batches(records, config.batch_size, timings)
    engine = ENGINES[config.engine]
    kwargs = {"scheduler": config.scheduler} if config.engine == "dask" else {}
    try:
        t0 = time.perf_counter()
        for frames in engine(batches, config.process, config.workers, **kwargs):
            t1 = time.perf_counter()
            timings["engine"] += t1 - t0
            store.write(_keep_new(frames, known, seen, summary))
            t0 = time.perf_counter()
            timings["write"] += t0 - t1
            if progress:
                progress(summary)
    except BaseException:
        store.abort()
        raise
    summary.seconds = time.perf_counter() - run_start
    run_row = pd.DataFrame([{
        "run_id": summary.run_id, "started_at": started, "ended_at": datetime.now(timezone.utc),
        "version": __version__, "schema_version": SCHEMA_VERSION,
        "arguments": json.dumps(list(config.arguments)), "n_read": summary.n_read,
        "n_new": summary.n_new, "n_unchanged": summary.n_unchanged,
        "n_duplicate": summary.n_duplicate, "n_sentences": summary.n_sentences,
        "n_facts": summary.n_facts, "n_quotes": summary.n_quotes, "n_rejects": summary.n_rejects,
        "seconds": summary.seconds}])
    t0 = time.perf_counter()
    store.commit(run_row)
    timings["write"] += time.perf_counter() - t0
    summary.seconds = time.perf_counter() - run_start
    return summary
