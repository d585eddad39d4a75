"""Throughput and memory of the whole pipeline (issue 6): ``make bench [ARGS="..."]``.

For each corpus size and worker count, runs :func:`pipeline.run.run_pipeline` (``--full``, into a
fresh temporary folder) over a corpus built by ``bench/make_corpus.py`` and prints articles/s, MB
of article text per second, peak resident memory of the whole process tree (pool workers
included) and, for one-worker runs, the share of the time each stage took.  Before the first run
and after each one it measures this machine's speed (``bench/calibrate.py``), and gives each run's
MB/s on the scale of the reference machine speed as well ("norm MB/s").

Each measurement runs in a process of its own, so that memory peaks, stage counters and warm
caches do not carry over from one run to the next.  This process samples the resident memory of
that process and all its descendants every ``SAMPLE_SECONDS`` (the sum over the tree: "peak
tree"), and takes the largest single process from ``wait4`` ("max process").

    bench/run_bench.py                                  # 10k and 100k articles, 1 and 2 workers
    bench/run_bench.py --articles 1M --workers 1        # one million articles
    bench/run_bench.py --articles 10k --profile         # plus a cProfile of a one-worker run
    bench/run_bench.py --json bench.json                # the figures as JSON too
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import REFERENCE_MB_S, calibrate, normalised  # noqa: E402
from make_corpus import DEFAULT_ROOT, Corpus, MissingCorpora, build_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.2  # a sample costs ~1.5 ms of CPU (a scan of /proc)
MIB = 1 << 20
PAGE = os.sysconf("SC_PAGE_SIZE")

# Stages in pipeline order: main-process reading, the per-document stages counted by
# pipeline.process.STAGE_SECONDS, and the main-process writing.
STAGES = ("read", "normalize", "segment", "facts", "quotes", "link", "validate")
# Which profile rows belong to a stage (file name fragments), for the slowest stage's profile.
STAGE_FILES = {"read": ("ingest", "dates", "json", "gzip", "codecs"),
               "normalize": ("normalize", "ftfy"),
               "segment": ("segment",),
               "facts": ("facts", "numbers"),
               "quotes": ("quotes", "people"),
               "link": ("link",),
               "validate": ("schemas", "pandera", "pyarrow", "process.py"),
               "build": ("process.py",),
               "write": ("store", "parquet", "run.py")}

TARGET_MB_S = 5.0
TARGET_SPEEDUP = 1.7
TARGET_FLAT = 1.10  # cost per article at the largest size / at the smallest, one worker
TARGET_PEAK_GIB = 1.5


# -- the measured process ------------------------------------------------------------------------
def _stop_forkserver() -> None:
    """Stop the local engine's forkserver and wait for it, so that its CPU time and that of the
    pool workers it forked and reaped count in this process's ``RUSAGE_CHILDREN`` (the workers are
    its children, not ours).  Private API of the standard library, used by the bench only."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()


def measure(spec: dict) -> None:
    """Run the pipeline once as ``spec`` says and write what happened to ``spec["result"]``."""
    import resource

    from pipeline.process import STAGE_SECONDS
    from pipeline.run import RunConfig, run_pipeline

    config = RunConfig(paths=tuple(spec["files"]), out=spec["out"], workers=spec["workers"],
                       full=True, engine=spec["engine"], batch_size=spec["batch_size"],
                       arguments=("bench",))
    def cpu() -> tuple[float, float]:  # this process; the children it reaped (pool, Dask)
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime

    profiler = None
    if spec.get("profile"):
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    cpu0, t0 = cpu(), time.perf_counter()
    summary = run_pipeline(config)
    seconds = time.perf_counter() - t0
    _stop_forkserver()
    cpu1 = cpu()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(spec["profile"])
    result = {
        "seconds": seconds, "cpu_seconds": cpu1[0] + cpu1[1] - cpu0[0] - cpu0[1],
        "main_cpu_seconds": cpu1[0] - cpu0[0],
        "n_read": summary.n_read, "n_new": summary.n_new, "n_rejects": summary.n_rejects,
        "reasons": dict(summary.reasons), "n_sentences": summary.n_sentences,
        "n_facts": summary.n_facts, "n_quotes": summary.n_quotes,
        "timings": dict(summary.timings), "stages": dict(STAGE_SECONDS)}
    Path(spec["result"]).write_text(json.dumps(result), encoding="utf-8")


