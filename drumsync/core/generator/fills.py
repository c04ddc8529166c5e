"""Fills: the end of a phrase's last bar turns into a snare/kick figure (no cymbals)."""

from __future__ import annotations

from .dice import Dice
from .feel import Feel
from .grid import (
    CRASH,
    HIHAT,
    KICK,
    P_FILL,
    SNARE,
    STEPS_PER_BAR,
    STEPS_PER_BEAT,
    V_FILL_HIGH,
    V_FILL_LOW,
    Bar,
    quantize_velocity,
)
from .styles.common import blend_line

# Figures: which voice plays the i-th note of the fill.
FIGURES = ("snare", "kick-on-beats", "linear", "threes")
FILL_LENGTH_SLOT = 159  # in the section's dice


def fill_beats(feel: Feel, dice: Dice) -> int:
    """How many beats at the end of the bar the fill takes (at least two notes' worth)."""
    if feel.level < 3.0:
        beats = 1
    elif feel.level < 8.0:
        beats = 2
    else:
        beats = 4 if dice.below(FILL_LENGTH_SLOT, 0.3) else 2
    step, _ = feel.blend(feel.run_rate_hz)
    while beats < 4 and beats * STEPS_PER_BEAT // step < 2:
        beats += 1
    return beats


def _voice(figure: str, index: int, step: int) -> int:
    if figure == "kick-on-beats":
        return KICK if step % STEPS_PER_BEAT == 0 and index > 0 else SNARE
    if figure == "linear":
        return KICK if index % 2 else SNARE
    if figure == "threes":
        return KICK if index % 3 == 2 else SNARE
    return SNARE


FillNotes = tuple[int, tuple[tuple[int, int, float], ...]]


def fill_notes(feel: Feel, section_dice: Dice, dice: Dice) -> FillNotes:
    """``(start_step, ((voice, step, velocity), ...))`` of a fill. Its length is the
    section's (``section_dice``), its figure and rests the phrase's (``dice``)."""
    beats = fill_beats(feel, section_dice)
    start = STEPS_PER_BAR - beats * STEPS_PER_BEAT
    positions = blend_line(feel, dice, 24, feel.run_rate_hz, start=start)
    if feel.level >= 6.0 and len(positions) > 3:
        # Leave a few rests inside busier fills (never the first or last note).
        rests = {p for i, p in enumerate(positions[1:-1]) if dice.below(64 + i, 0.18)}
        positions = [p for p in positions if p not in rests]
    figure = FIGURES[dice.index(1, len(FIGURES) if feel.level >= 2.0 else 2)]
    last = max(1, len(positions) - 1)
    notes = tuple(
        (
            _voice(figure, index, position),
            position,
            quantize_velocity(V_FILL_LOW + (V_FILL_HIGH - V_FILL_LOW) * index / last),
        )
        for index, position in enumerate(positions)
    )
    return start, notes


def apply_fill(bar: Bar, fill: FillNotes) -> Bar:
    """A copy of ``bar`` whose last beats (from the fill's start) hold the fill instead."""
    start, notes = fill
    out = bar.copy()
    for voice in (KICK, SNARE, HIHAT, CRASH):
        out.clear(voice, start)
    for voice, position, velocity in notes:
        out.put(voice, position, velocity, P_FILL)
    return out
