"""Helpers the styles share: time-keeping lines and weighted choice of extra notes."""

from __future__ import annotations

import math

import numpy as np

from ..dice import Dice
from ..feel import Feel
from ..grid import (
    CRASH,
    HIHAT,
    KICK,
    METRIC_LEVEL,
    P_MUST,
    SIXTEENTH,
    SNARE,
    STEPS_PER_BAR,
    V_LEVEL,
    Bar,
    grid_steps,
)


def syncopation_weights(steps, feel: Feel) -> list[float]:
    """Weights favouring strong positions at low syncopation and weak ones at high."""
    slope = 2.2 * feel.syncopation - 1.2
    return [math.exp(slope * int(METRIC_LEVEL[s % STEPS_PER_BAR])) for s in steps]


def free_steps(bar: Bar, voice: int, grid: int, exclude=()) -> list[int]:
    return [s for s in grid_steps(grid) if not bar.has(voice, s) and s not in exclude]


def sprinkle(
    bar: Bar,
    voice: int,
    feel: Feel,
    dice: Dice,
    slot: int,
    grid: int,
    count: int,
    exclude=(),
    velocity: float | None = None,
    priority: int | None = None,
) -> None:
    """Add ``count`` notes of ``voice`` at free grid positions chosen by syncopation weight
    (never finer than 16ths: 32nds only come from time-keeping lines and fills)."""
    grid = max(grid, SIXTEENTH)
    candidates = free_steps(bar, voice, grid, exclude)
    for step in dice.pick(slot, candidates, syncopation_weights(candidates, feel), count):
        if velocity is None:
            bar.add(voice, step)
        else:
            bar.put(voice, step, velocity, priority if priority is not None else 0)


def extra_count(amount: float, dice: Dice, slot: int) -> int:
    """A whole number of extra notes around ``amount`` (dithered by one die)."""
    return max(0, math.floor(amount + dice.u(slot)))


def blend_line(
    feel: Feel,
    dice: Dice,
    slot: int,
    rate_hz: float,
    coarsest: int = 16,
    start: int = 0,
    stop: int = STEPS_PER_BAR,
    finest: int = 1,
    prefer: frozenset[int] = frozenset(),
) -> list[int]:
    """Steps in ``[start, stop)`` of a line at about ``rate_hz``: a steady grid plus part
    of the grid twice as fine. The extra positions come in an order drawn by the dice
    (``prefer``-red steps first, four times as likely), so raising the rate adds notes."""
    step, fraction = feel.blend(rate_hz, coarsest, finest)
    steps = list(range(start, stop, step))
    if fraction > 0.0:
        between = list(range(start + step // 2, stop, step))
        count = round(fraction * len(between))
        weights = [4.0 if s in prefer else 1.0 for s in between]
        steps += dice.pick(slot, between, weights, count)
    return sorted(steps)


def time_line(
    feel: Feel, dice: Dice, slot: int, coarsest: int = 16, bar: Bar | None = None
) -> list[int]:
    """The time-keeping (hi-hat) line of a bar at the feel's pulse rate. In split parts
    it leans towards the steps where ``bar`` already has kick or snare notes, so the two
    players meet on many time points."""
    prefer = frozenset()
    if feel.split and bar is not None:
        prefer = frozenset(np.flatnonzero(bar.vel[KICK] + bar.vel[SNARE]).tolist())
    return blend_line(feel, dice, slot, feel.pulse_rate_hz, coarsest, prefer=prefer)


def split_accents(bar: Bar, feel: Feel, dice: Dice, slot: int) -> None:
    """Split parts: from level 6 the cymbal player turns some on-beat hi-hats into crashes."""
    count = extra_count((feel.level - 6.0) / 1.5, dice, slot)
    beats = [s for s in (8, 16, 24) if bar.has(HIHAT, s)]
    weights = [1.5 if s == 16 else 1.0 for s in beats]
    for step in dice.pick(slot + 1, beats, weights, min(len(beats), count)):
        bar.clear(HIHAT, step, step + 1)
        bar.put(CRASH, step, V_LEVEL[0], P_MUST)
