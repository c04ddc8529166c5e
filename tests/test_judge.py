"""The live Judge, rule by rule."""

from __future__ import annotations

import math

import numpy as np
import pytest
from factories import grid_chart, hit, make_chart, unison_chart

from drumsync.core.judge import Judge
from drumsync.core.voices import Player, Voice
from drumsync.core.windows import WINDOW_PRESETS, Tier, Windows

P1, P2 = Player.P1, Player.P2
KICK, SNARE = Voice.KICK, Voice.SNARE
# Binary-exact edges (in seconds too), so a hit can sit exactly on a window edge.
EXACT = Windows("exact", 31.25, 62.5, 125.0, 250.0)


def one_note(voice=KICK, time_s=1.0, player=P1):
    return make_chart(**{player.label: [(time_s, voice)]})


def test_exact_hit_is_perfect_with_full_record():
    judge = Judge(one_note())
    j = judge.hit(hit(1.0, P1, KICK))
    assert (j.player, j.voice, j.tier, j.note_index) == (P1, KICK, Tier.PERFECT, 0)
    assert (j.offset_ms, j.time_s, j.note_time_s) == (0.0, 1.0, 1.0)
    assert not j.is_stray and j.is_hit


@pytest.mark.parametrize(
    ("offset_s", "tier"),
    [
        (0.03125, Tier.PERFECT),
        (-0.03125, Tier.PERFECT),
        (0.0625, Tier.GREAT),
        (-0.0625, Tier.GREAT),
        (0.125, Tier.GOOD),
        (-0.125, Tier.GOOD),
        (0.25, Tier.MISS),
        (-0.25, Tier.MISS),
    ],
)
def test_every_window_edge_is_inclusive(offset_s, tier):
    judge = Judge(one_note(), EXACT)
    j = judge.hit(hit(1.0 + offset_s, P1, KICK))
    assert j.tier == tier
    assert j.offset_ms == offset_s * 1000
    assert j.note_index == 0  # even at the miss edge the note is consumed


@pytest.mark.parametrize(("edge_s", "tier"), [(0.03125, Tier.GREAT), (0.0625, Tier.GOOD)])
def test_just_past_an_edge_drops_a_tier(edge_s, tier):
    judge = Judge(one_note(), EXACT)
    assert judge.hit(hit(np.nextafter(1.0 + edge_s, 2.0), P1, KICK)).tier == tier


def test_just_past_the_miss_window_is_a_stray():
    for t in (np.nextafter(1.25, 2.0), np.nextafter(0.75, 0.0)):
        judge = Judge(one_note(), EXACT)
        assert judge.hit(hit(t, P1, KICK)).is_stray


def test_early_hits_have_negative_offsets():
    judge = Judge(one_note())
    j = judge.hit(hit(0.96, P1, KICK))
    assert j.offset_ms == pytest.approx(-40.0)
    assert j.tier == Tier.GREAT


def test_consumed_as_miss_keeps_its_offset_and_uses_up_the_note():
    judge = Judge(one_note())
    j = judge.hit(hit(1.12, P1, KICK))  # inside miss (135) but outside good (100)
    assert j.tier == Tier.MISS and j.note_index == 0
    assert j.offset_ms == pytest.approx(120.0)
    assert judge.hit(hit(1.121, P1, KICK)).is_stray  # nothing left to consume
    judge.finish()
    result = judge.result().player(P1)
    assert result.tier[0] == Tier.MISS and result.hit_time_s[0] == 1.12


def test_a_hit_takes_the_earliest_note_in_reach_not_the_nearest():
    judge = Judge(make_chart(p1=[(1.0, KICK), (1.1, KICK)]))
    first = judge.hit(hit(1.09, P1, KICK))
    assert first.note_index == 0 and first.offset_ms == pytest.approx(90.0)
    assert judge.hit(hit(1.1, P1, KICK)).note_index == 1


def test_wrong_voice_is_a_stray_and_the_note_is_missed_later():
    judge = Judge(one_note(KICK))
    assert judge.hit(hit(1.0, P1, SNARE)).is_stray
    missed = judge.advance(2.0)
    assert [(j.note_index, j.tier) for j in missed] == [(0, Tier.MISS)]
    assert math.isnan(missed[0].offset_ms)
    assert missed[0].time_s == 1.0 + WINDOW_PRESETS["standard"].miss_s


