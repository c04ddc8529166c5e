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
from .render import empty_track, track_frames
from .song_file import _key, cached, decode_song_audio
from .stretch import time_stretch
from .timebase import RATE_HZ, sample_index


def song_audio_at_rate(path: str, rate: float, rate_hz: int = RATE_HZ) -> np.ndarray:
    """The decoded file, slowed to ``rate`` (cached per file and rate)."""
    from pathlib import Path

    if rate == 1.0:
        return decode_song_audio(path, rate_hz)
    return cached(
        _key(Path(path), rate_hz, ("stretch", rate)),
        lambda: time_stretch(decode_song_audio(path, rate_hz), rate),
    )


def render_song_track(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ, frames: int | None = None
) -> np.ndarray:
    """Stereo float32 track of the chart's own audio on the song-time grid."""
    track = empty_track(frames if frames is not None else track_frames(chart, rate, rate_hz))
    assert chart.audio_file is not None
    if chart_plays_midi(chart):
        audio = render_midi_band(chart.audio_file, rate, rate_hz)
    else:
        audio = song_audio_at_rate(chart.audio_file, rate, rate_hz)
    offset_s = chart.tempo_map.audio_offset_s if chart.tempo_map is not None else 0.0
    start = sample_index(offset_s, rate, rate_hz)
    skip = max(0, -start)
    start = max(0, start)
    count = max(0, min(len(track) - start, len(audio) - skip))
    track[start : start + count] = audio[skip : skip + count]
    return track


__all__ = ["render_song_track", "song_audio_at_rate"]
