"""Small per-bar variations of a phrase's motif: one note added or one hi-hat dropped."""

from __future__ import annotations

from .dice import Dice
from .feel import Feel
from .grid import (
    EIGHTH,
    HIHAT,
    KICK,
    P_VARIATION,
    SIXTEENTH,
    SNARE,
    V_GHOST,
    Bar,
    level_velocity,
)
from .styles.common import free_steps

OPERATIONS = ("kick", "ghost", "drop-hat")
#: Styles whose kick line must stay intact (Euclidean kicks stay Euclidean).
STYLE_OPERATIONS = {"euclidean": ("ghost", "drop-hat")}


def vary(bar: Bar, feel: Feel, dice: Dice, slot: int, style: str = "") -> Bar:
    """A copy of ``bar`` with one small change chosen by the dice at ``slot``."""
    out = bar.copy()
    operations = STYLE_OPERATIONS.get(style, OPERATIONS)
    operation = operations[dice.index(slot, len(operations))]
    grid = max(feel.fine_step, EIGHTH if feel.level < 5.0 else SIXTEENTH)
    if operation == "drop-hat":
        hats = [s for s in range(1, out.vel.shape[1]) if out.has(HIHAT, s)]
        if hats:
            step = hats[dice.index(slot + 1, len(hats))]
            out.clear(HIHAT, step, step + 1)
            return out
        operation = operations[0]
    voice = KICK if operation == "kick" else SNARE
    candidates = free_steps(out, voice, grid, exclude=(0,))
    if candidates:
        step = candidates[dice.index(slot + 2, len(candidates))]
        velocity = level_velocity(step) if voice == KICK else V_GHOST
        out.put(voice, step, velocity, P_VARIATION)
    return out
