"""rate_chart: properties of the rating, the Spearman helper, and the calibration."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drumsync.core.chart import STYLES, Chart, ChartMeta, Part
from drumsync.core.generator import generate_chart
from drumsync.core.rating import rate_chart, rate_notes, spearman
from drumsync.core.voices import Voice

KICK, SNARE, HIHAT, CRASH = (int(v) for v in Voice)


def make_chart(beats, voices, bpm=120.0, bars=16, difficulty=5, second=None):
    lead = 1.0 + 4 * 60.0 / bpm
    beats = np.asarray(beats, dtype=float)

    def part(b, v):
        return Part(beat=b, time_s=lead + b * (60.0 / bpm), voice=v)

    first = part(beats, np.asarray(voices))
    other = first if second is None else part(*second)
    meta = ChartMeta("t", "rock", bpm, 4, bars, 1, difficulty, 0.0, "unison", 1)
    return Chart(meta=meta, parts=(first, other), lead_in_s=lead)


def grid(step_beats, bars=16, voice=KICK):
    beats = np.arange(0.0, bars * 4, step_beats)
    return make_chart(beats, np.full(len(beats), voice))


# --------------------------------------------------------------------- Spearman helper


def test_spearman_known_values():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(0.8207826816681233)
    # Ties take their average rank: Pearson correlation of (1, 2.5, 2.5, 4) and (1, 2, 3, 4).
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486832980505138)


def test_spearman_degenerate_inputs():
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))
    with pytest.raises(ValueError):
        spearman([1, 2], [1, 2, 3])


@given(st.lists(st.integers(-50, 50), min_size=3, max_size=30), st.randoms(use_true_random=False))
def test_spearman_is_invariant_under_monotone_maps(values, rnd):
    other = [rnd.randint(-50, 50) for _ in values]
    rho = spearman(values, other)
    if math.isnan(rho):
        return
    assert -1.0 - 1e-12 <= rho <= 1.0 + 1e-12
    assert spearman([v**3 + 7 for v in values], other) == pytest.approx(rho)
    assert spearman(values, other) == pytest.approx(spearman(other, values))


# --------------------------------------------------------------------- rating properties


def test_empty_chart_rates_zero():
    assert rate_chart(make_chart([], [])) == 0.0
    assert rate_notes([], [], []) == 0.0


def test_rating_is_rounded_and_ignores_the_requested_difficulty():
    chart = grid(0.5)
    easy = make_chart(chart.parts[0].beat, chart.parts[0].voice, difficulty=1)
    hard = make_chart(chart.parts[0].beat, chart.parts[0].voice, difficulty=10)
    assert rate_chart(easy) == rate_chart(hard) == round(rate_chart(easy), 2)


def test_denser_is_harder():
    ratings = [rate_chart(grid(step)) for step in (2.0, 1.0, 0.5, 0.25)]
    assert ratings == sorted(ratings) and ratings[0] < ratings[-1]
    assert ratings[-1] - ratings[1] > 4.0


def test_faster_tempo_is_harder():
    beats = np.arange(0.0, 64.0, 0.5)
    voices = np.full(len(beats), KICK)
    slow = rate_chart(make_chart(beats, voices, bpm=90.0))
    fast = rate_chart(make_chart(beats, voices, bpm=180.0))
    assert fast > slow + 2.0


def test_pattern_complexity_raises_the_rating():
    beats = np.arange(0.0, 64.0, 0.5)
    plain = rate_chart(make_chart(beats, np.full(len(beats), KICK)))
    alternating = rate_chart(make_chart(beats, np.where(np.arange(len(beats)) % 2, SNARE, KICK)))
    assert alternating > plain
    # Chords: two voices at each time.
    both = np.repeat(beats, 2)
    chords = rate_chart(make_chart(both, np.tile([KICK, HIHAT], len(beats))))
    assert chords > plain
    # Syncopation: the same rate shifted off the beat onto 16th positions.
    shifted = rate_chart(make_chart(beats + 0.25, np.full(len(beats), KICK)))
    assert shifted > plain
    # Irregular gaps.
    rng = np.random.default_rng(5)
    jitter = np.sort(rng.choice(np.arange(0.0, 64.0, 0.25), size=len(beats), replace=False))
    irregular = rate_chart(make_chart(jitter, np.full(len(beats), KICK)))
    assert irregular > plain


def test_a_short_hard_burst_counts_but_less_than_a_hard_song():
    base = np.arange(0.0, 64.0, 1.0)
    burst = np.concatenate([base, np.arange(32.0, 36.0, 0.25)])
    burst = np.unique(burst)
    steady = np.arange(0.0, 64.0, 0.25)
    plain = rate_chart(make_chart(base, np.full(len(base), KICK)))
    spiky = rate_chart(make_chart(burst, np.full(len(burst), KICK)))
    hard = rate_chart(make_chart(steady, np.full(len(steady), KICK)))
    assert plain < spiky < hard


def test_two_players_combine_towards_the_harder_part():
    easy_beats = np.arange(0.0, 64.0, 1.0)
    hard_beats = np.arange(0.0, 64.0, 0.25)
    easy = rate_chart(make_chart(easy_beats, np.full(len(easy_beats), KICK)))
    hard = rate_chart(make_chart(hard_beats, np.full(len(hard_beats), KICK)))
    mixed = make_chart(
        easy_beats,
        np.full(len(easy_beats), KICK),
        second=(hard_beats, np.full(len(hard_beats), HIHAT)),
    )
    assert easy < rate_chart(mixed) < hard
    assert rate_chart(mixed) > (easy + hard) / 2


def test_rating_is_the_same_in_any_order_of_players():
    a = np.arange(0.0, 64.0, 0.5)
    b = np.arange(0.0, 64.0, 1.0)
    one = make_chart(a, np.full(len(a), KICK), second=(b, np.full(len(b), HIHAT)))
    two = make_chart(b, np.full(len(b), HIHAT), second=(a, np.full(len(a), KICK)))
    assert rate_chart(one) == rate_chart(two)


def test_very_long_parts_are_rated_like_short_ones():
    """Peaks are averaged, not summed: length alone does not make a chart harder."""
    long_beats = np.arange(0.0, 100_000.0, 0.25)  # 400,000 notes
    short_beats = np.arange(0.0, 64.0, 0.25)
    long = rate_chart(make_chart(long_beats, np.full(len(long_beats), KICK), bars=25_000))
    short = rate_chart(make_chart(short_beats, np.full(len(short_beats), KICK)))
    assert long == pytest.approx(short, abs=0.05)


# --------------------------------------------------------------------- calibration

LEVELS = range(1, 11)
SEEDS = range(3)


@pytest.fixture(scope="module")
def ratings_at_120():
    """3 seeds per difficulty, 16 bars at 120 bpm, per style and part mode."""
    out = {}
    for style, parts in itertools.product(STYLES, ("unison", "split")):
        out[style, parts] = [
            (d, generate_chart(100 * d + s, style, 120.0, d, 16, parts).meta.rating)
            for d, s in itertools.product(LEVELS, SEEDS)
        ]
    return out


@pytest.mark.parametrize("style", STYLES)
def test_rating_follows_the_requested_difficulty(ratings_at_120, style):
    pairs = ratings_at_120[style, "unison"] + ratings_at_120[style, "split"]
    for parts in ("unison", "split"):
        requested, rated = zip(*ratings_at_120[style, parts], strict=True)
        assert spearman(requested, rated) >= 0.9
    for requested, rated in pairs:
        assert abs(rated - requested) <= 1.0, (style, requested, rated)
