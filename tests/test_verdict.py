"""The verdict line follows the sync numbers; NEW BEST needs a score to be best at."""

from __future__ import annotations

import numpy as np
import pytest
from factories import grid_chart, hits_for_part, merge
from hypothesis import given
from hypothesis import strategies as st

from drumsync.core.report import score_events
from drumsync.core.verdict import (
    BANDS,
    VerdictBand,
    may_be_new_best,
    report_verdict,
    sync_verdict,
)
from drumsync.core.voices import Player


@pytest.mark.parametrize(
    ("percent", "pairs", "both", "band"),
    [
        (None, 0, 0, VerdictBand.NO_SHARED_BEATS),
        (None, 40, 0, VerdictBand.NEVER_TOGETHER),
        (3.5, 40, 2, VerdictBand.RARELY_TOGETHER),  # a few exact pairs are not "in step"
        (37.8, 40, 16, VerdictBand.OFTEN_APART),
        (37.8, 40, 40, VerdictBand.OFTEN_APART),
        (55.0, 40, 30, VerdictBand.FINDING_EACH_OTHER),
        (70.0, 40, 32, VerdictBand.MOSTLY_TOGETHER),
        (99.0, 40, 40, VerdictBand.IN_STEP),
        (99.0, 40, 30, VerdictBand.MOSTLY_TOGETHER),  # many points one player missed
    ],
)
def test_bands(percent, pairs, both, band):
    assert sync_verdict(percent, pairs, both).band is band


@given(st.floats(0, 100), st.integers(1, 500), st.data())
def test_a_band_is_earned_by_both_numbers(percent, pairs, data):
    both = data.draw(st.integers(0, pairs))
    verdict = sync_verdict(percent, pairs, both)
    floors = {band: (p, s) for band, p, s in BANDS}
    if verdict.band in floors:
        lowest_percent, lowest_share = floors[verdict.band]
        assert percent >= lowest_percent and both / pairs >= lowest_share
    better = (
        [b for b, _, _ in BANDS][: [b for b, _, _ in BANDS].index(verdict.band)]
        if (verdict.band in floors)
        else [b for b, _, _ in BANDS]
    )
    for band in better:  # no better band would have fitted
        lowest_percent, lowest_share = floors[band]
        assert not (percent >= lowest_percent and both / pairs >= lowest_share and both > 0)


def test_report_verdict_and_new_best_on_real_matches():
    chart = grid_chart(32)
    exact = merge(*(hits_for_part(chart, p, np.zeros(32)) for p in (Player.P1, Player.P2)))
    report = score_events(chart, exact)
    assert report_verdict(report).band is VerdictBand.IN_STEP
    assert may_be_new_best(report)
    sparse = np.full(32, np.nan)
    sparse[:2] = 0.0  # two exact pairs out of 32: once "IN STEP", now rarely together
    few = merge(*(hits_for_part(chart, p, sparse) for p in (Player.P1, Player.P2)))
    assert report_verdict(score_events(chart, few)).band is VerdictBand.RARELY_TOGETHER
    empty = score_events(chart, [])
    assert report_verdict(empty).band is VerdictBand.NEVER_TOGETHER
    assert not may_be_new_best(empty)  # a 0-0 draw is nobody's best
