"""The music of a chart that names its own audio: the decoded file (time-stretched at a
practice rate below 1, pitch kept) or, for a MIDI song, DrumSync's band playing it.

The audio's sample 0 sounds at song time ``tempo_map.audio_offset_s``; like every track it
is laid on the song-time grid (``timebase``), so the song clock that follows the mixer
follows the song.
"""

from __future__ import annotations

import numpy as np

from ..core.chart import Chart
from .midi_band import chart_plays_midi, render_midi_band
from .render import track_frames
from .song_file import _key, cached, decode_song_audio
from .stretch import time_stretch
from .timebase import RATE_HZ, sample_index
from .timeline import SoundCache, Timeline, render_whole


def song_audio_at_rate(path: str, rate: float, rate_hz: int = RATE_HZ) -> np.ndarray:
    """The decoded file, slowed to ``rate`` (cached per file and rate)."""
    from pathlib import Path

    if rate == 1.0:
        return decode_song_audio(path, rate_hz)
    return cached(
        _key(Path(path), rate_hz, ("stretch", rate)),
        lambda: time_stretch(decode_song_audio(path, rate_hz), rate),
    )


def _song_samples(chart: Chart, rate: float, rate_hz: int) -> np.ndarray:
    assert chart.audio_file is not None
    if chart_plays_midi(chart):
        return render_midi_band(chart.audio_file, rate, rate_hz)
    return song_audio_at_rate(chart.audio_file, rate, rate_hz)


def song_track_timeline(chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ) -> Timeline:
    """The chart's own audio as two placements (left and right channel) on the song-time grid,
    so it renders block by block like every other part."""
    audio = _song_samples(chart, rate, rate_hz)
    offset_s = chart.tempo_map.audio_offset_s if chart.tempo_map is not None else 0.0
    start = int(sample_index(offset_s, rate, rate_hz))
    return Timeline(
        [start, start],
        [len(audio), len(audio)],
        [0, 1],
        [(1.0, 0.0), (0.0, 1.0)],
        SoundCache(lambda channel: audio[:, channel]),
    )


def render_song_track(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ, frames: int | None = None
) -> np.ndarray:
    """Stereo float32 track of the chart's own audio on the song-time grid."""
    frames = frames if frames is not None else track_frames(chart, rate, rate_hz)
    return render_whole(song_track_timeline(chart, rate, rate_hz), frames)


__all__ = ["render_song_track", "song_audio_at_rate", "song_track_timeline"]
