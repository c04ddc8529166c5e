"""A chart's audio: any mix of backing, band, click, count-in, drums and guide, block by block.

``band`` is DrumSync's generated band under a song's own audio (charts made for a song).

:class:`SongStream` is what the game plays (``("backing", "count-in")`` by default) and what
``export_audio`` writes. All parts share one length and one time base, so they add up
sample-aligned. The mix is scaled down (never up) to keep its peak at ``PEAK``; finding that
peak takes one pass over the blocks, so memory stays a few blocks whatever the song's length
(a 2,000-bar chart at 40 bpm is over three hours of audio). ``render_song`` gives the whole
mix as one array, for songs that fit in memory (the same samples, bit for bit).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from ..core.chart import Chart
from .backing import backing_timeline, quiet_band_timeline
from .render import click_timeline, drum_timeline, track_frames
from .timebase import RATE_HZ, check_rate
from .timeline import Timeline

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
#: Frames rendered at once (1.5 s at 44.1 kHz; 512 KiB of float32 stereo).
BLOCK_FRAMES = 1 << 16


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


def _part_timeline(chart: Chart, part: str, rate: float, rate_hz: int) -> Timeline:
    if part == "backing":
        return backing_timeline(chart, rate, rate_hz)
    if part == "band":
        return quiet_band_timeline(chart, rate, rate_hz)
    if part in ("click", "count-in"):
        return click_timeline(chart, rate, rate_hz, through_song=part == "click")
    return drum_timeline(chart, rate, rate_hz)  # "drums" and its quiet copy "guide"


class SongStream:
    """The mix of ``parts`` of ``chart``, rendered in blocks of at most ``block_frames``."""

    def __init__(
        self,
        chart: Chart,
        parts: Iterable[str] = ("backing", "count-in"),
        rate: float = 1.0,
        rate_hz: int = RATE_HZ,
        peak: float = PEAK,
        block_frames: int = BLOCK_FRAMES,
    ) -> None:
        self.parts = check_parts(parts)
        self.rate = check_rate(rate)
        self.rate_hz = rate_hz
        self.frames = track_frames(chart, self.rate, rate_hz)
        self.block_frames = int(block_frames)
        self._target_peak = peak
        self._timelines = [
            (_part_timeline(chart, part, self.rate, rate_hz), np.float32(PART_GAIN[part]))
            for part in self.parts
        ]
        self._scale: np.float32 | None = None

    def raw_block(self, start: int, frames: int) -> np.ndarray:
        """Frames ``start .. start + frames`` of the mix before scaling (float32, stereo)."""
        frames = max(0, min(frames, self.frames - start))
        mix = np.zeros((frames, 2), dtype=np.float32)
        track = np.empty_like(mix)
        for timeline, gain in self._timelines:
            track.fill(0.0)
            timeline.add_into(track, start)
            mix += track * gain
        return mix

    def scale(self) -> np.float32 | None:
        """The factor that brings the mix's peak down to ``PEAK``, or None (already below).

        The first call renders the song once, a block at a time, to find its peak."""
        if self._scale is None:
            top = 0.0
            for start in range(0, self.frames, self.block_frames):
                block = self.raw_block(start, self.block_frames)
                if len(block):
                    top = max(top, float(np.max(np.abs(block))))
            self._scale = (
                np.float32(self._target_peak / top) if top > self._target_peak else np.float32(1)
            )
        return None if self._scale == np.float32(1) else self._scale

    def block(self, start: int, frames: int) -> np.ndarray:
        """Frames ``start .. start + frames`` of the final (scaled) mix."""
        mix = self.raw_block(start, frames)
        scale = self.scale()
        if scale is not None:
            mix *= scale
        return mix

    def blocks(self) -> Iterator[np.ndarray]:
        """The whole song, block after block."""
        for start in range(0, self.frames, self.block_frames):
            yield self.block(start, self.block_frames)


def render_song(
    chart: Chart,
    parts: Iterable[str] = ("backing", "count-in"),
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    peak: float = PEAK,
) -> np.ndarray:
    """Stereo float32 ``(frames, 2)``: sample ``round(t / rate * rate_hz)`` is song time t.

    The whole song in memory: for long songs use :class:`SongStream` block by block."""
    stream = SongStream(chart, parts, rate, rate_hz, peak, block_frames=1 << 62)
    mix = stream.raw_block(0, stream.frames)
    top = float(np.max(np.abs(mix))) if stream.frames else 0.0
    if top > peak:
        mix *= np.float32(peak / top)
    return mix
