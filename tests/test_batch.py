"""The vectorised batch scorer: the pointer solver and judge_batch's own behaviour.

(Its agreement with the live Judge is proven in test_judge_equivalence.py.)
"""

from __future__ import annotations

import numpy as np
import pytest
from factories import grid_chart, hit, hits_for_part, make_chart, merge
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core import batch
from drumsync.core.batch import judge_batch, solve_pointers
from drumsync.core.events import EventArrays
from drumsync.core.voices import Player, Voice
from drumsync.core.windows import WINDOW_PRESETS, Tier, Windows

#: Every test here runs with the compiled scorer loops and with the numpy path.
pytestmark = pytest.mark.usefixtures("both_scorers")

P1, P2 = Player.P1, Player.P2
KICK, SNARE = Voice.KICK, Voice.SNARE


def plain_pointers(lb, ub):
    pointer, consumed, nxt = [], [], 0
    for low, high in zip(lb, ub, strict=True):
        p = max(low, nxt)
        pointer.append(p)
        consumed.append(p < high)
        nxt = p + 1 if p < high else p
    return np.array(pointer, dtype=np.int64), np.array(consumed, dtype=bool)


@st.composite
def bounds(draw):
    """Non-decreasing lb <= ub, as sorted hits against sorted notes produce."""
    n = draw(st.integers(0, 60))
    lb = np.cumsum(draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))).astype(np.int64)
    width = np.array(draw(st.lists(st.integers(0, 4), min_size=n, max_size=n)), dtype=np.int64)
    ub = np.maximum.accumulate(lb + width) if n else lb
    return lb, ub


@settings(max_examples=300, deadline=None)
@given(bounds())
def test_solver_matches_the_plain_recurrence(lb_ub):
    lb, ub = lb_ub
    pointer, consumed, passes = solve_pointers(lb, ub)
    want_p, want_c = plain_pointers(lb, ub)
    assert np.array_equal(consumed, want_c)
    assert np.array_equal(pointer[consumed], want_p[want_c])
    # Each pass settles at least the first hit still guessed wrong; one more confirms.
    assert passes <= len(lb) + 1


@settings(max_examples=100, deadline=None)
@given(bounds())
def test_solver_fallback_is_exact(lb_ub):
    lb, ub = lb_ub
    saved = batch.MAX_PASSES, batch.WHOLE_PASSES
    try:
        batch.MAX_PASSES = batch.WHOLE_PASSES = 1
        pointer, consumed, _ = solve_pointers(lb, ub)
    finally:
        batch.MAX_PASSES, batch.WHOLE_PASSES = saved
    want_p, want_c = plain_pointers(lb, ub)
    assert np.array_equal(consumed, want_c)
    assert np.array_equal(pointer[consumed], want_p[want_c])


@settings(max_examples=300, deadline=None)
@given(bounds(), st.integers(1, 4))
def test_solver_segment_passes_take_over_from_whole_passes(lb_ub, whole_passes):
    """Whatever guess the passes over all chained hits leave, the per-segment passes that
    follow finish it exactly."""
    lb, ub = lb_ub
    saved = batch.WHOLE_PASSES
    try:
        batch.WHOLE_PASSES = whole_passes
        pointer, consumed, _ = solve_pointers(lb, ub)
    finally:
        batch.WHOLE_PASSES = saved
    want_p, want_c = plain_pointers(lb, ub)
    assert np.array_equal(consumed, want_c)
    assert np.array_equal(pointer[consumed], want_p[want_c])


def test_solver_converges_in_few_passes_on_dense_play():
    rng = np.random.default_rng(7)
    notes = np.cumsum(rng.choice([0.075, 0.15], 20_000))
    played = notes[rng.random(len(notes)) > 0.1]  # 10 % skipped
    hits = np.sort(played + rng.normal(0, 0.03, len(played)))
    lb = np.searchsorted(notes, hits - 0.135, side="left")
    ub = np.searchsorted(notes, hits + 0.135, side="right")
    pointer, consumed, passes = solve_pointers(lb, ub)
    assert passes < 30
    want_p, want_c = plain_pointers(lb, ub)
    assert np.array_equal(consumed, want_c)
    assert np.array_equal(pointer[consumed], want_p[want_c])


