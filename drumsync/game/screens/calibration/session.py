"""One calibration run, without pygame: the beat schedule, the taps, the result.

A run is ``lead_in_beats`` clicks (or flashes) to get the tempo, then ``tap_beats`` more on
which the player taps. Times are seconds on the run's own clock (0 = the moment the run
started; the first beat is ``start_s`` later, which gives the audio device time to settle).
Taps are kept only from half a beat before the first tapping beat to half a beat after the
last one; their asynchronies and the offset come from :mod:`drumsync.core.calibration`.

:func:`render_metronome` renders the clicks as one buffer, sample-aligned to the schedule
(``Sound.play`` would jitter by up to a mixer buffer; the guide, section 4).

The screen's test modes (``MODES``) and steps (:class:`Phase`) are named here too, where the
scene and its drawing can both import them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

import numpy as np

from ....audio.kit import Kit, get_kit
from ....audio.render import empty_track, place
from ....audio.timebase import RATE_HZ, sample_index
from ....core.calibration import (
    MAD_TO_SD,
    MAX_ASYNCHRONY_MS,
    MIN_OUTLIER_THRESHOLD_MS,
    MIN_TAPS,
    OUTLIER_MADS,
    CalibrationResult,
    asynchronies,
    beat_times,
    estimate_offset,
)

BPM = 100.0
LEAD_IN_BEATS = 4
TAP_BEATS = 20
START_S = 1.0
BEATS_PER_BAR = 4
BPM_RANGE = (40.0, 240.0)
#: A result less certain than this (standard error, ms) is flagged: Retry is suggested.
UNRELIABLE_ERROR_MS = 12.0
#: Silence kept after the last click so it rings out.
METRONOME_TAIL_S = 0.5

MODES = ("audio", "video")


class Phase(Enum):
    """The steps of the calibration screen."""

    INTRO = "intro"  # instructions; Start
    RUNNING = "running"  # lead-in and taps
    RESULT = "result"  # the offset (or why there is none); Apply / Retry
    NO_AUDIO = "no_audio"  # audio mode without a device: offer the visual test


@dataclass(frozen=True, slots=True)
class BeatSchedule:
    """When the beats fall (seconds after the run starts) and when taps count."""

    bpm: float = BPM
    lead_in_beats: int = LEAD_IN_BEATS
    tap_beats: int = TAP_BEATS
    start_s: float = START_S

    def __post_init__(self) -> None:
        low, high = BPM_RANGE
        if not (math.isfinite(self.bpm) and low <= self.bpm <= high):
            raise ValueError(f"calibration tempo must be {low:g}..{high:g} BPM, got {self.bpm}")
        if self.lead_in_beats < 0:
            raise ValueError("lead-in beats must be 0 or more")
        if self.tap_beats < MIN_TAPS:
            raise ValueError(f"a run needs at least {MIN_TAPS} tapping beats")
        if not (math.isfinite(self.start_s) and self.start_s >= 0):
            raise ValueError("the first beat cannot come before the run starts")

    @property
    def seconds_per_beat(self) -> float:
        return 60.0 / self.bpm

    @property
    def beats(self) -> int:
        return self.lead_in_beats + self.tap_beats

    def beat_times_s(self) -> np.ndarray:
        """Every beat, lead-in first."""
        return beat_times(self.bpm, self.beats, self.start_s)

    def tap_beat_times_s(self) -> np.ndarray:
        """The beats the player taps on (after the lead-in)."""
        return self.beat_times_s()[self.lead_in_beats :]

    @property
    def opens_s(self) -> float:
        """Taps before this (the lead-in) are not counted."""
        return self.start_s + (self.lead_in_beats - 0.5) * self.seconds_per_beat

    @property
    def closes_s(self) -> float:
        """Taps after this are not counted; the run is over."""
        return self.start_s + (self.beats - 0.5) * self.seconds_per_beat

    def accented(self, index: int) -> bool:
        """The first beat of every bar is accented (a higher click)."""
        return index % BEATS_PER_BAR == 0

    def beat_at(self, time_s: float) -> tuple[int, float] | None:
        """``(index, seconds since it)`` of the latest beat at or before ``time_s``, or None."""
        if time_s < self.start_s:
            return None
        index = math.floor((time_s - self.start_s) / self.seconds_per_beat + 1e-9)
        if index >= self.beats:
            return None
        return index, time_s - (self.start_s + index * self.seconds_per_beat)

    def lead_in_count(self, time_s: float) -> int | None:
        """1-based count of the lead-in beat sounding at ``time_s``; None outside the lead-in."""
        beat = self.beat_at(time_s)
        if beat is None or beat[0] >= self.lead_in_beats:
            return None
        return beat[0] + 1

    def progress(self, time_s: float) -> float:
        """0 at the start of the run, 1 once taps stop counting."""
        return min(1.0, max(0.0, time_s / self.closes_s))


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """How a run ended: ``result`` (None when there were too few good taps, see ``message``),
    each counted tap's asynchrony (ms, negative = early) and whether the estimate used it."""

    result: CalibrationResult | None
    asynchronies_ms: tuple[float, ...]
    used: tuple[bool, ...]
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.result is not None

    @property
    def taps(self) -> int:
        return len(self.asynchronies_ms)

    @property
    def reliable(self) -> bool:
        """A result whose uncertainty is small enough to trust without a retry."""
        return self.result is not None and self.result.error_ms <= UNRELIABLE_ERROR_MS


