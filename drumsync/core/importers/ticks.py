"""Tick time lines (Standard MIDI Files, Clone Hero .chart): ticks -> beats and seconds.

A tick grid has ``resolution`` ticks per quarter note. Tempo points give the length of a
quarter note from their tick on (MIDI: microseconds per quarter note; .chart: BPM * 1000).
Seconds are computed exactly: the segment starts are summed once as fractions, each tick is
placed in its segment by bisection and its time summed in whole numbers, then rounded once
to the nearest float.
"""

from __future__ import annotations

import bisect
from fractions import Fraction

from ..tempo_map import TempoMap

MAX_TEMPO_POINTS = 100_000


class TickClock:
    def __init__(
        self,
        resolution: int,
        tempos: list[tuple[int, Fraction]],
        meters: list[tuple[int, int, int]],
        offset_s: Fraction = Fraction(0),
    ):
        """``tempos``: (tick, seconds per quarter note); ``meters``: (tick, num, den).

        ``offset_s`` is the audio time of tick 0. Both lists may be unsorted; at one tick
        the last entry wins; without an entry at tick 0 the first one holds from 0.
        """
        self.resolution = resolution
        self.offset_s = offset_s
        by_tick: dict[int, Fraction] = {}
        for tick, seconds in sorted(tempos, key=lambda t: t[0]):
            by_tick[tick] = seconds
        if not by_tick:
            by_tick[0] = Fraction(1, 2)
        self.ticks = sorted(by_tick)
        self.spq = [by_tick[t] for t in self.ticks]  # seconds per quarter note
        self.ticks[0] = 0
        self.starts: list[Fraction] = [Fraction(0)]
        for i in range(1, len(self.ticks)):
            span = self.ticks[i] - self.ticks[i - 1]
            self.starts.append(self.starts[-1] + span * self.spq[i - 1] / resolution)
        self._parts = []  # per segment: its start p / q and seconds per tick u / v
        for start, spq in zip(self.starts, self.spq, strict=True):
            first = self.offset_s + start
            rate = spq / resolution
            self._parts.append((first.numerator, first.denominator, rate.numerator,
                                rate.denominator))  # fmt: skip
        by_meter: dict[int, tuple[int, int]] = {}
        for tick, num, den in sorted(meters, key=lambda m: m[0]):
            by_meter[tick] = (num, den)
        if not by_meter:
            by_meter[0] = (4, 4)
        self.meter_ticks = sorted(by_meter)
        self.meters = [by_meter[t] for t in self.meter_ticks]
        self.meter_ticks[0] = 0

    def seconds(self, tick: int) -> float:
        """Audio time of ``tick``: the exact sum in whole numbers, rounded once to a float."""
        i = max(0, bisect.bisect_right(self.ticks, tick) - 1)
        p, q, u, v = self._parts[i]  # seconds = p / q + (tick - ticks[i]) * u / v
        return (p * v + (tick - self.ticks[i]) * u * q) / (q * v)

    def beat(self, tick: int) -> float:
        """Quarter notes from tick 0 (exactly ``tick / resolution``, rounded once)."""
        return tick / self.resolution

    def tempo_map(self) -> TempoMap:
        return TempoMap(
            tempo_beat=[t / self.resolution for t in self.ticks],
            bpm=[float(60 / s) for s in self.spq],
            meter_beat=[t / self.resolution for t in self.meter_ticks],
            meter_num=[m[0] for m in self.meters],
            meter_den=[m[1] for m in self.meters],
        )


__all__ = ["MAX_TEMPO_POINTS", "TickClock"]
