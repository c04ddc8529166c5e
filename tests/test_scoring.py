"""Per-player scoring: points and combo fold, accuracy, offsets, grades; the team score."""

from __future__ import annotations

import numpy as np
import pytest
from factories import grid_chart, hit, hits_for_part
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core.batch import judge_batch
from drumsync.core.judge import Judge
from drumsync.core.judgement import PlayerJudgements
from drumsync.core.scoring import (
    ComboFold,
    TierCounts,
    VersusResult,
    accuracy_percent,
    fold_tiers,
    grade_for,
    points_for,
    score_player,
    team_percent,
    team_score,
    versus_result,
)
from drumsync.core.voices import Player, Voice
from drumsync.core.windows import Tier

#: Every test here runs with the compiled scorer loops and with the numpy path.
pytestmark = pytest.mark.usefixtures("both_scorers")

P, G, D, M = (int(t) for t in Tier)  # perfect, great, good, miss


def plain_fold(tiers):
    points = combo = best = 0
    for tier in tiers:
        if tier == M:
            combo = 0
        else:
            points += points_for(tier, combo)
            combo += 1
            best = max(best, combo)
    return points, combo, best


def judgements(tiers, judged_time_s=None, offsets=None, strays=()):
    n = len(tiers)
    times = np.arange(n, dtype=float) if judged_time_s is None else judged_time_s
    offsets = np.full(n, np.nan) if offsets is None else np.asarray(offsets, dtype=float)
    hit_time = np.where(np.isnan(offsets), np.nan, times)
    return PlayerJudgements(tiers, offsets, hit_time, times, list(strays))


def test_points_multiplier_steps_every_ten_and_caps_at_double():
    assert points_for(P, 0) == 1000
    assert points_for(P, 9) == 1000
    assert points_for(P, 10) == 1100
    assert points_for(G, 25) == 900
    assert points_for(D, 100) == 1000
    assert points_for(P, 500) == 2000
    assert points_for(M, 50) == 0


def test_fold_combo_resets_on_miss():
    assert fold_tiers([P] * 12) == (10 * 1000 + 2 * 1100, 12, 12)
    assert fold_tiers([P, P, M, G]) == (2750, 1, 2)
    assert fold_tiers([]) == (0, 0, 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([P, G, D, M]), max_size=300))
def test_vectorised_fold_equals_the_plain_fold(tiers):
    assert fold_tiers(np.array(tiers, dtype=np.int8)) == plain_fold(tiers)


def test_fold_order_is_judged_time_then_note_index():
    # Note 1 is judged first in time; notes 2 and 0 tie, so index order: 0 then 2.
    scored = score_player(judgements([P] * 10 + [M, G, P], [5.0] * 10 + [1.0, 0.0, 5.0]))
    # order: note 11 (great, t=0), note 10 (miss, t=1), notes 0..9 perfect, note 12 perfect
    assert scored.points == 750 + 10 * 1000 + 1100
    assert (scored.combo, scored.max_combo) == (11, 11)


def test_strays_neither_score_nor_break_combo():
    with_strays = score_player(judgements([P, P, P], strays=[0.5, 1.5]))
    without = score_player(judgements([P, P, P]))
    assert with_strays.points == without.points and with_strays.combo == 3
    assert with_strays.stray == 2 and without.stray == 0


def test_accuracy_weights_and_counts():
    scored = score_player(judgements([P, G, D, M]))
    assert scored.counts == TierCounts(1, 1, 1, 1)
    assert scored.counts.as_dict() == {"perfect": 1, "great": 1, "good": 1, "miss": 1}
    assert scored.accuracy_percent == pytest.approx(56.25)
    assert accuracy_percent(TierCounts()) == 100.0


def test_offset_stats_cover_every_consumed_note_with_population_sd():
    scored = score_player(judgements([P, G, M, M], offsets=[-10.0, 30.0, 120.0, np.nan]))
    values = np.array([-10.0, 30.0, 120.0])
    assert scored.mean_offset_ms == pytest.approx(values.mean())
    assert scored.sd_offset_ms == pytest.approx(values.std())
    none = score_player(judgements([M, M]))
    assert none.mean_offset_ms is None and none.sd_offset_ms is None


