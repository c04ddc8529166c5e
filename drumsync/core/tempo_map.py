"""A tempo map: tempo changes, time-signature changes and delays on a chart's beat grid.

Beats are quarter notes counted from beat 0 (the first bar of music). ``seconds_at(beat)``
is the time from beat 0 to ``beat``: the sum of the tempo segments before it plus every delay
placed at or before it (a delay at beat ``b`` holds the song still just before ``b``, as
TJA's ``#DELAY`` and StepMania's delays do). Beats before 0 run at the first tempo.
``audio_offset_s`` is the song time at which sample 0 of the chart's audio file sounds.

Time signatures: a meter change at beat ``b`` starts a new bar there; from then on bars
are ``numerator * 4 / denominator`` beats long. Everything is vectorised over numpy arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

BEAT_EPS = 1e-9  # a note within this many beats of a delay counts as after it
MAX_BARS = 100_000


def frozen_array(values, dtype) -> np.ndarray:
    """A read-only 1-D copy of ``values``."""
    arr = np.array(values, dtype=dtype, copy=True).reshape(-1)
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True, eq=False)
class TempoMap:
    tempo_beat: np.ndarray
    bpm: np.ndarray
    meter_beat: np.ndarray = field(default=None)  # type: ignore[assignment]
    meter_num: np.ndarray = field(default=None)  # type: ignore[assignment]
    meter_den: np.ndarray = field(default=None)  # type: ignore[assignment]
    delay_beat: np.ndarray = field(default=None)  # type: ignore[assignment]
    delay_s: np.ndarray = field(default=None)  # type: ignore[assignment]
    audio_offset_s: float = 0.0
    _segment_s: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]
    _delay_cum_s: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "tempo_beat", frozen_array(self.tempo_beat, np.float64))
        put(self, "bpm", frozen_array(self.bpm, np.float64))
        if self.meter_beat is None:
            put(self, "meter_beat", [0.0])
            put(self, "meter_num", [4])
            put(self, "meter_den", [4])
        put(self, "meter_beat", frozen_array(self.meter_beat, np.float64))
        put(self, "meter_num", frozen_array(self.meter_num, np.int64))
        put(self, "meter_den", frozen_array(self.meter_den, np.int64))
        put(
            self,
            "delay_beat",
            frozen_array([] if self.delay_beat is None else self.delay_beat, float),
        )
        put(self, "delay_s", frozen_array([] if self.delay_s is None else self.delay_s, np.float64))
        put(self, "audio_offset_s", float(self.audio_offset_s))
        problem = self.problem()
        if problem:
            raise ValueError(problem)
        lengths = np.diff(self.tempo_beat) * 60.0 / self.bpm[:-1]
        put(
            self,
            "_segment_s",
            frozen_array(np.concatenate(([0.0], np.cumsum(lengths))), np.float64),
        )
        put(
            self,
            "_delay_cum_s",
            frozen_array(np.concatenate(([0.0], np.cumsum(self.delay_s))), float),
        )

    def problem(self) -> str | None:
        """Why these arrays are not a tempo map, or None."""
        tb, bpm = self.tempo_beat, self.bpm
        if len(tb) == 0 or len(tb) != len(bpm):
            return "a tempo map needs at least one tempo and one bpm per tempo change"
        if tb[0] != 0.0:
            return f"the first tempo must start at beat 0, not {tb[0]!r}"
        if not (np.all(np.isfinite(bpm)) and np.all(np.isfinite(tb))):
            return "tempo values must be finite"
        if np.any(bpm <= 0):
            return f"bpm must be positive, got {float(bpm[bpm <= 0][0])!r}"
        if np.any(np.diff(tb) <= 0):
            return "tempo changes must be in increasing beat order"
        mb = self.meter_beat
        if not (len(mb) == len(self.meter_num) == len(self.meter_den)) or len(mb) == 0:
            return "time signatures need a beat, numerator and denominator each"
        if mb[0] != 0.0 or np.any(np.diff(mb) <= 0) or not np.all(np.isfinite(mb)):
            return "time signatures must start at beat 0 and increase"
        if np.any(self.meter_num <= 0) or np.any(self.meter_den <= 0):
            return "time signatures must be positive"
        if len(self.delay_beat) != len(self.delay_s):
            return "each delay needs a beat and a length"
        if np.any(np.diff(self.delay_beat) < 0):
            return "delays must be in beat order"
        if not (np.all(np.isfinite(self.delay_s)) and np.all(np.isfinite(self.delay_beat))):
            return "delays must be finite"
        return None

    @classmethod
    def constant(cls, bpm: float, beats_per_bar: int = 4) -> TempoMap:
        return cls(
            tempo_beat=[0.0], bpm=[bpm], meter_beat=[0.0], meter_num=[beats_per_bar], meter_den=[4]
        )

    # ------------------------------------------------------------------ beats and time

    def seconds_at(self, beat):
        """Seconds from beat 0 to ``beat`` (scalar or array), delays included."""
        b = np.asarray(beat, dtype=np.float64)
        i = np.clip(np.searchsorted(self.tempo_beat, b, side="right") - 1, 0, None)
        seconds = self._segment_s[i] + (b - self.tempo_beat[i]) * (60.0 / self.bpm[i])
        if len(self.delay_s):
            k = np.searchsorted(self.delay_beat, b + BEAT_EPS, side="right")
            seconds = seconds + self._delay_cum_s[k]
        return seconds

    def beat_at(self, seconds):
        """The beat sounding ``seconds`` after beat 0 (inverse of ``seconds_at``).

        During a delay the beat holds still at the delayed beat; before beat 0 and after
        the last change the outer tempos continue.
        """
        knot_beat, knot_s = self._knots()
        s = np.asarray(seconds, dtype=np.float64)
        out = np.interp(s, knot_s, knot_beat)
        first_bpm, last_bpm = self.bpm[0], self.bpm[-1]
        out = np.where(s < knot_s[0], knot_beat[0] + (s - knot_s[0]) * first_bpm / 60.0, out)
        return np.where(s > knot_s[-1], knot_beat[-1] + (s - knot_s[-1]) * last_bpm / 60.0, out)

    def _knots(self) -> tuple[np.ndarray, np.ndarray]:
        beats = np.concatenate((self.tempo_beat, self.delay_beat, self.delay_beat - 4 * BEAT_EPS))
        beats = np.unique(np.concatenate(([0.0], beats)))
        seconds = np.maximum.accumulate(self.seconds_at(beats))
        keep = np.concatenate(([True], np.diff(seconds) > 0))
        return beats[keep], seconds[keep]

    def bpm_at(self, beat) -> np.ndarray:
        b = np.asarray(beat, dtype=np.float64)
        return self.bpm[np.clip(np.searchsorted(self.tempo_beat, b, side="right") - 1, 0, None)]

    # ------------------------------------------------------------------ bars

    def bar_lines(self, bars: int) -> np.ndarray:
        """Beats of the first ``bars + 1`` bar lines (bar ``i`` spans ``[i]..[i + 1]``)."""
        if not 0 <= bars <= MAX_BARS:
            raise ValueError(f"bar count {bars} is outside 0..{MAX_BARS}")
        lines: list[np.ndarray] = []
        count = 0
        for i, start in enumerate(self.meter_beat.tolist()):
            length = 4.0 * float(self.meter_num[i]) / float(self.meter_den[i])
            if i + 1 < len(self.meter_beat):
                n = int(np.ceil((float(self.meter_beat[i + 1]) - start) / length - 1e-9))
            else:
                n = bars + 1 - count
            n = min(max(1, n), bars + 1 - count)
            lines.append(start + length * np.arange(n))
            count += n
            if count >= bars + 1:
                break
        return np.concatenate(lines)

    def bars_until(self, beat: float) -> int:
        """How many bars it takes to reach ``beat`` (at least 1; ``MAX_BARS + 1`` if more)."""
        bars = 1
        while True:
            lines = self.bar_lines(bars)
            if lines[-1] >= beat - 1e-9:
                return bars
            # jump ahead by the bars still missing at the current meter
            length = self.beats_per_bar_at(float(lines[-1]))
            bars += max(1, int((beat - lines[-1]) // length))
            if bars > MAX_BARS:
                return MAX_BARS + 1  # more than a chart may have: the caller refuses it

    def beats_per_bar_at(self, beat: float) -> float:
        i = max(0, int(np.searchsorted(self.meter_beat, beat, side="right")) - 1)
        return 4.0 * float(self.meter_num[i]) / float(self.meter_den[i])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TempoMap):
            return NotImplemented
        names = (
            "tempo_beat",
            "bpm",
            "meter_beat",
            "meter_num",
            "meter_den",
            "delay_beat",
            "delay_s",
        )
        return self.audio_offset_s == other.audio_offset_s and all(
            np.array_equal(getattr(self, n), getattr(other, n)) for n in names
        )

    def __hash__(self) -> int:
        return hash((self.audio_offset_s, self.bpm.tobytes(), self.tempo_beat.tobytes()))


__all__ = ["TempoMap"]
