"""How the pair got together: who adapted to whom, how much each corrected, where they drifted.

Every quantity is computed from the *shared points* of :mod:`.sync` that both players hit,
in chart order. At such a point ``k`` each player's asynchrony to the chart is
``a_p[k] = hit - note time`` (ms, negative = early) and the pair's asynchrony is
``a_1[k] - a_2[k]``. The inter-onset interval deviation ``d_p[k] = a_p[k+1] - a_p[k]`` is
the player's interval minus the chart's, so the chart's own rhythm drops out and any part
reads like the isochronous tapping of the studies below.

Cross-correlations (Konvalinka, Vuust, Roepstorff & Frith 2010, "Follow you, follow me",
Q J Exp Psychol 63:2220-2230; Heggli, Cabral, Konvalinka, Vuust & Kringelbach 2019, PLoS
Comput Biol 15:e1007422), Pearson, over the whole match::

    xcorr[lag] = corr(d_1[n], d_2[n + lag])      lag in -1, 0, +1

* ``+1``: P2's interval against P1's previous one: positive when **P2 tracks P1**;
* ``-1``: P1's interval against P2's previous one: positive when **P1 tracks P2**;
* ``0``: the same interval. Two players who both correct to each other change their
  intervals in opposite directions on the same tap (Konvalinka et al.'s "hyper-followers",
  whose intervals oscillate in opposition tap to tap), so mutual adaptation shows as
  *negative* lag 0 with *positive* lags -1 and +1; the linear phase-correction model gives
  the same signs (both gains 0.25: lag 0 about -0.2, lags +/-1 about +0.16 in our tests).

Strategy rule (tested on simulated pairs of each kind). With ``n`` interval pairs the white
noise band is ``r_crit = 1.96 / sqrt(n)``; a player *tracks* the other when their lag
correlation exceeds ``max(r_crit, TRACK_MIN_R)``, or when their phase-correction gain toward
the partner (below) is at least ``TRACK_MIN_ALPHA`` with its 95 % interval above zero. The
gain is the sharper test: a quarter gain gives lag correlations of only 0.1-0.2 over a few
hundred taps, and against a machine-exact partner (intervals that never vary) the
correlations are undefined.

* both track -> ``mutual`` (mutual adaptation);
* only P2 tracks P1 -> ``p1_leads``; only P1 tracks P2 -> ``p2_leads`` (leader-follower);
* neither tracks, and each keeps the common beat on their own (both gains to the music have
  95 % intervals above zero; when they cannot be estimated: the pair's relative phase
  coherence R >= ``TOGETHER_R``) -> ``both_lead`` (Heggli et al.'s leading-leading: each
  relies on their own model of the beat);
* neither tracks and they do not both keep the beat -> ``independent``;
* fewer than ``MIN_STRATEGY_POINTS`` points hit by both -> ``unknown`` (two hits in unison
  would otherwise read as a pair that "kept the beat together").

Phase-correction gain ``alpha`` per player: bGLS (:mod:`.phase_correction`) of the player's
interval deviation on their asynchrony to the partner and, as a second reference, to the
chart (the backing music they also hear), as Wing et al. 2014 estimate each quartet
player's gain to every other player; a quarter gain, 0.25, minimises the pair's asynchrony.
``alpha_chart`` is the gain to the chart. When the partner sits exactly on the chart the two
references cannot be told apart and each is estimated alone.

Drift: least-squares slope of the pair's mean asynchrony ``(a_1 + a_2) / 2`` against the
bar position of the point, in ms per bar: negative = rushing together (ever earlier),
positive = dragging.

Sections: the sync percent of :mod:`.sync` over the shared points inside each section of
the chart (chart without sections: 4-bar phrases).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .chart import Chart
from .coordination_sections import PHRASE_BARS, chart_sections, hit_section_sync, section_sync
from .coordination_series import SectionSeries, SectionSync, WindowCorrelations, WindowSeries
from .lags import BlockMoments, LagCorrelations, dot, lag_correlations
from .ma1_lags import Ma1LagForms
from .phase_correction import (
    MIN_INTERVALS,
    GainEstimate,
    RegressionForms,
    estimate_gain,
    estimate_gains,
    fit_gains,
    identifiable,
)
from .sync import phase_coherence

#: Smallest lag correlation that counts as tracking, whatever the number of intervals.
TRACK_MIN_R = 0.1
#: Smallest phase-correction gain toward the partner that counts as tracking.
TRACK_MIN_ALPHA = 0.1
#: Relative phase coherence at or above which an untracking pair still plays together.
TOGETHER_R = 0.7
#: Sliding windows: intervals per window and the step between windows.
WINDOW_INTERVALS = 32
WINDOW_STEP = 16
#: Fewest points both hit for a drift.
MIN_DRIFT_POINTS = 8
#: Fewest points both hit for a strategy label (fewer: ``unknown``).
MIN_STRATEGY_POINTS = 8
STRATEGIES = ("mutual", "p1_leads", "p2_leads", "both_lead", "independent", "unknown")
LAGS = (-1, 0, 1)


@dataclass(frozen=True, slots=True)
class Coordination:
    xcorr: LagCorrelations
    windows: WindowSeries  # reads as a tuple of WindowCorrelations
    strategy: str
    tracks: tuple[bool, bool]  # P1 tracks P2, P2 tracks P1
    track_threshold: float
    phase_coherence: float | None
    alpha: tuple[GainEstimate | None, GainEstimate | None]
    alpha_chart: tuple[GainEstimate | None, GainEstimate | None]
    drift_ms_per_bar: float | None
    drift_se_ms_per_bar: float | None
    sections: SectionSeries  # reads as a tuple of SectionSync

    def weakest_section(self) -> SectionSync | None:
        """The section where the pair was least together (first of equals), None if none."""
        return self.sections.extreme(lowest=True)

    def strongest_section(self) -> SectionSync | None:
        return self.sections.extreme(lowest=False)


def _windows(moments: BlockMoments, start_s: np.ndarray) -> WindowSeries:
    """The windows of ``moments`` (blocks of WINDOW_STEP) that are mostly played."""
    lags = moments.windows()
    first = np.flatnonzero(lags.intervals >= WINDOW_INTERVALS // 2) * WINDOW_STEP
    keep = first // WINDOW_STEP
    return WindowSeries(
        start_s[first],
        start_s[first + WINDOW_INTERVALS],
        lags.minus1[keep],
        lags.zero[keep],
        lags.plus1[keep],
        lags.intervals[keep],
    )


def sliding_correlations(d1: np.ndarray, d2: np.ndarray, start_s: np.ndarray) -> WindowSeries:
    """:func:`lag_correlations` in windows of WINDOW_INTERVALS, every WINDOW_STEP intervals,
    over the intervals both series have (the coordination's d1 and d2 miss the same ones).

    ``start_s[k]`` is the chart time where interval k starts (one more entry: the end).
    Windows where fewer than half the intervals are there are left out. All windows come
    from sums over blocks of WINDOW_STEP intervals (:class:`BlockMoments`).
    """
    have = [np.flatnonzero(np.isfinite(d)) for d in (d1, d2)]
    moments = BlockMoments((have[0], d1[have[0]]), (have[1], d2[have[1]]), len(d1), WINDOW_STEP)
    return _windows(moments, np.asarray(start_s, dtype=np.float64))


def _tracks(r: float | None, gain: GainEstimate | None, r_crit: float) -> bool:
    if r is not None and r > r_crit:
        return True
    return gain is not None and gain.ci_low > 0.0 and gain.alpha >= TRACK_MIN_ALPHA


def _keep_the_beat(
    chart_gains: tuple[GainEstimate | None, GainEstimate | None], phase_coherence: float | None
) -> bool:
    if all(g is not None for g in chart_gains):
        return all(g.ci_low > 0.0 for g in chart_gains)
    return phase_coherence is not None and phase_coherence >= TOGETHER_R


def classify(
    xcorr: LagCorrelations,
    phase_coherence: float | None,
    gains: tuple[GainEstimate | None, GainEstimate | None] = (None, None),
    chart_gains: tuple[GainEstimate | None, GainEstimate | None] = (None, None),
) -> tuple[str, tuple[bool, bool], float]:
    """The strategy label, whether (P1, P2) track the other, and the lag threshold used."""
    n = max(1, xcorr.intervals - 1)  # pairs at lags +/-1
    r_crit = max(1.959963984540054 / math.sqrt(n), TRACK_MIN_R)
    p1_tracks = _tracks(xcorr.minus1, gains[0], r_crit)
    p2_tracks = _tracks(xcorr.plus1, gains[1], r_crit)
    if p1_tracks and p2_tracks:
        label = "mutual"
    elif p2_tracks:
        label = "p1_leads"
    elif p1_tracks:
        label = "p2_leads"
    elif _keep_the_beat(chart_gains, phase_coherence):
        label = "both_lead"
    else:
        label = "independent"
    return label, (p1_tracks, p2_tracks), r_crit


def drift_per_bar(
    bar_position: np.ndarray, pair_mean_ms: np.ndarray
) -> tuple[float | None, float | None]:
    """Least-squares slope (ms per bar) and its standard error; None under MIN_DRIFT_POINTS."""
    if len(bar_position) < MIN_DRIFT_POINTS:
        return None, None
    x = bar_position - bar_position.mean()
    sxx = dot(x, x)
    if sxx <= 0:
        return None, None
    y = pair_mean_ms - pair_mean_ms.mean()
    sxy = dot(x, y)
    slope = sxy / sxx
    dof = len(x) - 2
    if dof <= 0:
        return slope, None
    # The residual sum of squares is syy - slope sxy, unless the line fits so well that
    # the difference loses its digits: then from the residuals themselves.
    syy = dot(y, y)
    squares = syy - slope * sxy
    if squares < 1e-6 * syy:
        residual = y - slope * x
        squares = dot(residual, residual)
    return slope, math.sqrt(max(0.0, squares) / dof / sxx)


def interval_rows(
    a1: np.ndarray, a2: np.ndarray, pair_ms: np.ndarray, first: np.ndarray
) -> np.ndarray:
    """The regressions' rows at the intervals that start at points ``first`` (indices into
    the points both hit, whose next point is also hit): P1's asynchrony to P2, each
    player's to the chart, then each player's interval deviation (5 x intervals)."""
    rows = np.empty((5, len(first)))
    after = first + 1
    rows[0], rows[1], rows[2] = pair_ms[first], a1[first], a2[first]
    rows[3], rows[4] = a1[after], a2[after]
    rows[3:] -= rows[1:3]
    return rows


def pair_gains(
    own_ms: tuple[np.ndarray, np.ndarray], start: np.ndarray
) -> tuple[tuple[GainEstimate | None, GainEstimate | None], ...]:
    """Each player's (gain to the partner, gain to the chart) (:func:`player_gains`) from
    both players' asynchronies at the points both hit; ``start[j]``: the interval from
    point j to point j + 1 is an inter-tap interval (no point missed between them)."""
    a1, a2 = own_ms
    return gains_of_rows(interval_rows(a1, a2, a1 - a2, np.flatnonzero(start)))


def gains_of_rows(rows: np.ndarray) -> tuple[tuple[GainEstimate | None, GainEstimate | None], ...]:
    """:func:`pair_gains` from :func:`interval_rows` (centred here, in place). The two
    players' regressions share their rows and so one set of lagged products."""
    n = rows.shape[1]
    if n < MIN_INTERVALS:
        return (None, None), (None, None)
    rows -= rows.mean(axis=1)[:, None]
    forms = Ma1LagForms(rows)
    gains = []
    for to_partner, own, interval, sign in ((0, 1, 3, 1.0), (0, 2, 4, -1.0)):
        columns = (to_partner, own)
        if identifiable(rows[list(columns)], forms.gram0[np.ix_(columns, columns)]):
            view = RegressionForms(forms, (to_partner, own, interval), (sign, 1.0, 1.0))
            gains.append(fit_gains(view, n))
            continue
        single = []
        for column, column_sign in ((to_partner, sign), (own, 1.0)):
            ok = identifiable(rows[[column]], forms.gram0[np.ix_([column], [column])])
            view = RegressionForms(forms, (column, interval), (column_sign, 1.0))
            single.append(fit_gains(view, n)[0] if ok else None)
        gains.append(tuple(single))
    return tuple(gains)


