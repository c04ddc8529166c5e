"""Euclidean: every voice is a rotation of E(k, n); k follows the level and tempo."""

from __future__ import annotations

from ...euclid import euclid
from ..dice import Dice
from ..feel import Feel
from ..grid import (
    BEATS_PER_BAR,
    HIHAT,
    KICK,
    P_MUST,
    SIXTEENTH,
    SNARE,
    STEPS_PER_BAR,
    V_ACCENT,
    Bar,
    level_velocity,
)

# Euclidean lines are thinned by lowering k (see motif), so their notes sit above the
# priority that generic thinning may drop; kick over snare over hi-hat.
KICK_PRIORITY, SNARE_PRIORITY, HAT_PRIORITY = P_MUST + 10, P_MUST + 5, P_MUST + 1


def _cycle(
    rate_hz: float, feel: Feel, finest: int, dice: Dice, slot: int, fill: float = 0.75
) -> tuple[int, int]:
    """``(k, n)``: about ``rate_hz`` onsets per second on the coarsest n-step cycle of one
    bar (grid no finer than ``finest``) that keeps k at most ``fill`` of n."""
    bar_s = BEATS_PER_BAR * 60.0 / feel.bpm
    k = max(1, int(rate_hz * bar_s + dice.u(slot)))
    n = 4
    while n < STEPS_PER_BAR // finest and k > fill * n:
        n *= 2
    return min(n - 1, k), n


def _steps(k: int, n: int, rotation: int) -> list[int]:
    grid = STEPS_PER_BAR // n
    return [i * grid for i, hit in enumerate(euclid(k, n, rotation)) if hit]


def _place(bar: Bar, voice: int, steps: list[int], priority: int) -> None:
    for step in steps:
        bar.put(voice, step, level_velocity(step), priority)


def _thinned(k: int, n: int, share: float) -> tuple[int, int]:
    """Fewer onsets on the same cycle: thinning keeps the line Euclidean."""
    return max(1, k - round(share * (k - 1))), n


def _snare_line(k: int, n: int, finest: int, dice: Dice, kick: set[int]) -> list[int]:
    """E(k, n) rotated to leave the downbeat to the kick (and the phrase's crash) and to
    miss the kick (so the hi-hat never has to give way to both). If no rotation of the
    n-step cycle misses the kick, finer cycles are tried; random among equals."""
    first = dice.index(2, 1024)
    size = n
    while size <= STEPS_PER_BAR // finest:
        order = [(first + i) % size for i in range(size)]
        for r in order:
            steps = _steps(k, size, r)
            if steps[0] != 0 and not kick.intersection(steps):
                return steps
        size *= 2
    order = [(first + i) % n for i in range(n)]
    best = min(order, key=lambda r: (euclid(k, n, r)[0], len(kick.intersection(_steps(k, n, r)))))
    return _steps(k, n, best)


def _hat_rotation(k: int, n: int, dice: Dice, kick: set[int], snare: set[int], split: bool):
    """A random rotation. Unison: one that never meets kick and snare together (a player
    has two hands for three drums). Split: the one sharing most time points with kick and
    snare (the hi-hat belongs to the other player, who must meet them)."""
    first = dice.index(4, n)
    order = [(first + i) % n for i in range(n)]
    if split:
        return max(order, key=lambda r: len((kick | snare).intersection(_steps(k, n, r))))
    both = kick & snare
    return min(order, key=lambda r: len(both.intersection(_steps(k, n, r))))


def motif(feel: Feel, dice: Dice) -> Bar:
    bar = Bar()
    scale = 2.0 ** ((feel.level - 1.0) / 4.5)
    finest = max(feel.fine_step, SIXTEENTH if feel.level < 8.0 else 1)
    share = feel.thinning
    k, n = _thinned(*_cycle(0.9 * scale, feel, finest, dice, 0), share / 2.0)
    kick = _steps(k, n, 0)  # the kick starts on the downbeat
    _place(bar, KICK, kick, KICK_PRIORITY)
    bar.put(KICK, 0, V_ACCENT, KICK_PRIORITY)
    k, n = _thinned(*_cycle(0.55 * scale, feel, finest, dice, 1, 0.5), share)
    snare = _snare_line(k, n, finest, dice, set(kick))
    _place(bar, SNARE, snare, SNARE_PRIORITY)
    k, n = _thinned(*_cycle(feel.pulse_rate_hz, feel, finest, dice, 3), share)
    rotation = _hat_rotation(k, n, dice, set(kick), set(snare), feel.split)
    _place(bar, HIHAT, _steps(k, n, rotation), HAT_PRIORITY)
    return bar
