"""A run killed with SIGKILL while it writes leaves the previous output valid, and the next run
completes normally."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from pipeline.cli import main
from pipeline.store import read_table


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(
            f"{folder.name} story {i}\n\n" + " ".join(f"Output rose {i}.{j} percent, officials said." for j in range(30)),
            encoding="utf-8")


def test_sigkill_while_writing_leaves_previous_output_valid(tmp_path):
    first, more, out = tmp_path / "first", tmp_path / "more", tmp_path / "data"
    _corpus(first, 5)
    assert main(["run", str(first), "--out", str(out), "--workers", "1"]) == 0
    before = read_table(out, "documents")

    _corpus(more, 2500)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", str(more), "--out", str(out), "--workers", "1",
         "--batch-size", "50"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    staged = []
    while time.monotonic() < deadline and proc.poll() is None:
        staged = list(out.glob(".staging-*/*/*.parquet"))
        if staged:
            break
        time.sleep(0.05)
    assert staged, "the run never started writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    assert main(["validate", str(out)]) == 0
    pd.testing.assert_frame_equal(read_table(out, "documents"), before)

    assert main(["run", str(more), "--out", str(out), "--workers", "1"]) == 0
    assert main(["validate", str(out)]) == 0
    assert len(read_table(out, "documents")) == 2505
    assert not list(out.glob(".staging-*"))
