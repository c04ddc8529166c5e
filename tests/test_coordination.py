"""The coordination analysis against simulated pairs whose answers are known by construction."""

from __future__ import annotations

import json

import numpy as np
import pytest
from factories import grid_chart
from pair_models import lpc_pair, play_asynchronies

from drumsync.core.coordination import (
    STRATEGIES,
    LagCorrelations,
    chart_sections,
    classify,
    lag_correlations,
)
from drumsync.core.pair_words import drift_sentence, headline, pair_sentences, strategy_sentence

TAPS = 400
#: A light pull toward the music keeps long simulated takes inside the timing windows.
HEAR_MUSIC = (0.05, 0.05)


def coordination_of(asynchrony_ms):
    return play_asynchronies(asynchrony_ms)[1].coordination


@pytest.mark.parametrize(
    ("alpha", "chart_alpha", "expected"),
    [
        ((0.25, 0.25), HEAR_MUSIC, "mutual"),
        ((0.0, 0.25), HEAR_MUSIC, "p1_leads"),
        ((0.25, 0.0), HEAR_MUSIC, "p2_leads"),
        ((0.0, 0.0), (0.5, 0.5), "both_lead"),
        ((0.0, 0.0), (0.0, 0.0), "independent"),
    ],
)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_kind_of_pair_gets_its_strategy(alpha, chart_alpha, expected, seed):
    a = lpc_pair(TAPS, alpha=alpha, chart_alpha=chart_alpha, timekeeper_sd=(6.0, 6.0), seed=seed)
    assert coordination_of(a).strategy == expected


def test_mutual_adaptation_shows_negative_lag0_and_positive_lags_one():
    """Konvalinka et al. 2010: tap-to-tap intervals move in opposite directions (lag 0 < 0)
    while each follows the other's previous interval (lags -1 and +1 > 0)."""
    values = np.array(
        [
            list(
                coordination_of(lpc_pair(TAPS, alpha=(0.25, 0.25), chart_alpha=HEAR_MUSIC, seed=s))
                .xcorr.as_dict()
                .values()
            )
            for s in range(6)
        ]
    )
    minus1, zero, plus1 = values.mean(axis=0)
    assert zero < -0.1 and minus1 > 0.1 and plus1 > 0.1


def test_lag_sign_convention_names_the_follower():
    """xcorr[+1] = corr(d1[n], d2[n+1]): P2 following P1 raises lag +1 only."""
    c = coordination_of(lpc_pair(TAPS, alpha=(0.0, 0.3), chart_alpha=HEAR_MUSIC, seed=4))
    assert c.xcorr.plus1 > 0.1 and abs(c.xcorr.minus1) < 0.1
    assert c.tracks == (False, True)


def test_lag_correlations_by_hand():
    d1 = np.array([1.0, -1.0, 2.0, 0.0, -2.0, 1.0])
    d2 = np.roll(d1, 1)  # d2[n+1] = d1[n]: a perfect one-step follower
    lags = lag_correlations(d1, d2)
    assert lags.plus1 == pytest.approx(1.0)
    assert lags.zero == pytest.approx(np.corrcoef(d1, d2)[0, 1])


def test_follower_of_a_metronome_leader_recovers_alpha_within_its_confidence():
    hits = 0
    for seed in range(10):
        a = lpc_pair(
            TAPS, alpha=(0.0, 0.25), timekeeper_sd=(0.0, 10.0), motor_sd=(0.0, 3.0), seed=seed
        )
        c = coordination_of(a)
        follower = c.alpha[1]
        assert follower.ci_low < follower.alpha < follower.ci_high
        assert abs(follower.alpha - 0.25) < 0.1
        hits += follower.ci_low <= 0.25 <= follower.ci_high
        assert c.strategy == "p1_leads"  # the exact leader's intervals never vary
    assert hits >= 8  # a 95 % interval: nearly always


@pytest.mark.parametrize("gains", [(0.1, 0.4), (0.25, 0.25), (0.5, 0.0)])
def test_each_players_gain_is_recovered(gains):
    estimates = np.array(
        [
            [
                g.alpha
                for g in coordination_of(
                    lpc_pair(TAPS, alpha=gains, chart_alpha=HEAR_MUSIC, seed=s)
                ).alpha
            ]
            for s in range(8)
        ]
    )
    assert estimates.mean(axis=0) == pytest.approx(gains, abs=0.06)


def test_gain_to_the_music_is_told_apart_from_gain_to_the_partner():
    c = coordination_of(lpc_pair(TAPS, alpha=(0.3, 0.0), chart_alpha=(0.05, 0.4), seed=5))
    assert c.alpha[0].alpha == pytest.approx(0.3, abs=0.1)
    assert c.alpha_chart[0].alpha == pytest.approx(0.05, abs=0.1)
    assert c.alpha[1].alpha == pytest.approx(0.0, abs=0.1)
    # P2's gain to the music, estimated beside a partner who follows it closely, is the
    # least sharp of the four: it must still be clearly positive.
    assert c.alpha_chart[1].ci_low > 0.1


