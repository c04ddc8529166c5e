"""Render a song plan at an intensity level: tile motifs, vary, fill, crash, then make
each player's part playable."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .feel import Feel
from .fills import apply_fill, fill_notes
from .grid import CRASH, HIHAT, KICK, P_CRASH, SNARE, STEPS_PER_BAR, V_ACCENT, VOICES, Bar
from .plan import PhrasePlan, SongPlan
from .playable import playable_notes
from .structure import SECTION_LEVEL_OFFSET
from .styles import MOTIFS
from .styles.common import split_accents
from .thinning import thin
from .variation import vary

UNISON_VOICES = (KICK, SNARE, HIHAT, CRASH)
SPLIT_VOICES = ((KICK, SNARE), (HIHAT, CRASH))


@dataclass(frozen=True, slots=True)
class PlayerNotes:
    """One player's notes on the grid: step (32nds from beat 0), voice, velocity."""

    step: np.ndarray
    voice: np.ndarray
    velocity: np.ndarray


def _phrase_block(plan: SongPlan, item: PhrasePlan, motif: Bar, feel: Feel):
    phrase = item.phrase
    vel = np.tile(motif.vel, (1, phrase.bars))
    pri = np.tile(motif.pri, (1, phrase.bars))
    for slot, offset in enumerate(item.variation_bars):
        varied = vary(motif, feel, item.dice, 8 + 4 * slot, plan.args.style)
        cols = slice(offset * STEPS_PER_BAR, (offset + 1) * STEPS_PER_BAR)
        vel[:, cols], pri[:, cols] = varied.vel, varied.pri
    key = ("fill", phrase.index, feel.level)
    if key not in plan.memo:
        plan.memo[key] = fill_notes(feel, plan.motif_dice[phrase.section], item.dice)
    fill = apply_fill(motif, plan.memo[key])
    vel[:, -STEPS_PER_BAR:], pri[:, -STEPS_PER_BAR:] = fill.vel, fill.pri
    # The phrase opens with a crash on its downbeat (after the previous phrase's fill).
    vel[HIHAT, 0] = 0
    pri[HIHAT, 0] = 0
    vel[CRASH, 0], pri[CRASH, 0] = V_ACCENT, P_CRASH
    return vel, pri


def render_grid(plan: SongPlan, level: float, thinning: float, phrases: tuple[PhrasePlan, ...]):
    """Chart-wide ``(vel, pri)`` arrays of shape (voices, steps) for the given phrases."""
    end_bar = max((p.phrase.start_bar + p.phrase.bars for p in phrases), default=0)
    vel = np.zeros((VOICES, end_bar * STEPS_PER_BAR), dtype=np.float32)
    pri = np.zeros((VOICES, end_bar * STEPS_PER_BAR), dtype=np.int16)
    args = plan.args
    build = MOTIFS[args.style]
    motifs: dict[str, tuple[Feel, Bar]] = {}
    for item in phrases:
        name = item.phrase.section
        if name not in motifs:
            feel = Feel(level, args.bpm, plan.gap_steps, args.split, thinning)
            feel = feel.shifted(SECTION_LEVEL_OFFSET.get(name, 0.0))
            motif = build(feel, plan.motif_dice[name])
            if args.split:
                split_accents(motif, feel, plan.motif_dice[name], 150)
            motif = thin(motif, thinning, plan.thin_keys[name])
            motifs[name] = (feel, motif)
        feel, motif = motifs[name]
        block_vel, block_pri = _phrase_block(plan, item, motif, feel)
        start = item.phrase.start_bar * STEPS_PER_BAR
        vel[:, start : start + block_vel.shape[1]] = block_vel
        pri[:, start : start + block_pri.shape[1]] = block_pri
    return vel, pri


def render_players(
    plan: SongPlan,
    level: float,
    thinning: float = 0.0,
    phrases: tuple[PhrasePlan, ...] | None = None,
) -> tuple[PlayerNotes, PlayerNotes]:
    """Both players' playable notes at ``level`` and ``thinning`` (all phrases unless given)."""
    vel, pri = render_grid(plan, level, thinning, plan.phrases if phrases is None else phrases)
    if plan.args.split:
        return tuple(  # type: ignore[return-value]
            PlayerNotes(*playable_notes(vel, pri, voices, plan.gap_steps))
            for voices in SPLIT_VOICES
        )
    notes = PlayerNotes(*playable_notes(vel, pri, UNISON_VOICES, plan.gap_steps))
    return notes, notes
