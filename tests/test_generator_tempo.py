"""The requested level holds at other tempos: the generator adapts its subdivisions."""

from __future__ import annotations

import itertools

import pytest

from drumsync.core.chart import STYLES
from drumsync.core.generator import generate_chart
from drumsync.core.rating import spearman


@pytest.mark.parametrize(
    ("style", "bpm", "parts"),
    list(itertools.product(STYLES, (90.0, 150.0, 180.0), ("unison", "split"))),
)
def test_rating_lands_on_the_request_at_other_tempos(style, bpm, parts):
    requested, rated = [], []
    for difficulty in range(1, 11):
        chart = generate_chart(difficulty * 17 + 3, style, bpm, difficulty, 16, parts)
        requested.append(difficulty)
        rated.append(chart.meta.rating)
        assert abs(chart.meta.rating - difficulty) <= 1.0, (difficulty, chart.meta.rating)
    assert spearman(requested, rated) >= 0.9


@pytest.mark.parametrize("style", STYLES)
def test_long_songs_keep_their_level(style):
    for difficulty in (2, 6, 9):
        chart = generate_chart(difficulty, style, 130.0, difficulty, 120, "split")
        assert abs(chart.meta.rating - difficulty) <= 1.0


def test_fast_tempos_use_coarser_subdivisions():
    """At the same difficulty a faster song plays a smaller share of 16th positions."""

    def sixteenth_share(bpm):
        part = generate_chart(5, "rock", bpm, 6, 16).parts[0]
        return float(((part.beat * 4) % 2 == 1).mean())

    assert sixteenth_share(180.0) < sixteenth_share(90.0)
