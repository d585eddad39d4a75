"""Re-read every table from disk and check it: each file against its pandera schema, then the
offset contract across tables (every span lies inside its document and slices to its surface)."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .schemas import TABLES, table_schema
from .store import read_file, table_files

__all__ = ["Problem", "validate_output"]

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Problem:
    table: str
    column: str | None
    check: str
    rows: str  # which rows, e.g. "file part-...parquet rows 3, 17"
    detail: str

    def __str__(self) -> str:
        col = f".{self.column}" if self.column else ""
        return f"{self.table}{col}: {self.check} failed at {self.rows}: {self.detail}"


def _schema_problems(out, table: str, path: str) -> list[Problem]:
    name = posixpath.basename(path)
    try:
        df = read_file(out, path).to_pandas(types_mapper=pd.ArrowDtype)
    except Exception as exc:
        return [Problem(table, None, "readable", name, f"{type(exc).__name__}: {exc}")]
    try:
        table_schema(table).validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        problems = []
        cases = err.failure_cases
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=True):
            idx = [str(i) for i in group["index"].tolist()[:MAX_EXAMPLES]]
            values = [repr(v)[:60] for v in group["failure_case"].tolist()[:MAX_EXAMPLES]]
            more = f" (+{len(group) - MAX_EXAMPLES} more)" if len(group) > MAX_EXAMPLES else ""
            problems.append(Problem(table, None if pd.isna(column) else str(column), str(check),
                                    f"{name} rows {', '.join(idx)}{more}",
                                    f"values {', '.join(values)}"))
        return problems
    return []


def _span_problems(out: Path | str) -> list[Problem]:
    texts: dict[str, str] = {}
    for path in table_files(out, "documents"):
        t = read_file(out, path, ["doc_id", "text"])
        texts.update(zip(t.column("doc_id").to_pylist(), t.column("text").to_pylist()))
    problems = []
    for table, surface in (("numeric_facts", "surface"), ("quotes", "text")):
        for path in table_files(out, table):
            t = read_file(out, path, ["doc_id", "start", "end", surface]).to_pylist()
            bad = []
            for i, row in enumerate(t):
                text = texts.get(row["doc_id"])
                if text is None:
                    bad.append((i, f"unknown doc_id {row['doc_id']}"))
                elif text[row["start"]:row["end"]] != row[surface]:
                    bad.append((i, f"text[{row['start']}:{row['end']}] is "
                                   f"{text[row['start']:row['end']][:40]!r}, not {row[surface][:40]!r}"))
            if bad:
                rows = ", ".join(str(i) for i, _ in bad[:MAX_EXAMPLES])
                problems.append(Problem(table, surface, "span slices documents.text",
                                        f"{posixpath.basename(path)} rows {rows}", bad[0][1]))
    return problems


def validate_output(out: Path | str) -> tuple[dict[str, int], list[Problem]]:
    """Validate every table under ``out``; return rows per table and the problems found."""
    counts: dict[str, int] = {}
    problems: list[Problem] = []
    for table in TABLES:
        files = table_files(out, table)
        if not files:
            problems.append(Problem(table, None, "exists", f"{out}/{table}", "no Parquet files"))
            continue
        for path in files:
            problems.extend(_schema_problems(out, table, path))
        counts[table] = sum(read_file(out, f, []).num_rows for f in files)
    if not problems:
        problems.extend(_span_problems(out))
    return counts, problems
