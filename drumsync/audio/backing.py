"""Rendering the backing band: every note of the arrangement at its exact sample.

Each distinct note (instrument, pitches, length in frames, velocity) is synthesized once and
added with slices wherever it occurs, so a 3-minute song renders in a fraction of a second.
At a practice ``rate`` below 1 the notes are re-synthesized longer (times scaled by
``1 / rate``), never resampled: the pitch stays true.
"""

from __future__ import annotations

import numpy as np

from ..core.chart import Chart
from .arrangement import NoteEvent, arrange
from .render import TAIL_S, empty_track, pan_gains, place, track_frames
from .timebase import RATE_HZ, frames_for, sample_index
from .tones import synth_note


def render_events(
    chart: Chart,
    events: list[NoteEvent],
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    frames: int | None = None,
) -> np.ndarray:
    """Stereo float32 track of ``events`` (beats on ``chart``'s grid) at practice ``rate``."""
    track = empty_track(frames if frames is not None else track_frames(chart, rate, rate_hz))
    if not events:
        return track
    beats = np.array([e.beat for e in events], dtype=np.float64)
    ends = beats + np.array([e.length_beats for e in events], dtype=np.float64)
    start_s = np.asarray(chart.beat_to_time(beats), dtype=np.float64)
    length_s = np.asarray(chart.beat_to_time(ends), dtype=np.float64) - start_s
    if chart.tempo_map is None:  # the exact arithmetic generated charts always had
        length_s = np.array([e.length_beats for e in events]) * chart.seconds_per_beat
    starts = sample_index(start_s, rate, rate_hz)
    notes: dict[tuple, np.ndarray] = {}
    for event, start, seconds in zip(events, starts.tolist(), length_s.tolist(), strict=True):
        length = frames_for(seconds / rate, rate_hz)
        key = (event.instrument, event.pitches, length, event.velocity)
        wave = notes.get(key)
        if wave is None:
            wave = synth_note(event.instrument, event.pitches, length, event.velocity, rate_hz)
            notes[key] = wave
        left, right = pan_gains(event.pan)
        place(track, wave, start, left, right)
    return track


def render_backing(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ, frames: int | None = None
) -> np.ndarray:
    """The chart's backing music, sample-aligned to its beat grid: the song's own audio
    where the chart names one, else the generated band (bass, chords, fills), which follows
    the chart's tempo map and bars."""
    if chart.audio_file is not None:
        from .song_track import render_song_track

        return render_song_track(chart, rate, rate_hz, frames)
    return _generated_band(chart, rate, rate_hz, frames)


def _generated_band(chart: Chart, rate: float, rate_hz: int, frames: int | None) -> np.ndarray:
    ending_beats = (TAIL_S - 0.3) * rate / chart.seconds_per_beat
    _, events = arrange(chart, ending_beats=ending_beats)
    return render_events(chart, events, rate, rate_hz, frames)


def render_band(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ, frames: int | None = None
) -> np.ndarray:
    """DrumSync's band playing along under a song's own audio, on the chart's tempo map;
    silence for a chart without audio of its own (its backing already is the band)."""
    if chart.audio_file is None:
        return empty_track(frames if frames is not None else track_frames(chart, rate, rate_hz))
    return _generated_band(chart, rate, rate_hz, frames)
