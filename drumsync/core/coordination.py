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

from .chart import Chart, Section
from .lags import LagCorrelations, dot, lag_correlations, window_lag_correlations
from .phase_correction import GainEstimate, estimate_gain, estimate_gains
from .sync import phase_coherence, sync_credits

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
#: Bars per phrase when a chart has no named sections.
PHRASE_BARS = 4
STRATEGIES = ("mutual", "p1_leads", "p2_leads", "both_lead", "independent", "unknown")
LAGS = (-1, 0, 1)


@dataclass(frozen=True, slots=True)
class WindowCorrelations:
    start_s: float
    end_s: float
    lags: LagCorrelations


@dataclass(frozen=True, slots=True)
class SectionSync:
    name: str
    start_bar: int
    bars: int
    points: int
    percent: float | None


@dataclass(frozen=True, slots=True)
class Coordination:
    xcorr: LagCorrelations
    windows: tuple[WindowCorrelations, ...]
    strategy: str
    tracks: tuple[bool, bool]  # P1 tracks P2, P2 tracks P1
    track_threshold: float
    phase_coherence: float | None
    alpha: tuple[GainEstimate | None, GainEstimate | None]
    alpha_chart: tuple[GainEstimate | None, GainEstimate | None]
    drift_ms_per_bar: float | None
    drift_se_ms_per_bar: float | None
    sections: tuple[SectionSync, ...]

    def weakest_section(self) -> SectionSync | None:
        """The section where the pair was least together (first of equals), None if none."""
        scored = [s for s in self.sections if s.percent is not None]
        return min(scored, key=lambda s: s.percent) if scored else None

    def strongest_section(self) -> SectionSync | None:
        scored = [s for s in self.sections if s.percent is not None]
        return max(scored, key=lambda s: s.percent) if scored else None


def _defined(r: float) -> float | None:
    return None if math.isnan(r) else r


def sliding_correlations(
    d1: np.ndarray, d2: np.ndarray, start_s: np.ndarray
) -> tuple[WindowCorrelations, ...]:
    """:func:`lag_correlations` in windows of WINDOW_INTERVALS, every WINDOW_STEP intervals.

    ``start_s[k]`` is the chart time where interval k starts (one more entry: the end).
    All windows are computed at once, one row each (:func:`window_lag_correlations`).
    """
    count = len(d1)
    if count < WINDOW_INTERVALS:
        return ()
    first = np.arange(0, count - WINDOW_INTERVALS + 1, WINDOW_STEP)
    lags = window_lag_correlations(d1, d2, first, WINDOW_INTERVALS)
    keep = lags.intervals >= WINDOW_INTERVALS // 2  # mostly missed: no window
    return tuple(
        WindowCorrelations(
            begin, end, LagCorrelations(_defined(minus1), _defined(zero), _defined(plus1), count)
        )
        for begin, end, minus1, zero, plus1, count in zip(
            start_s[first[keep]].tolist(),
            start_s[first[keep] + WINDOW_INTERVALS].tolist(),
            lags.minus1[keep].tolist(),
            lags.zero[keep].tolist(),
            lags.plus1[keep].tolist(),
            lags.intervals[keep].tolist(),
            strict=True,
        )
    )


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
    sxx = float(dot(x, x))
    if sxx <= 0:
        return None, None
    slope = float(dot(x, pair_mean_ms - pair_mean_ms.mean())) / sxx
    residual = pair_mean_ms - pair_mean_ms.mean() - slope * x
    dof = len(x) - 2
    se = math.sqrt(float(dot(residual, residual)) / dof / sxx) if dof > 0 else None
    return slope, se


def chart_sections(chart: Chart) -> tuple[Section, ...]:
    """The chart's named sections, or 4-bar phrases "bars 1-4", ... when it has none."""
    if chart.sections:
        return tuple(chart.sections)
    bars = chart.meta.bars
    return tuple(
        Section(
            f"bars {start + 1}-{min(bars, start + PHRASE_BARS)}",
            start,
            min(PHRASE_BARS, bars - start),
        )
        for start in range(0, bars, PHRASE_BARS)
    )


