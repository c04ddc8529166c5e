"""The live judge: feed hits in time order, advance the song clock, read judgements and scores.

Rules (shared with :mod:`drumsync.core.batch`, which must give identical results):

* A player's *judged* time is the stamped song time minus that player's offset:
  ``t = time_s - offsets_ms[player] / 1000`` (a positive offset means late inputs).
* A hit consumes the earliest unjudged note of the same player and voice with
  ``note_t >= t - miss_s`` and ``note_t <= t + miss_s`` (inclusive windows). Its tier comes
  from ``offset_ms = (t - note_t) * 1000``; outside the good window it is a miss.
* A hit that matches no note is a stray: counted, nothing else.
* A note expires, as a miss judged at ``note_t + miss_s``, once the player's judged clock
  ``T`` leaves it behind: ``note_t < T - miss_s`` (the exact complement of the hit's lower
  bound, so the two rules can never disagree by a rounding error).

Contract: hits and clock advances come in non-decreasing song time (``hit`` raises
ValueError otherwise). A shell whose input stamps can trail the clock should clamp them:
``time_s = max(stamp, judge.clock_s)`` before recording and judging the event.
"""

from __future__ import annotations

import math

from .chart import Chart
from .events import InputEvent
from .judgement import (
    Judgement,
    MatchJudgements,
    PlayerJudgements,
    check_judgeable,
    resolve_offsets,
    resolve_windows,
)
from .scoring import ComboFold, LiveScore
from .sync import chart_shared_points, point_hit_time, sync_credit
from .voices import Player, Voice
from .windows import WINDOW_PRESETS, Tier, Windows

_NAN = math.nan
_VOICES = tuple(Voice)
_MISS = Tier.MISS
_UNJUDGED = -1


class _PlayerState:
    """One player's notes (as Python lists, for speed) and judging progress."""

    __slots__ = (
        "expire_ptr",
        "fold",
        "hit_time",
        "judged_time",
        "offset_ms",
        "offset_s",
        "player",
        "point_of_note",
        "strays",
        "tier",
        "times",
        "voice_notes",
        "voice_ptr",
        "voice_times",
        "voices",
    )

    def __init__(self, player: Player, part, offset_ms: float, point_of_note) -> None:
        self.player = player
        self.offset_s = offset_ms / 1000
        self.times: list[float] = part.time_s.tolist()
        self.voices: list[int] = part.voice.tolist()
        self.voice_notes: list[list[int]] = [[] for _ in _VOICES]
        for index, voice in enumerate(self.voices):
            self.voice_notes[voice].append(index)
        self.voice_times = [[self.times[i] for i in notes] for notes in self.voice_notes]
        self.voice_ptr = [0] * len(_VOICES)
        self.expire_ptr = 0
        n = len(self.times)
        self.tier: list[int] = [_UNJUDGED] * n
        self.offset_ms: list[float] = [_NAN] * n
        self.hit_time: list[float] = [_NAN] * n
        self.judged_time: list[float] = [_NAN] * n
        self.strays: list[float] = []
        self.fold = ComboFold()
        self.point_of_note: list[int] = point_of_note


