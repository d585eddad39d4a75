"""What a rule change does to real news: dump the extraction of corpora, then compare two dumps.

    python bench/corpus_diff.py dump base.jsonl              # ../shared/corpora, this checkout's package
    (change the rules)
    python bench/corpus_diff.py dump new.jsonl
    python bench/corpus_diff.py diff base.jsonl new.jsonl --table quotes --samples 20

``dump`` writes one JSON line per document: its corpus, where it came from, its quotes as (speaker,
kind, content) and its facts as (surface, value, unit, concept, holder, period, direction).  ``diff``
prints, per corpus, the rows before and after, the documents that changed and the rows gone (-) and
added (+), then a seeded random sample of changed documents.  The scores of ``make eval`` say
whether a change helps on the benchmarks; this says how far it reaches in the corpora and lets one
read what it does there.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package, not an installed one
from pipeline.ingest import RawDocument, read_paths  # noqa: E402
from pipeline.normalize import clean_document  # noqa: E402
from pipeline.process import extract_document  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NAMES = ("bbc", "allsides_sample", "pakistan_news_csv", "reuters21578")
TABLES = {"quotes": "q", "facts": "f"}


def dump_rows(paths: list[str], corpus: str):
    """One record per document of ``paths``: {"c": corpus, "id": where, "q": quotes, "f": facts}."""
    for item in read_paths(paths):
        if not isinstance(item, RawDocument):
            continue  # a reject: no text to read
        text = clean_document(item.title, item.body).text
        ex = extract_document(text)
        yield {"c": corpus, "id": f"{item.source}:{item.source_id}:{item.line}",
               "q": [(q.speaker, q.kind, q.text) for q in ex.quotes],
               "f": [(f.surface, f.value, f.unit, f.concept, f.holder, f.period, f.direction) for f in ex.facts]}


def compare(base: list[dict], new: list[dict], key: str) -> tuple[Counter, list[tuple]]:
    """Counts per (corpus, what) and the changed documents as (corpus, id, gone, added)."""
    if [r["id"] for r in base] != [r["id"] for r in new]:
        raise ValueError("the two dumps hold different documents: dump both from the same corpora")
    counts: Counter = Counter()
    changed = []
    for b, n in zip(base, new):
        before, after = Counter(map(tuple, b[key])), Counter(map(tuple, n[key]))
        counts[b["c"], "before"] += sum(before.values())
        counts[b["c"], "after"] += sum(after.values())
        gone, added = before - after, after - before
        if gone or added:
            counts[b["c"], "documents changed"] += 1
            counts[b["c"], "-"] += sum(gone.values())
            counts[b["c"], "+"] += sum(added.values())
            changed.append((b["c"], b["id"], sorted(gone.elements(), key=repr), sorted(added.elements(), key=repr)))
    return counts, changed


def _read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="extract every document of the corpora into OUT (JSON Lines)")
    d.add_argument("out")
    d.add_argument("--corpora", default=str(CORPORA), help="folder of corpora (default ../shared/corpora)")
    d.add_argument("--names", nargs="+", default=NAMES, help="corpora (sub-folders) to read, in this order")
    c = sub.add_parser("diff", help="compare two dumps")
    c.add_argument("base")
    c.add_argument("new")
    c.add_argument("--table", choices=sorted(TABLES), default="quotes")
    c.add_argument("--samples", type=int, default=10, help="changed documents to print")
    c.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "dump":
        root = Path(args.corpora)
        if not root.is_dir():
            print(f"corpus_diff: {root} not found; nothing to dump", file=sys.stderr)
            return 2
        with open(args.out, "w", encoding="utf-8") as out:
            for name in args.names:
                for row in dump_rows([str(root / name)], name):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 0
    counts, changed = compare(_read(args.base), _read(args.new), TABLES[args.table])
    print("| corpus | rows before | rows after | documents changed | rows gone | rows added |")
    print("|---|---:|---:|---:|---:|---:|")
    for corpus in sorted({c for c, _ in counts}):
        print(f"| {corpus} | {counts[corpus, 'before']} | {counts[corpus, 'after']} | "
              f"{counts[corpus, 'documents changed']} | {counts[corpus, '-']} | {counts[corpus, '+']} |")
    for corpus, where, gone, added in random.Random(args.seed).sample(changed, min(args.samples, len(changed))):
        print(f"\n== {corpus} {where}")
        for row in gone:
            print("  -", row)
        for row in added:
            print("  +", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
