"""Robustness run: the whole pipeline over every corpus in ../shared/corpora, one at a time.

Prints, per corpus: records read, documents, rejects by reason, facts, quotes and seconds, and
whether `validate` passed.  Usage: ``python bench/run_corpora.py [--workers N] [--json OUT]``.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package, not an installed one
from pipeline.run import RunConfig, run_pipeline  # noqa: E402
from pipeline.validate import validate_output  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NAMES = ("bbc", "pakistan_news_csv", "allsides_sample", "reuters21578")


def run_corpus(name: str, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"newsfacts-{name}-") as out:
        summary = run_pipeline(RunConfig(paths=(str(CORPORA / name),), out=out, workers=workers,
                                         full=True))
        _, problems = validate_output(out)
    return {"corpus": name, "records": summary.n_read, "documents": summary.n_documents,
            "rejects": summary.n_rejects, "reasons": dict(sorted(summary.reasons.items())),
            "facts": summary.n_facts, "quotes": summary.n_quotes,
            "seconds": round(summary.seconds, 1), "valid": not problems,
            "balanced": summary.n_read == summary.n_documents + summary.n_rejects}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("names", nargs="*", default=NAMES)
    args = parser.parse_args()
    if not CORPORA.is_dir():
        print(f"run_corpora: {CORPORA} not found; nothing to run", file=sys.stderr)
        return 0
    results = []
    print("| corpus | records | documents | rejects (by reason) | facts | quotes | seconds | valid |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.names:
        r = run_corpus(name, args.workers)
        results.append(r)
        reasons = ", ".join(f"{k} {v}" for k, v in r["reasons"].items()) or "-"
        print(f"| {name} | {r['records']} | {r['documents']} | {r['rejects']} ({reasons}) | "
              f"{r['facts']} | {r['quotes']} | {r['seconds']} | {r['valid'] and r['balanced']} |",
              flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if all(r["valid"] and r["balanced"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
