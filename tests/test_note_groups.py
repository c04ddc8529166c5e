"""Grouping a chart's notes for the batch judge, and finding times among them without a
binary search per hit: every answer equals ``searchsorted`` on the group's own notes."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from factories import make_chart

from drumsync.core import note_groups as ng
from drumsync.core.chart import Part
from drumsync.core.note_groups import GROUP_COUNT, NoteGroups, note_groups
from drumsync.core.voices import VOICE_COUNT, Player


def _random_chart(rng: np.random.Generator, notes: int, spacing_s: float):
    parts = []
    for _ in Player:
        voice = rng.integers(0, VOICE_COUNT, notes)
        time_s = np.sort(rng.choice(np.arange(notes * 3) * spacing_s, notes, replace=False))
        parts.append(list(zip(time_s.tolist(), voice.tolist(), strict=True)))
    return make_chart(*parts)


def _searchsorted(groups: NoteGroups, group, time_s, inclusive: bool) -> np.ndarray:
    side = "left" if inclusive else "right"
    return np.array(
        [
            groups.start[g]
            + np.searchsorted(groups.time_s[groups.start[g] : groups.start[g + 1]], t, side)
            for g, t in zip(group.tolist(), time_s.tolist(), strict=True)
        ],
        dtype=np.intp,
    )


def test_groups_hold_each_players_voice_in_time_order():
    chart = _random_chart(np.random.default_rng(1), 300, 0.05)
    groups = note_groups(chart)
    assert groups is note_groups(chart)  # made once per chart
    for g in range(GROUP_COUNT):
        player, voice = divmod(g, VOICE_COUNT)
        part = chart.parts[player]
        want = part.time_s[part.voice == voice]
        got = groups.time_s[groups.start[g] : groups.start[g + 1]]
        assert np.array_equal(got, want)
        index = groups.note_of[groups.start[g] : groups.start[g + 1]]
        assert np.array_equal(groups.part_time_s[index], want)


@pytest.mark.parametrize("inclusive", [True, False])
@pytest.mark.parametrize("spacing_s", [0.001, 0.05, 0.5])
def test_first_at_or_after_equals_a_binary_search(inclusive, spacing_s):
    rng = np.random.default_rng(int(spacing_s * 1000) + inclusive)
    chart = _random_chart(rng, 400, spacing_s)
    groups = note_groups(chart)
    group = rng.integers(0, GROUP_COUNT, 3000)
    exact = groups.time_s[rng.integers(0, len(groups.time_s), 3000)]  # ties with notes
    time_s = np.where(rng.random(3000) < 0.5, exact, rng.uniform(-5, 400 * spacing_s * 4, 3000))
    time_s[:4] = (-1e300, 1e300, -np.finfo(float).max, np.finfo(float).max)  # far off
    got = groups.first_at_or_after(group, time_s, inclusive)
    assert np.array_equal(got, _searchsorted(groups, group, time_s, inclusive))
    start = np.minimum(got, _searchsorted(groups, group, time_s - 0.3, inclusive))
    again = groups.first_at_or_after(group, time_s, inclusive, not_before=start)
    assert np.array_equal(again, got)


def test_crowded_bins_finish_with_a_binary_search(monkeypatch):
    """More notes in a bin than steps allow: the rest is searched, still exactly."""
    monkeypatch.setattr(ng, "MAX_STEPS", 1)
    rng = np.random.default_rng(5)
    chart = _random_chart(rng, 500, 0.0001)
    groups = note_groups(chart)
    group = rng.integers(0, GROUP_COUNT, 2000)
    time_s = rng.uniform(0, 0.2, 2000)
    for inclusive in (True, False):
        got = groups.first_at_or_after(group, time_s, inclusive, not_before=groups.start[group])
        assert np.array_equal(got, _searchsorted(groups, group, time_s, inclusive))


def test_an_empty_chart_and_empty_groups():
    chart = make_chart([], [])
    groups = note_groups(chart)
    assert len(groups.time_s) == 0 and groups.start[-1] == 0
    got = groups.first_at_or_after(np.array([0, 3]), np.array([1.0, -1.0]), True)
    assert got.tolist() == [0, 0]


def test_an_unjudgeable_chart_is_refused():
    unsorted = Part(beat=[4.0, 2.0], time_s=[2.0, 1.0], voice=[0, 0])
    with pytest.raises(ValueError, match="not sorted"):
        NoteGroups.of(replace(make_chart(), parts=(unsorted, Part.empty())))


def test_a_long_chart_gets_one_bin_per_note_and_searches_the_same(monkeypatch):
    monkeypatch.setattr(ng, "MAX_FINE_BINS", 0)
    rng = np.random.default_rng(9)
    chart = _random_chart(rng, 400, 0.05)
    groups = note_groups(chart)
    assert len(groups.first_in_bin) == len(groups.time_s)
    group = rng.integers(0, GROUP_COUNT, 3000)
    time_s = rng.uniform(-1, 70, 3000)
    for inclusive in (True, False):
        got = groups.first_at_or_after(group, time_s, inclusive)
        assert np.array_equal(got, _searchsorted(groups, group, time_s, inclusive))


def test_the_groups_arrays_are_read_only():
    groups = note_groups(_random_chart(np.random.default_rng(3), 50, 0.1))
    for array in (groups.note_of, groups.time_s, groups.padded_time_s, groups.first_in_bin):
        with pytest.raises(ValueError):
            array[0] = array[0]


def test_per_chart_values_are_kept_while_the_chart_lives_and_dropped_after():
    import gc

    from drumsync.core.per_chart import PerChart

    made = []
    per_chart = PerChart(lambda chart: made.append(chart) or len(made))
    chart = _random_chart(np.random.default_rng(4), 20, 0.1)
    assert per_chart(chart) == 1 and per_chart(chart) == 1 and per_chart.kept(chart) == 1
    other = _random_chart(np.random.default_rng(4), 20, 0.1)  # equal, but another chart
    assert per_chart(other) == 2
    made.clear()
    del chart, other
    gc.collect()
    assert not per_chart._kept
