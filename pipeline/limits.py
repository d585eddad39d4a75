"""Time and size limits shared by every stage.

A :class:`Deadline` is handed to clean-up and the extractors so that every regular-expression match
on untrusted text runs with the ``regex`` module's ``timeout=`` set to the time this document has
left (the loops that do not match read it too).  When it
runs out, :class:`ExtractionTimeout` is raised and the orchestrator turns the document into a
``timeout`` reject while the run goes on.

The time counted is the CPU time of the thread doing the extraction, not the wall clock: whether a
document becomes a ``timeout`` reject should not depend on how busy the machine is (on a shared
2-core machine a 2 s document took over 5 s of wall time).  Reading that clock costs ~0.3 µs
against ~0.06 µs for the wall clock, about 0.2% of a run.  (``regex`` counts ``timeout=`` in wall
time, so on a busy machine one long match may stop before the CPU budget is spent: still a
``timeout`` reject, and only for a match that runs for seconds.)
"""
from __future__ import annotations

import time

__all__ = ["Deadline", "ExtractionTimeout", "DEFAULT_MAX_BYTES", "DEFAULT_DOC_SECONDS"]

DEFAULT_MAX_BYTES = 5_000_000  # a larger document is rejected as ``too_large``
DEFAULT_DOC_SECONDS = 10.0  # clean-up and extraction CPU time allowed for one document
_clock = time.thread_time  # CPU seconds of this thread (a Dask worker may run several)


class ExtractionTimeout(TimeoutError):
    """A document's clean-up or extraction ran past its deadline."""


class Deadline:
    """Remaining time for one document.

    >>> d = Deadline(None)
    >>> d.left() is None
    True
    """

    __slots__ = ("_end",)

    def __init__(self, seconds: float | None):
        self._end = None if seconds is None else _clock() + seconds

    def left(self) -> float | None:
        """Seconds left, for ``regex``'s ``timeout=``; raise when none are left."""
        if self._end is None:
            return None
        remaining = self._end - _clock()
        if remaining <= 0:
            raise ExtractionTimeout("document time limit reached")
        return remaining


NO_DEADLINE = Deadline(None)
