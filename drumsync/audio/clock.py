"""The song clock: song time from the audio stream, smoothed against a monotonic clock.

Definitions
-----------
* *Audio position* ``audio_s``: seconds of the rendered track that have been played (the
  mixer's play head; sample ``round(audio_s * rate_hz)`` of the buffer given to
  ``AudioEngine.start_song``). It comes in coarse, noisy steps.
* *Song time* is chart time (``Part.time_s``). With the track rendered at practice ``rate``
  (0.5..1.0), song time runs at ``rate`` per audio second:
  ``song_s = (audio_s - output_offset_s) * rate``.
  ``output_offset_s`` is the user's calibrated output latency in real seconds (positive: the
  sound is heard later than the mixer says); song time 0 is sample 0 of the track.

Smoothing (after osu!'s interpolating clock, with drift recovery)
-----------------------------------------------------------------
The clock keeps its own estimate of the audio position and advances it on the monotonic
clock ``now_s`` (``time.perf_counter``) at ``speed`` audio seconds per second. At every
update the estimate is pulled toward the reported audio position with a ``half_life_s``
(50 ms) exponential. ``speed`` is the slope of a least-squares line through the recent
(now, audio) readings (exponentially weighted over ``fit_s``, 2 s), so an audio device whose
clock runs a few percent fast or slow against ``now_s`` is followed without lag, and the
readings' millisecond jitter averages out. When the
estimate is more than ``snap_s`` (33 ms) off it jumps to the audio position, but never
backwards: song time is monotonic (if the audio falls behind, the clock holds still until
the audio catches up). The first audio position after ``start`` or ``resume`` is taken as it
is (forward only), since before it the clock could only guess. Without an audio position
(``audio_s=None``: no device) the clock runs on ``now_s`` alone: *wall-clock mode*.

The class is pure: it reads no clock itself; the caller passes ``now_s`` readings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .timebase import check_rate

HALF_LIFE_S = 0.05
SNAP_S = 0.033
FIT_S = 2.0  # memory of the drift estimate
MIN_FIT_SPAN_S = 0.1  # readings needed before the drift estimate replaces speed 1
MAX_SPEED_ERROR = 0.1  # the audio clock may run at 0.9 .. 1.1 x real time


@dataclass(frozen=True, slots=True)
class ClockReading:
    """One update: when, what the audio said, what the clock says (for logs and tests)."""

    now_s: float
    audio_s: float | None
    song_s: float
    snapped: bool


class _DriftFit:
    """Exponentially weighted least-squares slope of audio position against ``now_s``."""

    def __init__(self, window_s: float) -> None:
        self.window_s = window_s
        self.reset()

    def reset(self) -> None:
        self._t0: float | None = None
        self._a0 = 0.0
        self._last_t = 0.0
        self._first_t = 0.0
        self._w = self._st = self._sa = self._stt = self._sta = 0.0

    def add(self, now_s: float, audio_s: float) -> None:
        if self._t0 is None:
            self._t0, self._a0 = now_s, audio_s
            self._last_t = self._first_t = 0.0
        t = now_s - self._t0
        a = audio_s - self._a0
        decay = math.exp(-max(0.0, t - self._last_t) / self.window_s)
        self._last_t = max(self._last_t, t)
        self._w = self._w * decay + 1.0
        self._st = self._st * decay + t
        self._sa = self._sa * decay + a
        self._stt = self._stt * decay + t * t
        self._sta = self._sta * decay + t * a

    @property
    def span_s(self) -> float:
        return self._last_t - self._first_t

    def slope(self) -> float | None:
        denominator = self._w * self._stt - self._st * self._st
        if self._t0 is None or denominator <= 0.0:
            return None
        return (self._w * self._sta - self._st * self._sa) / denominator


class SongClock:
    """Monotonic song time following an audio position (see the module docstring)."""

    def __init__(
        self,
        rate: float = 1.0,
        output_offset_s: float = 0.0,
        half_life_s: float = HALF_LIFE_S,
        snap_s: float = SNAP_S,
        fit_s: float = FIT_S,
    ) -> None:
        self.rate = check_rate(rate)
        self.output_offset_s = float(output_offset_s)
        self.half_life_s = float(half_life_s)
        self.snap_s = float(snap_s)
        self._fit = _DriftFit(fit_s)
        self._audio_est_s = 0.0
        self._last_now_s: float | None = None
        self._speed = 1.0
        self._running = False
        self._wall_clock = False
        self._awaiting_audio = True
        self.snaps = 0

    # --- state -------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    @property
    def wall_clock(self) -> bool:
        """True when the last update had no audio position (the clock ran on ``now_s``)."""
        return self._wall_clock

    @property
    def speed(self) -> float:
        """Estimated audio seconds per ``now_s`` second (about 1; the device's drift)."""
        return self._speed

    @property
    def audio_s(self) -> float:
        """The smoothed audio position (seconds of the track)."""
        return self._audio_est_s

    @property
    def song_s(self) -> float:
        """Song time at the last update."""
        return self.song_time_for_audio(self._audio_est_s)

    def song_time_for_audio(self, audio_s: float) -> float:
        return (audio_s - self.output_offset_s) * self.rate

    # --- control -----------------------------------------------------------------------
    def start(self, now_s: float, audio_s: float | None = None) -> float:
        """Start (or restart) at ``audio_s`` (default 0: the first sample of the track)."""
        self._audio_est_s = 0.0 if audio_s is None else float(audio_s)
        self._wall_clock = audio_s is None
        self._last_now_s = float(now_s)
        self._speed = 1.0
        self._fit.reset()
        self._awaiting_audio = True
        self._running = True
        return self.song_s

    def pause(self, now_s: float) -> float:
        """Freeze song time (advanced to ``now_s`` first, without new audio input)."""
        if self._running:
            self._advance(now_s, None)
            self._running = False
        return self.song_s

    def resume(self, now_s: float) -> float:
        """Continue from the frozen time; later audio positions pull it as usual."""
        self._last_now_s = float(now_s)
        self._fit.reset()  # the pause broke the line through the readings
        self._awaiting_audio = True
        self._running = True
        return self.song_s

    def update(self, now_s: float, audio_s: float | None = None) -> float:
        """Feed one reading of the monotonic clock and (if any) the audio position."""
        if not self._running:
            self._last_now_s = float(now_s)
            return self.song_s
        self._advance(now_s, audio_s)
        return self.song_s

    def time_at(self, now_s: float) -> float:
        """Song time at ``now_s`` (e.g. an input event's stamp), extrapolated from the last
        update at the current speed (frozen while paused)."""
        if not self._running or self._last_now_s is None:
            return self.song_s
        audio = self._audio_est_s + (now_s - self._last_now_s) * self._speed
        return self.song_time_for_audio(audio)

    # --- the loop ----------------------------------------------------------------------
    def _advance(self, now_s: float, audio_s: float | None) -> None:
        now_s = float(now_s)
        last = self._last_now_s if self._last_now_s is not None else now_s
        dt = max(0.0, now_s - last)
        self._last_now_s = max(last, now_s)
        predicted = self._audio_est_s + dt * self._speed
        if audio_s is None:
            self._wall_clock = True
            self._audio_est_s = max(self._audio_est_s, predicted)
            return
        self._wall_clock = False
        audio_s = float(audio_s)
        error = audio_s - predicted
        if self._awaiting_audio:  # the first position after (re)starting is taken as it is
            new = audio_s
            self._awaiting_audio = False
        elif abs(error) > self.snap_s:
            new = audio_s
            self.snaps += 1
            self._fit.reset()
        else:
            pull = 1.0 - 0.5 ** (dt / self.half_life_s)
            new = predicted + pull * error
        self._fit.add(now_s, audio_s)
        slope = self._fit.slope()
        if slope is not None and self._fit.span_s >= MIN_FIT_SPAN_S:
            self._speed = min(1.0 + MAX_SPEED_ERROR, max(1.0 - MAX_SPEED_ERROR, slope))
        self._audio_est_s = max(self._audio_est_s, new)
