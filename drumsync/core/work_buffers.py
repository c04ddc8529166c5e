"""Float arrays a thread keeps for work that never leaves a call, reused call after call.

Scoring a long match needs a few arrays of the size of a part only while it runs (each
player's hit offsets, their deviations from the mean). Made afresh each time, memory of
that size comes from the system a page at a time (the C library hands blocks over
128 KB straight back): on the machine measured, about two microseconds a page, a fifth of
``score()`` at 40,000 hits. Kept here instead, they are only written again. A thread keeps
one array per name, as long as the longest it was asked for; arrays handed out are views
and are valid until the next call asks for that name again.
"""

from __future__ import annotations

import threading

import numpy as np

_local = threading.local()


def work_array(name: str, length: int) -> np.ndarray:
    """A float64 array of ``length`` (contents left over from earlier use), kept by this
    thread under ``name``."""
    kept: dict[str, np.ndarray] = _local.__dict__.setdefault("arrays", {})
    array = kept.get(name)
    if array is None or len(array) < length:
        array = kept[name] = np.empty(max(length, 1024))
    return array[:length]


__all__ = ["work_array"]
