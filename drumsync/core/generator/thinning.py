"""Thinning: drop the lowest-priority share of a motif's optional notes.

This is the generator's fine density knob: the intensity level picks the kind of groove,
thinning trims it note by note so the rating can land close to the requested difficulty.
Notes the style needs (priority ``P_MUST`` and up) are never dropped.
"""

from __future__ import annotations

import numpy as np

from .grid import P_MUST, Bar


def thin(bar: Bar, fraction: float, tie_keys: np.ndarray) -> Bar:
    """A copy of ``bar`` without the lowest-priority ``fraction`` of its optional notes
    (ties broken by ``tie_keys``, an array shaped like the bar)."""
    if fraction <= 0.0:
        return bar
    flat_pri = bar.pri.reshape(-1)
    optional = np.flatnonzero((bar.vel.reshape(-1) > 0) & (flat_pri < P_MUST))
    count = round(min(1.0, fraction) * len(optional))
    if count == 0:
        return bar
    order = np.lexsort((tie_keys.reshape(-1)[optional], flat_pri[optional]))
    drop = optional[order[:count]]
    out = bar.copy()
    out.vel.reshape(-1)[drop] = 0
    out.pri.reshape(-1)[drop] = 0
    return out
