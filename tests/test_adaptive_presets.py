"""The adaptive presets reproduce the published figures they cite (drumsync.core.drummers).

Each plays with the music alone (the partner never hits), as in the tapping studies: a
beat to follow and nothing else. Figures are means over several takes.
"""

from __future__ import annotations

import numpy as np
import pytest

from drumsync.core import generate_chart, parse_spec, score, simulate
from drumsync.core.pair_play import play_pair
from drumsync.core.voices import Player, Voice

SILENT = "metronome,miss_p=1"


@pytest.fixture(scope="module")
def chart():
    return generate_chart(seed=3, style="rock", bpm=120, difficulty=3, bars=32)


def alone(chart, spec, takes=4):
    """Mean asynchrony and asynchrony SD (ms) of a drummer with the music alone."""
    figures = []
    for seed in range(takes):
        report = score(chart, simulate(chart, parse_spec(SILENT), parse_spec(spec), seed=seed))
        player = report.players[1]
        figures.append((player.mean_offset_ms, player.sd_offset_ms))
    return np.mean(figures, axis=0)


@pytest.mark.parametrize(
    ("preset", "sd_range", "mean_range"),
    [
        ("musician", (10.0, 20.0), (-25.0, -5.0)),  # Repp 2005: SD 10-20 ms, small NMA
        ("nonmusician", (20.0, 40.0), (-80.0, -20.0)),  # SD 20-40 ms, NMA -20 to -80 ms
    ],
)
def test_tapping_presets_show_the_published_asynchrony(chart, preset, sd_range, mean_range):
    mean_ms, sd_ms = alone(chart, preset)
    assert sd_range[0] <= sd_ms <= sd_range[1]
    assert mean_range[0] <= mean_ms <= mean_range[1]


def test_musicians_are_tighter_than_non_musicians(chart):
    assert alone(chart, "musician")[1] < alone(chart, "nonmusician")[1] / 1.5


def test_drummer_limbs_are_offset_as_fujii_measured(chart):
    """Fujii et al. 2011 at 120 BPM: hi-hat (right hand) ~-2 ms, snare and kick ~-10 ms."""
    offsets = {Voice.KICK: [], Voice.SNARE: [], Voice.HIHAT: []}
    part = chart.part(Player.P2)
    for seed in range(4):
        events = play_pair(chart, parse_spec(SILENT), parse_spec("drummer"), seed)
        for e in events:
            if e.player == Player.P2 and e.voice in offsets:
                nearest = part.time_s[np.argmin(np.abs(part.time_s - e.time_s))]
                offsets[e.voice].append((e.time_s - nearest) * 1000)
    means = {voice: float(np.mean(values)) for voice, values in offsets.items()}
    assert means[Voice.HIHAT] == pytest.approx(-2.0, abs=3.0)
    assert means[Voice.SNARE] == pytest.approx(-10.0, abs=3.0)
    assert means[Voice.KICK] == pytest.approx(-10.0, abs=3.0)
    assert 5.0 <= alone(chart, "drummer")[1] <= 12.0


def test_ideal_partner_uses_the_quarter_gain():
    model = parse_spec("ideal")
    assert model.alpha == 0.25 and model.adaptive and model.mean_ms == 0.0