def test_drift_is_the_pairs_slope_in_ms_per_bar():
    # -1 ms a tap with 4 taps a bar: rushing together by 4 ms a bar.
    a = lpc_pair(100, alpha=(0.25, 0.25), timekeeper_sd=(4.0, 4.0), trend_ms_per_tap=-1.0, seed=6)
    a += 50.0 - a[:, :1]  # start late so the drift stays inside the windows
    c = coordination_of(a)
    assert c.drift_ms_per_bar == pytest.approx(-4.0, abs=1.0)
    assert drift_sentence(c) == "you rushed together by 4 ms a bar"
    steady = coordination_of(lpc_pair(TAPS, alpha=(0.25, 0.25), chart_alpha=(0.3, 0.3), seed=6))
    assert drift_sentence(steady) == "you held the tempo together"


def test_sections_find_where_the_pair_was_least_together():
    a = lpc_pair(TAPS, alpha=(0.25, 0.25), chart_alpha=(0.3, 0.3), timekeeper_sd=(3.0, 3.0), seed=7)
    rng = np.random.default_rng(0)
    a[1, 160:176] += rng.normal(0.0, 30.0, 16)  # bars 41-44 fall apart
    c = coordination_of(a)
    assert c.weakest_section().name == "bars 41-44"
    assert c.weakest_section().percent < c.strongest_section().percent - 10


def test_chart_without_sections_is_cut_into_four_bar_phrases():
    sections = chart_sections(grid_chart(40))  # 20 s at 120 BPM: 11 bars
    assert [s.name for s in sections][:2] == ["bars 1-4", "bars 5-8"]
    assert sum(s.bars for s in sections) == grid_chart(40).meta.bars


def test_score_json_carries_the_required_keys():
    _, report = play_asynchronies(lpc_pair(TAPS, alpha=(0.25, 0.25), seed=1))
    coordination = json.loads(json.dumps(report.to_json()))["sync"]["coordination"]
    assert list(coordination)[:5] == ["xcorr", "strategy", "alpha", "drift_ms_per_bar", "sections"]
    assert set(coordination["xcorr"]) == {"-1", "0", "1"}
    assert coordination["strategy"] in STRATEGIES
    assert len(coordination["alpha"]) == 2
    assert {"name", "sync_percent"} <= set(coordination["sections"][0])
    assert (
        coordination["xcorr_windows"]
        and coordination["alpha_ci95"][0][0] < coordination["alpha"][0]
    )


def test_text_report_says_it_in_plain_words():
    _, report = play_asynchronies(lpc_pair(TAPS, alpha=(0.0, 0.3), seed=2))
    text = report.format_text()
    assert "P2 followed P1" in text
    assert strategy_sentence("mutual") == "you both adjusted to each other"
    assert strategy_sentence("p2_leads", ("Ana", "Ben")) == "Ana followed Ben"


def test_too_few_hits_give_no_numbers_and_no_errors():
    _, report = play_asynchronies(np.zeros((2, 5)))
    c = report.coordination
    assert c.alpha == (None, None) and c.drift_ms_per_bar is None
    assert c.strategy in STRATEGIES
    assert pair_sentences(c)[2] == "too few shared hits to tell your tempo"
    json.dumps(report.to_json(), allow_nan=False)


def test_classify_rule_table():
    lags = LagCorrelations(minus1=0.3, zero=-0.2, plus1=0.3, intervals=200)
    assert classify(lags, 0.9)[0] == "mutual"
    assert classify(LagCorrelations(0.0, 0.0, 0.3, 200), 0.9)[0] == "p1_leads"
    assert classify(LagCorrelations(0.3, 0.0, 0.0, 200), 0.9)[0] == "p2_leads"
    assert classify(LagCorrelations(0.0, 0.0, 0.0, 200), 0.9)[0] == "both_lead"
    assert classify(LagCorrelations(0.0, 0.0, 0.0, 200), 0.3)[0] == "independent"


def test_a_few_shared_hits_name_no_strategy():
    """Two hits in unison say nothing about how a pair played together: no strategy is
    claimed and no gains are printed as dashes (a new pair's first go at a short song)."""
    asynchrony = np.full((2, 10), np.nan)
    asynchrony[:, :2] = 30.0
    _, report = play_asynchronies(asynchrony)
    c = report.coordination
    assert c.strategy == "unknown" and c.strategy in STRATEGIES and c.tracks == (False, False)
    words = pair_sentences(c, ("Ana", "Ben"))
    assert words[:2] == [
        "too few hits together to tell how you played together",
        "too few hits together to measure how much each of you corrected",
    ]
    assert headline(c.strategy).startswith("Too few hits together")
