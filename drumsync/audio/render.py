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
from .timeline import SoundCache, Timeline, place_sound, render_whole

TAIL_S = 2.5  # audio after the last bar: the final chord and the cymbals ring out
_CHOKE_S = 0.005


def pan_gains(pan: float) -> tuple[float, float]:
    """Left/right gains for ``pan`` in -1..1 (balance law: centre is 1, 1)."""
    p = min(1.0, max(-1.0, float(pan)))
    return min(1.0, 1.0 - p), min(1.0, 1.0 + p)


def track_frames(chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ) -> int:
    """Length of every rendered track of ``chart``: the last bar plus ``TAIL_S`` seconds."""
    return sample_index(chart.duration_s, rate, rate_hz) + round(TAIL_S * rate_hz)


#: Add a mono sound into a stereo track (cut at both ends); see :func:`place_sound`.
place = place_sound


def empty_track(frames: int) -> np.ndarray:
    return np.zeros((frames, 2), dtype=np.float32)


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


def drum_timeline(
    chart: Chart, rate: float = 1.0, rate_hz: int = RATE_HZ, kit: Kit | None = None
) -> Timeline:
    """The chart's notes played by the kit, each starting exactly at its sample.

    An open hi-hat is cut (with a 5 ms fade) where the next hi-hat closes it.
    """
    kit = kit or get_kit(rate_hz)
    time_s, voice, velocity = chart_drum_notes(chart)
    starts = sample_index(time_s, rate, rate_hz) if len(time_s) else np.zeros(0, np.int64)
    opened = open_hat_mask(chart, time_s, voice, velocity)
    hat_starts = starts[voice == int(Voice.HIHAT)]
    choke = round(_CHOKE_S * rate_hz)
    keys, lengths, gains = [], [], []
    for start, v, vel, is_open in zip(
        starts.tolist(), voice.tolist(), velocity.tolist(), opened.tolist(), strict=True
    ):
        name = "hihat_open" if is_open else _VOICE_SOUND[v]
        layer = layer_index(vel)
        length = len(kit.layers[name][layer])
        cut = None
        if is_open:  # the next hi-hat closes it
            later = hat_starts[hat_starts > start]
            if len(later) and later[0] - start < length:
                cut = int(later[0] - start + choke)
                length = min(length, cut)
        keys.append((name, layer, cut))
        lengths.append(length)
        gain = velocity_gain(vel)
        left, right = pan_gains(PAN[name])
        gains.append((left * gain, right * gain))

    def make_sound(key) -> np.ndarray:
        name, layer, cut = key
        sound = kit.layers[name][layer]
        if cut is None:
            return sound
        sound = sound[:cut].copy()
        sound[-choke:] *= np.linspace(1.0, 0.0, choke, dtype=np.float32)
        return sound

    return Timeline(starts, lengths, keys, gains, SoundCache(make_sound))


def render_drums(
    chart: Chart,
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    frames: int | None = None,
    kit: Kit | None = None,
) -> np.ndarray:
    """The chart's notes played by the kit, as one track (see :func:`drum_timeline`)."""
    frames = frames if frames is not None else track_frames(chart, rate, rate_hz)
    return render_whole(drum_timeline(chart, rate, rate_hz, kit), frames)


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


def click_timeline(
    chart: Chart,
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    through_song: bool = True,
    kit: Kit | None = None,
) -> Timeline:
    """Count-in clicks (and a metronome through the song when ``through_song``)."""
    kit = kit or get_kit(rate_hz)
    time_s, accented = click_times(chart, through_song)
    keys = ["click_accent" if accent else "click" for accent in accented.tolist()]
    lengths = [len(kit.layers[name][-1]) for name in keys]
    return Timeline(
        sample_index(time_s, rate, rate_hz) if len(time_s) else np.zeros(0, np.int64),
        lengths,
        keys,
        [(1.0, 1.0)] * len(keys),
        SoundCache(lambda name: kit.layers[name][-1]),
    )


def render_click(
    chart: Chart,
    rate: float = 1.0,
    rate_hz: int = RATE_HZ,
    frames: int | None = None,
    through_song: bool = True,
    kit: Kit | None = None,
) -> np.ndarray:
    """The click as one track (see :func:`click_timeline`)."""
    frames = frames if frames is not None else track_frames(chart, rate, rate_hz)
    return render_whole(click_timeline(chart, rate, rate_hz, through_song, kit), frames)
