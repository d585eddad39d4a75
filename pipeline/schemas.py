"""The tables' contract: one pandera ``DataFrameModel`` per table, strict, coerced, Arrow-backed.

Every batch is validated before it is written, and ``newsfacts validate`` re-reads every table from
disk and validates it again.  Offsets (``start``, ``end`` and the other ``*_start``/``*_end``
columns) are Python string indices into ``documents.text``, end exclusive.
"""
from __future__ import annotations

from functools import cache
from typing import Annotated

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
from pandera.typing import Series

__all__ = [
    "TABLES", "Documents", "Sentences", "NumericFacts", "Quotes", "Rejects", "Runs",
    "FACT_KINDS", "QUALIFIERS", "DIRECTIONS", "QUOTE_KINDS", "SPEAKER_KINDS", "REJECT_REASONS",
    "empty_frame", "arrow_schema", "table_schema", "validate", "satisfies", "validated_frame",
    "build_schemas",
]

Str = Series[Annotated[pd.ArrowDtype, pyarrow.string()]]
Int = Series[Annotated[pd.ArrowDtype, pyarrow.int64()]]
Float = Series[Annotated[pd.ArrowDtype, pyarrow.float64()]]
Time = Series[Annotated[pd.ArrowDtype, pyarrow.timestamp("us", tz="UTC")]]
Day = Series[Annotated[pd.ArrowDtype, pyarrow.date32()]]

# The label sets are defined once, by the stage that produces them.
from .facts import KINDS as FACT_KINDS, QUALIFIERS  # noqa: E402
from .ingest import REASONS as _READ_REASONS  # noqa: E402
from .quotes import KINDS as QUOTE_KINDS, SPEAKER_KINDS  # noqa: E402

DIRECTIONS = ("up", "down")
# Reasons of the readers, and of processing: a bug in a stage costs its document, not the run.
REJECT_REASONS = _READ_REASONS + ("internal_error",)


def _field(description: str, **checks) -> object:
    return pa.Field(description=description, **checks)


def _opt(description: str, **checks) -> object:
    return pa.Field(nullable=True, description=description, **checks)