class Judge:
    """Incremental judge for live play; see the module docstring for the rules."""

    def __init__(
        self,
        chart: Chart,
        windows: Windows | str = WINDOW_PRESETS["standard"],
        offsets_ms: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        check_judgeable(chart)
        self._chart = chart
        self._windows = resolve_windows(windows)
        self._offsets_ms = resolve_offsets(offsets_ms)
        self._miss_s = self._windows.miss_s
        # Python floats of the tier edges: the same comparisons as Windows.tier_for, faster.
        self._edges_ms = tuple(float(e) for e in self._windows.tier_edges_ms)
        self._points = chart_shared_points(chart)
        self._players = tuple(
            _PlayerState(
                player,
                chart.part(player),
                self._offsets_ms[player],
                self._points.point_of_notes(player, len(chart.part(player))).tolist(),
            )
            for player in Player
        )
        self._point_start = [self._points.start[p].tolist() for p in (0, 1)]
        self._point_stop = [self._points.stop[p].tolist() for p in (0, 1)]
        self._point_time_s = self._points.time_s[0].tolist()
        self._unsettled = [
            [b - a for a, b in zip(self._point_start[p], self._point_stop[p], strict=True)]
            for p in (0, 1)
        ]
        self._clock_s = -math.inf
        self._pending: list[Judgement] = []
        self._records: list[Judgement] = []
        self._finished = False
        self._pair_deltas: list[tuple[float, float]] = []
        self._pairs_settled = 0
        self._sync_credit_sum = 0.0

    # -- inputs ---------------------------------------------------------------------------

    @property
    def clock_s(self) -> float:
        """The latest song time seen (hit or advance); earlier hits are refused."""
        return self._clock_s

    @property
    def windows(self) -> Windows:
        return self._windows

    @property
    def offsets_ms(self) -> tuple[float, float]:
        return self._offsets_ms

    @property
    def finished(self) -> bool:
        return self._finished

    def hit(self, event: InputEvent) -> Judgement:
        """Judge one hit. Notes of that player it proves expired are queued for ``advance``."""
        if self._finished:
            raise RuntimeError("the judge has finished; no more hits")
        time_s = float(event.time_s)
        if not math.isfinite(time_s):
            raise ValueError(f"hit time must be finite, got {time_s!r}")
        if time_s < self._clock_s:
            raise ValueError(
                f"hit at {time_s!r} s is before the judge's clock {self._clock_s!r} s; "
                "feed events in time order"
            )
        self._clock_s = time_s
        state = self._players[event.player]
        t = time_s - state.offset_s
        limit = t - self._miss_s
        if state.expire_ptr < len(state.times) and state.times[state.expire_ptr] < limit:
            settled = len(self._pending)
            self._expire(state, limit, self._pending)
            self._records.extend(self._pending[settled:])
        voice = int(event.voice)
        times = state.voice_times[voice]
        ptr = state.voice_ptr[voice]
        n = len(times)
        while ptr < n and times[ptr] < limit:
            ptr += 1
        if ptr < n and times[ptr] <= t + self._miss_s:
            state.voice_ptr[voice] = ptr + 1
            note_t = times[ptr]
            index = state.voice_notes[voice][ptr]
            offset_ms = (t - note_t) * 1000
            tier = self._tier_for(offset_ms)
            state.tier[index] = int(tier)
            state.offset_ms[index] = offset_ms
            state.hit_time[index] = t
            state.judged_time[index] = t
            judgement = Judgement(state.player, _VOICES[voice], tier, index, offset_ms, t, note_t)
            self._records.append(judgement)
            self._note_judged(state, index, t, int(tier))
            return judgement
        state.voice_ptr[voice] = ptr
        state.strays.append(t)
        judgement = Judgement(state.player, _VOICES[voice], None, -1, _NAN, t, _NAN)
        self._records.append(judgement)
        return judgement

    def advance(self, song_time_s: float) -> list[Judgement]:
        """Queued misses plus every note either player's judged clock has now left behind."""
        out, self._pending = self._pending, []
        if self._finished:
            return out
        song_time_s = float(song_time_s)
        if math.isnan(song_time_s):
            raise ValueError("cannot advance the judge to a NaN time")
        self._clock_s = max(self._clock_s, song_time_s)
        fresh: list[Judgement] = []
        for state in self._players:
            limit = (song_time_s - state.offset_s) - self._miss_s
            if state.expire_ptr < len(state.times) and state.times[state.expire_ptr] < limit:
                self._expire(state, limit, fresh)
        if len(fresh) > 1:
            fresh.sort(key=lambda j: (j.time_s, j.player, j.note_index))
        self._records.extend(fresh)
        out.extend(fresh)
        return out

    def finish(self) -> list[Judgement]:
        """Settle every note left as a miss; returns those and any queued misses."""
        out, self._pending = self._pending, []
        if self._finished:
            return out
        fresh: list[Judgement] = []
        for state in self._players:
            self._expire(state, math.inf, fresh)
        fresh.sort(key=lambda j: (j.time_s, j.player, j.note_index))
        self._records.extend(fresh)
        out.extend(fresh)
        self._finished = True
        return out

    # -- bookkeeping ----------------------------------------------------------------------

    def _tier_for(self, offset_ms: float) -> Tier:
        """:meth:`Windows.tier_for` with the edges as Python floats (same comparisons)."""
        error = abs(offset_ms)
        perfect, great, good = self._edges_ms
        if error <= perfect:
            return Tier.PERFECT
        if error <= great:
            return Tier.GREAT
        if error <= good:
            return Tier.GOOD
        return Tier.MISS

    def _expire(self, state: _PlayerState, limit: float, out: list[Judgement]) -> None:
        times = state.times
        tiers = state.tier
        i = state.expire_ptr
        n = len(times)
        while i < n and times[i] < limit:
            if tiers[i] == _UNJUDGED:
                note_t = times[i]
                judged = note_t + self._miss_s
                tiers[i] = int(_MISS)
                state.judged_time[i] = judged
                voice = _VOICES[state.voices[i]]
                out.append(Judgement(state.player, voice, _MISS, i, _NAN, judged, note_t))
                self._note_judged(state, i, judged, int(_MISS))
            i += 1
        state.expire_ptr = i

    def _note_judged(self, state: _PlayerState, index: int, time_s: float, tier: int) -> None:
        if not state.fold.add(time_s, index, tier):
            items = [
                (state.judged_time[i], i, state.tier[i])
                for i in range(len(state.times))
                if state.tier[i] != _UNJUDGED
            ]
            state.fold.rebuild(items)
        point = state.point_of_note[index]
        if point >= 0:
            unsettled = self._unsettled
            unsettled[state.player][point] -= 1
            if unsettled[0][point] == 0 and unsettled[1][point] == 0:
                self._settle_point(point)

    def _settle_point(self, point: int) -> None:
        p1, p2 = self._players
        t1 = point_hit_time(
            p1.tier, p1.hit_time, self._point_start[0][point], self._point_stop[0][point]
        )
        t2 = point_hit_time(
            p2.tier, p2.hit_time, self._point_start[1][point], self._point_stop[1][point]
        )
        self._pairs_settled += 1
        if t1 is not None and t2 is not None:
            delta_ms = (t1 - t2) * 1000
            self._pair_deltas.append((self._point_time_s[point], delta_ms))
            self._sync_credit_sum += sync_credit(abs(delta_ms))

    # -- outputs --------------------------------------------------------------------------

    @property
    def records(self) -> tuple[Judgement, ...]:
        """Every judgement (hits, strays, misses) in the order the judge decided them: misses a
        hit proved expired come before that hit, although ``advance`` returns them later."""
        return tuple(self._records)

    def live(self, player: Player) -> LiveScore:
        state = self._players[player]
        return state.fold.live(len(state.strays))

    @property
    def pair_deltas(self) -> list[tuple[float, float]]:
        """(chart time_s, delta_ms) of each settled shared point both players hit, in order
        of settling (a point settles once both players' notes at it are judged)."""
        return list(self._pair_deltas)

    def live_sync_percent(self) -> float | None:
        """Sync percent over the shared points settled so far (None before the first)."""
        if not self._pairs_settled:
            return None
        return 100.0 * self._sync_credit_sum / self._pairs_settled

    def result(self) -> MatchJudgements:
        """Every note's outcome; identical to ``judge_batch`` on the same events."""
        if not self._finished:
            raise RuntimeError("call finish() before result()")
        players = tuple(
            PlayerJudgements(
                tier=state.tier,
                offset_ms=state.offset_ms,
                hit_time_s=state.hit_time,
                judged_time_s=state.judged_time,
                stray_time_s=state.strays,
            )
            for state in self._players
        )
        return MatchJudgements(players, self._windows, self._offsets_ms)  # type: ignore[arg-type]


__all__ = ["Judge"]
