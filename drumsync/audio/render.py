"""Placing sounds on a timeline: the chart's drums played by the kit, and the click track.

Every event lands at the integer sample ``sample_index(time_s, rate, rate_hz)``: song time 0 is
sample 0, and a track rendered at practice ``rate`` plays song time ``t`` at ``t / rate``.
A track is a float32 array of shape ``(frames, 2)`` (stereo).
"""

from __future__ import annotations

import numpy as np

from ..core.chart import Chart
from ..core.voices import Voice
from .kit import OPEN_HAT_VELOCITY, PAN, Kit, get_kit, layer_index, velocity_gain
from .timebase import RATE_HZ, sample_index

TAIL_S = 2.5  # audio after the last bar: the final chord and the cymbals ring out
_CHOKE_S = 0.005


def pan_gains(pan: float) -> tuple[float, float]:
    """Left/right gains for ``pan`` in -1..1 (balance law: centre is 1, 1)."""
    p = min(1.0, max(-1.0, float(pan)))
    return min(1.0, 1.0 - p), min(1.0, 1.0 + p)


def track_frames(chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ) -> int:
    """Length of every rendered track of ``chart``: the last bar plus ``TAIL_S`` seconds."""
    return sample_index(chart.duration_s, rate, rate_hz) + round(TAIL_S * rate_hz)


def empty_track(frames: int) -> np.ndarray:
    return np.zeros((frames, 2), dtype=np.float32)


def place(track: np.ndarray, sound: np.ndarray, start: int, left: float, right: float) -> None:
    """Add mono ``sound`` into ``track`` from frame ``start`` (cut at both ends)."""
    lo = max(0, start)
    hi = min(len(track), start + len(sound))
    if hi <= lo:
        return
    piece = sound[lo - start : hi - start]
    track[lo:hi, 0] += piece * np.float32(left)
    track[lo:hi, 1] += piece * np.float32(right)


def chart_drum_notes(chart: Chart) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(time_s, voice, velocity)`` of every distinct note of both parts, time-sorted.

    In unison charts both players play the same notes: a note at the same time and voice in
    both parts sounds once (at the louder velocity).
    """
    time_s = np.concatenate([p.time_s for p in chart.parts])
    voice = np.concatenate([p.voice for p in chart.parts]).astype(np.int64)
    velocity = np.concatenate([p.velocity for p in chart.parts]).astype(np.float64)
    if len(time_s) == 0:
        return time_s, voice, velocity
    key_time = np.rint(time_s * 1e6).astype(np.int64)  # same note = same microsecond
    order = np.lexsort((-velocity, voice, key_time))
    time_s, voice, velocity, key_time = (
        time_s[order],
        voice[order],
        velocity[order],
        key_time[order],
    )
    first = np.ones(len(order), dtype=bool)
    first[1:] = (key_time[1:] != key_time[:-1]) | (voice[1:] != voice[:-1])
    return time_s[first], voice[first], velocity[first]


def open_hat_mask(chart: Chart, time_s: np.ndarray, voice: np.ndarray, velocity: np.ndarray):
    """Which hi-hat notes play the open hat: loud, with a beat of room before the next hat."""
    is_hat = voice == int(Voice.HIHAT)
    hat_times = time_s[is_hat]
    next_gap = np.full(len(hat_times), np.inf)
    next_gap[:-1] = np.diff(hat_times)
    opened = np.zeros(len(time_s), dtype=bool)
    opened[is_hat] = (velocity[is_hat] >= OPEN_HAT_VELOCITY) & (
        next_gap >= chart.seconds_per_beat - 1e-9
    )
    return opened


def render_drums(
    chart: Chart,
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    frames: int | None = None,
    kit: Kit | None = None,
) -> np.ndarray:
    """The chart's notes played by the kit, each starting exactly at its sample."""
    kit = kit or get_kit(rate_hz)
    track = empty_track(frames if frames is not None else track_frames(chart, rate, rate_hz))
    time_s, voice, velocity = chart_drum_notes(chart)
    if len(time_s) == 0:
        return track
    starts = sample_index(time_s, rate, rate_hz)
    opened = open_hat_mask(chart, time_s, voice, velocity)
    hat_starts = starts[voice == int(Voice.HIHAT)]
    choke = round(_CHOKE_S * rate_hz)
    for start, v, vel, is_open in zip(
        starts.tolist(), voice.tolist(), velocity.tolist(), opened.tolist(), strict=True
    ):
        name = "hihat_open" if is_open else _VOICE_SOUND[v]
        sound = kit.layers[name][layer_index(vel)]
        if is_open:  # the next hi-hat closes it
            later = hat_starts[hat_starts > start]
            if len(later) and later[0] - start < len(sound):
                sound = sound[: later[0] - start + choke].copy()
                sound[-choke:] *= np.linspace(1.0, 0.0, choke, dtype=np.float32)
        gain = velocity_gain(vel)
        left, right = pan_gains(PAN[name])
        place(track, sound, start, left * gain, right * gain)
    return track


_VOICE_SOUND = {
    int(Voice.KICK): "kick",
    int(Voice.SNARE): "snare",
    int(Voice.HIHAT): "hihat_closed",
    int(Voice.CRASH): "crash",
}


def click_times(chart: Chart, through_song: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """``(time_s, accented)`` of the click: the count-in, then (optionally) every beat.

    The first beat of each bar is accented; clicks before song time 0 are dropped. The beats
    and bars follow the chart's tempo map where it has one.
    """
    bpb = chart.meta.beats_per_bar
    count_in = np.arange(-chart.count_in_beats, 0, dtype=np.float64)
    beats = np.arange(0, round(float(chart.end_beat)), dtype=np.float64) if through_song else []
    beat = np.concatenate([count_in, beats])
    time_s = chart.beat_to_time(beat)
    if chart.tempo_map is None:
        accented = np.mod(beat, bpb) == 0
    else:  # bar lines follow the tempo map's time signatures
        accented = np.isin(beat, chart.bar_lines())
    if len(count_in):  # the count-in bar is accented on its own first click
        accented[: len(count_in)] = np.mod(count_in - count_in[0], bpb) == 0
    keep = time_s >= 0.0
    return time_s[keep], accented[keep]


def render_click(
    chart: Chart,
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    frames: int | None = None,
    through_song: bool = True,
    kit: Kit | None = None,
) -> np.ndarray:
    """Count-in clicks (and a metronome through the song when ``through_song``)."""
    kit = kit or get_kit(rate_hz)
    track = empty_track(frames if frames is not None else track_frames(chart, rate, rate_hz))
    time_s, accented = click_times(chart, through_song)
    for start, accent in zip(
        sample_index(time_s, rate, rate_hz).tolist(), accented.tolist(), strict=True
    ):
        name = "click_accent" if accent else "click"
        place(track, kit.layers[name][-1], start, 1.0, 1.0)
    return track
