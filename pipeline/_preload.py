"""What the local engine's forkserver imports before it forks any pool worker.

The stages (their compiled patterns, vocabularies and table schemas), then a collection and
``gc.freeze()``: every worker forks with those objects already out of the collector's sight, so
its own :func:`pipeline.engines.freeze_imports` has almost nothing left to walk (it walked them
all in every worker before, about 0.1 s of CPU each, and wrote to every page holding them, which
the fork had shared).  Only the forkserver imports this module.
"""
import gc

from . import process  # noqa: F401

gc.collect()
gc.freeze()
