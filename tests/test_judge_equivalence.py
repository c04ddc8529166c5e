"""Property: the live Judge and the batch scorer agree exactly, on any chart and any input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from factories import make_chart
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drumsync.bench.judging import compare_throughput
from drumsync.core import batch
from drumsync.core.batch import judge_batch
from drumsync.core.events import EventArrays, InputEvent
from drumsync.core.judge import Judge
from drumsync.core.report import build_report
from drumsync.core.scoring import score_player
from drumsync.core.sync import sync_report
from drumsync.core.voices import Player, Voice
from drumsync.core.windows import WINDOW_PRESETS, Windows

#: Every test here runs with the compiled scorer loops and with the numpy path.
pytestmark = pytest.mark.usefixtures("both_scorers")

# Binary-exact windows put many hits exactly on an edge.
EXACT = Windows("exact", 31.25, 62.5, 125.0, 250.0)
ALL_WINDOWS = [*WINDOW_PRESETS.values(), EXACT]

# Note times: a coarse grid (so notes collide across voices and players, and sit exactly one
# window apart) mixed with arbitrary floats.
grid_time = st.integers(0, 40).map(lambda k: k * 0.0625)
free_time = st.floats(0.0, 3.0, allow_nan=False, allow_infinity=False)
note_time = st.one_of(grid_time, grid_time, free_time)
voice = st.integers(0, 3)
part_notes = st.lists(st.tuples(note_time, voice), max_size=25)
offset_ms = st.one_of(
    st.just(0.0),
    st.sampled_from([25.0, -31.25, 62.5, 135.0, -135.0]),
    st.floats(-150.0, 150.0, allow_nan=False),
)


hit_delta_s = st.one_of(
    st.sampled_from([0.0, 0.03125, -0.0625, 0.125, -0.25, 0.25, 0.135, -0.135]),
    st.floats(-0.3, 0.3, allow_nan=False),
)
# (player, aim at a note?, which note, same voice?, other voice, free time, delta from target)
event_spec = st.tuples(
    st.sampled_from(Player),
    st.booleans(),
    st.integers(0, 1000),
    st.booleans(),
    voice,
    note_time,
    hit_delta_s,
)
# (advance the clock before this event?, how far toward it)
clock_spec = st.tuples(st.booleans(), st.floats(0.0, 1.0))


@st.composite
def matches(draw):
    p1 = draw(part_notes)
    p2 = draw(st.one_of(part_notes, st.just(p1)))  # sometimes unison
    chart = make_chart(p1=p1, p2=p2)
    offsets = (draw(offset_ms), draw(offset_ms))
    windows = draw(st.sampled_from(ALL_WINDOWS))
    events = []
    for player, aim, which, same_voice, v, free_t, delta in draw(st.lists(event_spec, max_size=40)):
        part = chart.part(player)
        if aim and len(part):
            i = which % len(part)
            base = float(part.time_s[i])
            v = int(part.voice[i]) if same_voice else v
        else:
            base = free_t
        t = base + delta + offsets[player] / 1000
        events.append(InputEvent(t, player, Voice(v), "test"))
    events.sort(key=lambda e: e.time_s)
    clocks = draw(st.lists(clock_spec, min_size=len(events) + 1, max_size=len(events) + 1))
    return chart, events, offsets, windows, clocks


def run_live(chart, events, offsets, windows, clocks):
    """Feed the live judge, advancing its clock at random moments (never past the next hit)."""
    judge = Judge(chart, windows, offsets)
    emitted = []
    previous = -1.0
    for (advance, fraction), event in zip(clocks, events, strict=False):
        if advance:
            clock = previous + fraction * (event.time_s - previous)
            emitted += judge.advance(min(clock, event.time_s))
        emitted.append(judge.hit(event))
        previous = event.time_s
    advance, fraction = clocks[-1]
    if advance:
        emitted += judge.advance(previous + fraction * 2.0)
    emitted += judge.finish()
    return judge, emitted


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matches())
def test_live_judge_equals_batch(match):
    chart, events, offsets, windows, clocks = match
    judge, emitted = run_live(chart, events, offsets, windows, clocks)
    live = judge.result()
    batch = judge_batch(chart, EventArrays.from_events(events), windows, offsets)
    assert live == batch, live.difference(batch)

    # Every emitted judgement is in the records, once; every note is judged exactly once.
    assert sorted(map(id, judge.records)) == sorted(map(id, emitted))
    for player in Player:
        notes = [j.note_index for j in emitted if j.player == player and not j.is_stray]
        assert sorted(notes) == list(range(len(chart.part(player))))
        strays = [j for j in emitted if j.player == player and j.is_stray]
        assert len(strays) == live.player(player).stray_count

    # The live score ends equal to the score of the result.
    for player in Player:
        assert judge.live(player) == score_player(live.player(player)).live()

    # The live sync meter ends where the sync report does.
    sync = sync_report(chart, live)
    if sync.percent is None:
        assert judge.live_sync_percent() is None
    else:
        assert math.isclose(judge.live_sync_percent(), sync.percent, abs_tol=1e-9)
    assert len(judge.pair_deltas) == sync.both_hit
    if sync.both_hit:
        deltas = np.array([d for _, d in sorted(judge.pair_deltas)])
        assert math.isclose(float(np.mean(deltas)), sync.mean_delta_ms, abs_tol=1e-9)
    assert build_report(chart, live) == build_report(chart, batch)


@settings(max_examples=100, deadline=None)
@given(matches(), st.randoms(use_true_random=False))
def test_batch_ignores_event_order_of_unsorted_input(match, random):
    chart, events, offsets, windows, _ = match
    shuffled = list(events)
    random.shuffle(shuffled)
    # Ties in time keep their given order, so sort the shuffled list back stably by time:
    # the batch scorer must do exactly that.
    expected = judge_batch(chart, sorted(shuffled, key=lambda e: e.time_s), windows, offsets)
    assert judge_batch(chart, shuffled, windows, offsets) == expected


def test_synthetic_benchmark_input_agrees():
    figures = compare_throughput(notes_per_part=3000, seed=3)
    assert figures["identical"]
    assert figures["hits"] > 5000


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matches(), st.integers(1, 9))
def test_a_match_judged_in_chunks_equals_the_live_judge(match, chunk_hits):
    """Chunks carry each voice's next free note over: any chunk size gives the same result."""
    chart, events, offsets, windows, clocks = match
    live = run_live(chart, events, offsets, windows, clocks)[0].result()
    saved = batch.CHUNK_HITS
    try:
        batch.CHUNK_HITS = chunk_hits
        chunked = judge_batch(chart, EventArrays.from_events(events), windows, offsets)
    finally:
        batch.CHUNK_HITS = saved
    assert live == chunked, live.difference(chunked)
