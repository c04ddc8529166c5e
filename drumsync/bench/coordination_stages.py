"""Where the pair's coordination analysis spends its time, stage by stage.

The input is the bench's seeded synthetic match (:mod:`.judging`), judged by the batch
judge, so the work is the same on every run; each stage is timed best-of-``repeats``,
all in one run so the figures sit side by side on a shared machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from ..core.batch import judge_batch
from ..core.coordination import (
    WINDOW_STEP,
    coordination_from_points,
    drift_per_bar,
    gains_of_rows,
    interval_rows,
)
from ..core.coordination_sections import hit_section_sync
from ..core.lags import BlockMoments
from ..core.sync import phase_coherence, shared_hits
from ..core.windows import WINDOW_PRESETS
from .judging import OFFSETS_MS, synthetic_chart, synthetic_events


def _best_ms(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000.0


def coordination_stages(notes_per_part: int, repeats: int = 5) -> dict[str, float]:
    """Best-of-``repeats`` milliseconds of each stage of ``coordination_from_points`` and of
    the whole, with the counts of shared points and windows."""
    chart = synthetic_chart(notes_per_part, seed=0)
    judged = judge_batch(
        chart, synthetic_events(chart, seed=0), WINDOW_PRESETS["standard"], OFFSETS_MS
    )
    points, (h1, h2) = shared_hits(chart, judged)
    time_s = points.time_s[0]
    hit = np.flatnonzero(~np.isnan(h1) & ~np.isnan(h2))
    a1 = (h1[hit] - time_s[hit]) * 1000.0
    a2 = (h2[hit] - time_s[hit]) * 1000.0
    pair_ms = a1 - a2
    first = np.flatnonzero(np.diff(hit) == 1)

    def rows() -> np.ndarray:
        return interval_rows(a1, a2, pair_ms, first)

    def moments() -> BlockMoments:
        r = rows()
        return BlockMoments(
            (hit[first], r[3]), (hit[first], r[4]), max(0, len(time_s) - 1), WINDOW_STEP
        )

    built = moments()
    bar_s = chart.seconds_per_beat * chart.meta.beats_per_bar
    stages = {
        "interval rows": lambda: rows(),
        "block moments": moments,
        "whole-match xcorr": built.whole,
        "sliding windows": built.windows,
        "bGLS, both players": lambda: gains_of_rows(rows()),
        "phase coherence": lambda: phase_coherence(pair_ms, chart.seconds_per_beat),
        "drift": lambda: drift_per_bar((time_s[hit] - chart.music_start_s) / bar_s, a1 + a2),
        "sections": lambda: hit_section_sync(chart, time_s, hit, (h1[hit] - h2[hit]) * 1000),
        "total": lambda: coordination_from_points(chart, time_s, (h1, h2)),
    }
    figures = {name: _best_ms(run, repeats) for name, run in stages.items()}
    figures["points"] = float(len(time_s))
    figures["windows"] = float(len(coordination_from_points(chart, time_s, (h1, h2)).windows))
    return figures


__all__ = ["coordination_stages"]