def test_window_bounds_are_inclusive():
    chart = make_chart(p1=[(1.0, KICK), (2.0, KICK)])
    windows = Windows("wide", 25.0, 50.0, 100.0, 250.0)
    hits = [0.75, 1.25, 1.75, 2.5]  # at the edges of note 0's and note 1's windows
    judged = judge_batch(chart, [hit(t, P1, KICK) for t in hits], windows).player(P1)
    consumed = [t in judged.hit_time_s.tolist() for t in hits]
    assert consumed == [True, False, True, False]
    assert judged.hit_time_s.tolist() == [0.75, 1.75]  # note 0, then note 1
    assert judged.stray_time_s.tolist() == [1.25, 2.5]


def test_judge_batch_rules():
    chart = make_chart(p1=[(1.0, KICK), (1.1, KICK), (2.0, SNARE)], p2=[(1.0, KICK)])
    events = [
        hit(0.3, P1, KICK),  # stray
        hit(1.09, P1, KICK),  # earliest note in reach: note 0, +90 ms good
        hit(1.1, P1, KICK),  # note 1
        hit(2.12, P1, SNARE),  # consumed as miss
        hit(1.0, P2, KICK),
    ]
    result = judge_batch(chart, events)
    p1 = result.player(P1)
    assert p1.tier.tolist() == [Tier.GOOD, Tier.PERFECT, Tier.MISS]
    assert p1.offset_ms[0] == pytest.approx(90.0) and p1.offset_ms[2] == pytest.approx(120.0)
    assert p1.stray_time_s.tolist() == [0.3]
    assert result.player(P2).tier.tolist() == [Tier.PERFECT]
    assert result.windows_name == "standard"


def test_unhit_notes_are_misses_judged_at_the_end_of_their_window():
    chart = grid_chart(3)
    result = judge_batch(chart, EventArrays.from_events([]), "relaxed", (10.0, 0.0))
    for p in Player:
        judged = result.player(p)
        assert judged.tier.tolist() == [Tier.MISS] * 3
        assert np.isnan(judged.offset_ms).all() and np.isnan(judged.hit_time_s).all()
        assert judged.judged_time_s.tolist() == (chart.part(p).time_s + 0.125).tolist()
    assert result.offsets_ms == (10.0, 0.0)


def test_offsets_apply_per_player():
    chart = grid_chart(4)
    events = merge(hits_for_part(chart, P1, [30.0] * 4), hits_for_part(chart, P2, [-20.0] * 4))
    result = judge_batch(chart, events, WINDOW_PRESETS["standard"], (30.0, -20.0))
    for p in Player:
        assert np.allclose(result.player(p).offset_ms, 0.0, atol=1e-9)
        assert result.player(p).hit_time_s == pytest.approx(chart.part(p).time_s)


def test_an_empty_chart_makes_every_hit_a_stray():
    result = judge_batch(make_chart(), [hit(1.0, P1, KICK), hit(1.0, P2, SNARE)])
    assert [len(p) for p in result.players] == [0, 0]
    assert [p.stray_count for p in result.players] == [1, 1]


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        (EventArrays(np.array([np.nan]), np.array([0]), np.array([0])), "finite"),
        (EventArrays(np.array([1.0]), np.array([2]), np.array([0])), "player"),
        (EventArrays(np.array([1.0]), np.array([0]), np.array([4])), "voice"),
        (EventArrays(np.array([1.0, 2.0]), np.array([0]), np.array([0])), "length"),
    ],
)
def test_bad_event_arrays_raise(arrays, message):
    with pytest.raises(ValueError, match=message):
        judge_batch(grid_chart(1), arrays)


def test_bad_windows_and_offsets_raise():
    with pytest.raises(ValueError, match="unknown windows preset"):
        judge_batch(grid_chart(1), [], "sloppy")
    with pytest.raises(ValueError, match="offsets_ms"):
        judge_batch(grid_chart(1), [], "standard", (0.0, float("inf")))
