"""One batch of records through every stage: clean-up, segmentation, extraction, linking and
validation.  :func:`process_batch` is the single unit of work that every engine runs.
"""
from __future__ import annotations

import logging
import math
import time
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple, Sequence

import pandas as pd
import pyarrow

from .facts import Fact, extract_facts
from .ingest import RawDocument, Reject
from .limits import DEFAULT_DOC_SECONDS, NO_DEADLINE, Deadline
from .link import quote_of_facts
from .normalize import clean_document, clean_line, doc_id_of, source_hash
from .quotes import Quote, extract_quotes
from .schemas import arrow_schema, build_schemas, validated_frame
from .segment import Segmentation, segment

__all__ = ["ProcessOptions", "Extraction", "extract_document", "process_batch",
           "duplicate_reject", "rejects_frame", "STAGE_SECONDS", "DATA_TABLES"]

log = logging.getLogger(__name__)

DATA_TABLES = ("documents", "sentences", "numeric_facts", "quotes", "rejects")
# Built at import: the local engine's forkserver imports this module once and its workers fork
# with the schemas ready (each would otherwise spend about 0.5 s of CPU building them).
build_schemas()

# Seconds spent in each stage by this process, for ``make bench`` (cheap: a clock read a stage).
STAGE_SECONDS: Counter = Counter()
_clock = time.perf_counter


@dataclass(frozen=True, slots=True)
class ProcessOptions:
    """Per-document limits: extraction seconds (None: no limit)."""

    doc_seconds: float | None = DEFAULT_DOC_SECONDS


class Extraction(NamedTuple):
    segmentation: Segmentation
    facts: list[Fact]
    quotes: list[Quote]
    fact_quote: list[int | None]  # for each fact, the index of the quote it lies in


def extract_document(text: str, deadline: Deadline = NO_DEADLINE) -> Extraction:
    """Segment ``text`` and run both extractors and the linker on it.

    This is what the pipeline does to every cleaned document, and what ``make eval`` runs on the
    benchmark texts.
    """
    t0 = _clock()
    seg = segment(text, deadline)
    t1 = _clock()
    facts = extract_facts(text, seg.sentences, deadline)
    t2 = _clock()
    quotes = extract_quotes(text, seg, deadline)
    t3 = _clock()
    links = quote_of_facts(facts, quotes)
    t4 = _clock()
    STAGE_SECONDS["segment"] += t1 - t0
    STAGE_SECONDS["facts"] += t2 - t1
    STAGE_SECONDS["quotes"] += t3 - t2
    STAGE_SECONDS["link"] += t4 - t3
    return Extraction(seg, facts, quotes, links)


class _Rows:
    """Rows of one table as tuples in the schema's column order, turned into a frame once.

    Hot tables (sentences, facts, quotes) append tuples directly; ``add`` takes keywords for
    the rarer rows.  A tuple out of order fails validation or the golden tests.
    """

    def __init__(self, table: str):
        self.table = table
        self.schema = arrow_schema(table)
        self.struct = pyarrow.struct(self.schema)
        self.rows: list[tuple] = []
        self.append = self.rows.append

    def add(self, **row) -> None:
        self.append(tuple(row.get(name) for name in self.schema.names))

    def frame(self) -> pd.DataFrame:
        # The row tuples go to Arrow as one struct array: no transposing into column lists.
        arrow = pyarrow.Table.from_struct_array(pyarrow.array(self.rows, type=self.struct))
        return validated_frame(self.table, arrow)


def _reject(out: _Rows, item: Reject) -> None:
    out.add(source=item.source, source_id=item.source_id, line=item.line, reason=item.reason,
            detail=item.detail, n_bytes=item.n_bytes)


def rejects_frame(rejects: Sequence[Reject]) -> pd.DataFrame:
    """A validated ``rejects`` frame of these rejects (the same rows ``process_batch`` makes)."""
    rows = _Rows("rejects")
    for item in rejects:
        _reject(rows, item)
    return rows.frame()


def _finite(value: float, high: float | None) -> bool:
    return math.isfinite(value) and (high is None or math.isfinite(high))


def duplicate_reject(source, source_id, line, n_bytes, doc_id: str) -> Reject:
    return Reject(source, source_id, line, "duplicate", f"same cleaned text as document {doc_id}",
                  n_bytes)


