"""Two-player sync: the credit curve, shared points, and the required behaviour of issue 2d."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from factories import grid_chart, hits_for_part, make_chart, merge
from hypothesis import given
from hypothesis import strategies as st

from drumsync.core.batch import judge_batch
from drumsync.core.report import score_events
from drumsync.core.sync import (
    FLAT_MS,
    ZERO_MS,
    SyncTier,
    leader_for,
    point_hit_time,
    point_hit_times,
    shared_points,
    sync_credit,
    sync_credits,
    sync_report,
    sync_tier,
)
from drumsync.core.voices import Player, Voice

#: Every test here runs with the compiled scorer loops and with the numpy path.
pytestmark = pytest.mark.usefixtures("both_scorers")

P1, P2 = Player.P1, Player.P2
KICK, SNARE, HIHAT = Voice.KICK, Voice.SNARE, Voice.HIHAT
NOTES = 300


def play(chart, p1_offsets_ms, p2_offsets_ms, **kwargs):
    events = merge(hits_for_part(chart, P1, p1_offsets_ms), hits_for_part(chart, P2, p2_offsets_ms))
    return score_events(chart, events, **kwargs)


@pytest.fixture(scope="module")
def chart():
    return grid_chart(NOTES, spacing_s=0.25)


# -- the curve -----------------------------------------------------------------------------


def test_credit_is_full_inside_the_flat_zone_and_zero_past_the_cutoff():
    assert sync_credit(0.0) == sync_credit(FLAT_MS) == 1.0
    assert sync_credit(ZERO_MS) == 0.0 and sync_credit(500.0) == 0.0
    assert 0.0 < sync_credit(25.0) < 1.0


def test_credit_never_rises_as_delta_grows_on_a_fine_grid():
    grid = np.linspace(0.0, 200.0, 20001)
    credits = sync_credits(grid)
    assert np.all(np.diff(credits) <= 0.0)
    assert np.all((credits >= 0.0) & (credits <= 1.0))


@given(st.floats(0, 300), st.floats(0, 300))
def test_credit_is_monotone_non_increasing(a, b):
    low, high = min(a, b), max(a, b)
    assert sync_credit(low) >= sync_credit(high)


def test_vector_and_scalar_credit_agree_exactly():
    values = np.array([0.0, 4.9, 5.0, 5.1, 12.3, 30.0, 44.9, 45.0, 80.0])
    assert sync_credits(values).tolist() == [sync_credit(v) for v in values]


@pytest.mark.parametrize(
    ("delta", "tier"),
    [(0.0, SyncTier.UNISON), (10.0, SyncTier.UNISON), (10.01, SyncTier.TOGETHER),
     (25.0, SyncTier.TOGETHER), (50.0, SyncTier.CLOSE), (50.5, SyncTier.APART)],
)  # fmt: skip
def test_sync_tier_edges_are_inclusive(delta, tier):
    assert sync_tier(delta) == tier


def test_leader_from_the_sign_of_the_mean_delta():
    assert leader_for(-10.0) == "p1"
    assert leader_for(10.0) == "p2"
    assert leader_for(1.9) == "even" and leader_for(-1.9) == "even"
    assert leader_for(None) == "even"


# -- shared points ----------------------------------------------------------------------------


def test_shared_points_match_within_a_microsecond_and_group_chords():
    chart = make_chart(
        p1=[(1.0, KICK), (1.0, HIHAT), (2.0, SNARE), (3.0, KICK)],
        p2=[(1.0 + 5e-7, HIHAT), (2.0 + 2e-6, SNARE), (3.0, HIHAT), (4.0, KICK)],
    )
    points = shared_points(chart)
    assert len(points) == 2
    assert points.time_s[0].tolist() == [1.0, 3.0]
    assert points.start[0].tolist() == [0, 3] and points.stop[0].tolist() == [2, 4]
    assert points.start[1].tolist() == [0, 2] and points.stop[1].tolist() == [1, 3]
    assert points.point_of_notes(0, 4).tolist() == [0, 0, -1, 1]
    assert points.point_of_notes(1, 4).tolist() == [0, -1, 1, -1]


def test_chord_hit_time_is_the_mean_of_notes_hit_within_good():
    chart = make_chart(p1=[(1.0, KICK), (1.0, HIHAT)], p2=[(1.0, KICK)])
    events = merge(hits_for_part(chart, P1, [0.0, 10.0]), hits_for_part(chart, P2, [0.0]))
    result = judge_batch(chart, events)
    report = sync_report(chart, result)
    assert report.mean_delta_ms == pytest.approx(5.0)
    points = shared_points(chart)
    vector = point_hit_times(result.player(P1), points.start[0], points.stop[0])
    judged = result.player(P1)
    scalar = point_hit_time(judged.tier.tolist(), judged.hit_time_s.tolist(), 0, 2)
    assert vector.tolist() == [scalar]


def test_consumed_as_miss_hits_do_not_count_for_sync():
    chart = grid_chart(2)
    report = play(chart, [0.0, 0.0], [0.0, 120.0]).sync  # second P2 hit: outside good
    assert report.pair_count == 2 and report.both_hit == 1
    assert report.tiers.missed == 1
    assert report.percent == pytest.approx(50.0)


def test_no_shared_points_gives_no_sync_percent():
    chart = make_chart(p1=[(1.0, KICK)], p2=[(1.5, HIHAT)])
    report = play(chart, [0.0], [0.0])
    assert report.sync.percent is None and report.sync.pair_count == 0
    assert report.team.percent == pytest.approx(100.0)


# -- required behaviour (issue 2d) ------------------------------------------------------------


def test_identical_timing_is_full_sync(chart):
    rng = np.random.default_rng(1)
    shared = rng.normal(-20.0, 15.0, NOTES)
    report = play(chart, shared, shared)
    assert report.sync.percent == 100.0
    assert report.sync.tiers.unison == NOTES
    assert report.sync.mean_delta_ms == 0.0 and report.sync.phase_coherence == pytest.approx(1)


def test_both_late_together_is_high_sync_but_low_accuracy(chart):
    rng = np.random.default_rng(2)
    report = play(chart, rng.normal(30.0, 2.0, NOTES), rng.normal(30.0, 2.0, NOTES))
    assert report.sync.percent >= 95.0
    for player in report.players:
        assert player.accuracy_percent <= 80.0


def test_one_exact_one_sloppy_is_low_sync(chart):
    rng = np.random.default_rng(3)
    report = play(chart, np.zeros(NOTES), rng.normal(0.0, 60.0, NOTES))
    assert report.sync.percent <= 50.0


def test_sync_never_rises_as_the_players_drift_apart(chart):
    percents = [
        play(chart, np.full(NOTES, d / 2), np.full(NOTES, -d / 2)).sync.percent
        for d in np.arange(0.0, 120.0, 2.5)
    ]
    assert all(b <= a for a, b in itertools.pairwise(percents))
    assert percents[0] == 100.0 and percents[-1] == 0.0


def test_who_leads_and_by_how_much(chart):
    rng = np.random.default_rng(4)
    base = rng.normal(0.0, 5.0, NOTES)
    report = play(chart, base - 12.0, base).sync
    assert report.leader == "p1" and report.lead_ms == pytest.approx(12.0)
    assert report.mean_delta_ms == pytest.approx(-12.0)
    assert report.sd_delta_ms == pytest.approx(0.0, abs=1e-6)
    assert play(chart, base + 12.0, base).sync.leader == "p2"


def test_a_follower_shows_positive_lag1_cross_correlation(chart):
    rng = np.random.default_rng(5)
    leader = np.cumsum(rng.normal(0.0, 4.0, NOTES))  # wandering asynchrony
    leader -= leader.mean()
    leader = np.clip(leader, -40, 40)
    follower = np.concatenate(([0.0], leader[:-1])) + rng.normal(0.0, 1.0, NOTES)
    report = play(chart, leader, follower).sync
    assert report.xcorr_p1_to_p2 > 0.5
    assert report.xcorr_p1_to_p2 > report.xcorr_p2_to_p1


def test_statistics_are_none_when_undefined():
    report = play(grid_chart(2), [0.0, 0.0], [0.0, 0.0]).sync
    assert report.xcorr_p1_to_p2 is None and report.xcorr_lag0 is None  # too few intervals
    nobody = play(grid_chart(2), [np.nan] * 2, [np.nan] * 2).sync
    assert nobody.percent == 0.0 and nobody.both_hit == 0
    assert nobody.mean_delta_ms is None and nobody.phase_coherence is None
    assert nobody.leader == "even" and nobody.lead_ms is None


def test_phase_coherence_falls_as_the_relative_phase_spreads(chart):
    rng = np.random.default_rng(6)
    tight = play(chart, np.zeros(NOTES), rng.normal(0, 5, NOTES)).sync.phase_coherence
    loose = play(chart, np.zeros(NOTES), rng.normal(0, 40, NOTES)).sync.phase_coherence
    assert 0.0 <= loose < tight <= 1.0
    assert math.isclose(tight, math.exp(-0.5 * (2 * math.pi * 0.005 / 0.5) ** 2), rel_tol=0.01)


def test_sync_bonus_pays_by_tier():
    chart = grid_chart(4)
    report = play(chart, [0.0] * 4, [0.0, 20.0, 40.0, 80.0]).sync
    assert (report.tiers.unison, report.tiers.together, report.tiers.close) == (1, 1, 1)
    assert report.tiers.apart == 1
    assert report.bonus == 1000 + 750 + 500


def test_the_vectorised_credit_follows_erf_within_its_stated_error():
    import math

    from drumsync.core.sync import FLAT_MS, WIDTH_MS, ZERO_MS, erf_approx, sync_credit, sync_credits

    x = np.linspace(-6.0, 6.0, 100_001)
    exact = np.array([math.erf(v) for v in x])
    assert np.max(np.abs(erf_approx(x) - exact)) < 1.5e-7
    deltas = np.linspace(0.0, 60.0, 6001)
    norm = math.erf((ZERO_MS - FLAT_MS) / WIDTH_MS)
    reference = [
        1.0 if d <= FLAT_MS else min(1.0, max(0.0, math.erf((ZERO_MS - d) / WIDTH_MS) / norm))
        for d in deltas
    ]
    credits = sync_credits(deltas)
    assert np.max(np.abs(credits - reference)) < 3e-7
    assert all(np.diff(credits) <= 0)  # never rises as the players drift apart
    assert [sync_credit(d) for d in deltas[::50]] == credits[::50].tolist()


def test_vector_sync_tiers_agree_with_the_scalar_tier_at_and_around_every_edge():
    from drumsync.core.sync import SYNC_TIER_EDGES_MS, sync_tiers

    edges = SYNC_TIER_EDGES_MS
    values = np.concatenate(
        [edges, np.nextafter(edges, 0), np.nextafter(edges, 100), np.linspace(0, 80, 801)]
    )
    assert sync_tiers(values).tolist() == [int(sync_tier(v)) for v in values]


@given(st.lists(st.floats(0, 200, allow_nan=False), min_size=1, max_size=50))
def test_credits_equal_the_curve_over_every_point(deltas):
    """Points outside the slope take exact values; the slope's points the erf curve."""
    from drumsync.core.sync import WIDTH_MS, erf_approx

    values = np.array(deltas)
    norm = float(erf_approx(np.float64((ZERO_MS - FLAT_MS) / WIDTH_MS)))
    curve = np.clip(erf_approx((ZERO_MS - values) / WIDTH_MS) / norm, 0, 1)
    want = np.where(values <= FLAT_MS, 1.0, np.where(values >= ZERO_MS, 0.0, curve))
    assert np.array_equal(sync_credits(values), want)


def test_point_hit_times_of_chords_equal_the_scalar_sum():
    rng = np.random.default_rng(11)
    notes = []
    for k in range(200):  # points of one to four notes, some voices hit, some not
        for voice in rng.choice(len(Voice), rng.integers(1, len(Voice) + 1), replace=False):
            notes.append((k * 0.25, int(voice)))
    chart = make_chart(notes, notes)
    offsets = rng.normal(0, 60, len(notes))
    offsets[rng.random(len(notes)) < 0.2] = np.nan
    judgements = judge_batch(chart, merge(hits_for_part(chart, P1, offsets), []))
    points = shared_points(chart)
    player = judgements.player(P1)
    got = point_hit_times(player, points.start[0], points.stop[0])
    for i, (start, stop) in enumerate(zip(points.start[0], points.stop[0], strict=True)):
        want = point_hit_time(player.tier, player.hit_time_s, int(start), int(stop))
        assert (math.isnan(got[i]) and want is None) or got[i] == want
