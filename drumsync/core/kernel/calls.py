"""Calls into the compiled scorer loops, taking and giving numpy arrays.

Each function here does what its numpy counterpart does (``batch._match`` and
``_Outcome.record``, ``scoring.fold_tiers``, ``sync.point_hit_times``) with the same
floating-point operations, so the results are identical; callers pick one or the other
through :func:`drumsync.core.kernel.compiled`.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np

from ..work_buffers import work_array
from . import NO_MEMORY, POINT_OUTSIDE_PART, address

#: The per-note columns a compiled judge fills in, in the order its C function takes them.
COLUMNS = ("tier", "offset_ms", "hit_time_s", "judged_time_s")


def _flat(array, dtype) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(array).reshape(-1), dtype=dtype)


def _shrunk(array: np.ndarray, length: int) -> np.ndarray:
    """``array`` cut to its first ``length`` entries in place, its tail handed back to the C
    library (no copy: the pages past ``length`` were never touched)."""
    array.resize(length, refcheck=False)
    return array


def event_columns(time_s, player, voice) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The event columns as flat contiguous float64, int8, int8 arrays of one length, or
    None when they are not already of those types (the caller then checks and converts
    them as the numpy path does)."""
    columns = [np.asarray(c).reshape(-1) for c in (time_s, player, voice)]
    types = [c.dtype for c in columns]
    if types != [np.float64, np.int8, np.int8] or len({len(c) for c in columns}) != 1:
        return None
    time_s, player, voice = (np.ascontiguousarray(c) for c in columns)
    return time_s, player, voice


def unjudged(
    library: ctypes.CDLL,
    part_time_s: np.ndarray,
    miss_s: float,
    miss_tier: int,
    outcome: dict[str, np.ndarray],
) -> None:
    """Fill ``outcome``'s per-note arrays (as :func:`judge` takes them) in as before any hit:
    a miss, nan offset and hit time, judged at ``part_time_s + miss_s``."""
    part_time_s = _flat(part_time_s, np.float64)
    if any(len(outcome[name]) != len(part_time_s) for name in COLUMNS):
        raise ValueError("outcome arrays do not match the notes")
    library.ds_unjudged(
        len(part_time_s),
        address(part_time_s),
        miss_s,
        miss_tier,
        *(address(outcome[name]) for name in COLUMNS),
    )


