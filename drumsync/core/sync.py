"""Two-player sync: how closely the drummers play *together*, whatever the chart says.

A *shared point* is a chart time present in both parts (times matched within 1e-6 s).
At a shared point, each player's hit time is the mean judged time of that player's notes at
the point that were hit within the good window (consumed-as-miss hits and unhit notes do not
count). When both players hit the point, ``delta_ms = (t_p1 - t_p2) * 1000``: negative means
P1 played first.

Sync percent: the mean, over *all* shared points, of a credit in [0, 1]; a point that only
one player (or nobody) hit earns 0. The credit follows Etterna's Wife3 shape: 1 up to
``FLAT_MS``, then ``erf((ZERO_MS - |d|) / WIDTH_MS) / erf((ZERO_MS - FLAT_MS) / WIDTH_MS)``
clipped to [0, 1]; it reaches 0 at ``ZERO_MS`` and never rises as |delta| grows. Identical
timing gives 100 %; two players equally late by 30 ms with 2 ms SD still score ~100 %, while
one exact player beside one with 60 ms SD scores about 40 %.

Also reported: sync tiers (unison <= 10 ms, together <= 25, close <= 50, apart beyond, and
``missed`` for points not both hit), mean and population SD of delta, the leader (sign of the
mean delta; "even" within 2 ms), lag-1 cross-correlations of inter-tap intervals as in joint
tapping studies (Konvalinka et al. 2010) and the mean resultant length of the relative phase.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from . import kernel
from .chart import Chart
from .judgement import MatchJudgements, PlayerJudgements
from .kernel import calls
from .lags import LagCorrelations, lag_correlations, lag_correlations_in_place
from .per_chart import PerChart
from .stats import mean_and_sd
from .sync_credit import FLAT_MS, WIDTH_MS, ZERO_MS, erf_approx, sync_credit, sync_credits
from .windows import Tier, edges_passed
from .work_buffers import work_array

POINT_TOLERANCE_S = 1e-6
LEAD_EVEN_MS = 2.0
_GOOD = int(Tier.GOOD)


class SyncTier(IntEnum):
    UNISON = 0
    TOGETHER = 1
    CLOSE = 2
    APART = 3

    @property
    def label(self) -> str:
        return self.name.lower()


#: Upper bounds (inclusive, |delta| ms) of unison, together and close.
SYNC_TIER_EDGES_MS = np.array([10.0, 25.0, 50.0])
#: Team-score bonus points per shared point, by sync tier.
SYNC_TIER_BONUS = (1000, 750, 500, 0)


def sync_tier(abs_delta_ms: float) -> SyncTier:
    return SyncTier(int(np.searchsorted(SYNC_TIER_EDGES_MS, abs_delta_ms, side="left")))


def sync_tiers(abs_delta_ms: np.ndarray) -> np.ndarray:
    """Vectorised :func:`sync_tier`: the number of tier edges each delta passes."""
    return edges_passed(np.asarray(abs_delta_ms, dtype=np.float64), SYNC_TIER_EDGES_MS)


def _point_bounds(time_s: np.ndarray, tolerance_s: float) -> tuple[np.ndarray, np.ndarray]:
    """Start/stop note indices of each time point (notes chained within the tolerance)."""
    if len(time_s) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    breaks = np.flatnonzero(np.diff(time_s) > tolerance_s) + 1
    start = np.concatenate(([0], breaks)).astype(np.int64)
    stop = np.concatenate((breaks, [len(time_s)])).astype(np.int64)
    return start, stop


@dataclass(frozen=True, eq=False)
class SharedPoints:
    """Chart time points present in both parts; per player the chart time and note range."""

    time_s: tuple[np.ndarray, np.ndarray]
    start: tuple[np.ndarray, np.ndarray]
    stop: tuple[np.ndarray, np.ndarray]

    def __len__(self) -> int:
        return len(self.time_s[0])

    def point_of_notes(self, player: int, note_count: int) -> np.ndarray:
        """For each note of the player's part, its shared point index or -1."""
        out = np.full(note_count, -1, dtype=np.int64)
        start, stop = self.start[player], self.stop[player]
        lengths = stop - start
        first = np.cumsum(lengths) - lengths  # position of each point's run in the flat list
        flat = np.arange(int(lengths.sum())) + np.repeat(start - first, lengths)
        out[flat] = np.repeat(np.arange(len(start)), lengths)
        return out