@pytest.mark.parametrize(
    ("accuracy", "grade"),
    [(100.0, "S"), (95.0, "S"), (94.99, "A"), (90.0, "A"), (89.9, "B"), (80.0, "B"),
     (79.9, "C"), (70.0, "C"), (69.99, "D"), (0.0, "D")],
)  # fmt: skip
def test_grade_thresholds(accuracy, grade):
    assert grade_for(accuracy) == grade


def test_empty_part_scores_cleanly():
    scored = score_player(judgements(np.zeros(0, dtype=np.int8)))
    assert (scored.points, scored.combo, scored.max_combo, scored.note_count) == (0, 0, 0, 0)
    assert scored.accuracy_percent == 100.0 and scored.grade == "S"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.sampled_from([P, G, D, M])), max_size=200),
    st.randoms(use_true_random=False),
)
def test_combo_fold_tolerates_late_arrivals(items, random):
    keyed = [(t / 4, i, tier) for i, (t, tier) in enumerate(items)]
    # Arrive in fold order except for local swaps (ties and near-ties).
    arriving = sorted(keyed)
    for i in range(len(arriving) - 1):
        if random.random() < 0.3:
            arriving[i], arriving[i + 1] = arriving[i + 1], arriving[i]
    fold = ComboFold()
    for time_s, index, tier in arriving:
        assert fold.add(time_s, index, tier)
    live = fold.live(stray=0)
    assert (live.points, live.combo, live.max_combo) == plain_fold([t for *_, t in sorted(keyed)])


def test_combo_fold_asks_for_a_rebuild_when_an_item_is_older_than_its_tail():
    fold = ComboFold()
    items = [(float(i), i, P) for i in range(1, 300)]
    for item in items:
        assert fold.add(*item)
    assert not fold.add(0.0, 0, M)
    fold.rebuild([*items, (0.0, 0, M)])
    live = fold.live(stray=0)
    assert (live.points, live.combo, live.max_combo) == plain_fold([M] + [P] * 299)
    assert live.counts == TierCounts(299, 0, 0, 1)


def test_live_score_ends_equal_to_score_player():
    chart = grid_chart(40, spacing_s=0.25)
    rng = np.random.default_rng(5)
    offsets = rng.normal(0, 40, 40)
    offsets[rng.random(40) < 0.1] = np.nan
    events = [*hits_for_part(chart, Player.P1, offsets), hit(20.0, Player.P1, Voice.KICK)]
    judge = Judge(chart)
    for event in events:
        judge.hit(event)
    judge.finish()
    final = score_player(judge.result().player(Player.P1))
    assert judge.live(Player.P1) == final.live()
    assert final == score_player(judge_batch(chart, events).player(Player.P1))


def test_team_score_formula():
    a = score_player(judgements([P, P]))
    b = score_player(judgements([P, D]))
    team = team_score(a, b, 60.0, 1500)
    assert team.percent == pytest.approx(0.25 * 100 + 0.25 * 75 + 0.5 * 60)
    assert team.points == a.points + b.points + 1500
    assert team_score(a, b, None, 0).percent == pytest.approx(87.5)


def test_the_live_team_percent_is_the_final_one():
    a = score_player(judgements([P, P, G]))
    b = score_player(judgements([P, D, M]))
    for sync in (None, 0.0, 42.5, 100.0):
        live = team_percent(a.live().accuracy_percent, b.live().accuracy_percent, sync)
        assert live == team_score(a, b, sync, 0).percent


def test_versus_leads_with_more_points_and_is_even_on_equal_points():
    assert versus_result(1000, 750) == VersusResult(Player.P1, 250)
    assert versus_result(0, 500).leader is Player.P2
    assert versus_result(500, 500).leader is None and versus_result(500, 500).margin == 0
