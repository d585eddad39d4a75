"""Instructions the extractors spend on the first N benchmark articles, counted by valgrind.

    python bench/instructions.py                 # 300 articles: about 3,500 million, 2 minutes
    python bench/instructions.py --articles 100

Wall and CPU seconds on this machine drift by a third within a day and shift with the other core's
load; an instruction count does not: the same code, inputs and environment give the same total, so
a difference of a few tenths of a percent between two commits is real. The figure is the callgrind
total of cleaning, segmenting, both extractors and the linker over the first N articles of the
benchmark's source order (bench/make_corpus.py, without the datelines), minus the same process on 0
articles (start-up and imports), with PYTHONHASHSEED=0. Needs valgrind (Debian package
``valgrind``); no pandas work is counted.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package, not an installed one

_COLLECTED = re.compile(r"Collected : (\d+)")


def extract(n_articles: int) -> int:
    """Clean and extract the first ``n_articles`` source articles (the counted work); the number of
    facts and quotes found."""
    from bench.make_corpus import source_articles
    from pipeline.normalize import clean_document
    from pipeline.process import extract_document
    articles = source_articles()  # read in both counts: only the extraction is left in the difference
    found = 0
    for article in articles[:n_articles]:
        ex = extract_document(clean_document(article["title"], article["text"]).text)
        found += len(ex.facts) + len(ex.quotes)
    return found


def count(n_articles: int) -> int:
    """The callgrind total of a child process that extracts ``n_articles``."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
           sys.executable, str(Path(__file__).resolve()), "--child", str(n_articles)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    m = _COLLECTED.search(done.stderr)
    if m is None:
        raise RuntimeError(f"no callgrind total in valgrind's output:\n{done.stderr[-2000:]}")
    return int(m.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        extract(args.child)
        return 0
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    total = count(args.articles) - count(0)
    print(f"{args.articles} articles: {total / 1e6:,.1f} million instructions "
          f"({total / max(args.articles, 1) / 1e3:,.0f} thousand an article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
