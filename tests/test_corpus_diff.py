"""bench/corpus_diff.py: a dump of a small corpus of our own, and the comparison of two dumps."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus_diff import compare, main  # noqa: E402

ARTICLES = {
    "a.txt": "Harbour levy\n\nThe levy rose 5 percent to $40 million, the minister said on Monday.\n",
    "b.txt": "Ferries\n\n\"We will sail,\" said Jan Wirth, the captain.\n",
}


@pytest.fixture
def corpora(tmp_path):
    folder = tmp_path / "corpora" / "news"
    folder.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path / "corpora"


def test_dump_holds_each_document_with_its_quotes_and_facts(corpora, tmp_path):
    out = tmp_path / "dump.jsonl"
    assert main(["dump", str(out), "--corpora", str(corpora), "--names", "news"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2 and {r["c"] for r in rows} == {"news"}
    quotes = {q[2]: q[0] for r in rows for q in r["q"]}
    assert quotes["We will sail,"] == "Jan Wirth"
    facts = {f[0]: f for r in rows for f in r["f"]}
    assert facts["$40 million"][1] == 40_000_000 and facts["5 percent"][2] == "percent"


def test_compare_counts_rows_gone_and_added_per_corpus(corpora, tmp_path):
    out = tmp_path / "dump.jsonl"
    main(["dump", str(out), "--corpora", str(corpora), "--names", "news"])
    base = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    counts, changed = compare(base, base, "q")
    assert changed == [] and counts["news", "before"] == counts["news", "after"] >= 2
    new = json.loads(json.dumps(base))
    new[0]["q"] = new[0]["q"][1:] + [["Ann Lo", "direct", "Added."]]
    counts, changed = compare(base, new, "q")
    assert counts["news", "documents changed"] == 1 and counts["news", "+"] == 1 and counts["news", "-"] == 1
    assert changed[0][3] == [("Ann Lo", "direct", "Added.")]
    with pytest.raises(ValueError):
        compare(base, base[:1], "q")


def test_diff_prints_a_table(corpora, tmp_path, capsys):
    out = tmp_path / "dump.jsonl"
    main(["dump", str(out), "--corpora", str(corpora), "--names", "news"])
    assert main(["diff", str(out), str(out), "--table", "facts"]) == 0
    assert "| news |" in capsys.readouterr().out