def _add_document(tables: dict[str, _Rows], doc: RawDocument, options: ProcessOptions,
                  seen: set[str]) -> None:
    deadline = Deadline(options.doc_seconds)  # clean-up and extraction share one time limit
    try:
        t0 = _clock()
        clean = clean_document(doc.title, doc.body, deadline)
        STAGE_SECONDS["normalize"] += _clock() - t0
        text = clean.text
        if clean.n_paragraphs == 0:
            _reject(tables["rejects"], Reject(doc.source, doc.source_id, doc.line, "empty",
                                              "no body text after clean-up", doc.n_bytes))
            return
        doc_id = doc_id_of(text)
        if doc_id in seen:
            _reject(tables["rejects"], duplicate_reject(doc.source, doc.source_id, doc.line,
                                                        doc.n_bytes, doc_id))
            return
        seen.add(doc_id)
        ex = extract_document(text, deadline)
    except TimeoutError:
        _reject(tables["rejects"], Reject(
            doc.source, doc.source_id, doc.line, "timeout",
            f"clean-up and extraction took over {options.doc_seconds} s of CPU", doc.n_bytes))
        return
    except Exception as exc:  # a bug must cost one document, never the run
        log.exception("clean-up or extraction failed on %s", doc.source)
        _reject(tables["rejects"], Reject(doc.source, doc.source_id, doc.line, "internal_error",
                                          f"{type(exc).__name__}: {exc}"[:500], doc.n_bytes))
        return

    sentences = ex.segmentation.sentences
    tables["documents"].add(
        doc_id=doc_id, source=doc.source, source_id=doc.source_id, line=doc.line, format=doc.format,
        encoding=doc.encoding, title=text[: clean.body_start - 2] or None,
        author=clean_line(doc.author) or None, outlet=clean_line(doc.outlet) or None,
        section=clean_line(doc.section) or None, url=(doc.url or "").strip() or None,
        published_at=doc.published_at, listed_date=doc.listed_date,
        source_hash=source_hash(doc.title, doc.body), text=text,
        body_start=clean.body_start, n_bytes=doc.n_bytes, n_chars=len(text),
        n_paragraphs=clean.n_paragraphs, n_sentences=len(sentences))
    # Tuples in the column order of schemas.Sentences, Quotes and NumericFacts.
    tables["sentences"].rows.extend(
        (doc_id, idx, para, start, end) for idx, (start, end, para) in enumerate(sentences))

    quote_ids = [f"{doc_id}:q:{q.start}-{q.end}" for q in ex.quotes]
    add_quote = tables["quotes"].append
    for q, quote_id in zip(ex.quotes, quote_ids):
        add_quote((quote_id, doc_id, q.start, q.end, q.text, q.paragraph_idx, q.n_paragraphs,
                   q.kind, f"{doc_id}:u:{q.utterance}", q.speaker, q.speaker_mention,
                   q.speaker_start, q.speaker_end, q.speaker_kind, q.cue, q.cue_start, q.cue_end,
                   q.cue_lemma, q.via, q.rule))
    add_fact = tables["numeric_facts"].append
    for f, qi in zip(ex.facts, ex.fact_quote):
        if not _finite(f.value, f.value_high):  # "9" * 10_000 overflows: a number, not a fact
            continue
        s_start, s_end, _ = sentences[f.sentence_idx]
        add_fact((f"{doc_id}:f:{f.start}-{f.end}", doc_id, f.sentence_idx, f.start, f.end,
                  f.surface, text[s_start:s_end], f.kind, f.value, f.value_high, f.unit,
                  f.unit_surface, f.scale_surface, f.qualifier, f.direction, f.concept, f.holder,
                  f.period, None if qi is None else quote_ids[qi],
                  None if qi is None else ex.quotes[qi].speaker, f.rule))


def process_batch(items: Sequence[RawDocument | Reject],
                  options: ProcessOptions = ProcessOptions()) -> dict[str, pd.DataFrame]:
    """Run every stage on a batch of read records; return one validated frame per data table.

    Records that fail (empty after clean-up, over the time limit) become ``rejects`` rows, so
    ``len(documents) + len(rejects) == len(items)``.  A text seen earlier in the batch is a
    ``duplicate`` reject; duplicates across batches are the caller's business, since it alone
    sees every batch.
    """
    tables = {name: _Rows(name) for name in DATA_TABLES}
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Reject):
            _reject(tables["rejects"], item)
        else:
            _add_document(tables, item, options, seen)
    t0 = _clock()
    frames = {name: cols.frame() for name, cols in tables.items()}
    STAGE_SECONDS["validate"] += _clock() - t0
    return frames
