"""Build a benchmark corpus of N articles from ``../shared/corpora`` (BBC and the AllSides sample).

The ~4,200 source articles are shuffled once (fixed seed) and repeated until N records are
written.  Every record gets a dateline of its own at the start of its body (``LONDON, edition
bcdf — ...``), so its cleaned text, and so its ``doc_id``, is unique and deduplication skips
nothing.  The edition code is made of consonants only, so it adds no number and no word that an
extractor could pick up.

Records are written as JSON Lines, ``PER_FILE`` records a file (``part-00000.jsonl[.gz]``), one
record at a time: memory does not grow with N.  The folder (default ``/tmp/newsfacts-bench/<N>``,
outside the repository, since the texts must never be committed) gets a ``corpus.json`` manifest
last; a folder with a matching manifest is reused as is, any other is rebuilt.

    python bench/make_corpus.py 100000            # -> /tmp/newsfacts-bench/100000/
    python bench/make_corpus.py 1000000 --gzip    # 1M articles, about 1.3 GB gzipped
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

__all__ = ["Corpus", "SHARED_CORPORA", "DEFAULT_ROOT", "build_corpus", "source_articles"]

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPORA = REPO.parent / "shared" / "corpora"
DEFAULT_ROOT = Path("/tmp/newsfacts-bench")
PER_FILE = 10_000
SEED = 6  # issue 6
VERSION = 1  # bump when the records change, so that old corpora are rebuilt
MANIFEST = "corpus.json"

CITIES = ("LONDON", "WASHINGTON", "NEW YORK", "PARIS", "BRUSSELS", "TOKYO", "BERLIN", "MADRID",
          "SYDNEY", "NAIROBI", "OTTAWA", "DELHI", "BEIJING", "ROME", "CHICAGO", "GENEVA")
_CODE_LETTERS = "bcdfghjklmnpqrstvwxz"  # no vowels: the code never spells a word or a number


@dataclass(frozen=True)
class Corpus:
    """A built corpus: its folder, files, record count and bytes of article text (title + body,
    UTF-8), the figure MB/s is computed from."""

    folder: str
    files: tuple[str, ...]
    n_articles: int
    text_bytes: int
    gzip: bool
    version: int = VERSION


class MissingCorpora(RuntimeError):
    pass


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # bbc/sport/199.txt has one latin-1 pound sign
        return raw.decode("cp1252", errors="replace")


def _bbc(folder: Path) -> Iterator[dict]:
    for path in sorted(folder.glob("*/*.txt")):
        title, _, body = _decode(path.read_bytes()).partition("\n")
        yield {"title": title.strip(), "text": body.strip("\n"), "outlet": "BBC News",
               "section": path.parent.name}


def _allsides(folder: Path) -> Iterator[dict]:
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        text = record.get("content_original") or ""
        if not text.strip():
            continue
        yield {"title": record.get("title") or "", "text": text,
               "date": record.get("date") or None, "authors": record.get("authors") or None,
               "outlet": record.get("source") or None, "section": record.get("topic") or None,
               "url": record.get("url") or None}


def source_articles(corpora: Path = SHARED_CORPORA) -> list[dict]:
    """The source articles (about 17 MB of text), in a fixed shuffled order."""
    bbc, allsides = corpora / "bbc", corpora / "allsides_sample"
    if not bbc.is_dir() or not allsides.is_dir():
        raise MissingCorpora(f"the benchmark corpus is built from {bbc} and {allsides}, "
                             "which are not present")
    articles = [*_bbc(bbc), *_allsides(allsides)]
    random.Random(SEED).shuffle(articles)
    return articles


def edition_code(n: int) -> str:
    """A short consonant-only code, different for every ``n``."""
    letters = _CODE_LETTERS
    code = letters[n % len(letters)]
    n //= len(letters)
    while n:
        code += letters[n % len(letters)]
        n //= len(letters)
    return code


def unique_record(article: dict, n: int) -> dict:
    """Record number ``n`` of the corpus: ``article`` with a dateline of its own."""
    record = {"id": f"bench-{n}", **article}
    record["text"] = f"{CITIES[n % len(CITIES)]}, edition {edition_code(n)} — {article['text']}"
    return record


def _read_manifest(folder: Path) -> Corpus | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        corpus = Corpus(**{**data, "files": tuple(data["files"])})
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if corpus.version != VERSION or not all(Path(f).is_file() for f in corpus.files):
        return None
    return corpus


def build_corpus(n_articles: int, root: Path = DEFAULT_ROOT, use_gzip: bool = False,
                 corpora: Path = SHARED_CORPORA, log=print) -> Corpus:
    """Write (or reuse) the corpus of ``n_articles`` under ``root/<n_articles>``."""
    folder = Path(root) / (f"{n_articles}-gz" if use_gzip else str(n_articles))
    corpus = _read_manifest(folder)
    if corpus is not None and corpus.n_articles == n_articles and corpus.gzip == use_gzip:
        return corpus
    articles = source_articles(corpora)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    log(f"building {n_articles} articles into {folder} ...")
    files: list[str] = []
    text_bytes = 0
    out = None
    try:
        for n in range(n_articles):
            if n % PER_FILE == 0:
                if out is not None:
                    out.close()
                path = folder / f"part-{n // PER_FILE:05d}.jsonl{'.gz' if use_gzip else ''}"
                files.append(str(path))
                out = (gzip.open(path, "wt", encoding="utf-8", compresslevel=3) if use_gzip
                       else open(path, "w", encoding="utf-8"))
            record = unique_record(articles[n % len(articles)], n)
            text_bytes += len(record["title"].encode("utf-8")) + len(record["text"].encode("utf-8"))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not None:
            out.close()
    corpus = Corpus(str(folder), tuple(files), n_articles, text_bytes, use_gzip)
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(asdict(corpus), indent=1), encoding="utf-8")
    tmp.replace(folder / MANIFEST)  # the manifest comes last: a half-built folder is rebuilt
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=int, help="number of articles")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT,
                        help=f"parent folder (default {DEFAULT_ROOT})")
    parser.add_argument("--gzip", action="store_true", help="write .jsonl.gz files")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("articles must be at least 1")
    try:
        corpus = build_corpus(args.articles, args.root, args.gzip)
    except MissingCorpora as exc:
        print(f"make_corpus: {exc}", file=sys.stderr)
        return 2
    print(f"{corpus.n_articles} articles, {corpus.text_bytes / 1e6:.1f} MB of text, "
          f"{len(corpus.files)} files in {corpus.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