def test_strays_count_but_do_not_break_the_combo():
    judge = Judge(grid_chart(2, spacing_s=1.0))
    judge.hit(hit(1.0, P1, KICK))
    judge.hit(hit(1.5, P1, KICK))  # nothing near: stray
    judge.hit(hit(2.0, P1, KICK))
    live = judge.live(P1)
    assert (live.combo, live.max_combo, live.stray) == (2, 2, 1)
    assert live.counts.perfect == 2 and live.counts.miss == 0


def test_unhit_note_expires_only_strictly_after_the_miss_window():
    judge = Judge(one_note(), EXACT)
    assert judge.advance(1.25) == []  # exactly at note + miss: not yet
    [missed] = judge.advance(np.nextafter(1.25, 2.0))
    assert missed.tier == Tier.MISS and missed.time_s == 1.25
    assert judge.advance(5.0) == []  # emitted once


def test_a_hit_settles_that_players_expired_notes_and_queues_them():
    chart = make_chart(p1=[(1.0, KICK), (2.0, SNARE)], p2=[(1.0, KICK)])
    judge = Judge(chart)
    j = judge.hit(hit(2.0, P1, SNARE))
    assert j.note_index == 1 and j.tier == Tier.PERFECT
    assert judge.live(P1).counts.miss == 1  # P1's kick settled by the hit's time
    queued = judge.advance(2.0)
    # the queued P1 miss first, then P2's note that the clock has now passed
    assert [(x.player, x.note_index) for x in queued] == [(P1, 0), (P2, 0)]


def test_same_voice_notes_of_the_two_players_are_judged_separately():
    judge = Judge(unison_chart([(1.0, KICK)]))
    a = judge.hit(hit(1.0, P1, KICK))
    b = judge.hit(hit(1.01, P1, KICK))
    c = judge.hit(hit(1.02, P2, KICK))
    assert (a.player, a.note_index) == (P1, 0)
    assert b.is_stray  # P1 cannot take P2's note
    assert (c.player, c.note_index, c.tier) == (P2, 0, Tier.PERFECT)


def test_chord_notes_of_one_player_are_matched_by_voice():
    judge = Judge(make_chart(p1=[(1.0, KICK), (1.0, SNARE)]))
    assert judge.hit(hit(1.0, P1, SNARE)).note_index == 1
    assert judge.hit(hit(1.0, P1, KICK)).note_index == 0


def test_offsets_shift_each_players_judged_time():
    chart = unison_chart([(1.0, KICK)])
    judge = Judge(chart, offsets_ms=(30.0, -10.0))
    a = judge.hit(hit(1.03, P1, KICK))
    b = judge.hit(hit(1.03, P2, KICK))
    assert a.offset_ms == pytest.approx(0.0) and a.time_s == pytest.approx(1.0)
    assert b.offset_ms == pytest.approx(40.0) and b.tier == Tier.GREAT
    assert judge.offsets_ms == (30.0, -10.0)


def test_expiry_runs_on_each_players_own_clock():
    judge = Judge(unison_chart([(1.0, KICK)]), EXACT, offsets_ms=(100.0, 0.0))
    # Song time 1.3: P2's judged clock is 1.3 (> 1.25, expired); P1's is 1.2 (not yet).
    assert [j.player for j in judge.advance(1.3)] == [P2]
    assert [j.player for j in judge.advance(1.36)] == [P1]


def test_finish_settles_everything_and_result_counts_every_note():
    chart = grid_chart(5)
    judge = Judge(chart)
    judge.hit(hit(1.0, P1, KICK))
    left = judge.finish()
    assert len(left) == 9  # 4 of P1, 5 of P2
    assert [j.time_s for j in left] == sorted(j.time_s for j in left)
    result = judge.result()
    assert result.player(P1).tier_counts() == (1, 0, 0, 4)
    assert result.player(P2).tier_counts() == (0, 0, 0, 5)
    assert len(judge.records) == 10


def test_live_accuracy_covers_notes_judged_so_far():
    judge = Judge(grid_chart(4))
    assert judge.live(P1).accuracy_percent == 100.0
    judge.hit(hit(1.0, P1, KICK))
    judge.hit(hit(1.54, P1, KICK))  # great
    assert judge.live(P1).accuracy_percent == pytest.approx(87.5)
    assert judge.live(P1).judged == 2


