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
    seconds_per_beat = chart.seconds_per_beat
    if events:
        starts = sample_index(chart.beat_to_time([e.beat for e in events]), rate, rate_hz)
    else:
        starts = np.zeros(0, np.int64)
    keys, lengths, gains = [], [], []
    for event in events:
        length = frames_for(event.length_beats * seconds_per_beat / rate, rate_hz)
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


def backing_timeline(chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ) -> Timeline:
    """The chart's backing music (bass, chords, fills), sample-aligned to its beat grid."""
    ending_beats = (TAIL_S - 0.3) * rate / chart.seconds_per_beat
    _, events = arrange(chart, ending_beats=ending_beats)
    return events_timeline(chart, events, rate, rate_hz)


def render_backing(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ, frames: int | None = None
) -> np.ndarray:
    """The chart's backing music (bass, chords, fills), sample-aligned to its beat grid."""
    frames = frames if frames is not None else track_frames(chart, rate, rate_hz)
    return render_whole(backing_timeline(chart, rate, rate_hz), frames)
