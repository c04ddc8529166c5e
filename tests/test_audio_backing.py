"""The generated backing: deterministic, following the chart's harmony, phrases and sections."""

from __future__ import annotations

import numpy as np
import pytest
from test_audio_charts import C, K, chart_from_notes, generated, groove_chart

from drumsync.audio.arrangement import (
    STEPS_PER_BEAT,
    arrange,
    chart_rng,
    phrase_starts,
    plan_bars,
    section_energy,
)
from drumsync.audio.backing import render_backing
from drumsync.audio.progression import (
    STYLE_HARMONY,
    Key,
    bass_note,
    diatonic_chord,
    power_chord,
    voice_chord,
)
from drumsync.audio.timebase import sample_index
from drumsync.core.chart import Section

STYLES = ("dance-pop", "rock", "metal", "euclidean")
CHORDS = {"pad", "stab", "pluck", "guitar", "chug"}


def test_diatonic_harmony():
    c_major = Key(0, "ionian")
    assert diatonic_chord(c_major, 0) == (0, 4, 7)  # C
    assert diatonic_chord(c_major, 5) == (9, 12, 16)  # vi = A minor
    assert diatonic_chord(c_major, 4, 4) == (7, 11, 14, 17)  # G7
    assert power_chord(Key(4, "aeolian"), 1) == (2, 9, 14)  # F#5 in E minor
    assert voice_chord(c_major, (0, 4, 7), 60) == (55, 60, 64)  # nearest to the centre
    assert voice_chord(c_major, (9, 12, 16), 60) == (57, 60, 64)
    assert bass_note(Key(4, "aeolian"), (0,), 28) == 28  # low E
    assert bass_note(c_major, (9,), 28) == 33  # A1


def test_section_energy_from_names():
    assert section_energy("intro", 0) == 0 and section_energy("Outro", 5) == 0
    assert section_energy("chorus", 2) == 2 and section_energy("final chorus", 4) == 2
    assert section_energy("verse", 1) == 1
    assert {section_energy("part", i) for i in range(2)} == {1, 2}


@pytest.mark.parametrize("style", STYLES)
def test_same_chart_same_notes_other_seed_other_notes(style):
    a, b = arrange(generated(style)), arrange(generated(style))
    assert a == b
    _, other = arrange(generated(style, seed=99))
    assert other != a[1]


def test_rng_depends_on_seed_and_style_only():
    chart = groove_chart()
    x = chart_rng(chart, "backing").integers(1 << 30, size=4)
    y = chart_rng(chart, "backing").integers(1 << 30, size=4)
    assert np.array_equal(x, y)


def test_phrases_follow_sections_and_downbeat_crashes():
    notes = [(4.0 * bar, K, 0.8) for bar in range(12)] + [(16.0, C, 1.0), (32.0, C, 1.0)]
    sections = (Section("verse", 0, 8), Section("chorus", 8, 4))
    chart = chart_from_notes(notes, bars=12, sections=sections)
    assert phrase_starts(chart) == {0, 4, 8}
    plans = plan_bars(chart, chart_rng(chart, "backing"))
    assert [p.bar for p in plans if p.fill] == [3, 7, 11]
    assert [p.section for p in plans] == ["verse"] * 8 + ["chorus"] * 4


@pytest.mark.parametrize("style", STYLES)
def test_bass_follows_the_progression(style):
    chart = generated(style, bars=16)
    rng = chart_rng(chart, "backing")
    from drumsync.audio.progression import choose_key

    key = choose_key(style, rng)
    plans = plan_bars(chart, rng)
    _, events = arrange(chart)
    bpb = chart.meta.beats_per_bar
    checked = 0
    for plan in plans:
        if plan.energy == 0:
            continue
        first = [
            e
            for e in events
            if e.instrument.startswith("bass") and plan.bar * bpb <= e.beat < (plan.bar + 1) * bpb
        ]
        assert first, f"bar {plan.bar} has no bass"
        chord = (power_chord if style == "metal" else diatonic_chord)(key, plan.degree)
        root_pc = (key.tonic + chord[0]) % 12
        assert min(first, key=lambda e: e.beat).pitches[0] % 12 == root_pc
        checked += 1
    assert checked >= 8
    assert {p.degree for p in plans} <= set(range(7))
    progressions = STYLE_HARMONY[style].progressions
    assert any(p.degree in prog for prog in progressions for p in plans)


@pytest.mark.parametrize("style", STYLES)
def test_fill_bars_drop_out_or_build(style):
    chart = generated(style, bars=16)
    plans = plan_bars(chart, chart_rng(chart, "backing"))
    _, events = arrange(chart)
    bpb = chart.meta.beats_per_bar

    def second_half(bar):
        lo, hi = bar * bpb + bpb / 2, (bar + 1) * bpb
        return [e for e in events if lo <= e.beat < hi]

    fills = [p.bar for p in plans if p.fill and p.energy > 0 and p.bar < chart.meta.bars - 1]
    grooves = [p.bar for p in plans if not p.fill and p.energy > 0]
    assert fills and grooves
    for bar in fills:
        kinds = {e.instrument for e in second_half(bar)}
        if style in ("dance-pop", "euclidean"):
            assert "riser" in kinds and not kinds & {"bass", "bass_sub", "stab", "pluck"}
        elif style == "rock":
            assert kinds == {"guitar"}  # the band holds one chord
        else:
            starts = sorted({e.beat for e in second_half(bar)})
            assert all(float(b).is_integer() for b in starts)  # stop-time hits on the beats
    busy_groove = np.mean([len(second_half(b)) for b in grooves])
    busy_fill = np.mean([len(second_half(b)) for b in fills])
    assert busy_fill < busy_groove


def test_section_change_moves_the_chord_register():
    chart = groove_chart(style="dance-pop", bars=16)  # verse 0-7, chorus 8-15
    _, events = arrange(chart)

    def mean_pitch(lo, hi):
        notes = [
            p for e in events if e.instrument in CHORDS and lo <= e.beat < hi for p in e.pitches
        ]
        return float(np.mean(notes))

    assert mean_pitch(32, 64) > mean_pitch(0, 32) + 3


@pytest.mark.parametrize("style", STYLES)
def test_backing_starts_on_beat_zero_and_never_clips(style):
    chart = generated(style, bars=8)
    track = render_backing(chart)
    start = sample_index(chart.music_start_s)
    assert np.all(track[:start] == 0.0)
    assert np.max(np.abs(track[start : start + RATE_MS * 5])) > 0.0
    assert np.max(np.abs(track)) < 1.0
    assert np.all(np.isfinite(track))


RATE_MS = 44


@pytest.mark.parametrize("style", STYLES)
def test_note_events_are_on_the_sixteenth_grid(style):
    _, events = arrange(generated(style, bars=8))
    steps = np.array([e.beat * STEPS_PER_BEAT for e in events])
    assert np.allclose(steps, np.round(steps))
    assert all(e.length_beats > 0 for e in events)
    assert all(0.05 <= e.velocity <= 1.0 for e in events)