@dataclass(frozen=True)
class Judging:
    """What a compiled walk judges by: the chart's note groups (``note_groups``), each
    player's offset (s), the voices per player, the miss window (s) and the tier edges (ms)."""

    groups: object
    offsets_s: tuple[float, float]
    voice_count: int
    miss_s: float
    edges_ms: tuple[float, float, float]

    @classmethod
    def of(cls, groups, windows, offsets_ms: tuple[float, float], voice_count: int) -> Judging:
        return cls(
            groups,
            (offsets_ms[0] / 1000, offsets_ms[1] / 1000),
            voice_count,
            windows.miss_s,
            (windows.perfect_ms, windows.great_ms, windows.good_ms),
        )

    def arrays(self, columns) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(hits, offsets, tier edges, note_of, group starts) as the loops read them, after
        checking what the loops index by (they trust their arguments)."""
        time_s, player, voice = columns
        count = len(time_s)
        if len(player) != count or len(voice) != count:
            raise ValueError("event arrays differ in length")
        groups = self.groups
        note_of, start = _flat(groups.note_of, np.int64), _flat(groups.start, np.int64)
        if len(start) != 2 * self.voice_count + 1 or len(note_of) != len(groups.time_s):
            raise ValueError("note groups do not match the voice count")
        offsets = np.array(self.offsets_s, dtype=np.float64)
        return count, offsets, np.array(self.edges_ms, dtype=np.float64), note_of, start


def judge(
    library: ctypes.CDLL,
    columns: tuple[np.ndarray, np.ndarray, np.ndarray],
    judging: Judging,
    outcome: dict[str, np.ndarray],
) -> tuple[int, tuple[np.ndarray, np.ndarray]]:
    """Judge hits into ``outcome``'s per-note arrays (part order: ``tier``, ``offset_ms``,
    ``hit_time_s``, ``judged_time_s``, filled in for unhit notes). Returns ``ds_judge``'s
    code and each player's stray judged times, in time order; unless the code is
    :data:`~drumsync.core.kernel.JUDGED` the arrays are partly written and must be dropped."""
    count, offsets, edges, note_of, start = judging.arrays(columns)
    if any(len(outcome[name]) != len(note_of) for name in COLUMNS):
        raise ValueError("outcome arrays do not match the notes")
    strays = (np.empty(count), np.empty(count))
    stray_count = np.zeros(2, dtype=np.int64)
    scratch = np.empty(2 * judging.voice_count, dtype=np.int64)
    code = library.ds_judge(
        count,
        *(address(c) for c in (*columns, offsets)),
        judging.voice_count,
        *(address(c) for c in (judging.groups.time_s, note_of, start)),
        judging.miss_s,
        address(edges),
        *(address(outcome[name]) for name in COLUMNS),
        address(strays[0]),
        address(strays[1]),
        address(stray_count),
        address(scratch),
    )
    found = tuple(_shrunk(strays[p], int(stray_count[p])) for p in (0, 1))
    for times in found:
        times.flags.writeable = False
    return code, found  # type: ignore[return-value]


def _fold_rules(rules) -> tuple[np.ndarray, np.ndarray, int, int, int]:
    """The fold's rules (base points, step points, miss tier, combo step, max combo steps)
    as the loops read them, checked: points for every tier up to the miss."""
    base, step, miss_tier, combo_step, max_steps = rules
    base, step = _flat(base, np.int64), _flat(step, np.int64)
    if len(base) <= miss_tier or len(step) <= miss_tier:
        raise ValueError("the fold needs points for every tier")
    return base, step, miss_tier, combo_step, max_steps


def fold(
    library: ctypes.CDLL, tiers: np.ndarray, order: np.ndarray, rules
) -> tuple[int, int, int, tuple[int, ...]]:
    """(points, final combo, max combo, count of each tier up to the miss) of the tiers
    (all valid, 0 .. the miss tier) taken in ``order``, by ``rules`` (base points, step
    points, miss tier, combo step, max combo steps: ``scoring.FOLD_RULES``)."""
    tiers = _flat(tiers, np.int8)
    order = _flat(order, np.int64)
    base, step, miss_tier, combo_step, max_steps = _fold_rules(rules)
    out = np.zeros(4 + miss_tier, dtype=np.int64)
    if len(order) != len(tiers):
        raise ValueError("a fold takes every note once")
    code = library.ds_fold(
        len(order),
        address(tiers),
        address(order),
        address(base),
        address(step),
        miss_tier,
        combo_step,
        max_steps,
        address(out),
    )
    if code:
        raise ValueError(f"fold order out of range, or a tier not in 0 .. {miss_tier}")
    points, combo, max_combo, *counts = out.tolist()
    return points, combo, max_combo, tuple(counts)


def point_hit_times(
    library: ctypes.CDLL,
    tier: np.ndarray,
    hit_time_s: np.ndarray,
    start: np.ndarray,
    stop: np.ndarray,
    good_tier: int,
) -> np.ndarray:
    """Per point, the mean hit time of its notes judged good or better (nan when none)."""
    start, stop = _flat(start, np.int64), _flat(stop, np.int64)
    tier, hit_time_s = _flat(tier, np.int8), _flat(hit_time_s, np.float64)
    out = np.empty(len(start))
    if len(hit_time_s) != len(tier) or len(stop) != len(start):
        raise ValueError("point or note arrays differ in length")
    if len(start):
        code = library.ds_point_hit_times(
            len(start),
            address(start),
            address(stop),
            len(tier),
            address(tier),
            address(hit_time_s),
            good_tier,
            address(out),
        )
        if code:
            raise ValueError("a point's note range is empty or outside the part")
    return out


def shared_points(
    library: ctypes.CDLL, t1: np.ndarray, t2: np.ndarray, tolerance_s: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The note ranges (start1, stop1, start2, stop2) of the time points both parts share,
    or None when a part's times are not finite and in order (the numpy path decides then)."""
    t1, t2 = _flat(t1, np.float64), _flat(t2, np.float64)
    starts1, starts2 = np.empty(len(t1) + 1, np.int64), np.empty(len(t2) + 1, np.int64)
    ranges = [np.empty(min(len(t1), len(t2)), np.int64) for _ in range(4)]
    shared = library.ds_shared_points(
        len(t1),
        address(t1),
        len(t2),
        address(t2),
        tolerance_s,
        address(starts1),
        address(starts2),
        *(address(row) for row in ranges),
    )
    if shared < 0:
        return None
    start1, stop1, start2, stop2 = (_shrunk(row, shared) for row in ranges)
    return start1, stop1, start2, stop2


