"""Playability limits for one player: at most two voices at a time and a minimum gap
between consecutive note times. When notes collide, the higher-priority ones survive."""

from __future__ import annotations

import numpy as np

MAX_SIMULTANEOUS = 2


def limit_chords(present: np.ndarray, pri: np.ndarray) -> np.ndarray:
    """Keep at most ``MAX_SIMULTANEOUS`` voices per step, highest priority first
    (ties go to the lower voice index)."""
    voices = present.shape[0]
    if voices <= MAX_SIMULTANEOUS:
        return present
    ranked = np.where(present, pri.astype(np.int32), -1)
    order = np.argsort(-ranked, axis=0, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(voices)[:, None].repeat(ranked.shape[1], 1), 0)
    return present & (rank < MAX_SIMULTANEOUS)


def spread_steps(steps: np.ndarray, step_pri: np.ndarray, gap_steps: int, size: int) -> np.ndarray:
    """Boolean mask over ``steps``: a greedy, priority-first choice of steps in which any two
    kept steps are at least ``gap_steps`` apart (ties go to the earlier step)."""
    keep = np.ones(len(steps), dtype=bool)
    if gap_steps <= 1 or len(steps) < 2:
        return keep
    if np.all(np.diff(steps) >= gap_steps):
        return keep
    order = np.lexsort((steps, -step_pri.astype(np.int64)))
    occupied = bytearray(size + 2 * gap_steps)
    reach = 2 * gap_steps - 1
    steps_list = steps.tolist()
    for index in order.tolist():
        at = steps_list[index]
        if occupied.find(1, at + 1, at + 1 + reach) >= 0:
            keep[index] = False
        else:
            occupied[at + gap_steps] = 1
    return keep


def playable_notes(
    vel: np.ndarray, pri: np.ndarray, voices: tuple[int, ...], gap_steps: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One player's notes from the chart-wide pattern arrays, restricted to ``voices``.

    Returns ``(step, voice, velocity)`` sorted by step then voice.
    """
    sub_vel = vel[list(voices)]
    sub_pri = pri[list(voices)]
    present = limit_chords(sub_vel > 0, sub_pri)
    any_note = present.any(axis=0)
    steps = np.flatnonzero(any_note)
    step_pri = np.where(present[:, steps], sub_pri[:, steps], -1).max(axis=0)
    kept_steps = steps[spread_steps(steps, step_pri, gap_steps, vel.shape[1])]
    kept = np.zeros(vel.shape[1], dtype=bool)
    kept[kept_steps] = True
    present &= kept[None, :]
    step_idx, voice_idx = np.nonzero(present.T)
    voice_ids = np.asarray(voices, dtype=np.int8)[voice_idx]
    velocity = sub_vel[voice_idx, step_idx]
    order = np.lexsort((voice_ids, step_idx))
    return step_idx[order], voice_ids[order], velocity[order]
