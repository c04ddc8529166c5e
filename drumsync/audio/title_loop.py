"""The title screen's music: a few bars of a generated chart (backing band and drums), quiet,
rendered so that it loops without a seam.

The chart is :data:`TITLE_CHART_ARGS` (fixed seed: the same loop every run). It is the same
chart the drummers on the title play, so what is heard is what they drum. The loop is song
time ``[music_start_s, duration_s)`` of the chart (its bars, without the silence and the
count-in before them); whatever rings on past the last bar (cymbals, the bass's release) is
added back onto the loop's start, where it would sound on the next time round. The backing's
final chord (it belongs to the end of a song, not to a loop) is left out.

Pure numpy, no pygame. Rendering takes about 0.1 s the first time in a process (most of it is
synthesizing the drum kit, which the matches reuse): ``python -m drumsync.audio.title_loop``
prints the figure. The game renders it in the background (``drumsync.game.screens.title.music``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..core.chart import Chart
from ..core.generator import generate_chart
from .arrangement import arrange
from .backing import render_events
from .render import render_drums, track_frames
from .timebase import RATE_HZ, sample_index

#: The loop's chart: dance-pop, the style of the article's drumming after the summit
#: ("Dynamite"), at the Summit Tour's dance-pop tempo; four bars, both players in unison.
TITLE_CHART_ARGS = {
    "seed": 2024,
    "style": "dance-pop",
    "bpm": 118.0,
    "difficulty": 4,
    "bars": 4,
    "parts": "unison",
}
#: Peak of the rendered loop (full scale is 1.0): -12 dBFS, about a quarter of a match's song
#: (``render_song`` peaks at 0.89). The music volume setting scales it further when played.
LEVEL = 0.25
DRUMS_GAIN = 0.7
BACKING_GAIN = 1.0


@dataclass(frozen=True, slots=True)
class TitleLoop:
    """One pass of the loop: float32 ``(frames, 2)``; played back to back it has no seam."""

    samples: np.ndarray
    rate_hz: int
    #: Song time of the chart at the loop's first sample (beat 0 of the chart).
    start_s: float

    @property
    def frames(self) -> int:
        return len(self.samples)

    @property
    def length_s(self) -> float:
        return self.frames / self.rate_hz

    @property
    def peak(self) -> float:
        return float(np.max(np.abs(self.samples))) if self.frames else 0.0


@cache
def title_chart() -> Chart:
    """The loop's chart (generated once per process; charts are immutable)."""
    return generate_chart(**TITLE_CHART_ARGS)


def fold_loop(track: np.ndarray, start: int, length: int) -> np.ndarray:
    """``track[start:start + length]`` with everything after it added back from its start
    (as many times round as it takes): the sound of the loop once it is going round."""
    if length < 1:
        raise ValueError("the loop must have at least one frame")
    loop = np.array(track[start : start + length], dtype=np.float32)
    if len(loop) < length:
        loop = np.concatenate([loop, np.zeros((length - len(loop), *track.shape[1:]), np.float32)])
    rest = track[start + length :]
    for offset in range(0, len(rest), length):
        piece = rest[offset : offset + length]
        loop[: len(piece)] += piece
    return loop


def render_mix(
    chart: Chart,
    rate_hz: int = RATE_HZ,
    drums_gain: float = DRUMS_GAIN,
    backing_gain: float = BACKING_GAIN,
) -> tuple[np.ndarray, int, int]:
    """``(mix, start, length)``: the chart's backing (without its final chord) and drums as one
    track, and the frames of its bars in it (beat 0 to the end of the last bar)."""
    frames = track_frames(chart, 1.0, rate_hz)
    end_beat = float(chart.end_beat)
    _, events = arrange(chart)
    events = [e for e in events if e.beat < end_beat]  # no final chord: the loop goes on
    mix = render_events(chart, events, 1.0, rate_hz, frames) * np.float32(backing_gain)
    mix += render_drums(chart, 1.0, rate_hz, frames) * np.float32(drums_gain)
    start = sample_index(chart.music_start_s, 1.0, rate_hz)
    length = sample_index(chart.duration_s, 1.0, rate_hz) - start
    return mix, start, length


def render_title_loop(
    chart: Chart | None = None,
    rate_hz: int = RATE_HZ,
    level: float = LEVEL,
    drums_gain: float = DRUMS_GAIN,
    backing_gain: float = BACKING_GAIN,
) -> TitleLoop:
    """The seamless loop of ``chart``'s bars (default :func:`title_chart`), peaking at
    ``level``. Deterministic: the same chart gives the same samples."""
    chart = chart if chart is not None else title_chart()
    mix, start, length = render_mix(chart, rate_hz, drums_gain, backing_gain)
    loop = fold_loop(mix, start, length)
    top = float(np.max(np.abs(loop)))
    if top > 0.0:
        loop *= np.float32(level / top)
    return TitleLoop(loop, rate_hz, chart.music_start_s)


@cache
def cached_title_loop(rate_hz: int = RATE_HZ) -> TitleLoop:
    """The title's loop at ``rate_hz``, rendered once per process."""
    return render_title_loop(rate_hz=rate_hz)


def measure_render_ms() -> dict[str, float]:
    """Milliseconds to render the loop in this process: ``first`` (with the chart and the
    kit still to make) and ``again`` (both cached)."""
    t0 = time.perf_counter()
    render_title_loop()
    t1 = time.perf_counter()
    render_title_loop()
    t2 = time.perf_counter()
    return {"first": 1000.0 * (t1 - t0), "again": 1000.0 * (t2 - t1)}


if __name__ == "__main__":  # pragma: no cover - a figure for people
    figures = measure_render_ms()
    loop = cached_title_loop()
    print(
        f"title loop: {loop.length_s:.2f} s, peak {loop.peak:.2f}; rendered in "
        f"{figures['first']:.0f} ms (first, with the chart and the drum kit), "
        f"{figures['again']:.0f} ms (again)"
    )
