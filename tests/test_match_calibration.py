"""Calibrate from this match: a proposal per player, only when the spread is small."""

from __future__ import annotations

import numpy as np
import pytest

from drumsync.core.judge import Judge
from drumsync.core.match_calibration import MAX_SPREAD_MS, propose_offsets
from drumsync.core.voices import Player
from tests.factories import grid_chart, hits_for_part, merge


def judged(offsets_p1, offsets_p2, current=(0.0, 0.0)):
    chart = grid_chart(len(offsets_p1), spacing_s=0.5)
    judge = Judge(chart, "standard", current)
    events = merge(
        hits_for_part(chart, Player.P1, np.asarray(offsets_p1) + current[0]),
        hits_for_part(chart, Player.P2, np.asarray(offsets_p2) + current[1]),
    )
    for event in events:
        judge.advance(event.time_s)
        judge.hit(event)
    judge.finish()
    return judge.result()


def test_a_steady_late_player_gets_a_proposal_with_its_uncertainty():
    rng = np.random.default_rng(4)
    late = 18.0 + rng.normal(0.0, 6.0, 60)
    wild = rng.normal(0.0, 60.0, 60)
    p1, p2 = propose_offsets(judged(late, wild, current=(5.0, 0.0)))
    assert p1.usable and p1.hits == 60
    assert p1.proposed_ms == pytest.approx(5.0 + 18.0, abs=2.5)
    assert 0.5 < p1.error_ms < 2.5
    assert "±" in p1.describe()
    assert not p2.usable and p2.spread_ms > MAX_SPREAD_MS and "spread" in p2.reason


def test_too_few_hits_or_already_calibrated_offers_nothing():
    few = np.full(10, 30.0)
    p1, _ = propose_offsets(judged(few, few))
    assert not p1.usable and "too few" in p1.describe()
    on_time = np.random.default_rng(1).normal(0.0, 3.0, 40)
    p1, _ = propose_offsets(judged(on_time, on_time))
    assert not p1.usable and "already" in p1.reason
