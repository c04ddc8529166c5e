"""A chart's audio as one buffer: any mix of backing, band, click, count-in, drums and guide.

``band`` is DrumSync's generated band under a song's own audio (charts made for a song).

``render_song`` is what the game plays (``("backing", "count-in")`` by default) and what
``export_audio`` writes. All parts share one length and one time base, so they add up
sample-aligned. The mix is scaled down (never up) to keep its peak at ``PEAK``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..core.chart import Chart
from .backing import render_backing, render_band
from .render import render_click, render_drums, track_frames
from .timebase import RATE_HZ, check_rate

PARTS = ("backing", "band", "click", "count-in", "drums", "guide")
PART_GAIN = {
    "backing": 1.0,
    "band": 0.35,  # DrumSync's band, quietly, under a song's own audio
    "click": 0.7,
    "count-in": 0.7,
    "drums": 1.0,
    "guide": 0.3,
}
PEAK = 0.89  # -1 dBFS


def check_parts(parts: Iterable[str]) -> tuple[str, ...]:
    """The parts as a tuple without repeats; ValueError for an unknown or empty choice."""
    if isinstance(parts, str):
        parts = [parts]
    chosen: list[str] = []
    for part in parts:
        if part not in PARTS:
            raise ValueError(f"unknown audio part {part!r} (known: {', '.join(PARTS)})")
        if part not in chosen:
            chosen.append(part)
    if not chosen:
        raise ValueError(f"choose at least one audio part ({', '.join(PARTS)})")
    return tuple(chosen)


def render_song(
    chart: Chart,
    parts: Iterable[str] = ("backing", "count-in"),
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    peak: float = PEAK,
) -> np.ndarray:
    """Stereo float32 ``(frames, 2)``: sample ``round(t / rate * rate_hz)`` is song time t."""
    chosen = check_parts(parts)
    rate = check_rate(rate)
    frames = track_frames(chart, rate, rate_hz)
    mix = np.zeros((frames, 2), dtype=np.float32)
    for part in chosen:
        if part == "backing":
            track = render_backing(chart, rate, rate_hz, frames)
        elif part == "band":
            track = render_band(chart, rate, rate_hz, frames)
        elif part in ("click", "count-in"):
            track = render_click(chart, rate, rate_hz, frames, through_song=part == "click")
        else:  # "drums" and its quiet copy "guide"
            track = render_drums(chart, rate, rate_hz, frames)
        mix += track * np.float32(PART_GAIN[part])
    top = float(np.max(np.abs(mix))) if frames else 0.0
    if top > peak:
        mix *= np.float32(peak / top)
    return mix
