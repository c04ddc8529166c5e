"""Dance-pop: four-on-the-floor kick, off-beat hi-hats, claps on 2 and 4."""

from __future__ import annotations

from ..dice import Dice
from ..feel import Feel
from ..grid import (
    EIGHTH,
    HIHAT,
    KICK,
    P_GHOST,
    P_LEVEL,
    SNARE,
    V_ACCENT,
    V_BACKBEAT,
    V_GHOST,
    V_LEVEL,
    Bar,
)
from .common import extra_count, sprinkle, time_line

BEATS = (0, 8, 16, 24)
OFFBEATS = (4, 12, 20, 28)
CLAP_PRIORITY = P_LEVEL[0] + 6


def _hats(bar: Bar, feel: Feel, dice: Dice) -> None:
    """Off-beat hats are the signature: they come first (as many as the pulse rate asks
    for), then hats between them (never on the kick's beats in unison). Split parts also
    keep time on the beats, so the hi-hat player shares time points with the kick player."""
    bar_s = 4 * 60.0 / feel.bpm
    wanted = feel.pulse_rate_hz * bar_s + dice.u(3) - 0.5
    offbeats = max(0, min(4, int(wanted)))
    offbeat_priority = P_LEVEL[0] + (-2 if feel.split else 8)
    for step in dice.pick(4, OFFBEATS, (1.0, 1.5, 1.0, 1.5), offbeats):
        bar.put(HIHAT, step, V_LEVEL[0], offbeat_priority)
    if feel.split:
        for step in BEATS:
            bar.add(HIHAT, step)
    if wanted > 4.5:
        line = time_line(feel, dice, 120, EIGHTH, bar)
        extra = [s for s in line if s not in BEATS + OFFBEATS]
        for step in extra:
            bar.add(HIHAT, step)


def motif(feel: Feel, dice: Dice) -> Bar:
    bar = Bar()
    for step in BEATS:
        bar.must(KICK, step, V_ACCENT if step == 0 else V_LEVEL[0])
    if feel.level >= 2.0 or dice.below(0, 0.3):
        for step in (8, 24):
            bar.put(SNARE, step, V_BACKBEAT, CLAP_PRIORITY)
    kicks = extra_count(feel.busy * 3.0 - 0.8, dice, 1)
    sprinkle(bar, KICK, feel, dice, 40, feel.fine_step, kicks)
    claps = extra_count(feel.busy * 3.5 - 1.2, dice, 2)
    sprinkle(bar, SNARE, feel, dice, 80, feel.fine_step, claps, BEATS, V_GHOST, P_GHOST)
    _hats(bar, feel, dice)
    return bar
