"""The generator's step grid: 8 steps per beat (32nds), 4 beats per bar.

Patterns are ``(voice, step)`` arrays of velocity (0 = no note) and priority (which note
survives when playability limits force a choice). Velocities are multiples of 1/32 so they
are exact in float32 and print short in JSON.
"""

from __future__ import annotations

import numpy as np

from ..voices import VOICE_COUNT, Voice

BEATS_PER_BAR = 4
STEPS_PER_BEAT = 8
STEPS_PER_BAR = BEATS_PER_BAR * STEPS_PER_BEAT

KICK, SNARE, HIHAT, CRASH = (int(v) for v in (Voice.KICK, Voice.SNARE, Voice.HIHAT, Voice.CRASH))
VOICES = VOICE_COUNT

QUARTER, EIGHTH, SIXTEENTH, THIRTY_SECOND = 8, 4, 2, 1
#: Grid spacings (in steps) the generator may stream at, coarsest first.
STEP_CHOICES = (16, 8, 4, 2, 1)


def _metric_levels() -> np.ndarray:
    """0 on beats, 1 on 8th off-beats, 2 on 16ths, 3 on 32nds."""
    steps = np.arange(STEPS_PER_BAR)
    level = np.full(STEPS_PER_BAR, 3, dtype=np.int8)
    level[steps % 2 == 0] = 2
    level[steps % 4 == 0] = 1
    level[steps % 8 == 0] = 0
    level.flags.writeable = False
    return level


METRIC_LEVEL = _metric_levels()

# Velocities (multiples of 1/32).
V_ACCENT = 1.0
V_BACKBEAT = 0.9375
V_LEVEL = (0.8125, 0.6875, 0.5625, 0.5)  # by metric level
V_GHOST = 0.375
V_FILL_LOW, V_FILL_HIGH = 0.625, 0.9375

# Priorities: higher survives the playability filter.
P_CRASH = 100
P_MUST = 90
P_FILL = 55
P_LEVEL = (60, 45, 30, 20)  # by metric level
P_VOICE_BONUS = (4, 3, 0, 5)  # kick, snare, hihat, crash
P_GHOST = 12
P_VARIATION = 5


def quantize_velocity(value: float) -> float:
    """Nearest multiple of 1/32 inside 1/32..1."""
    return float(min(32, max(1, round(value * 32)))) / 32.0


def level_velocity(step: int) -> float:
    return V_LEVEL[int(METRIC_LEVEL[step % STEPS_PER_BAR])]


def level_priority(voice: int, step: int) -> int:
    return P_LEVEL[int(METRIC_LEVEL[step % STEPS_PER_BAR])] + P_VOICE_BONUS[voice]


class Bar:
    """A mutable one-bar pattern: velocity and priority per (voice, step)."""

    __slots__ = ("pri", "vel")

    def __init__(self) -> None:
        self.vel = np.zeros((VOICES, STEPS_PER_BAR), dtype=np.float32)
        self.pri = np.zeros((VOICES, STEPS_PER_BAR), dtype=np.int16)

    def put(self, voice: int, step: int, velocity: float, priority: int) -> None:
        """Add a note; an existing note keeps the louder velocity and higher priority."""
        self.vel[voice, step] = max(self.vel[voice, step], velocity)
        self.pri[voice, step] = max(self.pri[voice, step], priority)

    def add(self, voice: int, step: int, bonus: int = 0) -> None:
        """Add a note with the velocity and priority of its metric position."""
        self.put(voice, step, level_velocity(step), level_priority(voice, step) + bonus)

    def must(self, voice: int, step: int, velocity: float) -> None:
        """Add a note the style cannot do without (never thinned; wins collisions)."""
        self.put(voice, step, velocity, P_MUST)

    def clear(self, voice: int, start: int = 0, stop: int = STEPS_PER_BAR) -> None:
        self.vel[voice, start:stop] = 0
        self.pri[voice, start:stop] = 0

    def has(self, voice: int, step: int) -> bool:
        return bool(self.vel[voice, step] > 0)

    def copy(self) -> Bar:
        other = Bar()
        other.vel[:] = self.vel
        other.pri[:] = self.pri
        return other


def grid_steps(step: int, offset: int = 0) -> range:
    """Steps of one bar on a grid of spacing ``step`` starting at ``offset``."""
    return range(offset, STEPS_PER_BAR, step)
