"""generate_chart: argument checks, determinism, metadata, timing and the helpers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from drumsync.core.chart import STYLES, Chart
from drumsync.core.chart_io import dumps_chart
from drumsync.core.errors import ChartError
from drumsync.core.generator import (
    GENERATOR_VERSION,
    fill_bars,
    generate_chart,
    lead_in_s,
    min_gap_ms,
    phrase_lengths,
    phrases,
)
from drumsync.core.rating import rate_chart

GOOD = {"seed": 3, "style": "rock", "bpm": 120.0, "difficulty": 4, "bars": 16, "parts": "unison"}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("seed", -1),
        ("seed", 2**63),
        ("seed", 1.5),
        ("seed", True),
        ("seed", "7"),
        ("style", "jazz"),
        ("style", None),
        ("bpm", 39.9),
        ("bpm", 300.5),
        ("bpm", float("nan")),
        ("bpm", float("inf")),
        ("bpm", "120"),
        ("bpm", True),
        ("difficulty", 0),
        ("difficulty", 11),
        ("difficulty", 5.0),
        ("difficulty", False),
        ("bars", 0),
        ("bars", 2001),
        ("bars", 16.0),
        ("parts", "trio"),
        ("parts", 2),
    ],
)
def test_bad_arguments_raise_chart_error_naming_the_argument(name, value):
    args = dict(GOOD, **{name: value})
    with pytest.raises(ChartError) as info:
        generate_chart(**args)
    message = str(info.value)
    assert message.startswith(name)
    assert "\n" not in message


@pytest.mark.parametrize("style", STYLES)
def test_same_arguments_give_the_same_chart_and_text(style):
    first = generate_chart(11, style, 133.0, 6, 24, "split")
    second = generate_chart(11, style, 133.0, 6, 24, "split")
    assert first == second
    assert dumps_chart(first) == dumps_chart(second)


@pytest.mark.parametrize("style", STYLES)
def test_different_seeds_give_different_notes(style):
    notes = set()
    for seed in range(8):
        part = generate_chart(seed, style, 120.0, 5, 16).parts[0]
        notes.add((part.beat.tobytes(), part.voice.tobytes()))
    assert len(notes) >= 7


def test_numpy_integer_and_int_bpm_arguments_are_accepted():
    a = generate_chart(np.int64(5), "metal", 150, np.int32(7), np.int16(8))
    b = generate_chart(5, "metal", 150.0, 7, 8)
    assert a == b
    assert isinstance(a.meta.bpm, float) and isinstance(a.meta.seed, int)


def test_metadata():
    chart = generate_chart(1234, "dance-pop", 128.0, 7, 32, "split")
    meta = chart.meta
    assert isinstance(chart, Chart)
    assert (meta.style, meta.bpm, meta.difficulty, meta.bars, meta.seed, meta.parts) == (
        "dance-pop",
        128.0,
        7,
        32,
        1234,
        "split",
    )
    assert meta.beats_per_bar == 4
    assert meta.generator_version == GENERATOR_VERSION == 1
    assert meta.rating == rate_chart(chart)
    assert meta.rating == round(meta.rating, 2)
    assert 0 < len(meta.title) <= 40 and meta.title == meta.title.strip()
    assert meta.generator_args() == {
        "seed": 1234,
        "style": "dance-pop",
        "bpm": 128.0,
        "difficulty": 7,
        "bars": 32,
        "parts": "split",
    }


def test_titles_are_deterministic_and_vary_with_seed():
    titles = {generate_chart(seed, "metal", 120.0, 3, 4).meta.title for seed in range(12)}
    assert len(titles) >= 6
    assert generate_chart(5, "metal", 120.0, 3, 4).meta.title == (
        generate_chart(5, "metal", 120.0, 9, 8).meta.title
    )


@pytest.mark.parametrize("bpm", [40.0, 97.3, 120.0, 300.0])
def test_count_in_and_lead_in(bpm):
    chart = generate_chart(2, "euclidean", bpm, 5, 8)
    assert chart.count_in_beats == 4
    assert chart.lead_in_s == 1.0 + 4 * 60.0 / bpm == lead_in_s(bpm)
    assert chart.count_in_start_s == pytest.approx(1.0)
    for part in chart.parts:
        assert part.time_s.min() >= chart.lead_in_s


@pytest.mark.parametrize("style", STYLES)
def test_times_follow_beats_exactly_and_notes_are_sorted(style):
    chart = generate_chart(9, style, 141.0, 8, 12, "split")
    for part in chart.parts:
        assert np.array_equal(part.time_s, chart.beat_to_time(part.beat))
        order = np.lexsort((part.voice, part.time_s))
        assert np.array_equal(order, np.arange(len(part)))
        assert part.beat.min() >= 0.0 and part.beat.max() < chart.end_beat
        assert np.all((part.velocity > 0) & (part.velocity <= 1))


def test_phrase_lengths():
    assert phrase_lengths(4) == (4,)
    assert phrase_lengths(8) == (8,)
    assert phrase_lengths(16) == (8, 8)
    assert phrase_lengths(12) == (4, 4, 4)
    assert phrase_lengths(3) == (3,)
    assert phrase_lengths(7) == (4, 3)
    assert phrase_lengths(0) == ()


@pytest.mark.parametrize("bars", [1, 3, 4, 15, 16, 17, 40, 64, 101, 333])
def test_sections_tile_the_song_and_fill_bars_end_phrases(bars):
    chart = generate_chart(bars, "rock", 120.0, 3, bars)
    start = 0
    for section in chart.sections:
        assert section.name in ("intro", "verse", "chorus", "bridge", "outro")
        assert section.start_bar == start and section.bars >= 1
        start += section.bars
    assert start == bars
    found = phrases(chart)
    assert sum(p.bars for p in found) == bars
    short = [p for p in found if p.bars not in (4, 8)]
    assert len(short) <= 1 and (not short or short[0] is found[-1] or bars < 4)
    assert fill_bars(chart) == tuple(p.start_bar + p.bars - 1 for p in found)
    assert fill_bars(chart)[-1] == bars - 1


def test_long_songs_have_named_sections():
    chart = generate_chart(77, "dance-pop", 120.0, 5, 96)
    names = [s.name for s in chart.sections]
    assert names[0] == "intro" and names[-1] == "outro"
    assert {"verse", "chorus", "bridge"} <= set(names)


def test_min_gap_shrinks_with_difficulty_and_never_exceeds_a_beat():
    for bpm in (40.0, 90.0, 120.0, 180.0, 300.0):
        gaps = [min_gap_ms(d, bpm) for d in range(1, 11)]
        assert all(a >= b for a, b in itertools.pairwise(gaps))
        assert max(gaps) <= 60000.0 / bpm
    assert min_gap_ms(1, 120.0) == 250.0
    assert min_gap_ms(10, 120.0) == 70.0


def test_a_ten_minute_chart_generates():
    chart = generate_chart(7, "metal", 200.0, 10, 500, "split")
    assert chart.duration_s > 600.0
    assert all(len(p) > 1000 for p in chart.parts)
    assert abs(chart.meta.rating - 10) <= 1.0
