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
from .render import TAIL_S, pan_gains, track_frames
from .timebase import RATE_HZ, frames_for, sample_index
from .timeline import SoundCache, Timeline, render_whole
from .tones import synth_note


def events_timeline(
    chart: Chart, events: list[NoteEvent], rate: float = 1.0, rate_hz: int = RATE_HZ
) -> Timeline:
    """``events`` (beats on ``chart``'s grid) at practice ``rate``, as placements; each
    distinct note (instrument, pitches, length, velocity) is synthesized when first needed."""
    beats = np.array([e.beat for e in events], dtype=np.float64)
    length_beats = np.array([e.length_beats for e in events], dtype=np.float64)
    start_s = np.asarray(chart.beat_to_time(beats), dtype=np.float64)
    if chart.tempo_map is None:  # the exact arithmetic generated charts always had
        length_s = length_beats * chart.seconds_per_beat
    else:  # a note lasts as long as its beats do on the tempo map
        length_s = np.asarray(chart.beat_to_time(beats + length_beats), dtype=np.float64) - start_s
    starts = sample_index(start_s, rate, rate_hz) if events else np.zeros(0, np.int64)
    keys, lengths, gains = [], [], []
    for event, seconds in zip(events, length_s.tolist(), strict=True):
        length = frames_for(seconds / rate, rate_hz)
        keys.append((event.instrument, event.pitches, length, event.velocity))
        lengths.append(length)
        gains.append(pan_gains(event.pan))

    def make_sound(key) -> np.ndarray:
        instrument, pitches, length, velocity = key
        return synth_note(instrument, pitches, length, velocity, rate_hz)

    return Timeline(starts, lengths, keys, gains, SoundCache(make_sound))


def render_events(
    chart: Chart,
    events: list[NoteEvent],
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    frames: int | None = None,
) -> np.ndarray:
    """Stereo float32 track of ``events`` (see :func:`events_timeline`)."""
    frames = frames if frames is not None else track_frames(chart, rate, rate_hz)
    return render_whole(events_timeline(chart, events, rate, rate_hz), frames)


def band_timeline(chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ) -> Timeline:
    """DrumSync's generated band (bass, chords, fills) on the chart's tempo map and bars."""
    ending_beats = (TAIL_S - 0.3) * rate / chart.seconds_per_beat
    _, events = arrange(chart, ending_beats=ending_beats)
    return events_timeline(chart, events, rate, rate_hz)


def backing_timeline(chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ) -> Timeline:
    """The chart's backing music, sample-aligned to its beat grid: the song's own audio where
    the chart names one, else the generated band."""
    if chart.audio_file is not None:
        # Decoding a song file needs pygame's mixer: imported only for a chart that names
        # one, so generating, rating and scoring (and the command line's help) never load it.
        from .song_track import song_track_timeline

        return song_track_timeline(chart, rate, rate_hz)
    return band_timeline(chart, rate, rate_hz)


def quiet_band_timeline(chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ) -> Timeline:
    """DrumSync's band playing along under a song's own audio; nothing for a chart without
    audio of its own (its backing already is the band)."""
    if chart.audio_file is None:
        return Timeline([], [], [], [], SoundCache(lambda key: np.zeros(0, np.float32)))
    return band_timeline(chart, rate, rate_hz)


def render_backing(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ, frames: int | None = None
) -> np.ndarray:
    """The whole backing as one track (see :func:`backing_timeline`)."""
    frames = frames if frames is not None else track_frames(chart, rate, rate_hz)
    return render_whole(backing_timeline(chart, rate, rate_hz), frames)