def section_sync(
    chart: Chart, point_time_s: np.ndarray, delta_ms: np.ndarray
) -> tuple[SectionSync, ...]:
    """Sync percent per section: ``delta_ms`` is nan where the point was not hit by both.

    Points are taken in bar order, so each section is one run of them: its credits are
    summed with one ``reduceat`` over all sections rather than a mask per section.
    """
    bar_s = chart.seconds_per_beat * chart.meta.beats_per_bar
    bar_of_point = np.floor((point_time_s - chart.music_start_s) / bar_s + 1e-9)
    credits = np.where(np.isnan(delta_ms), 0.0, sync_credits(np.nan_to_num(np.abs(delta_ms))))
    if len(bar_of_point) > 1 and np.any(np.diff(bar_of_point) < 0):
        by_bar = np.argsort(bar_of_point, kind="stable")
        bar_of_point, credits = bar_of_point[by_bar], credits[by_bar]
    sections = chart_sections(chart)
    start_bar = np.array([s.start_bar for s in sections], dtype=np.float64)
    end_bar = start_bar + np.array([s.bars for s in sections], dtype=np.float64)
    first = np.searchsorted(bar_of_point, start_bar, side="left")
    stop = np.maximum(first, np.searchsorted(bar_of_point, end_bar, side="left"))
    points = stop - first
    # reduceat over [first, stop) pairs; a trailing zero keeps ``stop == len`` a valid index.
    bounds = np.column_stack([first, stop]).reshape(-1)
    padded = np.append(credits, 0.0)
    sums = np.add.reduceat(padded, bounds)[::2] if len(bounds) else np.zeros(0)
    percents = np.where(points > 0, 100.0 * sums / np.maximum(points, 1), np.nan)
    return tuple(
        SectionSync(
            section.name,
            section.start_bar,
            section.bars,
            count,
            percent if count else None,
        )
        for section, count, percent in zip(
            sections, points.tolist(), percents.tolist(), strict=True
        )
    )


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
    chart: Chart, point_time_s: np.ndarray, hit_time_s: tuple[np.ndarray, np.ndarray]
) -> Coordination:
    """The analysis from the shared points' chart times and both hit times (nan = not hit)."""
    point_time_s = np.asarray(point_time_s, dtype=np.float64)
    h1, h2 = (np.asarray(h, dtype=np.float64) for h in hit_time_s)
    both = ~np.isnan(h1) & ~np.isnan(h2)
    delta_ms = np.where(both, (h1 - h2) * 1000.0, np.nan)
    # Asynchronies at every point, nan where not both hit: an interval over a missed point
    # is no inter-tap interval, so its difference is nan and drops out.
    a1 = np.where(both, (h1 - point_time_s) * 1000.0, np.nan)
    a2 = np.where(both, (h2 - point_time_s) * 1000.0, np.nan)
    d1, d2 = np.diff(a1), np.diff(a2)
    xcorr = lag_correlations(d1, d2)
    pair_ms = a1 - a2
    coherence = phase_coherence(pair_ms[both], chart.seconds_per_beat)
    gains = (player_gains(d1, a1, a2), player_gains(d2, a2, a1))
    alpha = (gains[0][0], gains[1][0])
    alpha_chart = (gains[0][1], gains[1][1])
    strategy, tracks, r_crit = classify(xcorr, coherence, alpha, alpha_chart)
    if np.count_nonzero(both) < MIN_STRATEGY_POINTS:
        strategy, tracks = "unknown", (False, False)
    bar_s = chart.seconds_per_beat * chart.meta.beats_per_bar
    drift, drift_se = drift_per_bar(
        (point_time_s[both] - chart.music_start_s) / bar_s, (a1[both] + a2[both]) / 2
    )
    return Coordination(
        xcorr=xcorr,
        windows=sliding_correlations(d1, d2, point_time_s),
        strategy=strategy,
        tracks=tracks,
        track_threshold=r_crit,
        phase_coherence=coherence,
        alpha=alpha,
        alpha_chart=alpha_chart,
        drift_ms_per_bar=drift,
        drift_se_ms_per_bar=drift_se,
        sections=section_sync(chart, point_time_s, delta_ms),
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
    "player_gains",
    "section_sync",
    "sliding_correlations",
]
