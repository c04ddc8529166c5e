"""The batch scorer: the live judge's rules over a whole match at once, with identical results.

Where the install could compile them, the loops of :mod:`.kernel` walk the hits once in
time order, each (player, voice) keeping its pointer into its notes, exactly as the live
judge does (:func:`_judge_compiled`). Elsewhere the numpy path below does the same work over
whole arrays; both give identical judgements, and the tests run every check on both.

Per (player, voice) the live judge's state is a single pointer into that voice's notes. For
the k-th hit (in time order) with judged time ``t_k``:

* ``lb_k`` = first note with ``note_t >= t_k - miss_s`` (``searchsorted`` left),
* ``ub_k`` = first note with ``note_t > t_k + miss_s`` (``searchsorted`` right),
* ``p_k = max(lb_k, p_{k-1} + c_{k-1})`` with ``p_{-1} + c_{-1} = 0``, and the hit consumes
  note ``p_k`` iff ``c_k = p_k < ub_k``; otherwise it is a stray.

Given the consumptions ``c``, the recurrence unrolls to ``p = C + cummax(lb - C)`` with
``C`` the exclusive cumulative sum of ``c``. We guess ``c``, compute ``p``, recompute ``c``
and repeat. The next free note after hit k is at most ``ub_k`` (a consumed note lies below
``ub_k``; otherwise ``p_k = ub_k``), so a hit with ``lb_k >= ub_{k-1}`` starts afresh: such
hits cut the hits into independent segments, and the running maximum is kept inside each.
The map from ``c`` to the new ``c`` is causal within a segment, so a segment whose guess
reproduces itself is solved, and each pass fixes at least one more entry of every other
segment. The first ``WHOLE_PASSES`` passes run over every chained hit until the guess
reproduces itself everywhere; after them only unsolved segments take part in each next pass,
the solved ones set aside. Real play converges in a handful
of passes; after ``MAX_PASSES`` the rest is finished by the plain recurrence, so the worst
case stays linear-ish and the result is always exact.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from . import kernel
from .chart import Chart
from .events import EventArrays, InputEvent
from .judgement import (
    TIER_MISS,
    MatchJudgements,
    PlayerJudgements,
    resolve_offsets,
    resolve_windows,
)
from .kernel import calls
from .note_groups import NoteGroups, note_groups
from .voices import VOICE_COUNT, Player
from .windows import WINDOW_PRESETS, Windows

MAX_PASSES = 64
#: Hits judged together: enough that numpy's per-call cost is spread thin, few enough that
#: the arrays stay in the processor's cache and each temporary column (64 KB of float64)
#: comes from memory the C library keeps, not fresh pages from the kernel (measured: 40,000
#: hits judged in chunks of 65,536 took about a fifth longer).
CHUNK_HITS = 1 << 13
#: Passes over all chained hits together before settled segments are set aside each pass.
WHOLE_PASSES = 8


def solve_pointers(lb: np.ndarray, ub: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Solve the greedy pointer recurrence: (pointer per hit, consumed per hit, passes used).

    ``lb`` and ``ub`` must be non-decreasing with ``lb <= ub`` (true for sorted hits).
    """
    lb = np.asarray(lb, dtype=np.int64)
    ub = np.asarray(ub, dtype=np.int64)
    k = len(lb)
    pointer = lb.copy()
    consumed = lb < ub
    if k < 2:
        return pointer, consumed, 1
    # Hit k's next free note is at most ub[k-1] (see the module docstring), so a hit with
    # lb[k] >= ub[k-1] starts afresh: p = lb, whatever came before. Such hits cut the hits
    # into independent segments; a segment of one hit is solved by the first guess.
    chained = np.empty(k, dtype=bool)
    chained[0] = False
    np.less(lb[1:], ub[:-1], out=chained[1:])
    segment = np.cumsum(~chained)
    in_chain = chained.copy()
    in_chain[:-1] |= chained[1:]
    active = np.flatnonzero(in_chain)
    passes = 1
    # Keeps each segment's running maximum from leaking into the next one.
    lift = segment[active] * (4 * (int(ub.max()) + k + 1))
    lb_a, ub_a, seg_a, guess = (
        lb[active] + lift,
        ub[active] + lift,
        segment[active],
        consumed[active],
    )
    while active.size:
        if passes >= MAX_PASSES:
            tail_p = np.empty(active.size, dtype=np.int64)
            tail_c = np.empty(active.size, dtype=bool)
            _solve_tail(lb_a - lift, ub_a - lift, tail_p, tail_c, 0, 0)
            pointer[active], consumed[active] = tail_p, tail_c
            break
        passes += 1
        taken = np.cumsum(guess)
        taken -= guess
        p = np.maximum.accumulate(lb_a - taken)
        p += taken
        fresh = p < ub_a
        if passes <= WHOLE_PASSES and not np.array_equal(fresh, guess):
            guess = fresh  # most matches settle in a few passes over all chained hits at once
            continue
        wrong = fresh != guess
        # A segment whose guess reproduced itself is solved (its start does not depend on
        # earlier segments); the others are guessed again from this pass's answer.
        unsolved = np.zeros(int(segment[-1]) + 1, dtype=bool)
        unsolved[seg_a[wrong]] = True
        again = unsolved[seg_a]
        solved = ~again
        pointer[active[solved]] = p[solved] - lift[solved]
        consumed[active[solved]] = fresh[solved]
        active, lb_a, ub_a, seg_a = active[again], lb_a[again], ub_a[again], seg_a[again]
        lift, guess = lift[again], fresh[again]
    return pointer, consumed, passes


