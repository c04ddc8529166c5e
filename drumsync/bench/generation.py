"""Chart generation speed: a 10-minute chart in every style, against real time."""

from __future__ import annotations

import time

from ..core.chart import STYLES
from ..core.generator import generate_chart

TEN_MINUTES_BPM = 200.0
TEN_MINUTES_BARS = 500  # 500 bars x 4 beats at 200 bpm = 600 s


def generation_figures(bars: int = TEN_MINUTES_BARS, bpm: float = TEN_MINUTES_BPM) -> list[dict]:
    """Per style: seconds to generate, song length, and times faster than real time."""
    rows = []
    for index, style in enumerate(STYLES):
        start = time.perf_counter()
        chart = generate_chart(seed=100 + index, style=style, bpm=bpm, difficulty=7, bars=bars)
        seconds = time.perf_counter() - start
        song_s = chart.duration_s - chart.music_start_s
        rows.append(
            {
                "style": style,
                "song_s": song_s,
                "generate_s": seconds,
                "x_real_time": song_s / seconds,
                "notes": chart.note_count,
            }
        )
    return rows
