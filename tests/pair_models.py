"""Simulated pairs with known answers, written straight from the linear phase-correction model.

Independent of drumsync's own bots on purpose: the analysis is checked against the model's
definition, not against the code that also produces the game's drummers. In ms::

    A_p[k]   = x_p[k] + motor_sd * z            (asynchrony to the chart at point k)
    x_p[k+1] = x_p[k] + timekeeper_sd * z
               - alpha_p * (A_p[k] - A_other[k]) - chart_alpha_p * A_p[k] + trend
"""

from __future__ import annotations

import numpy as np
from factories import grid_chart, hits_for_part, merge

from drumsync.core.report import score_events
from drumsync.core.voices import Player

BEAT_S = 0.5  # 120 BPM quarter notes


def lpc_pair(
    taps: int,
    alpha=(0.0, 0.0),
    chart_alpha=(0.0, 0.0),
    timekeeper_sd=(10.0, 10.0),
    motor_sd=(5.0, 5.0),
    trend_ms_per_tap: float = 0.0,
    seed: int = 0,
) -> np.ndarray:
    """Asynchronies (ms, shape (2, taps)) of a pair of linear phase-correcting tappers."""
    rng = np.random.default_rng(seed)
    x = np.zeros((2, taps))
    a = np.zeros((2, taps))
    for k in range(taps):
        a[:, k] = x[:, k] + np.asarray(motor_sd) * rng.standard_normal(2)
        if k + 1 < taps:
            for p in (0, 1):
                x[p, k + 1] = (
                    x[p, k]
                    + timekeeper_sd[p] * rng.standard_normal()
                    - alpha[p] * (a[p, k] - a[1 - p, k])
                    - chart_alpha[p] * a[p, k]
                    + trend_ms_per_tap
                )
    return a


def play_asynchronies(asynchrony_ms: np.ndarray, **score_kwargs):
    """Score a quarter-note unison chart played with these asynchronies (the batch path)."""
    chart = grid_chart(asynchrony_ms.shape[1], spacing_s=BEAT_S)
    events = merge(
        hits_for_part(chart, Player.P1, asynchrony_ms[0]),
        hits_for_part(chart, Player.P2, asynchrony_ms[1]),
    )
    return chart, score_events(chart, events, windows="relaxed", **score_kwargs)