def test_live_score_points_and_combo_multiplier():
    judge = Judge(grid_chart(12, spacing_s=0.25))
    for i in range(12):
        judge.hit(hit(1.0 + 0.25 * i, P1, KICK))
    live = judge.live(P1)
    assert live.points == 10 * 1000 + 2 * 1100
    assert live.combo == live.max_combo == 12


def test_pair_deltas_and_live_sync_percent():
    judge = Judge(grid_chart(3))
    assert judge.live_sync_percent() is None
    for i in range(3):
        t = 1.0 + 0.5 * i
        judge.hit(hit(t - 0.010, P1, KICK))
        judge.hit(hit(t, P2, KICK))
    deltas = judge.pair_deltas
    assert [t for t, _ in deltas] == [1.0, 1.5, 2.0]
    assert all(d == pytest.approx(-10.0) for _, d in deltas)
    assert 95.0 < judge.live_sync_percent() < 100.0


def test_a_point_only_one_player_hit_settles_at_zero_sync():
    judge = Judge(grid_chart(2))
    judge.hit(hit(1.0, P1, KICK))
    judge.hit(hit(1.0, P2, KICK))
    judge.hit(hit(1.5, P1, KICK))
    judge.finish()
    assert len(judge.pair_deltas) == 1
    assert judge.live_sync_percent() == pytest.approx(50.0)


def test_contract_violations_raise():
    judge = Judge(one_note())
    judge.advance(2.0)
    assert judge.clock_s == 2.0
    with pytest.raises(ValueError, match="before the judge's clock"):
        judge.hit(hit(1.9, P1, KICK))
    with pytest.raises(ValueError, match="finite"):
        judge.hit(hit(math.nan, P1, KICK))
    with pytest.raises(ValueError):
        judge.advance(math.nan)
    with pytest.raises(RuntimeError):
        judge.result()
    judge.finish()
    with pytest.raises(RuntimeError):
        judge.hit(hit(3.0, P1, KICK))
    assert judge.finish() == []


def test_advance_backwards_is_harmless_and_hits_at_the_clock_are_allowed():
    judge = Judge(one_note(time_s=3.0))
    judge.advance(2.0)
    assert judge.advance(1.0) == []
    assert judge.clock_s == 2.0
    assert judge.hit(hit(2.0, P1, KICK)).is_stray


def test_rejects_unsorted_or_non_finite_charts():
    from drumsync.core.chart import Part

    chart = make_chart(p1=[(1.0, KICK)])
    bad = Part(beat=[2.0, 1.0], time_s=[2.0, 1.0], voice=[0, 0])
    with pytest.raises(ValueError, match="not sorted"):
        Judge(type(chart)(meta=chart.meta, parts=(bad, chart.parts[1])))
    nan = Part(beat=[1.0], time_s=[math.nan], voice=[0])
    with pytest.raises(ValueError, match="non-finite"):
        Judge(type(chart)(meta=chart.meta, parts=(nan, chart.parts[1])))


def test_windows_by_name_and_internal_tier_lookup_matches_windows():
    for windows in (*WINDOW_PRESETS.values(), EXACT):
        judge = Judge(one_note(), windows.name if windows is not EXACT else windows)
        assert judge.windows == windows
        for edge in windows.tier_edges_ms:
            for x in (edge, np.nextafter(edge, 0), np.nextafter(edge, 1e9), -edge, 0.0, 1e9):
                assert judge._tier_for(float(x)) == windows.tier_for(float(x))


def test_vector_tiers_equal_the_scalar_walk_at_and_around_every_edge():
    for windows in WINDOW_PRESETS.values():
        edges = np.array([windows.perfect_ms, windows.great_ms, windows.good_ms])
        values = np.concatenate(
            [edges, np.nextafter(edges, 0), np.nextafter(edges, 1e3), np.linspace(-200, 200, 801)]
        )
        values = np.concatenate([values, -values, [np.nan, np.inf, -np.inf]])
        want = [int(windows.tier_for(v)) for v in values]
        assert windows.tiers_for(values).tolist() == want
        assert windows.tiers_for(values).dtype == np.int8
        assert windows.tiers_for(np.float64(values[0])) == want[0]