class _Strict(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class Documents(_Strict):
    """One row per article kept."""

    doc_id: Str = _field("Stable id: first 16 hex digits of the BLAKE2b hash of `text`", unique=True,
                         str_length={"min_value": 16, "max_value": 16})
    source: Str = _field("File the article came from")
    source_id: Str = _opt("The record's own id in its source (JSON `id`, CSV id column, Reuters NEWID)")
    line: Int = _opt("1-based line of the record in a line-based source (JSONL, CSV)", ge=1)
    format: Str = _field("Input format: seed, txt, jsonl, json, csv, tsv, parquet, sgml")
    encoding: Str = _field("Encoding the bytes were decoded with")
    title: Str = _opt("Cleaned title")
    author: Str = _opt("Author or authors as given")
    outlet: Str = _opt("Publication")
    section: Str = _opt("Section or category")
    url: Str = _opt("Article URL")
    published_at: Time = _opt("Publication time, UTC")
    listed_date: Day = _opt("Date of the seed format's `date YYYY-MM-DD` header line")
    source_hash: Str = _field("BLAKE2b of the record's raw title and body: a re-run skips input it "
                              "has seen without processing it again")
    text: Str = _field("Cleaned text: title line, blank line, paragraphs separated by blank lines")
    body_start: Int = _field("Offset in `text` where the body starts", ge=0)
    n_bytes: Int = _opt("Size of the record in its source, in bytes", ge=0)
    n_chars: Int = _field("Length of `text` in characters", ge=0)
    n_paragraphs: Int = _field("Number of body paragraphs (the title is not counted)", ge=0)
    n_sentences: Int = _field("Number of sentences, title included", ge=0)


class Sentences(_Strict):
    """Sentence spans; paragraph 0 is the title."""

    doc_id: Str = _field("Document")
    sentence_idx: Int = _field("0-based sentence number in the document", ge=0)
    paragraph_idx: Int = _field("0-based paragraph number; 0 is the title", ge=0)
    start: Int = _field("Start offset in documents.text", ge=0)
    end: Int = _field("End offset (exclusive) in documents.text", ge=1)


class NumericFacts(_Strict):
    """One row per number that states a fact."""

    fact_id: Str = _field("Stable id: `<doc_id>:f:<start>-<end>`", unique=True)
    doc_id: Str = _field("Document")
    sentence_idx: Int = _field("Sentence the number is in", ge=0)
    start: Int = _field("Start offset in documents.text", ge=0)
    end: Int = _field("End offset (exclusive) in documents.text", ge=1)
    surface: Str = _field("documents.text[start:end]")
    sentence: Str = _field("Text of the sentence")
    kind: Str = _field("percent, percentage_point, money, count, quantity, duration, ordinal, "
                       "fraction or multiple", isin=FACT_KINDS)
    value: Float = _field("Fully normalised value (US$17 billion -> 17000000000.0)")
    value_high: Float = _opt("Upper end of a range; for a change written \"from X to Y\", the level Y it "
                             "reached (then ``value`` is X, and may be higher: \"fell from 10 to 8 percent\")")
    unit: Str = _opt("Canonical unit: percent, ISO 4217 code, hour/day/..., SI unit, or the counted noun")
    unit_surface: Str = _opt("The unit as written")
    scale_surface: Str = _opt("The scale word as written (billion, bn, mln)")
    qualifier: Str = _field("= exact, ~ about, > >= more than / at least, < <= almost / up to",
                            isin=QUALIFIERS)
    direction: Str = _opt("up or down when the text states a change", isin=DIRECTIONS)
    concept: Str = _opt("What is measured (trade, investment)")
    holder: Str = _opt("Whose it is (Russia in Russia's investment)")
    period: Str = _opt("The time the number covers (the past year, March 2023, 2019)")
    quote_id: Str = _opt("The quote the number is inside")
    speaker: Str = _opt("Speaker of that quote")
    rule: Str = _field("Id of the rule that produced the row")


class Quotes(_Strict):
    """One row per quoted or reported fragment."""

    quote_id: Str = _field("Stable id: `<doc_id>:q:<start>-<end>`", unique=True)
    doc_id: Str = _field("Document")
    start: Int = _field("Start of the content in documents.text", ge=0)
    end: Int = _field("End (exclusive) of the content", ge=1)
    text: Str = _field("documents.text[start:end]")
    paragraph_idx: Int = _field("Paragraph the content starts in", ge=0)
    n_paragraphs: Int = _field("Paragraphs the content runs over", ge=1)
    kind: Str = _field("direct, partial or indirect", isin=QUOTE_KINDS)
    utterance_id: Str = _field("Shared by the fragments of one interrupted quote: `<doc_id>:u:<n>`")
    speaker: Str = _opt("Resolved speaker, in the fullest form the document gives")
    speaker_mention: Str = _opt("Speaker words at the attribution as written")
    speaker_start: Int = _opt("Start of speaker_mention in documents.text", ge=0)
    speaker_end: Int = _opt("End of speaker_mention", ge=0)
    speaker_kind: Str = _field("person, organisation or unknown", isin=SPEAKER_KINDS)
    cue: Str = _opt("Reporting verb or phrase as written")
    cue_start: Int = _opt("Start of cue in documents.text", ge=0)
    cue_end: Int = _opt("End of cue", ge=0)
    cue_lemma: Str = _opt("Lemma of the cue (say, tell, according to)")
    via: Str = _opt("Channel when named (a Kremlin press release)")
    rule: Str = _field("Id of the rule that produced the row")


class Rejects(_Strict):
    """Every input record that did not become a document, with why."""

    source: Str = _field("File")
    source_id: Str = _opt("The record's own id")
    line: Int = _opt("1-based line in a line-based source", ge=1)
    reason: Str = _field("Stable reason code", isin=REJECT_REASONS)
    detail: Str = _field("What was wrong, in words")
    n_bytes: Int = _opt("Size of the record", ge=0)


class Runs(_Strict):
    """One row per completed run."""

    run_id: Str = _field("Run id (UTC start time and a random suffix)", unique=True)
    started_at: Time = _field("Start, UTC")
    ended_at: Time = _field("End, UTC")
    version: Str = _field("newsfacts version")
    schema_version: Int = _field("Version of these schemas", ge=1)
    arguments: Str = _field("Command-line arguments as JSON")
    n_read: Int = _field("Records read (documents and rejects)", ge=0)
    n_new: Int = _field("New documents written", ge=0)
    n_unchanged: Int = _field("Documents already in the output", ge=0)
    n_duplicate: Int = _field("Documents whose text was already seen", ge=0)
    n_sentences: Int = _field("Sentence rows written", ge=0)
    n_facts: Int = _field("numeric_facts rows written", ge=0)
    n_quotes: Int = _field("quotes rows written", ge=0)
    n_rejects: Int = _field("rejects rows written", ge=0)
    seconds: Float = _field("Wall-clock seconds", ge=0)


TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
    "sentences": Sentences,
    "numeric_facts": NumericFacts,
    "quotes": Quotes,
    "rejects": Rejects,
    "runs": Runs,
}