# -- memory of a process tree --------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 if it is gone)."""
    kids = _children()
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(kids.get(p, ()))
    return total


def machine_busy_seconds() -> float:
    """CPU seconds all cores of this machine have spent not idle since boot."""
    with open("/proc/stat", encoding="ascii") as f:
        ticks = [int(v) for v in f.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle, iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class _Sampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, tree_rss(self.pid))


# -- one measurement -----------------------------------------------------------------------------
def run_one(corpus: Corpus, workers: int, engine: str, batch_size: int, work: Path,
            profile: Path | None = None, keep_output: bool = False) -> dict:
    out = Path(tempfile.mkdtemp(prefix="out-", dir=work))
    result_path = out.with_suffix(".json")
    spec = {"files": list(corpus.files), "out": str(out), "workers": workers, "engine": engine,
            "batch_size": batch_size, "result": str(result_path),
            "profile": str(profile) if profile else None}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)}
    proc = subprocess.Popen([sys.executable, __file__, "--measure", json.dumps(spec)], env=env)
    busy_before, wall_before = machine_busy_seconds(), time.perf_counter()
    sampler = _Sampler(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)  # usage: the largest process of the whole tree
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.done.set()
    sampler.join()
    # Cores busy with other work (other programs) on average during the measurement.
    others = ((machine_busy_seconds() - busy_before - usage.ru_utime - usage.ru_stime)
              / (time.perf_counter() - wall_before))
    try:
        if proc.returncode != 0:
            raise RuntimeError(f"the measured run failed (exit {proc.returncode}); "
                               f"output left in {out}")
        result = json.loads(result_path.read_text(encoding="utf-8"))
    finally:
        result_path.unlink(missing_ok=True)
        if not keep_output and proc.returncode == 0:
            shutil.rmtree(out, ignore_errors=True)
    seconds = result["seconds"]
    result.update({
        "articles": corpus.n_articles, "workers": workers, "engine": engine,
        "batch_size": batch_size, "text_mb": corpus.text_bytes / 1e6,
        "articles_per_s": corpus.n_articles / seconds,
        "mb_per_s": corpus.text_bytes / 1e6 / seconds,
        "us_per_article": seconds / corpus.n_articles * 1e6,
        "peak_tree_mib": sampler.peak / MIB,
        "max_process_mib": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "mb_per_cpu_s": corpus.text_bytes / 1e6 / result["cpu_seconds"],
        "other_cores": max(0.0, others),
        "output": str(out) if keep_output else None})
    result["shares"] = stage_shares(result) if workers == 1 else None
    return result


def stage_shares(result: dict) -> dict[str, float]:
    """Fractions of the run's wall time by stage, for a one-worker run (where the main process
    does everything): the counted stages, ``build`` (turning extractions into rows: the engine's
    time not in a counted stage), ``write`` (dropping known documents and writing Parquet) and
    ``other`` (start-up, recovery, commit)."""
    t, s, total = result["timings"], result["stages"], result["seconds"]
    parts = {"read": t.get("read", 0.0)}
    for stage in STAGES[1:]:
        parts[stage] = s.get(stage, 0.0)
    parts["build"] = max(0.0, t.get("engine", 0.0) - sum(parts.values()))
    parts["write"] = t.get("write", 0.0)
    parts["other"] = max(0.0, total - sum(parts.values()))
    return {k: v / total for k, v in parts.items()}


# -- machine speed -------------------------------------------------------------------------------
def machine_speed(after: str) -> dict:
    """The calibration index now (``bench/calibrate.py``), printed and returned with the time."""
    c = calibrate()
    print(f"calibration {c.mb_per_s:.2f} MB/s {after} (reference {REFERENCE_MB_S:.2f})", flush=True)
    return {**c.as_dict(), "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def add_calibration(result: dict, before: dict, after: dict) -> None:
    """The machine speed around a run, and its MB/s and MB/CPU-s at the reference speed (by their
    mean)."""
    index = (before["mb_per_s"] + after["mb_per_s"]) / 2
    result["calibration"] = {"before": before["mb_per_s"], "after": after["mb_per_s"],
                             "mean": index}
    result["mb_per_s_normalised"] = normalised(result["mb_per_s"], index)
    result["mb_per_cpu_s_normalised"] = normalised(result["mb_per_cpu_s"], index)


# -- printing ------------------------------------------------------------------------------------
def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|",
                      *map(line, rows)])


