"""Each style's signature, checked over many seeds, difficulties and tempos."""

from __future__ import annotations

import itertools
from functools import cache

import pytest

from drumsync.core.euclid import euclid
from drumsync.core.generator import fill_bars, generate_chart, phrases
from drumsync.core.voices import Voice

KICK, SNARE, HIHAT, CRASH = (int(v) for v in Voice)
STEPS_PER_BEAT = 8  # 32nd-note grid: beats 0..3 are steps 0, 8, 16, 24


@cache
def chart(style, seed, bpm, difficulty, parts="unison", bars=16):
    return generate_chart(seed, style, bpm, difficulty, bars, parts)


def bar_steps(part, bar, voice, beats_per_bar=4):
    """Steps (32nds from the bar's downbeat) where ``voice`` plays in ``bar``."""
    start = bar * beats_per_bar
    mask = (part.beat >= start) & (part.beat < start + beats_per_bar) & (part.voice == voice)
    return sorted(round(float(b - start) * STEPS_PER_BEAT) for b in part.beat[mask])


def plain_bars(c):
    fills = set(fill_bars(c))
    return [b for b in range(c.meta.bars) if b not in fills]


def share_of_bars(c, player, predicate):
    bars = plain_bars(c)
    return sum(predicate(c.parts[player], b) for b in bars) / len(bars)


CASES = list(itertools.product(range(1, 11), (90.0, 120.0, 160.0), ("unison", "split"), range(2)))


@pytest.mark.parametrize(("difficulty", "bpm", "parts", "seed"), CASES)
def test_dance_pop_kick_on_every_beat(difficulty, bpm, parts, seed):
    c = chart("dance-pop", seed * 31 + difficulty, bpm, difficulty, parts)
    on_every_beat = share_of_bars(c, 0, lambda p, b: {0, 8, 16, 24} <= set(bar_steps(p, b, KICK)))
    assert on_every_beat >= 0.8


@pytest.mark.parametrize(("difficulty", "bpm", "parts", "seed"), CASES)
def test_rock_snare_on_two_and_four(difficulty, bpm, parts, seed):
    c = chart("rock", seed * 31 + difficulty, bpm, difficulty, parts)
    backbeat = share_of_bars(c, 0, lambda p, b: {8, 24} <= set(bar_steps(p, b, SNARE)))
    assert backbeat >= 0.8


@pytest.mark.parametrize("seed", range(6))
def test_dance_pop_hats_on_the_offbeats(seed):
    c = chart("dance-pop", seed, 120.0, 5)
    offbeats = share_of_bars(c, 0, lambda p, b: {4, 12, 20, 28} <= set(bar_steps(p, b, HIHAT)))
    assert offbeats >= 0.8


def longest_run(steps, spacing):
    best = run = 0
    previous = None
    for step in steps:
        run = run + 1 if previous is not None and step - previous == spacing else 1
        best, previous = max(best, run), step
    return best


@pytest.mark.parametrize(
    ("difficulty", "bpm", "seed"), list(itertools.product((9, 10), (100.0, 120.0), range(5)))
)
def test_metal_double_kick_runs_of_sixteenths_at_high_difficulty(difficulty, bpm, seed):
    c = chart("metal", seed, bpm, difficulty, bars=16)
    runs = [longest_run(bar_steps(c.parts[0], b, KICK), 2) for b in plain_bars(c)]
    assert max(runs) >= 4


@pytest.mark.parametrize("seed", range(6))
def test_metal_keeps_its_feet_calm_at_low_difficulty(seed):
    c = chart("metal", seed, 120.0, 2, bars=16)
    runs = [longest_run(bar_steps(c.parts[0], b, KICK), 2) for b in plain_bars(c)]
    assert max(runs) <= 1


def is_euclidean(steps):
    """Whether the onsets are a rotation of some E(k, n) on a 4/8/16/32-step bar grid."""
    if not steps:
        return False
    for n in (4, 8, 16, 32):
        grid = 32 // n
        if any(s % grid for s in steps):
            continue
        cells = [False] * n
        for s in steps:
            cells[s // grid] = True
        if any(tuple(cells) == euclid(len(steps), n, r) for r in range(n)):
            return True
    return False


@pytest.mark.parametrize(
    ("difficulty", "bpm", "parts"),
    list(itertools.product(range(1, 11), (90.0, 120.0, 180.0), ("unison", "split"))),
)
def test_euclidean_parts_are_built_from_euclidean_rhythms(difficulty, bpm, parts):
    c = chart("euclidean", difficulty, bpm, difficulty, parts, bars=16)
    kick = share_of_bars(c, 0, lambda p, b: is_euclidean(bar_steps(p, b, KICK)))
    snare = share_of_bars(c, 0, lambda p, b: is_euclidean(bar_steps(p, b, SNARE)))
    assert kick >= 0.8
    assert snare >= 0.6  # ghost-note variations and playability trims may touch a few
    # The cymbal line (hi-hat, with the crashes that replace some of its notes), away
    # from the phrase-opening crash.
    player = 1 if parts == "split" else 0
    starts = {p.start_bar for p in phrases(c)}
    bars = [b for b in plain_bars(c) if b not in starts]
    part = c.parts[player]
    cymbals = [sorted(bar_steps(part, b, HIHAT) + bar_steps(part, b, CRASH)) for b in bars]
    if bars:
        assert sum(map(is_euclidean, cymbals)) / len(bars) >= 0.6


def test_euclidean_uses_rotations():
    rotated = 0
    for seed in range(10):
        c = chart("euclidean", seed, 120.0, 5)
        steps = bar_steps(c.parts[0], 1, SNARE)
        rotated += bool(steps) and steps[0] != 0
    assert rotated >= 8
