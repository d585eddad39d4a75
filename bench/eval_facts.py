"""Score the numeric-facts extractor on the shared quantity benchmarks (``make eval``).

Runs :func:`pipeline.process.extract_document` (segmentation, both extractors, linking: what the
pipeline runs on every document) on every sentence of
``../shared/benchmarks/newsquant_dev.jsonl`` and of the ``recognizers_*.jsonl`` files, writes predictions in
the scorer's format and runs the reference scorer ``score_quantities.py`` on each, printing its summary
lines.  The benchmark data stay outside the repository (research-only); nothing is copied.

It also scores what a fact says it measures (:func:`concept_score`, NewsQuant only): over the quantities
the scorer matches in span mode, the content words of our ``concept`` and ``holder`` against those of the
gold ``concept``.

usage: python bench/eval_facts.py [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.process import extract_document  # noqa: E402

SHARED = ROOT.parent / "shared"
BENCH = SHARED / "benchmarks"
FILES = ("newsquant_dev", "recognizers_currency", "recognizers_dimension", "recognizers_temperature",
         "recognizers_percent")
_CHANGE = {">=": ">", "<=": "<"}  # the scorer's change labels: = ~ > < up down
CONCEPT_FILE = "newsquant_dev"  # the one benchmark with a concept per quantity
# Function words left out of the concept score: fixed here, so that the score does not move when the
# extractor's own vocabularies change.
_CONCEPT_STOPWORDS = frozenset("""
    a about after all also an and any are as at be been before between but by each for from had has have
    he her his in into is it its more most new of on or other our over per s she so some such than that the
    their them there these they this those to under up was we were which while who will with would
    """.split())
_CONCEPT_TOKEN = re.compile(r"[a-z0-9]+")


def _canon(unit: str | None, canon_unit) -> str | None:
    """Our unit in the scorer's vocabulary: ISO codes and "USD per month" go through its canon_unit."""
    if unit is None:
        return None
    parts = [canon_unit(part) for part in unit.split(" per ")]
    return " per ".join(c if c != "-" or len(parts) == 1 else p for c, p in zip(parts, unit.split(" per ")))


def predict(records, canon_unit=lambda u: u):
    """Prediction records (scorer format) for gold records; returns (predictions, seconds, chars)."""
    out, chars, seconds = [], 0, 0.0
    for rec in records:
        text = rec["text"]
        t0 = time.perf_counter()
        facts = extract_document(text).facts  # what the pipeline runs on every document
        seconds += time.perf_counter() - t0
        chars += len(text)
        out.append({"doc_id": rec["doc_id"], "quantities": [
            {"surface": f.surface, "start": f.start, "end": f.end, "value": f.value,
             "value_high": f.value_high, "unit": _canon(f.unit, canon_unit),
             "change": f.direction or _CHANGE.get(f.qualifier, f.qualifier), "kind": f.kind, "rule": f.rule,
             "concept": f.concept, "holder": f.holder}
            for f in facts]})
    return out, seconds, chars


def concept_tokens(*phrases: str | None) -> set[str]:
    """Content words of phrases, lower case, a plural "s" stripped, function words out.

    >>> sorted(concept_tokens("Russia's investments", None))
    ['investment', 'russia']
    """
    out = set()
    for phrase in phrases:
        for token in _CONCEPT_TOKEN.findall((phrase or "").lower()):
            if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
                token = token[:-1]
            if token not in _CONCEPT_STOPWORDS:
                out.add(token)
    return out


def concept_score(gold: list[dict], preds: list[dict], match_doc) -> dict:
    """Token P/R/F1 (micro, percent) of our concept + holder against the gold concept, over the quantities
    that ``match_doc`` (the scorer's span-mode matching) pairs and whose gold has a concept; ``none`` counts
    those pairs where we give neither concept nor holder."""
    by_id = {p["doc_id"]: p["quantities"] for p in preds}
    pairs = none = tp = n_ours = n_gold = 0
    for rec in gold:
        gq, pq = rec["quantities"], by_id.get(rec["doc_id"], [])
        for gi, pi in match_doc(gq, pq, "span"):
            want = concept_tokens(gq[gi].get("concept"))
            if not want:
                continue
            got = concept_tokens(pq[pi].get("concept"), pq[pi].get("holder"))
            pairs += 1
            none += not got
            tp += len(got & want)
            n_ours += len(got)
            n_gold += len(want)
    p = tp / n_ours if n_ours else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1), "tp": tp,
            "pairs": pairs, "none": none}


def _concept_line(res: dict) -> str:
    return (f"{CONCEPT_FILE} concept (tokens of concept+holder vs gold concept, span-matched): P {res['P']} "
            f"R {res['R']} F1 {res['F1']} | {res['pairs']} matched with a gold concept, {res['none']} get none")


def evaluate(bench: Path = BENCH, names=FILES) -> dict:
    """Score every benchmark file in-process; returns {name: scorer result dict}."""
    sys.path.insert(0, str(bench))
    import qutil  # noqa: PLC0415  (the scorer's helper, only present with the shared data)
    import score_quantities  # noqa: PLC0415

    vocab = score_quantities.load_vocab(str(bench / "unit_vocab.txt"))
    results = {}
    for name in names:
        path = bench / f"{name}.jsonl"
        if not path.exists():
            continue
        gold = score_quantities.load(str(path))
        preds, seconds, chars = predict(gold.values(), qutil.canon_unit)
        res = score_quantities.score(gold, {p["doc_id"]: p for p in preds}, "span", vocab)
        if name == CONCEPT_FILE:
            res["concept"] = concept_score(list(gold.values()), preds, score_quantities.match_doc)
        res["seconds"] = round(seconds, 3)
        res["sentences_per_second"] = round(len(gold) / seconds) if seconds else None
        results[name] = res
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", help="write the scorer results of every file to this JSON file")
    args = ap.parse_args(argv)
    if not (BENCH / "newsquant_dev.jsonl").exists():
        print(f"no benchmarks at {BENCH}; nothing to score", file=sys.stderr)
        return 2
    sys.path.insert(0, str(BENCH))
    import qutil  # noqa: PLC0415
    import score_quantities  # noqa: PLC0415

    all_results, lines = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for name in FILES:
            path = BENCH / f"{name}.jsonl"
            if not path.exists():
                continue
            with open(path, encoding="utf-8") as fh:
                gold = [json.loads(line) for line in fh if line.strip()]
            preds, seconds, _ = predict(gold, qutil.canon_unit)
            pred_path = Path(tmp) / f"{name}.pred.jsonl"
            with open(pred_path, "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(p) + "\n" for p in preds)
            out_json = Path(tmp) / f"{name}.score.json"
            proc = subprocess.run(
                [sys.executable, str(BENCH / "score_quantities.py"), str(path), str(pred_path),
                 "--json", str(out_json)], capture_output=True, text=True, check=True)
            summary = proc.stdout.strip().splitlines()[-1]
            rate = len(gold) / seconds if seconds else float("inf")
            lines.append(f"{name}: {summary} | {rate:,.0f} sentences/s")
            all_results[name] = json.loads(out_json.read_text(encoding="utf-8"))
            if name == CONCEPT_FILE:
                all_results[name]["concept"] = concept_score(gold, preds, score_quantities.match_doc)
                lines.append(_concept_line(all_results[name]["concept"]))
    if args.json:  # written before printing, so that a closed pipe (`| head`) cannot lose it
        Path(args.json).write_text(json.dumps(all_results, indent=1), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the printing quietly (the JSON is written first)
    sys.exit(main())