def figures_table(results: list[dict]) -> str:
    headers = ["articles", "workers", "engine", "seconds", "articles/s", "MB/s", "calibration",
               "norm MB/s", "µs/article", "CPU s", "MB/CPU-s", "other load", "peak tree MiB",
               "max process MiB", "facts", "quotes", "rejects"]
    rows = [[f"{r['articles']:,}", str(r["workers"]), r["engine"], f"{r['seconds']:.1f}",
             f"{r['articles_per_s']:,.0f}", f"{r['mb_per_s']:.2f}",
             f"{r['calibration']['before']:.2f}-{r['calibration']['after']:.2f}",
             f"{r['mb_per_s_normalised']:.2f}", f"{r['us_per_article']:.0f}",
             f"{r['cpu_seconds']:.1f}", f"{r['mb_per_cpu_s']:.2f}",
             f"{r['other_cores']:.2f}",
             f"{r['peak_tree_mib']:,.0f}", f"{r['max_process_mib']:,.0f}", f"{r['n_facts']:,}",
             f"{r['n_quotes']:,}", f"{r['n_rejects']:,}"] for r in results]
    return _table(headers, rows)


def shares_table(results: list[dict]) -> str:
    ones = [r for r in results if r["shares"]]
    if not ones:
        return ""
    names = list(ones[0]["shares"])
    rows = [[f"{r['articles']:,}", *(f"{100 * r['shares'][n]:.1f}%" for n in names)] for r in ones]
    return _table(["articles", *names], rows)


def targets(results: list[dict]) -> list[dict]:
    """Issue 6's targets, judged on these results (where the results allow)."""
    checks = []
    one = {r["articles"]: r for r in results if r["workers"] == 1}
    two = {r["articles"]: r for r in results if r["workers"] == 2}
    for n, r in sorted(one.items()):
        checks.append({"target": f"1 worker >= {TARGET_MB_S} MB/s at {n:,}",
                       "value": round(r["mb_per_s"], 2), "ok": r["mb_per_s"] >= TARGET_MB_S})
    for n in sorted(one.keys() & two.keys()):
        speedup = two[n]["articles_per_s"] / one[n]["articles_per_s"]
        checks.append({"target": f"2 workers >= {TARGET_SPEEDUP}x 1 worker at {n:,}",
                       "value": round(speedup, 2), "ok": speedup >= TARGET_SPEEDUP})
    if len(one) >= 2:
        small, large = min(one), max(one)
        ratio = one[large]["us_per_article"] / one[small]["us_per_article"]
        checks.append({"target": f"flat cost per article, {large:,} vs {small:,} "
                                 f"(ratio <= {TARGET_FLAT})",
                       "value": round(ratio, 2), "ok": ratio <= TARGET_FLAT})
    largest = max(r["articles"] for r in results)
    peak = max(r["peak_tree_mib"] for r in results if r["articles"] == largest) / 1024
    checks.append({"target": f"peak memory < {TARGET_PEAK_GIB} GiB at {largest:,} "
                             "(the issue's bound is for 1M)",
                   "value": round(peak, 2), "ok": peak < TARGET_PEAK_GIB})
    return checks


def print_profile(path: Path, result: dict, top: int) -> str:
    """Print the profile's top functions, then those of the slowest stage; return that stage."""
    shares = dict(result["shares"])
    slowest = max((k for k in shares if k in STAGE_FILES), key=shares.get)
    print(f"\n## profile of a 1-worker run of {result['articles']:,} articles "
          f"({result['seconds']:.1f} s under cProfile), top {top} by own time\n", flush=True)
    stats = pstats.Stats(str(path), stream=sys.stdout)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    print(f"## slowest stage: {slowest} ({100 * shares[slowest]:.1f}% of the run); "
          f"its functions by cumulative time\n", flush=True)
    pattern = "|".join(STAGE_FILES[slowest])
    pstats.Stats(str(path), stream=sys.stdout).sort_stats("cumulative").print_stats(pattern, top)
    return slowest


