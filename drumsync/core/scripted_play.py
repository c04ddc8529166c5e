"""Scripted drummers: each hit worked out in advance, seeded and deterministic.

For each *group* of a player's notes (notes at the same time) the asynchrony in ms is::

    intended = mean_ms + drift          (drift: AR(1), stationary SD drift_sd_ms)
    a        = intended + noise          (noise: N(0, sd_ms))
             + pull * (partner_last - intended)

``partner_last`` is the partner's latest heard asynchrony from a strictly earlier group
(none yet: no pull). So ``pull`` moves the player's intention that far toward the
partner's last hit (1 = copy it). Blending with the *intended* timing rather than the
player's own previous asynchrony keeps two adaptive drummers stable (the latter form
oscillates without bound once the two pulls add up to 1).

Each note of a group is hit at ``a`` plus per-hand jitter (``hand_sd_ms``, chords only),
or missed with ``miss_p``. After a group, a stray hit (random voice) follows with
``stray_p``, in the middle half of the gap to the player's next group. Each player draws
from its own stream ``default_rng([seed, player])``, so one player's events do not depend
on the other's model unless pull couples them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .chart import Chart
from .drummers import DrummerModel
from .errors import SpecError
from .events import EventArrays, InputEvent
from .voices import PLAYERS, VOICE_COUNT, Player, Voice


@dataclass(frozen=True, eq=False)
class _Plan:
    """One player's pre-drawn randomness, turned into per-group and per-note arrays."""

    note_time_s: np.ndarray
    note_voice: np.ndarray
    group_time_s: np.ndarray  # unique note times
    group_of_note: np.ndarray
    intended_ms: np.ndarray  # mean + drift, per group
    noise_ms: np.ndarray  # per group
    jitter_ms: np.ndarray  # per note, zero outside chords
    limb_ms: np.ndarray  # per note, the limb offset of its voice
    hit: np.ndarray  # per note: not missed
    heard: np.ndarray  # per group: at least one note hit
    stray_time_s: np.ndarray
    stray_voice: np.ndarray


