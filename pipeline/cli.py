"""Command line: ``newsfacts run`` and ``newsfacts validate`` (also ``python -m pipeline``).

Exit codes: 0 ok, 1 data or validation failure, 2 usage error.  Errors are one line; ``--debug``
adds the traceback.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import traceback
from typing import TYPE_CHECKING

from .limits import DEFAULT_DOC_SECONDS, DEFAULT_MAX_BYTES

# The stages (pandas, pandera, the compiled patterns: about three seconds) are imported once the
# arguments are read, so that --help and usage errors answer at once.
if TYPE_CHECKING:
    from .run import Summary

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: one line, exit 2
        self.exit(EXIT_USAGE, f"newsfacts: error: {message} (see --help)\n")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsfacts", description="Numeric facts and quotes from news text, "
                     "as validated Parquet tables.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    # --debug is also accepted after the command ("newsfacts run ... --debug")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="read articles and write the tables", parents=[common])
    run.add_argument("paths", nargs="*", default=["seeds"],
                     help="files or folders (searched recursively); default: seeds/")
    run.add_argument("--out", default="data", help="output folder (default: data/)")
    run.add_argument("--workers", type=_positive_int, default=os.cpu_count() or 1,
                     help="worker processes (default: number of cores)")
    run.add_argument("--full", action="store_true",
                     help="reprocess everything and replace the output, instead of adding new documents")
    run.add_argument("--engine", choices=("local", "dask"), default="local")
    run.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster)")
    run.add_argument("--batch-size", type=_positive_int, default=1000,
                     help="documents per batch (default 1000); memory grows with it")
    run.add_argument("--max-doc-bytes", type=_positive_int, default=DEFAULT_MAX_BYTES,
                     help=f"larger documents are rejected as too_large (default {DEFAULT_MAX_BYTES})")
    run.add_argument("--doc-seconds", type=float, default=DEFAULT_DOC_SECONDS,
                     help="clean-up and extraction time limit per document, in CPU seconds; over it: a timeout reject "
                          f"(default {DEFAULT_DOC_SECONDS})")
    for name in ("text", "title", "date", "id"):
        run.add_argument(f"--{name}-field", help=f"record field holding the {name}")
    run.add_argument("--quiet", action="store_true", help="no progress bar")

    val = sub.add_parser("validate", help="re-read every table and check it against its schema",
                         parents=[common])
    val.add_argument("out", nargs="?", default="data", help="output folder (default: data/)")
    return parser


def _progress(start: float):
    def show(summary: Summary) -> None:
        rate = summary.n_read / max(time.perf_counter() - start, 1e-9)
        sys.stderr.write(f"\r{summary.n_read} records, {summary.n_new} new, "
                         f"{summary.n_rejects} rejects, {rate:.0f}/s ")
        sys.stderr.flush()
    return show


def _run(args) -> int:
    if args.doc_seconds <= 0:
        raise _UsageError("--doc-seconds must be positive")
    from .ingest import ReadOptions
    from .process import ProcessOptions
    from .run import RunConfig, run_pipeline
    config = RunConfig(
        paths=tuple(args.paths), out=args.out, workers=args.workers, full=args.full,
        engine=args.engine, scheduler=args.scheduler, batch_size=args.batch_size,
        read=ReadOptions(text_field=args.text_field, title_field=args.title_field,
                         date_field=args.date_field, id_field=args.id_field,
                         max_doc_bytes=args.max_doc_bytes),
        process=ProcessOptions(doc_seconds=args.doc_seconds),
        arguments=tuple(sys.argv[1:]))
    show = None if args.quiet or not sys.stderr.isatty() else _progress(time.perf_counter())
    summary = run_pipeline(config, progress=show)
    if show:
        sys.stderr.write("\n")
    print(summary.line())
    return EXIT_OK


def _validate(args) -> int:
    from .validate import validate_output

    counts, problems = validate_output(args.out)
    if problems:
        print(f"validate: {len(problems)} problem(s) in {args.out}")
        for problem in problems:
            print(f"  {problem}")
        return EXIT_DATA
    print("validate: ok: " + ", ".join(f"{t} {n} rows" for t, n in counts.items()))
    return EXIT_OK


class _UsageError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    import pandera.pandas as pa
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="newsfacts: %(levelname)s: %(message)s")
    try:
        return _run(args) if args.command == "run" else _validate(args)
    except _UsageError as exc:
        print(f"newsfacts: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newsfacts: interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        if args.debug:
            traceback.print_exc()
        print(f"newsfacts: error: a table failed validation: {str(exc).splitlines()[0]}",
              file=sys.stderr)
        return EXIT_DATA
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(f"newsfacts: error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
              file=sys.stderr)
        return EXIT_DATA