# -- command line --------------------------------------------------------------------------------
def _count(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    value = int(float(text[:-1] if scale > 1 else text) * scale)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def _counts(text: str) -> list[int]:
    return [_count(part) for part in text.split(",") if part.strip()]


def _git_commit() -> str | None:
    try:
        return subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Throughput and memory of the whole pipeline.")
    parser.add_argument("--articles", type=_counts, default=[10_000, 100_000],
                        help="corpus sizes, comma-separated; 10k and 1M work (default 10k,100k)")
    parser.add_argument("--workers", type=_counts, default=[1, 2],
                        help="worker counts, comma-separated (default 1,2)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--batch-size", type=_count, default=1000)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT,
                        help=f"where corpora and temporary output go (default {DEFAULT_ROOT})")
    parser.add_argument("--gzip", action="store_true", help="read the corpus from .jsonl.gz")
    parser.add_argument("--profile", action="store_true",
                        help="also run cProfile on a 1-worker run of the smallest size")
    parser.add_argument("--top", type=int, default=25, help="profile rows to print (default 25)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the results as JSON")
    parser.add_argument("--keep-output", action="store_true", help="keep the output folders")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(json.loads(args.measure))
        return 0

    try:
        corpora = {n: build_corpus(n, args.root, args.gzip) for n in args.articles}
    except MissingCorpora as exc:
        print(f"run_bench: {exc}; nothing to measure", file=sys.stderr)
        return 2
    work = args.root / "runs"
    work.mkdir(parents=True, exist_ok=True)
    print(f"# newsfacts bench: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"commit {_git_commit()}, engine {args.engine}, batch size {args.batch_size}\n",
          flush=True)
    results, speeds = [], [machine_speed("before the first run")]
    for n in args.articles:
        for w in args.workers:
            r = run_one(corpora[n], w, args.engine, args.batch_size, work,
                        keep_output=args.keep_output)
            speeds.append(machine_speed(f"after {n:,} articles, {w} worker(s)"))
            add_calibration(r, speeds[-2], speeds[-1])
            print(f"{n:,} articles, {w} worker(s): {r['seconds']:.1f} s, "
                  f"{r['articles_per_s']:,.0f} articles/s, {r['mb_per_s']:.2f} MB/s "
                  f"({r['mb_per_s_normalised']:.2f} at the reference machine speed), "
                  f"peak {r['peak_tree_mib']:,.0f} MiB", flush=True)
            results.append(r)

    print("\n## figures\n\n" + figures_table(results))
    if shares_table(results):
        print("\n## time share by stage, 1 worker\n\n" + shares_table(results))
    checks = targets(results)
    busy = [r for r in results if r["other_cores"] > 0.25]
    if busy:
        print(f"\n(other programs kept {max(r['other_cores'] for r in busy):.1f} of "
              f"{os.cpu_count()} cores busy during {len(busy)} measurement(s): wall-clock figures "
              "are pessimistic there; MB/CPU-s is the steadier figure for one worker)")
    print("\n## targets (issue 6)\n")
    for c in checks:
        print(f"- {'ok  ' if c['ok'] else 'MISS'} {c['target']}: {c['value']}")
    print(flush=True)

    profile = None
    if args.profile:
        n = min(args.articles)
        path = work / f"profile-{n}.prof"
        profiled = run_one(corpora[n], 1, "local", args.batch_size, work, profile=path)
        slowest = print_profile(path, profiled, args.top)
        profile = {"articles": n, "file": str(path), "slowest_stage": slowest,
                   "seconds": profiled["seconds"], "shares": profiled["shares"]}
        print(f"(profile saved to {path}; explore it with `python -m pstats {path}`)")

    if args.json:
        args.json.write_text(json.dumps({
            "commit": _git_commit(), "cores": os.cpu_count(), "python": platform.python_version(),
            "engine": args.engine, "batch_size": args.batch_size,
            "calibration": {"reference_mb_per_s": REFERENCE_MB_S, "series": speeds},
            "results": results,
            "targets": checks, "profile": profile}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