@cache
def table_schema(table: str) -> pa.DataFrameSchema:
    """The table's pandera schema, built once per process."""
    return TABLES[table].to_schema()


def validate(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Validate (and coerce) a frame of ``table``; raise pandera's SchemaError on failure."""
    return table_schema(table).validate(df)


@cache
def arrow_schema(table: str) -> pyarrow.Schema:
    """The Arrow schema a table is written with."""
    columns = table_schema(table).columns
    return pyarrow.schema([(name, col.dtype.type.pyarrow_dtype) for name, col in columns.items()])


def build_schemas() -> None:
    """Build and cache every table's pandera and Arrow schemas now.  pandera's first schema build
    imports ``dask.dataframe`` (about half a second of CPU): a module that pool workers fork from
    calls this at import, so that each worker does not pay it again."""
    for table in TABLES:
        arrow_schema(table)
        _plain(table)


def _check_arrow(check: pa.Check, column: pyarrow.ChunkedArray) -> bool | None:
    """Whether the non-null values of ``column`` pass ``check`` (None: a check not known here)."""
    stats = check.statistics
    if check.name == "greater_than_or_equal_to":
        low = pc.min(column).as_py()
        return low is None or low >= stats["min_value"]
    if check.name == "isin":
        allowed = pyarrow.array(stats["allowed_values"], type=column.type)
        return pc.all(pc.is_in(column.drop_null(), value_set=allowed)).as_py() is not False
    if check.name == "str_length" and stats.get("exact_value") is None:
        lengths = pc.min_max(pc.utf8_length(column))
        low, high = lengths["min"].as_py(), lengths["max"].as_py()
        return low is None or ((stats["min_value"] is None or low >= stats["min_value"])
                               and (stats["max_value"] is None or high <= stats["max_value"]))
    return None


@cache
def _plain(table: str) -> bool:
    """True when nothing of the table's schema but what :func:`satisfies` reads can fail."""
    schema = table_schema(table)
    return (not schema.checks and schema.unique is None and schema.index is None
            and not getattr(schema, "drop_invalid_rows", False)
            and all(not col.regex for col in schema.columns.values()))


def satisfies(table: str, arrow: pyarrow.Table) -> bool:
    """True when ``arrow`` provably satisfies the table's pandera schema, checked with vectorised
    Arrow kernels: the exact Arrow schema (so the columns, their order and types), nulls only in
    nullable columns, unique columns without repeats, and every column check.  False means "not
    shown here" (a failed check, or one this function does not know): the caller then runs pandera,
    which raises the detailed error."""
    if not _plain(table) or arrow.schema != arrow_schema(table):
        return False
    for name, col in table_schema(table).columns.items():
        column = arrow.column(name)
        if not col.nullable and column.null_count:
            return False
        if pyarrow.types.is_floating(column.type) and pc.any(pc.is_nan(column)).as_py():
            return False  # pandas may read NaN as missing: pandera decides
        if col.unique and pc.count_distinct(column, mode="all").as_py() != len(column):
            return False
        for check in col.checks:
            if not _check_arrow(check, column):
                return False
    return True


def validated_frame(table: str, arrow: pyarrow.Table) -> pd.DataFrame:
    """The pandas frame (Arrow-backed) of ``arrow``, guaranteed to satisfy the table's schema: the
    vectorised :func:`satisfies` in the common case, pandera (which raises SchemaError) otherwise."""
    frame = arrow.to_pandas(types_mapper=pd.ArrowDtype)
    return frame if satisfies(table, arrow) else validate(table, frame)


def empty_frame(table: str) -> pd.DataFrame:
    """A frame with the table's columns and types and no rows."""
    return arrow_schema(table).empty_table().to_pandas(types_mapper=pd.ArrowDtype)
