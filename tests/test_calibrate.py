"""The bench's machine-speed index (bench/calibrate.py): its workload is fixed and deterministic, so
indexes from different hours measure the machine, not a different piece of work.  No timing is
asserted here: only that the index is a positive number and the work the same every time."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import calibrate  # noqa: E402

TINY_MB = 0.02
# The workload's checksum over TINY_MB of text.  If a change to calibrate.py moves it, the index no
# longer measures the same work: remeasure calibrate.REFERENCE_MB_S (bench/README.md), then update.
TINY_CHECKSUM = "437f7a583b2c"


def test_text_is_fixed_and_sized():
    text = calibrate.build_text(20_000)
    assert text == calibrate.build_text(20_000)
    assert 20_000 <= len(text.encode("utf-8")) < 22_000
    assert "“" in text and "—" in text and "ü" in text  # stored two bytes a character, as news is


def test_workload_is_deterministic():
    text = calibrate.build_text(20_000)
    first = calibrate.workload(text)
    assert first == calibrate.workload(text)
    assert all(count > 0 for count in first)  # every pass found something to count


def test_index_is_positive_and_its_work_the_same_twice():
    one, two = calibrate.calibrate(TINY_MB, repeats=1), calibrate.calibrate(TINY_MB, repeats=2)
    assert one.mb_per_s > 0 and two.mb_per_s > 0
    assert one.checksum == two.checksum == TINY_CHECKSUM
    assert one.mb == two.mb >= TINY_MB


def test_normalised_is_on_the_reference_scale():
    assert calibrate.normalised(2.0, calibrate.REFERENCE_MB_S) == 2.0
    assert calibrate.normalised(2.0, 2 * calibrate.REFERENCE_MB_S) == 1.0  # a machine twice as fast


def test_main_prints_the_index(capsys):
    assert calibrate.main(["--mb", str(TINY_MB), "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("calibration ") and " MB/s " in out
