"""Simulated drummers playing hand-made charts: timing statistics, misses, pull, determinism."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from drumsync.core.chart import Chart, ChartMeta, Part
from drumsync.core.chart_identity import chart_hash
from drumsync.core.drummers import PRESETS, DrummerModel, parse_spec
from drumsync.core.errors import SpecError
from drumsync.core.replay import dumps_replay, loads_replay
from drumsync.core.simulate import bot_events, simulate, simulate_arrays
from drumsync.core.voices import Player, Voice

METRONOME = PRESETS["metronome"]


def make_chart(notes: int = 4000, bpm: float = 120.0, chords: bool = False) -> Chart:
    """Eighth notes alternating kick and snare; with ``chords``, a hi-hat on every note too."""
    beats = np.arange(notes, dtype=np.float64) / 2.0
    voices = np.array([Voice.KICK, Voice.SNARE] * (notes // 2), dtype=np.int8)
    if chords:
        beats = np.repeat(beats, 2)
        voices = np.column_stack([voices, np.full(notes, Voice.HIHAT)]).reshape(-1)
    part = Part(beat=beats, time_s=1.0 + beats * 60.0 / bpm, voice=voices)
    meta = ChartMeta(
        title="hand-made",
        style="rock",
        bpm=bpm,
        beats_per_bar=4,
        bars=max(1, notes // 8),
        seed=3,
        difficulty=4,
        rating=3.0,
        parts="unison",
        generator_version=1,
    )
    return Chart(meta=meta, parts=(part, part), lead_in_s=1.0)


def asynchrony_ms(chart: Chart, events, player: Player) -> np.ndarray:
    """Each hit minus its note (hits here never stray further than half a note gap)."""
    part = chart.part(player)
    hits = np.array([e.time_s for e in events if e.player == player])
    right = np.clip(np.searchsorted(part.time_s, hits), 1, len(part) - 1)
    left = right - 1
    nearer_left = hits - part.time_s[left] < part.time_s[right] - hits
    nearest = np.where(nearer_left, left, right)
    return (hits - part.time_s[nearest]) * 1000.0


def test_metronome_hits_exactly_on_every_note():
    chart = make_chart(notes=64, chords=True)
    replay = simulate(chart, METRONOME, METRONOME, seed=5)
    for player in Player:
        part = chart.part(player)
        events = replay.events_for(player)
        assert [e.time_s for e in events] == part.time_s.tolist()
        assert [int(e.voice) for e in events] == part.voice.tolist()
        assert {e.source for e in events} == {"bot:metronome"}
    assert replay.header.chart_hash == chart_hash(chart)
    assert replay.header.players == ("metronome", "metronome")


def test_mean_and_sd_of_asynchrony():
    chart = make_chart()
    model = parse_spec("metronome,mean_ms=30,sd_ms=2")
    replay = simulate(chart, model, model, seed=11)
    for player in Player:
        offsets = asynchrony_ms(chart, replay.events, player)
        assert len(offsets) == len(chart.part(player))
        assert offsets.mean() == pytest.approx(30.0, abs=1.0)
        assert offsets.std() == pytest.approx(2.0, abs=0.2)


def test_drift_adds_slow_correlated_variation():
    chart = make_chart()
    drifting = DrummerModel("drifter", sd_ms=1.0, drift_sd_ms=15.0, drift_ar=0.98)
    offsets = asynchrony_ms(chart, simulate(chart, drifting, METRONOME, seed=2).events, Player.P1)
    assert offsets.std() == pytest.approx(15.0, rel=0.5)
    lag1 = np.corrcoef(offsets[:-1], offsets[1:])[0, 1]
    assert lag1 > 0.9


def test_miss_rate():
    chart = make_chart(notes=10_000)
    model = DrummerModel("misser", miss_p=0.1)
    replay = simulate(chart, model, METRONOME, seed=4)
    hit = len(replay.events_for(Player.P1))
    assert 1 - hit / len(chart.part(Player.P1)) == pytest.approx(0.1, abs=0.015)
    assert len(replay.events_for(Player.P2)) == len(chart.part(Player.P2))


def test_stray_hits_fall_between_notes():
    chart = make_chart(notes=4000)
    model = DrummerModel("stray", stray_p=0.2)
    events = simulate(chart, model, METRONOME, seed=9).events_for(Player.P1)
    notes = set(chart.part(Player.P1).time_s.tolist())
    strays = [e.time_s for e in events if e.time_s not in notes]
    assert len(strays) / len(notes) == pytest.approx(0.2, abs=0.03)
    gap = 60.0 / chart.meta.bpm / 2
    offsets = np.array([(t - chart.lead_in_s) % gap for t in strays])
    assert np.all((offsets >= 0.25 * gap - 1e-9) & (offsets <= 0.75 * gap + 1e-9))
    assert len({e.voice for e in events if e.time_s not in notes}) > 1


def test_simultaneous_notes_share_timing_up_to_hand_jitter():
    chart = make_chart(notes=2000, chords=True)
    model = DrummerModel("hands", mean_ms=-20.0, sd_ms=25.0, hand_sd_ms=2.0)
    events = simulate(chart, model, METRONOME, seed=6).events_for(Player.P1)
    times = np.array([e.time_s for e in events]).reshape(-1, 2)  # no misses: pairs
    spread_ms = np.abs(times[:, 0] - times[:, 1]) * 1000
    assert spread_ms.mean() < 4.0  # |N(0,2) - N(0,2)| has mean 2.26
    assert spread_ms.max() > 0.0


def test_events_are_time_ordered_and_sourced():
    chart = make_chart(notes=500)
    replay = simulate(chart, PRESETS["clumsy"], PRESETS["metal"], seed=1)
    times = [e.time_s for e in replay.events]
    assert times == sorted(times)
    assert {e.source for e in replay.events_for(Player.P1)} == {"bot:clumsy"}
    assert {e.source for e in replay.events_for(Player.P2)} == {"bot:metal"}
    assert loads_replay(dumps_replay(replay), chart=chart) == replay


def test_same_seed_same_replay_and_different_seeds_differ():
    chart = make_chart(notes=300)
    clumsy = PRESETS["clumsy"]
    first = simulate(chart, clumsy, clumsy, seed=42)
    assert simulate(chart, clumsy, clumsy, seed=42) == first
    assert simulate(chart, clumsy, clumsy, seed=43) != first
    # The two players draw from separate streams.
    p1 = [e.time_s for e in first.events_for(Player.P1)]
    p2 = [e.time_s for e in first.events_for(Player.P2)]
    assert p1 != p2


def test_a_player_does_not_depend_on_the_partner_without_pull():
    chart = make_chart(notes=300)
    a = simulate(chart, PRESETS["steady"], PRESETS["metal"], seed=8)
    b = simulate(chart, PRESETS["steady"], PRESETS["clumsy"], seed=8)
    assert a.events_for(Player.P1) == b.events_for(Player.P1)
    assert bot_events(chart, Player.P1, PRESETS["steady"], seed=8) == list(a.events_for(Player.P1))
    assert bot_events(chart, Player.P2, PRESETS["metal"], seed=8) == list(a.events_for(Player.P2))


def _delta_ms(chart: Chart, p1: DrummerModel, p2: DrummerModel, seed: int) -> np.ndarray:
    """t_p1 - t_p2 on every note (no misses in these models)."""
    arrays = simulate_arrays(chart, p1, p2, seed)
    t1 = arrays.time_s[arrays.player == 0]
    t2 = arrays.time_s[arrays.player == 1]
    return (t1 - t2) * 1000.0


def test_pull_brings_partners_together():
    chart = make_chart()
    early = DrummerModel("early", mean_ms=-40.0, sd_ms=10.0, drift_sd_ms=10.0, drift_ar=0.95)
    exact = DrummerModel("exact", sd_ms=10.0)
    apart = _delta_ms(chart, early, exact, seed=3)
    pulled = _delta_ms(chart, dataclasses.replace(early, pull=0.5), exact, seed=3)
    assert np.abs(pulled).mean() < 0.75 * np.abs(apart).mean()
    assert np.sqrt(np.mean(pulled**2)) < np.sqrt(np.mean(apart**2))
    assert abs(pulled.mean()) < abs(apart.mean())


def test_two_adaptive_partners_stay_stable():
    chart = make_chart()
    partner = dataclasses.replace(PRESETS["partner"], miss_p=0.0, stray_p=0.0)
    full = dataclasses.replace(partner, pull=1.0)
    for p1, p2 in ((partner, partner), (full, partner)):
        delta = _delta_ms(chart, p1, p2, seed=12)
        assert np.abs(delta).max() < 150.0
        assert delta.std() < 40.0


def test_pull_is_deterministic_too():
    chart = make_chart(notes=300)
    partner = PRESETS["partner"]
    assert simulate(chart, partner, PRESETS["clumsy"], seed=5) == simulate(
        chart, partner, PRESETS["clumsy"], seed=5
    )


def test_empty_parts_and_bad_seeds():
    chart = make_chart(notes=8)
    empty = Chart(meta=chart.meta, parts=(Part.empty(), chart.parts[1]))
    replay = simulate(empty, PRESETS["clumsy"], METRONOME, seed=0)
    assert replay.events_for(Player.P1) == ()
    assert len(replay.events_for(Player.P2)) == 8
    for seed in (-1, 1.5, True):
        with pytest.raises(SpecError, match="seed"):
            simulate(chart, METRONOME, METRONOME, seed=seed)
