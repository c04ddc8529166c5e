"""Rock: straight hi-hats, kick on 1 (and usually 3), snare backbeat on 2 and 4."""

from __future__ import annotations

from ..dice import Dice
from ..feel import Feel
from ..grid import (
    EIGHTH,
    HIHAT,
    KICK,
    P_GHOST,
    SNARE,
    V_ACCENT,
    V_BACKBEAT,
    V_GHOST,
    Bar,
)
from .common import extra_count, sprinkle, time_line

BACKBEAT_STEPS = (8, 24)


def motif(feel: Feel, dice: Dice) -> Bar:
    bar = Bar()
    hat_step, _ = feel.blend(feel.pulse_rate_hz)
    bar.must(KICK, 0, V_ACCENT)
    for step in BACKBEAT_STEPS:
        bar.must(SNARE, step, V_BACKBEAT)
    if feel.level >= 1.0 or dice.below(0, 0.5):
        bar.add(KICK, 16, bonus=6)
    # Extra kicks: on the hi-hat grid when the limbs move together, anywhere playable
    # when they move independently.
    together = max(feel.fine_step, min(hat_step, EIGHTH))
    grid = feel.fine_step if dice.below(1, feel.independence) else together
    kicks = extra_count(feel.busy * 4.5 - 0.5, dice, 2)
    sprinkle(bar, KICK, feel, dice, 40, grid, kicks, exclude=BACKBEAT_STEPS)
    ghosts = extra_count(feel.busy * 3.5 - 1.5, dice, 3)
    sprinkle(bar, SNARE, feel, dice, 80, feel.fine_step, ghosts, (0, 16), V_GHOST, P_GHOST)
    for step in time_line(feel, dice, 120, bar=bar):
        bar.add(HIHAT, step)
    return bar
