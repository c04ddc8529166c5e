"""Float arrays a thread keeps for work that never leaves a call, reused call after call.

Scoring a long match needs a few arrays of the size of a part only while it runs (each
player's hit offsets and their deviations from the mean, the interval deviations paired
for the lag correlations, the phase angles). Made afresh each time, memory of that size
comes back from the system a page at a time (the C library hands its free memory back
when a call ends): on the machine measured about two microseconds a page and some 190
pages a call, a sixth of ``score()`` at 40,000 hits. Kept here instead, they are only
written again. A thread keeps one array per name, as long as the longest it was asked for
up to ``KEEP_AT_MOST`` entries (longer ones are made afresh each time); arrays handed out
are views and are valid until the next call asks for that name again.
"""

from __future__ import annotations

import threading

import numpy as np

_local = threading.local()
#: Entries of the longest array kept (32 MB): a match of millions of notes has its own.
KEEP_AT_MOST = 1 << 22


def work_array(name: str, length: int) -> np.ndarray:
    """A float64 array of ``length`` (contents left over from earlier use), kept by this
    thread under ``name``."""
    if length > KEEP_AT_MOST:
        return np.empty(length)
    kept: dict[str, np.ndarray] = _local.__dict__.setdefault("arrays", {})
    array = kept.get(name)
    if array is None or len(array) < length:
        array = kept[name] = np.empty(max(length, 1024))
    return array[:length]


__all__ = ["KEEP_AT_MOST", "work_array"]