class TapSession:
    """Collects one run's taps (seconds on the run's clock) and turns them into a result."""

    def __init__(self, schedule: BeatSchedule | None = None) -> None:
        self.schedule = schedule or BeatSchedule()
        self.taps_s: list[float] = []
        #: Taps during the lead-in (never counted).
        self.early = 0

    @property
    def count(self) -> int:
        return len(self.taps_s)

    def tap(self, time_s: float) -> bool:
        """Record a tap; False (and not counted) outside the tapping part of the run."""
        if not math.isfinite(time_s):
            return False
        if time_s < self.schedule.opens_s:
            self.early += 1
            return False
        if time_s > self.schedule.closes_s:
            return False
        self.taps_s.append(float(time_s))
        return True

    def finished(self, time_s: float) -> bool:
        return time_s > self.schedule.closes_s

    def outcome(self) -> SessionOutcome:
        found = asynchronies(self.taps_s, self.schedule.tap_beat_times_s())
        values = tuple(float(v) for v in found)
        try:
            result = estimate_offset(found)
        except ValueError as exc:
            message = _too_few_message(len(values), self.early, str(exc))
            return SessionOutcome(None, values, (False,) * len(values), message)
        return SessionOutcome(result, values, tuple(bool(u) for u in used_mask(found)))


def used_mask(asynchronies_ms) -> np.ndarray:
    """Which asynchronies :func:`~drumsync.core.calibration.estimate_offset` keeps (same rule:
    within ``MAX_ASYNCHRONY_MS`` of the beat, then within the MAD band of their median)."""
    values = np.asarray(asynchronies_ms, dtype=np.float64).reshape(-1)
    near = np.abs(values) <= MAX_ASYNCHRONY_MS
    if not near.any():
        return near
    kept = values[near]
    center = float(np.median(kept))
    mad = float(MAD_TO_SD * np.median(np.abs(kept - center)))
    threshold = max(OUTLIER_MADS * mad, MIN_OUTLIER_THRESHOLD_MS)
    return near & (np.abs(values - center) <= threshold)


def _too_few_message(taps: int, early: int, reason: str) -> str:
    message = "No taps were counted." if taps == 0 else reason[:1].upper() + reason[1:] + "."
    if early:
        were = "tap was" if early == 1 else "taps were"
        message += f" {early} {were} during the lead-in, before counting starts."
    return message


def render_metronome(
    schedule: BeatSchedule, rate_hz: int = RATE_HZ, kit: Kit | None = None
) -> np.ndarray:
    """Stereo float32 ``(frames, 2)``: a click at sample ``round(t * rate_hz)`` of every beat
    (accented on the first beat of each bar), sample 0 = the start of the run."""
    kit = kit or get_kit(rate_hz)
    frames = sample_index(schedule.closes_s + METRONOME_TAIL_S, 1.0, rate_hz)
    track = empty_track(frames)
    starts = sample_index(schedule.beat_times_s(), 1.0, rate_hz)
    for index, start in enumerate(starts.tolist()):
        name = "click_accent" if schedule.accented(index) else "click"
        place(track, kit.layers[name][-1], start, 1.0, 1.0)
    return track