def _solve_tail(lb, ub, pointer, consumed, start: int, base: int) -> None:
    """The plain recurrence from hit ``start`` on, with next free pointer ``base``."""
    lbs = lb[start:].tolist()
    ubs = ub[start:].tolist()
    ps = [0] * len(lbs)
    cs = [False] * len(lbs)
    nxt = base
    for i, (low, high) in enumerate(zip(lbs, ubs, strict=True)):
        p = low if low > nxt else nxt
        ps[i] = p
        if p < high:
            cs[i] = True
            nxt = p + 1
        else:
            nxt = p
    pointer[start:] = ps
    consumed[start:] = cs


def _event_columns(events) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not isinstance(events, EventArrays):
        events = EventArrays.from_events(events)
    time_s = np.asarray(events.time_s, dtype=np.float64).reshape(-1)
    player = np.asarray(events.player).reshape(-1)
    voice = np.asarray(events.voice).reshape(-1)
    if not (len(time_s) == len(player) == len(voice)):
        raise ValueError("event arrays differ in length")
    if not np.isfinite(time_s).all():
        raise ValueError("event times must be finite")
    if len(player) and (player.min() < 0 or player.max() > 1):
        raise ValueError("event player must be 0 (p1) or 1 (p2)")
    if len(voice) and (voice.min() < 0 or voice.max() >= VOICE_COUNT):
        raise ValueError("event voice out of range")
    return time_s, player.astype(np.intp, copy=False), voice.astype(np.int8, copy=False)


def _time_order(time_s: np.ndarray) -> np.ndarray | None:
    """Stable time order of the events, or None when they are in it already."""
    if len(time_s) > 1 and (time_s[1:] < time_s[:-1]).any():
        return np.argsort(time_s, kind="stable")
    return None