def check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise SpecError(f"bot seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def _ar1(z: np.ndarray, sd: float, ar: float) -> np.ndarray:
    """Stationary AR(1) with marginal SD ``sd`` driven by standard normals ``z``."""
    out = np.zeros(len(z))
    if sd == 0.0 or len(z) == 0:
        return out
    innovation = sd * math.sqrt(max(0.0, 1.0 - ar * ar))
    values = (z * innovation).tolist()
    level = sd * float(z[0])
    values[0] = level
    for k in range(1, len(values)):
        level = ar * level + values[k]
        values[k] = level
    return np.asarray(values)


def _plan(chart: Chart, player: Player, model: DrummerModel, seed: int) -> _Plan:
    part = chart.part(player)
    times = np.asarray(part.time_s, dtype=np.float64)
    group_time_s, group_of_note, group_size = np.unique(
        times, return_inverse=True, return_counts=True
    )
    n_groups, n_notes = len(group_time_s), len(times)
    rng = np.random.default_rng([seed, int(player)])
    z_noise = rng.standard_normal(n_groups)
    z_drift = rng.standard_normal(n_groups)
    z_hand = rng.standard_normal(n_notes)
    u_miss = rng.random(n_notes)
    u_stray = rng.random(n_groups)
    u_place = rng.random(n_groups)
    stray_voices = rng.integers(0, VOICE_COUNT, n_groups)

    intended = model.mean_ms + _ar1(z_drift, model.drift_sd_ms, model.drift_ar)
    in_chord = group_size[group_of_note] > 1
    jitter = np.where(in_chord, model.hand_sd_ms * z_hand, 0.0)
    hit = u_miss >= model.miss_p
    heard = np.zeros(n_groups, dtype=bool)
    np.logical_or.at(heard, group_of_note, hit)

    strays = u_stray < model.stray_p
    next_time = np.append(group_time_s[1:], group_time_s[-1:] + chart.seconds_per_beat)
    gap = next_time - group_time_s
    stray_time = group_time_s + gap * (0.25 + 0.5 * u_place)
    return _Plan(
        note_time_s=times,
        note_voice=np.asarray(part.voice, dtype=np.int8),
        group_time_s=group_time_s,
        group_of_note=group_of_note,
        intended_ms=intended,
        noise_ms=model.sd_ms * z_noise,
        jitter_ms=jitter,
        limb_ms=np.asarray(model.limb_offsets_ms())[np.asarray(part.voice, dtype=np.int64)],
        hit=hit,
        heard=heard,
        stray_time_s=stray_time[strays],
        stray_voice=stray_voices[strays].astype(np.int8),
    )


def _asynchrony(plans: tuple[_Plan, _Plan], pulls: tuple[float, float]) -> list[np.ndarray]:
    """Per-group asynchrony (ms) of both players, stepping jointly through time for pull."""
    result = [plan.intended_ms + plan.noise_ms for plan in plans]
    if not any(pulls):
        return result
    values = [r.tolist() for r in result]
    intended = [plan.intended_ms.tolist() for plan in plans]
    times = [plan.group_time_s.tolist() for plan in plans]
    heard = [plan.heard.tolist() for plan in plans]
    sizes = [len(t) for t in times]
    index = [0, 0]
    last: list[float | None] = [None, None]
    while index[0] < sizes[0] or index[1] < sizes[1]:
        now = min(times[p][index[p]] for p in (0, 1) if index[p] < sizes[p])
        active = [p for p in (0, 1) if index[p] < sizes[p] and times[p][index[p]] == now]
        for p in active:
            partner_last = last[1 - p]
            if pulls[p] and partner_last is not None:
                g = index[p]
                values[p][g] += pulls[p] * (partner_last - intended[p][g])
        for p in active:
            if heard[p][index[p]]:
                last[p] = values[p][index[p]]
            index[p] += 1
    return [np.asarray(v, dtype=np.float64) for v in values]


def _player_arrays(plan: _Plan, asynchrony_ms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    offset_s = (asynchrony_ms[plan.group_of_note] + plan.jitter_ms + plan.limb_ms) / 1000.0
    times = np.concatenate([(plan.note_time_s + offset_s)[plan.hit], plan.stray_time_s])
    voices = np.concatenate([plan.note_voice[plan.hit], plan.stray_voice])
    return times, voices


def merge_players(per_player: list[tuple[np.ndarray, np.ndarray]]) -> EventArrays:
    times = np.concatenate([t for t, _ in per_player])
    voices = np.concatenate([v for _, v in per_player]).astype(np.int8)
    players = np.concatenate(
        [
            np.full(len(t), int(p), dtype=np.int8)
            for p, (t, _) in zip(PLAYERS, per_player, strict=True)
        ]
    )
    order = np.lexsort((voices, players, times))
    return EventArrays(time_s=times[order], player=players[order], voice=voices[order])


def scripted_arrays(chart: Chart, p1: DrummerModel, p2: DrummerModel, seed: int = 0) -> EventArrays:
    """Both scripted players' hits as time-sorted columns (ties: by player, then voice)."""
    seed = check_seed(seed)
    plans = (_plan(chart, Player.P1, p1, seed), _plan(chart, Player.P2, p2, seed))
    asynchrony = _asynchrony(plans, (p1.pull, p2.pull))
    return merge_players([_player_arrays(plans[p], asynchrony[p]) for p in range(len(plans))])


def bot_events(
    chart: Chart, player: Player, model: DrummerModel, seed: int = 0
) -> list[InputEvent]:
    """One simulated player's hits, time-ordered, for a bot partner in live play.

    There is no partner to pull toward, so ``pull`` has no effect; otherwise these are
    exactly the events :func:`simulate` gives that player with the same seed.
    """
    seed = check_seed(seed)
    player = Player(player)
    plan = _plan(chart, player, model, seed)
    times, voices = _player_arrays(plan, plan.intended_ms + plan.noise_ms)
    order = np.lexsort((voices, times))
    voice_of = list(Voice)
    return [
        InputEvent(t, player, voice_of[v], model.source)
        for t, v in zip(times[order].tolist(), voices[order].tolist(), strict=True)
    ]


__all__ = ["bot_events", "check_seed", "merge_players", "scripted_arrays"]
