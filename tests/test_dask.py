"""The Dask engine (a two-worker LocalCluster) writes exactly the tables the local engine writes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed", reason="the Dask engine needs dask[distributed]")

from pipeline.cli import main  # noqa: E402
from pipeline.store import read_table  # noqa: E402

DATA_TABLES = ("documents", "sentences", "numeric_facts", "quotes", "rejects")

SPEAKERS = ("Maria Lopez, the finance minister", "John Okafor, a union leader",
            "Dr Susan Hale", "the central bank's governor, Peter Lind")
CITIES = ("Lagos", "Madrid", "Leeds", "Oslo", "Perth", "Quito")


def _article(i: int) -> str:
    """A small made-up article with numbers, a direct quote, a partial and a reported one."""
    speaker = SPEAKERS[i % len(SPEAKERS)]
    city = CITIES[i % len(CITIES)]
    return (f"{city} budget plan number {i} unveiled\n\n"
            f"The city of {city} will spend ${12 + i}.5 million on schools next year, up "
            f"{3 + i % 7}% from 2023, officials said on Tuesday.\n\n"
            f"\"We expect about {200 + 10 * i} new teachers by March,\" said {speaker}. "
            f"\"This is the largest rise in {i + 2} years.\"\n\n"
            f"Unemployment fell to {4 + i % 3}.{i % 10} per cent in the third quarter, and "
            f"prices rose by {i % 5 + 1} percent, according to the statistics office.\n\n"
            f"{speaker.split(',')[0]} said the plan would cost each household roughly "
            f"£{40 + i} a month, calling it \"a fair deal\".\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for i in range(30):
        (folder / f"article_{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    # A copy in a later batch (a duplicate reject) and an empty file (an empty reject).
    (folder / "article_99_copy.txt").write_text(_article(3), encoding="utf-8")
    (folder / "article_98_empty.txt").write_text("", encoding="utf-8")
    return folder


def _run(corpus: Path, out: Path, *engine: str) -> None:
    args = ["run", str(corpus), "--out", str(out), "--batch-size", "4", "--quiet", *engine]
    assert main(args) == 0


# Port 8787 taken (by another cluster on the machine) made the scheduler warn and move; it now asks
# for a free port from the start.
@pytest.mark.filterwarnings("error:Port .* is already in use:UserWarning")
def test_dask_engine_writes_the_same_tables_as_the_local_engine(corpus, tmp_path):
    local, dask = tmp_path / "local", tmp_path / "dask"
    _run(corpus, local, "--workers", "1")
    _run(corpus, dask, "--engine", "dask", "--workers", "2")
    for table in DATA_TABLES:
        expected, got = read_table(local, table), read_table(dask, table)
        pd.testing.assert_frame_equal(got, expected, obj=table)
    documents = read_table(local, "documents")
    assert len(documents) == 30
    assert len(read_table(local, "numeric_facts")) >= 30
    assert len(read_table(local, "quotes")) >= 30
    assert sorted(read_table(local, "rejects")["reason"]) == ["duplicate", "empty"]