def shared_points(chart: Chart, tolerance_s: float = POINT_TOLERANCE_S) -> SharedPoints:
    times = [np.asarray(part.time_s, dtype=np.float64) for part in chart.parts]
    library = kernel.compiled()
    found = None if library is None else calls.shared_points(library, *times, tolerance_s)
    if found is not None:
        s1, e1, s2, e2 = found
        return SharedPoints(time_s=(times[0][s1], times[1][s2]), start=(s1, s2), stop=(e1, e2))
    bounds = [_point_bounds(t, tolerance_s) for t in times]
    point_t = [t[b[0]] for t, b in zip(times, bounds, strict=True)]
    t1, t2 = point_t
    # For each P1 point, the first P2 point at or after t1 - tol; keep it if within t1 + tol.
    j = np.searchsorted(t2, t1 - tolerance_s, side="left")
    ok = j < len(t2)
    ok[ok] = t2[j[ok]] <= t1[ok] + tolerance_s
    i1 = np.flatnonzero(ok)
    i2 = j[ok]
    if len(i2) > 1:  # one-to-one even for pathological spacing near the tolerance
        keep = np.concatenate(([True], np.diff(i2) > 0))
        i1, i2 = i1[keep], i2[keep]
    (s1, e1), (s2, e2) = bounds
    return SharedPoints(
        time_s=(t1[i1], t2[i2]),
        start=(s1[i1], s2[i2]),
        stop=(e1[i1], e2[i2]),
    )


#: :func:`shared_points` of a chart, worked out once per chart (it depends on the chart alone).
chart_shared_points: PerChart[SharedPoints] = PerChart(shared_points)


def point_hit_time(tiers, hit_times, start: int, stop: int) -> float | None:
    """Scalar form of :func:`point_hit_times` for one point (the live judge uses it)."""
    total = 0.0
    count = 0
    for i in range(start, stop):
        if 0 <= tiers[i] <= _GOOD:
            total += hit_times[i]
            count += 1
    return total / count if count else None


def point_hit_times(judgements: PlayerJudgements, start: np.ndarray, stop: np.ndarray):
    """Per point, the mean judged time of notes hit within good (nan when none).

    Sums run in note order exactly as :func:`point_hit_time` does, so both agree bit for bit.
    Most points hold one note per player: those are read directly, and only the chords
    (points of several notes) go through the running sum.
    """
    tier, hit_time_s = judgements.tier, judgements.hit_time_s
    library = kernel.compiled()
    if library is not None:
        return calls.point_hit_times(library, tier, hit_time_s, start, stop, _GOOD)
    good = tier[start] <= _GOOD
    total = np.where(good, hit_time_s[start], 0.0)
    count = good.astype(np.int64)
    chords = np.flatnonzero(stop - start > 1)
    if len(chords):
        first, last = start[chords], stop[chords]
        chord_total, chord_count = total[chords], count[chords]
        for offset in range(1, int((last - first).max())):
            index = first + offset
            inside = index < last
            index[~inside] = 0
            ok = inside & (tier[index] <= _GOOD)
            chord_total = chord_total + np.where(ok, hit_time_s[index], 0.0)
            chord_count += ok
        total[chords], count[chords] = chord_total, chord_count
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


@dataclass(frozen=True, slots=True)
class SyncTierCounts:
    unison: int = 0
    together: int = 0
    close: int = 0
    apart: int = 0
    missed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "unison": self.unison,
            "together": self.together,
            "close": self.close,
            "apart": self.apart,
            "missed": self.missed,
        }


@dataclass(frozen=True, slots=True)
class SyncReport:
    """How together the pair played. Statistics are None where undefined (too few pairs).

    ``xcorr_p1_to_p2`` is corr(ITI_p1[k-1], ITI_p2[k]): P2 adjusting to P1's previous
    interval (lag +1 of :mod:`.lags`); ``xcorr_p2_to_p1`` the reverse (lag -1);
    ``xcorr_lag0`` the same-interval correlation. Inter-tap intervals are taken between
    consecutive shared points both players hit (an interval over a missed point is left out)
    and expressed as deviations from the chart's interval, so the chart's own rhythm does not
    correlate them.
    ``phase_coherence`` is R = |mean(exp(2 pi i delta / beat))|.
    """

    percent: float | None
    pair_count: int
    both_hit: int
    tiers: SyncTierCounts
    mean_delta_ms: float | None
    sd_delta_ms: float | None
    leader: str
    lead_ms: float | None
    xcorr_p1_to_p2: float | None
    xcorr_p2_to_p1: float | None
    xcorr_lag0: float | None
    phase_coherence: float | None
    bonus: int


def leader_for(mean_delta_ms: float | None) -> str:
    if mean_delta_ms is None or abs(mean_delta_ms) < LEAD_EVEN_MS:
        return "even"
    return "p1" if mean_delta_ms < 0 else "p2"


def phase_coherence(delta_ms: np.ndarray, beat_s: float) -> float | None:
    """Mean resultant length of the pair's deltas as phases of the beat (None when empty)."""
    if not len(delta_ms):
        return None
    count = len(delta_ms)
    # 2 pi (delta / 1000) / beat, in arrays the thread keeps
    angles = np.divide(delta_ms, 1000, out=work_array("angles", count))
    angles *= 2 * np.pi
    angles /= beat_s
    sines = np.sin(angles, out=work_array("sines", count))
    cosines = np.cos(angles, out=angles)
    # as np.mean: the sum over the count
    return float(np.hypot(np.add.reduce(cosines) / count, np.add.reduce(sines) / count))


