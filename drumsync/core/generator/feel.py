"""How hard and how busy to play: the continuous intensity ``level`` turned into grid choices.

``level`` runs roughly with the requested difficulty (the generator tunes it so the chart's
rating lands on the request). The minimum gap between a player's notes depends on the
requested difficulty and the tempo only, so playability never depends on that tuning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .grid import STEP_CHOICES, STEPS_PER_BEAT

#: Minimum gap (ms) between a player's consecutive note times, by difficulty 1..10. It
#: falls fastest at the easy end: 8ths are playable from difficulty 2 up to 180 bpm, 16ths
#: from 4 at 120 bpm, from 6 at 150 bpm and from 8 at 180 bpm; 32nds from 8 at 90 bpm.
GAP_MS_BY_DIFFICULTY = (250.0, 165.0, 140.0, 125.0, 110.0, 100.0, 90.0, 83.0, 76.0, 70.0)
LEVEL_MIN, LEVEL_MAX = 0.0, 13.0
SPLIT_BUSY = 1.8


def min_gap_ms(difficulty: int, bpm: float) -> float:
    """Smallest allowed time between a player's consecutive (distinct) note times.

    Shrinks from 250 ms at difficulty 1 to 70 ms at 10 (``GAP_MS_BY_DIFFICULTY``), but
    never exceeds a beat: a quarter-note pulse is playable at every level and tempo.
    """
    return min(GAP_MS_BY_DIFFICULTY[difficulty - 1], 60000.0 / bpm)


def step_ms(bpm: float) -> float:
    return 60000.0 / bpm / STEPS_PER_BEAT


def gap_steps(difficulty: int, bpm: float) -> int:
    """The minimum gap in grid steps (rounded up, so the gap in ms is always respected)."""
    return max(1, math.ceil(min_gap_ms(difficulty, bpm) / step_ms(bpm) - 1e-9))


def _clip01(value: float) -> float:
    return min(1.0, max(0.0, value))


@dataclass(frozen=True, slots=True)
class Feel:
    """Everything a style needs to shape one bar: intensity, tempo and grid limits."""

    level: float
    bpm: float
    gap_steps: int
    split: bool
    thinning: float = 0.0  # share of optional notes to leave out (see thinning.py)

    @property
    def fine_step(self) -> int:
        """Finest power-of-two grid whose neighbours are a playable gap apart."""
        return next(s for s in reversed(STEP_CHOICES) if s >= self.gap_steps)

    @property
    def pulse_rate_hz(self) -> float:
        """Target rate of the time-keeping voice: 2 Hz at level 1, ~9.5 Hz at level 10."""
        return 2.0 ** (1.0 + (self.level - 1.0) / 4.0)

    @property
    def run_rate_hz(self) -> float:
        """Target rate of fills and runs: 3 Hz at level 1, ~12 Hz at level 10."""
        return 2.0 ** (1.6 + (self.level - 1.0) / 4.5)

    def blend(
        self, rate_hz: float, coarsest: int = STEP_CHOICES[0], finest: int = 1
    ) -> tuple[int, float]:
        """``(step, fraction)``: play every ``step`` and a ``fraction`` of the positions
        halfway between, so a line's rate grows smoothly towards ``rate_hz``. Steps stay
        within ``coarsest`` and ``max(finest, fine_step)``."""
        beat_hz = self.bpm / 60.0
        finest = max(finest, self.fine_step)
        for step in STEP_CHOICES:
            if step > coarsest:
                continue
            step_hz = beat_hz * STEPS_PER_BEAT / step
            if step // 2 < finest or step == 1:
                return step, 0.0
            if rate_hz < 2.0 * step_hz:
                return step, min(1.0, max(0.0, (rate_hz - step_hz) / step_hz))
        return STEP_CHOICES[-1], 0.0

    @property
    def density(self) -> float:
        """0..1: how many optional notes a pattern takes."""
        return _clip01((self.level - 1.0) / 9.0)

    @property
    def busy(self) -> float:
        """Scale for counts of optional notes: split parts carry fewer voices each, so
        they take more of them (up to 1.8)."""
        return self.density * (SPLIT_BUSY if self.split else 1.0)

    @property
    def syncopation(self) -> float:
        """0..1: preference for off-beat positions."""
        return _clip01((self.level - 2.0) / 8.0)

    @property
    def independence(self) -> float:
        """0..1: how freely kick and snare move against the time-keeping voice."""
        return _clip01((self.level - 3.0) / 7.0)

    def shifted(self, delta: float) -> Feel:
        level = min(LEVEL_MAX, max(LEVEL_MIN, self.level + delta))
        return Feel(level, self.bpm, self.gap_steps, self.split, self.thinning)
