"""Reading one player's notes from chart JSON: every field checked, order and times too."""

from __future__ import annotations

import math

import numpy as np

from .chart import Chart, Part
from .chart_fields import fail as _fail
from .chart_fields import kind_of as _kind
from .chart_fields import read_number as _number
from .chart_fields import read_object as _object
from .chart_fields import read_string as _string
from .voices import Voice

MAX_NOTES_PER_PART = 500_000
MAX_NOTES_AT_ONCE = 2
TIME_TOLERANCE_S = 0.001
NOTE_KEYS = ("beat", "time_s", "voice", "velocity")
VOICE_NAMES = tuple(v.label for v in Voice)


def read_part(value, where: str, shell: Chart) -> Part:
    """One player's notes; ``shell`` (the chart without notes) gives each beat's time."""
    if not isinstance(value, list):
        _fail(where, f"expected an array of notes, got {_kind(value)}")
    if len(value) > MAX_NOTES_PER_PART:
        _fail(where, f"more than {MAX_NOTES_PER_PART} notes")
    count = len(value)
    beats = np.empty(count)
    times = np.empty(count)
    voices = np.empty(count, dtype=np.int8)
    velocities = np.empty(count)
    end_beat = shell.end_beat
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        obj = _object(item, at, NOTE_KEYS)
        beat = _number(obj["beat"], f"{at}.beat", 0.0, end_beat)
        if beat >= end_beat:
            _fail(f"{at}.beat", f"{beat!r} is past the last bar (beats end at {end_beat:g})")
        time_s = _number(obj["time_s"], f"{at}.time_s", 0.0, math.inf)
        voice = _string(obj["voice"], f"{at}.voice", 20, VOICE_NAMES)
        beats[i], times[i] = beat, time_s
        voices[i] = VOICE_NAMES.index(voice)
        velocities[i] = _number(obj["velocity"], f"{at}.velocity", 0.0, 1.0)
    expected = np.asarray(shell.beat_to_time(beats), dtype=np.float64)
    wrong = np.flatnonzero(np.abs(times - expected) > TIME_TOLERANCE_S)
    if len(wrong):
        i = int(wrong[0])
        _fail(
            f"{where}[{i}].time_s",
            f"{float(times[i])!r} does not match beat {float(beats[i])!r} "
            f"(expected {expected[i]:.6f} s)",
        )
    _check_order(where, times, voices)
    return Part(beat=beats, time_s=times, voice=voices, velocity=velocities)


def _check_order(where: str, times: np.ndarray, voices: np.ndarray) -> None:
    """Sorted by (time, voice); one note per voice and at most two notes per time."""
    if len(times) < 2:
        return
    step = np.diff(times)
    backwards = np.flatnonzero(step < 0)
    if len(backwards):
        i = int(backwards[0]) + 1
        _fail(
            f"{where}[{i}].time_s",
            f"notes are not sorted by time ({times[i]!r} after {times[i - 1]!r})",
        )
    same = step == 0
    voice_step = np.diff(voices.astype(np.int16))
    repeated = np.flatnonzero(same & (voice_step == 0))
    if len(repeated):
        i = int(repeated[0]) + 1
        _fail(
            f"{where}[{i}].voice",
            f"duplicate {VOICE_NAMES[voices[i]]} note at time {times[i]!r}",
        )
    unordered = np.flatnonzero(same & (voice_step < 0))
    if len(unordered):
        i = int(unordered[0]) + 1
        _fail(f"{where}[{i}].voice", "notes at the same time must be in voice order")
    if MAX_NOTES_AT_ONCE == 2 and len(times) > 2:
        crowded = np.flatnonzero(same[1:] & same[:-1])
        if len(crowded):
            i = int(crowded[0]) + 2
            _fail(
                f"{where}[{i}]",
                f"more than {MAX_NOTES_AT_ONCE} notes at time {times[i]!r} for one player",
            )