def pair_deltas(
    library: ctypes.CDLL,
    point_time_s: tuple[np.ndarray, np.ndarray],
    hit_time_s: tuple[np.ndarray, np.ndarray],
    edges_ms: np.ndarray,
):
    """(both hit, delta ms, |delta| ms, sync tier counts, the lag correlations' pairs) of
    the shared points: see ``ds_pair_deltas``. The pairs ((x, y) for lags -1, 0, +1) are
    views of arrays this thread keeps: valid until the next call, and free to work in."""
    t1, t2, h1, h2 = (_flat(c, np.float64) for c in (*point_time_s, *hit_time_s))
    points = len(t1)
    if not (len(t2) == len(h1) == len(h2) == points):
        raise ValueError("point and hit time arrays differ in length")
    edges = _flat(edges_ms, np.float64)
    if len(edges) != 3:
        raise ValueError("the sync tiers have three edges")
    both = np.empty(points, dtype=np.bool_)
    delta_ms, abs_delta_ms = np.empty(points), np.empty(points)
    tier_counts = np.empty(4, dtype=np.int64)
    lag_x = work_array("lag_x", 3 * points).reshape(3, points)
    lag_y = work_array("lag_y", 3 * points).reshape(3, points)
    lag_count = np.zeros(3, dtype=np.int64)
    count = library.ds_pair_deltas(
        points,
        *(address(c) for c in (t1, t2, h1, h2, edges, both, delta_ms, abs_delta_ms)),
        *(address(c) for c in (tier_counts, lag_x, lag_y, lag_count)),
    )
    pairs = tuple((lag_x[r, :n], lag_y[r, :n]) for r, n in enumerate(lag_count.tolist()))
    return both, _shrunk(delta_ms, count), _shrunk(abs_delta_ms, count), tier_counts, pairs


def score_match(
    library: ctypes.CDLL,
    columns: tuple[np.ndarray, np.ndarray, np.ndarray],
    judging: Judging,
    fold_rules,
    good_tier: int,
    points,
):
    """Judge and score a match in one call (``ds_score_match``). Returns its code and, when
    the code is :data:`~drumsync.core.kernel.JUDGED`, per player (points, final combo, max
    combo, tier counts, strays, hit notes' offsets in note order) and the per-point hit
    times of both players. ``fold_rules`` as :func:`fold` takes them; ``good_tier`` the
    worst tier a point's hit time counts; ``points`` the chart's shared points."""
    count, offsets, edges, note_of, start = judging.arrays(columns)
    part_t = _flat(judging.groups.part_time_s, np.float64)
    notes, split = len(part_t), int(judging.groups.split)
    if len(note_of) != notes or not 0 <= split <= notes:
        raise ValueError("note groups do not match the parts")
    base, step, miss_tier, combo_step, max_steps = _fold_rules(fold_rules)
    if miss_tier != 3:  # each player's row: 3 fold values, 4 tier counts, strays, hits
        raise ValueError("the compiled scorer counts four tiers")
    ranges = [_flat(a, np.int64) for p in (0, 1) for a in (points.start[p], points.stop[p])]
    if len({len(a) for a in ranges}) != 1:
        raise ValueError("shared point ranges differ in length")
    point_count = len(ranges[0])
    out = np.zeros((2, 9), dtype=np.int64)
    hit_offsets = (work_array("offsets_p1", split), work_array("offsets_p2", notes - split))
    hits = (np.empty(point_count), np.empty(point_count))
    code = library.ds_score_match(
        count,
        *(address(c) for c in (*columns, offsets)),
        judging.voice_count,
        *(address(c) for c in (judging.groups.time_s, note_of, start)),
        notes,
        address(part_t),
        split,
        judging.miss_s,
        *(address(c) for c in (edges, base, step)),
        miss_tier,
        combo_step,
        max_steps,
        good_tier,
        point_count,
        *(address(c) for c in ranges),
        *(address(c) for c in (out, *hit_offsets, *hits)),
    )
    if code == POINT_OUTSIDE_PART:
        raise ValueError("a shared point's note range is empty or outside its part")
    if code == NO_MEMORY:
        raise MemoryError("no memory for scoring the match")
    players = []
    for p, row in enumerate(out.tolist()):
        points_, combo, max_combo, *tier_counts, strays, hit = row
        players.append(
            (points_, combo, max_combo, tuple(tier_counts), strays, hit_offsets[p][:hit])
        )
    return code, tuple(players), hits


__all__ = [
    "COLUMNS",
    "Judging",
    "event_columns",
    "fold",
    "judge",
    "pair_deltas",
    "point_hit_times",
    "score_match",
    "shared_points",
    "unjudged",
]
