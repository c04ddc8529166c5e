"""Metal: double-kick runs, a driving ride/hi-hat, backbeat, half-time or skank snare."""

from __future__ import annotations

from ..dice import Dice
from ..feel import Feel
from ..grid import (
    EIGHTH,
    HIHAT,
    KICK,
    P_LEVEL,
    SIXTEENTH,
    SNARE,
    STEPS_PER_BEAT,
    V_ACCENT,
    V_BACKBEAT,
    V_LEVEL,
    Bar,
    grid_steps,
    level_velocity,
)
from .common import blend_line, extra_count, sprinkle, time_line

RUN_PRIORITY = P_LEVEL[1] + 6


def _snare(bar: Bar, feel: Feel, dice: Dice) -> None:
    mode = dice.u(0)
    if feel.level >= 6.0 and mode < 0.3:  # skank beat: snare on every off-beat 8th
        for step in grid_steps(EIGHTH, 4):
            bar.must(SNARE, step, V_BACKBEAT)
    elif feel.level < 4.0 and mode < 0.4:  # half time
        bar.must(SNARE, 16, V_BACKBEAT)
    else:
        bar.must(SNARE, 8, V_BACKBEAT)
        bar.must(SNARE, 24, V_BACKBEAT)


def motif(feel: Feel, dice: Dice) -> Bar:
    bar = Bar()
    _snare(bar, feel, dice)
    bar.must(KICK, 0, V_ACCENT)
    bar.add(KICK, 16, bonus=6)
    run_beats = extra_count((feel.level - 3.5) / 1.5, dice, 1)
    run_beats = min(4, run_beats)
    beats = dice.pick(8, range(4), [1.0, 1.2, 1.0, 1.4], run_beats)
    # Double-kick runs: 8ths filling in towards 16ths as the level rises (never 32nds).
    for beat in beats:
        start = beat * STEPS_PER_BEAT
        run = blend_line(
            feel, dice, 100, feel.run_rate_hz, EIGHTH, start, start + STEPS_PER_BEAT, SIXTEENTH
        )
        for s in run:
            bar.put(KICK, s, level_velocity(s) if s % 8 else V_LEVEL[0], RUN_PRIORITY)
    kicks = extra_count(feel.busy * 3.0 - 0.5, dice, 2)
    sprinkle(bar, KICK, feel, dice, 40, max(feel.fine_step, EIGHTH), kicks)
    for step in time_line(feel, dice, 120, bar=bar):
        if step % EIGHTH == 0 or feel.split:  # unison: the ride drives in 8ths at most
            bar.add(HIHAT, step)
    return bar