def _match(
    groups: NoteGroups,
    hits: np.ndarray,
    hit_group: np.ndarray,
    miss_s: float,
    next_free: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(note per hit, consumed per hit) for time-sorted hits by group: the greedy rule.

    ``lb`` is the first note of the hit's group at or after ``t - miss``, or the group's next
    free note (``next_free``, left by earlier hits) if that is later. A hit whose window does
    not reach its predecessor's (``lb[k] >= ub[k-1]``, told apart by comparing times) is on
    its own: it takes ``lb`` if that note is inside its window. Only runs of chained hits
    need their window ends ``ub`` and the pointer solve.
    """
    end = groups.start[hit_group + 1]
    lb = groups.first_at_or_after(hit_group, hits - miss_s, inclusive=True, end=end)
    if next_free is not None:
        np.maximum(lb, next_free[hit_group], out=lb)
    late = hits + miss_s
    first_note = groups.padded_time_s[lb]
    consumed = (lb < end) & (first_note <= late)
    chained = np.zeros(len(hits), dtype=bool)
    np.less_equal(first_note[1:], late[:-1], out=chained[1:])
    chained[1:] &= hit_group[1:] == hit_group[:-1]
    chained[1:] &= lb[1:] < end[1:]
    chained[:-1] |= chained[1:]  # a chain's first hit belongs to it too
    in_chain = np.flatnonzero(chained)
    if len(in_chain):
        lb_c = lb[in_chain]
        ub_c = groups.first_at_or_after(
            hit_group[in_chain], late[in_chain], False, not_before=lb_c, end=end[in_chain]
        )
        lb[in_chain], consumed[in_chain], _ = solve_pointers(lb_c, ub_c)
    return lb, consumed


class _Outcome:
    """The per-note columns of both players being filled in, and the stray hits found."""

    def __init__(self, groups: NoteGroups, windows: Windows, library=None) -> None:
        count = len(groups.part_time_s)
        self.groups, self.windows = groups, windows
        self.strays: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
        if library is not None:  # the compiled loop fills the columns in, in one pass
            self.tier = np.empty(count, dtype=np.int8)
            self.offset_ms, self.hit_time_s, self.judged_time_s = (np.empty(count) for _ in "ohj")
            calls.unjudged(library, groups.part_time_s, windows.miss_s, TIER_MISS, self.columns)
        else:
            self.tier = np.full(count, TIER_MISS, dtype=np.int8)
            self.offset_ms = np.full(count, np.nan)
            self.hit_time_s = np.full(count, np.nan)
            self.judged_time_s = groups.part_time_s + windows.miss_s

    @property
    def columns(self) -> dict[str, np.ndarray]:
        """The per-note arrays by name, as the compiled judge fills them in."""
        return {name: getattr(self, name) for name in calls.COLUMNS}

    def record(self, hits, hit_group, pointer, consumed) -> None:
        taken = pointer[consumed]
        note = self.groups.note_of[taken]
        hit_t = hits[consumed]
        offset = hit_t - self.groups.time_s[taken]
        offset *= 1000
        self.tier[note] = self.windows.tiers_for(offset)
        self.offset_ms[note] = offset
        self.hit_time_s[note] = hit_t
        self.judged_time_s[note] = hit_t
        stray = ~consumed
        p2 = hit_group >= VOICE_COUNT
        self.strays[0].append(hits[stray & ~p2])
        self.strays[1].append(hits[stray & p2])

    def judgements(self, offsets: tuple[float, float]) -> MatchJudgements:
        columns = [
            _frozen_split(c, self.groups.split)
            for c in (self.tier, self.offset_ms, self.hit_time_s, self.judged_time_s)
        ]
        results = []
        for p in Player:
            found = self.strays[p]
            stray_time_s = np.sort(np.concatenate(found)) if found else np.zeros(0)
            stray_time_s.flags.writeable = False
            results.append(PlayerJudgements(*(c[int(p)] for c in columns), stray_time_s))
        return MatchJudgements(tuple(results), self.windows, offsets)  # type: ignore[arg-type]


def _frozen_split(values: np.ndarray, split: int) -> tuple[np.ndarray, np.ndarray]:
    values.flags.writeable = False
    return values[:split], values[split:]


def judge_batch(
    chart: Chart,
    events: EventArrays | Iterable[InputEvent],
    windows: Windows | str = WINDOW_PRESETS["standard"],
    offsets_ms: tuple[float, float] = (0.0, 0.0),
) -> MatchJudgements:
    """Judge a whole match at once. Events need not be sorted: they are taken in stable time
    order, exactly as the live :class:`~drumsync.core.judge.Judge` would be fed them.

    All (player, voice) groups are solved together: hits are grouped like the chart's notes
    (:mod:`.note_groups`) and matched all at once (:func:`_match`); a group's first hit starts
    afresh, as its notes lie past the previous group's. A long match is taken
    ``CHUNK_HITS`` hits at a time, each group carrying its next free note over, so that the
    arrays worked on stay small enough to be fast.
    """
    groups = note_groups(chart)
    windows = resolve_windows(windows)
    offsets = resolve_offsets(offsets_ms)
    library = kernel.compiled()
    if library is not None:
        return _judge_compiled(library, groups, events, windows, offsets)
    time_s, player, voice = _event_columns(events)
    by_time = _time_order(time_s)
    if by_time is not None:
        time_s, player, voice = time_s[by_time], player[by_time], voice[by_time]
    judged = time_s - np.array([offsets[0] / 1000, offsets[1] / 1000])[player]
    key = (player * VOICE_COUNT + voice).astype(np.int8)
    outcome = _Outcome(groups, windows)
    next_free = None
    for first in range(0, len(judged), CHUNK_HITS):
        chunk = slice(first, first + CHUNK_HITS)
        order = np.argsort(key[chunk], kind="stable")  # small ints: a radix sort
        hits = judged[chunk][order]
        hit_group = key[chunk][order].astype(np.intp)
        pointer, consumed = _match(groups, hits, hit_group, windows.miss_s, next_free)
        outcome.record(hits, hit_group, pointer, consumed)
        if first + CHUNK_HITS < len(judged):
            next_free = _next_free(groups, hit_group, pointer, consumed, next_free)
    return outcome.judgements(offsets)


def walk_compiled(events, walk):
    """Run a compiled walk over the events: ``walk(columns)`` returns the loop's code and
    its result, and the result is returned once the code says the hits were judged.

    The loop stops at a hit out of order (the hits are then put in stable time order and
    walked again) or at a bad one (the numpy path's checks then raise its error)."""
    if not isinstance(events, EventArrays):
        events = EventArrays.from_events(events)
    columns = calls.event_columns(events.time_s, events.player, events.voice)
    if columns is None:
        time_s, player, voice = _event_columns(events)  # checked, converted
        columns = (time_s, player.astype(np.int8), voice)
    while True:
        code, result = walk(columns)
        if code == kernel.JUDGED:
            return result
        if code != kernel.EVENTS_NOT_SORTED:
            _event_columns(events)  # raises the error the numpy path gives
            raise ValueError("bad event arrays")
        by_time = np.argsort(columns[0], kind="stable")
        columns = tuple(column[by_time] for column in columns)


def _judge_compiled(library, groups: NoteGroups, events, windows: Windows, offsets):
    """:func:`judge_batch` by the compiled loop: one walk over the hits in time order."""
    judging = calls.Judging.of(groups, windows, offsets, VOICE_COUNT)

    def walk(columns):
        outcome = _Outcome(groups, windows, library)
        code, strays = calls.judge(library, columns, judging, outcome.columns)
        return code, (outcome, strays)

    outcome, strays = walk_compiled(events, walk)
    outcome.strays[0].append(strays[0])
    outcome.strays[1].append(strays[1])
    return outcome.judgements(offsets)


def _next_free(groups, hit_group, pointer, consumed, next_free) -> np.ndarray:
    """Each group's next free note after these hits (grouped indices)."""
    out = groups.start[:-1].copy() if next_free is None else next_free.copy()
    last = np.flatnonzero(np.append(hit_group[1:] != hit_group[:-1], True))
    out[hit_group[last]] = pointer[last] + consumed[last]
    return out


__all__ = [
    "CHUNK_HITS",
    "MAX_PASSES",
    "WHOLE_PASSES",
    "judge_batch",
    "solve_pointers",
    "walk_compiled",
]