def player_gains(
    interval_dev_ms: np.ndarray, own_ms: np.ndarray, partner_ms: np.ndarray
) -> tuple[GainEstimate | None, GainEstimate | None]:
    """(gain to the partner, gain to the chart) of one player.

    Both references at once (the ensemble model) when the partner's asynchrony to the chart
    varies; when it does not (a machine-exact partner) the two references are the same beat
    and each gain is the single-reference estimate.
    """
    own, to_partner = own_ms[:-1], (own_ms - partner_ms)[:-1]
    both = estimate_gains(interval_dev_ms, to_partner, own)
    if both is not None:
        return both[0], both[1]
    return estimate_gain(interval_dev_ms, to_partner), estimate_gain(interval_dev_ms, own)


def coordination_from_points(
    chart: Chart,
    point_time_s: np.ndarray,
    hit_time_s: tuple[np.ndarray, np.ndarray],
    credits: np.ndarray | None = None,
    coherence: float | None = None,
) -> Coordination:
    """The analysis from the shared points' chart times and both hit times (nan = not hit).

    ``credits`` (the sync credit of each point both hit, in point order) and ``coherence``
    (the pair's phase coherence) are taken from the sync report when the caller has it.
    """
    point_time_s = np.asarray(point_time_s, dtype=np.float64)
    h1, h2 = (np.asarray(h, dtype=np.float64) for h in hit_time_s)
    # Everything is computed over the points both hit, in chart order: asynchronies there,
    # and intervals between two such points that are next to each other (an interval over
    # a missed point is no inter-tap interval).
    hit = np.flatnonzero(~np.isnan(h1) & ~np.isnan(h2))
    time_s, h1, h2 = point_time_s[hit], h1[hit], h2[hit]
    a1 = (h1 - time_s) * 1000.0
    a2 = (h2 - time_s) * 1000.0
    pair_ms = a1 - a2
    first = np.flatnonzero(hit[1:] - hit[:-1] == 1)  # the next point both hit is the next
    rows = interval_rows(a1, a2, pair_ms, first)
    interval = hit[first]  # an interval's index is its first point's
    moments = BlockMoments(
        (interval, rows[3]), (interval, rows[4]), max(0, len(point_time_s) - 1), WINDOW_STEP
    )
    xcorr = moments.whole()
    if coherence is None:
        coherence = phase_coherence(pair_ms, chart.seconds_per_beat)
    gains = gains_of_rows(rows)
    alpha = (gains[0][0], gains[1][0])
    alpha_chart = (gains[0][1], gains[1][1])
    strategy, tracks, r_crit = classify(xcorr, coherence, alpha, alpha_chart)
    if len(hit) < MIN_STRATEGY_POINTS:
        strategy, tracks = "unknown", (False, False)
    bar_s = chart.seconds_per_beat * chart.meta.beats_per_bar
    drift, drift_se = drift_per_bar((time_s - chart.music_start_s) / bar_s, (a1 + a2) / 2)
    return Coordination(
        xcorr=xcorr,
        windows=_windows(moments, point_time_s),
        strategy=strategy,
        tracks=tracks,
        track_threshold=r_crit,
        phase_coherence=coherence,
        alpha=alpha,
        alpha_chart=alpha_chart,
        drift_ms_per_bar=drift,
        drift_se_ms_per_bar=drift_se,
        sections=hit_section_sync(chart, point_time_s, hit, (h1 - h2) * 1000.0, credits),
    )


__all__ = [
    "LAGS",
    "MIN_STRATEGY_POINTS",
    "PHRASE_BARS",
    "STRATEGIES",
    "TOGETHER_R",
    "TRACK_MIN_ALPHA",
    "TRACK_MIN_R",
    "Coordination",
    "SectionSync",
    "WindowCorrelations",
    "chart_sections",
    "classify",
    "coordination_from_points",
    "drift_per_bar",
    "lag_correlations",
    "pair_gains",
    "player_gains",
    "section_sync",
    "sliding_correlations",
]