@dataclass(frozen=True, eq=False)
class PairDeltas:
    """What the sync report and the pair's analysis both start from: the shared points both
    players hit (``both``), their deltas (ms, in point order) and sync credits, the count of
    each sync tier, and the lag correlations of the two players' interval deviations between
    consecutive points (an interval over a point not both hit left out)."""

    both: np.ndarray
    delta_ms: np.ndarray
    credits: np.ndarray
    tier_counts: np.ndarray
    lags: LagCorrelations

    @classmethod
    def of(
        cls, point_time_s: tuple[np.ndarray, np.ndarray], hit_time_s: tuple[np.ndarray, np.ndarray]
    ) -> PairDeltas:
        library = kernel.compiled()
        if library is not None:
            both, delta_ms, abs_delta_ms, tier_counts, pairs = calls.pair_deltas(
                library, point_time_s, hit_time_s, SYNC_TIER_EDGES_MS
            )
            lags = lag_correlations_in_place(pairs)
        else:
            h1, h2 = (np.asarray(h, dtype=np.float64) for h in hit_time_s)
            both = ~np.isnan(h1) & ~np.isnan(h2)
            delta_ms = (h1[both] - h2[both]) * 1000
            abs_delta_ms = np.abs(delta_ms)
            tier_counts = np.bincount(sync_tiers(abs_delta_ms), minlength=len(SyncTier))
            a1 = np.where(both, h1 - point_time_s[0], np.nan)
            a2 = np.where(both, h2 - point_time_s[1], np.nan)
            lags = lag_correlations(np.diff(a1) * 1000, np.diff(a2) * 1000)
        credits = sync_credits(abs_delta_ms)
        return cls(both, delta_ms, credits, tier_counts, lags)


def sync_from_points(
    point_time_s: tuple[np.ndarray, np.ndarray],
    hit_time_s: tuple[np.ndarray, np.ndarray],
    beat_s: float,
    deltas: PairDeltas | None = None,
) -> SyncReport:
    """The sync report from per-point chart times and hit times (nan = not hit);
    ``deltas`` when the caller has them already."""
    pair_count = len(point_time_s[0])
    deltas = PairDeltas.of(point_time_s, hit_time_s) if deltas is None else deltas
    delta_ms, credits, tier_counts = deltas.delta_ms, deltas.credits, deltas.tier_counts
    tiers = SyncTierCounts(*(int(c) for c in tier_counts), missed=pair_count - len(delta_ms))
    bonus = int(np.dot(tier_counts, SYNC_TIER_BONUS))
    percent = 100.0 * float(np.sum(credits)) / pair_count if pair_count else None
    mean, sd = mean_and_sd(delta_ms)
    lags = deltas.lags
    phase = phase_coherence(delta_ms, beat_s)
    return SyncReport(
        percent=percent,
        pair_count=pair_count,
        both_hit=len(delta_ms),
        tiers=tiers,
        mean_delta_ms=mean,
        sd_delta_ms=sd,
        leader=leader_for(mean),
        lead_ms=abs(mean) if mean is not None else None,
        xcorr_p1_to_p2=lags.plus1,
        xcorr_p2_to_p1=lags.minus1,
        xcorr_lag0=lags.zero,
        phase_coherence=phase,
        bonus=bonus,
    )


def shared_hits(
    chart: Chart, judgements: MatchJudgements
) -> tuple[SharedPoints, tuple[np.ndarray, np.ndarray]]:
    """The shared points and, per player, the hit time at each point (nan = not hit)."""
    points = chart_shared_points(chart)
    hits = tuple(
        point_hit_times(judgements.players[p], points.start[p], points.stop[p]) for p in (0, 1)
    )
    return points, hits


def sync_report(chart: Chart, judgements: MatchJudgements) -> SyncReport:
    points, hits = shared_hits(chart, judgements)
    return sync_from_points(points.time_s, hits, chart.seconds_per_beat)


__all__ = [
    "FLAT_MS",
    "LEAD_EVEN_MS",
    "POINT_TOLERANCE_S",
    "SYNC_TIER_BONUS",
    "SYNC_TIER_EDGES_MS",
    "WIDTH_MS",
    "ZERO_MS",
    "PairDeltas",
    "SharedPoints",
    "SyncReport",
    "SyncTier",
    "SyncTierCounts",
    "chart_shared_points",
    "erf_approx",
    "leader_for",
    "phase_coherence",
    "point_hit_time",
    "point_hit_times",
    "shared_hits",
    "shared_points",
    "sync_credit",
    "sync_credits",
    "sync_from_points",
    "sync_report",
    "sync_tier",
    "sync_tiers",
]
