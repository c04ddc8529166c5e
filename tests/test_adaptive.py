"""The adaptive drummer: it listens to the partner's actual hits, live and headless alike."""

from __future__ import annotations

import numpy as np
import pytest

from drumsync.core import generate_chart, parse_spec, score, simulate
from drumsync.core.adaptive import AdaptiveDrummer
from drumsync.core.pair_play import ScriptedDrummer, play_pair
from drumsync.core.simulate import bot_events
from drumsync.core.sync import shared_points
from drumsync.core.voices import Player, Voice

LATE_PLAYER = "metronome,mean_ms=30"


@pytest.fixture(scope="module")
def chart():
    return generate_chart(seed=3, style="rock", bpm=120, difficulty=3, bars=16)


def per_bar_gap_ms(chart, events, bars):
    """Mean of (P2 hit - P1 hit) at the shared points of each bar, in ms."""
    points = shared_points(chart)
    p1 = np.array(sorted(e.time_s for e in events if e.player == Player.P1))
    p2 = np.array(sorted(e.time_s for e in events if e.player == Player.P2))
    bar_s = chart.seconds_per_beat * chart.meta.beats_per_bar
    out = []
    for bar in range(bars):
        start = chart.music_start_s + bar * bar_s
        chart_times = points.time_s[0][
            (points.time_s[0] >= start) & (points.time_s[0] < start + bar_s)
        ]
        gaps = []
        for c in chart_times:
            h1 = p1[np.argmin(np.abs(p1 - c))]
            h2 = p2[np.argmin(np.abs(p2 - c))]
            if abs(h1 - c) < 0.1 and abs(h2 - c) < 0.1:
                gaps.append((h2 - h1) * 1000)
        out.append(float(np.mean(gaps)))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_bot_catches_a_steadily_late_player_within_eight_bars(chart, seed):
    events = play_pair(chart, parse_spec(LATE_PLAYER), parse_spec("ideal"), seed)
    gaps = per_bar_gap_ms(chart, events, 16)
    assert gaps[0] < -15  # it starts on the music, 30 ms ahead of the late player
    assert abs(gaps[7]) < 10  # bar 8
    assert abs(np.mean(gaps[7:])) < 5


def test_a_scripted_bot_does_not_listen(chart):
    events = play_pair(
        chart,
        parse_spec(LATE_PLAYER),
        parse_spec("musician,alpha=0,chart_alpha=0,beta=0,anticipation=0"),
        0,
    )
    # Not adaptive: the same hits as the pre-computed bot, whatever the partner does.
    scripted = [e for e in events if e.player == Player.P2]
    assert scripted == bot_events(
        chart, Player.P2, parse_spec("musician,alpha=0,chart_alpha=0,beta=0,anticipation=0"), 0
    )


def test_live_feeding_gives_the_headless_hits(chart):
    """Fed a person's hits frame by frame, the bot plays exactly what a headless run gives."""
    person = parse_spec("steady")
    bot = parse_spec("ideal")
    headless = [e for e in play_pair(chart, person, bot, 4) if e.player == Player.P2]
    human = ScriptedDrummer(bot_events(chart, Player.P1, person, 4))
    live = AdaptiveDrummer(chart, Player.P2, bot, 4)
    played = []
    now = 0.0
    while now < chart.duration_s + 1.0:
        now += 1 / 60  # a 60 Hz frame
        while human.next_hit_s() <= now:
            live.hear(human.take_hit().time_s)
        played.extend(live.advance(now))
    assert played == headless


def test_two_adaptive_bots_converge_to_each_other(chart):
    a = parse_spec("ideal,mean_ms=40,chart_alpha=0")
    b = parse_spec("ideal,mean_ms=-40,chart_alpha=0")
    events = play_pair(chart, a, b, 1)
    first = (
        next(e for e in events if e.player == Player.P2).time_s
        - next(e for e in events if e.player == Player.P1).time_s
    )
    assert first * 1000 < -70  # they start 80 ms apart
    gaps = per_bar_gap_ms(chart, events, 16)
    assert abs(np.mean(gaps[4:])) < 8


def test_same_seed_same_hits_and_simulate_uses_the_same_code(chart):
    p1, p2 = parse_spec("musician"), parse_spec("nonmusician")
    first = play_pair(chart, p1, p2, 9)
    assert first == play_pair(chart, p1, p2, 9)
    assert first != play_pair(chart, p1, p2, 10)
    replay = simulate(chart, p1, p2, seed=9)
    assert sorted((e.time_s, int(e.player), int(e.voice)) for e in replay.events) == sorted(
        (e.time_s, int(e.player), int(e.voice)) for e in first
    )


@pytest.mark.parametrize("seed", range(4))
def test_follower_gain_is_recovered_from_the_bots_hits(chart, seed):
    follower = parse_spec("metronome,alpha=0.25,sd_ms=8,motor_sd_ms=2")
    report = score(chart, simulate(chart, parse_spec("metronome"), follower, seed=seed))
    gain = report.coordination.alpha[1]
    assert gain.ci_low - 0.03 <= 0.25 <= gain.ci_high + 0.03
    assert report.coordination.strategy == "p1_leads"


def test_two_listening_bots_are_read_as_mutual_adaptation():
    chart = generate_chart(seed=5, style="dance-pop", bpm=120, difficulty=2, bars=48)
    report = score(chart, simulate(chart, parse_spec("musician"), parse_spec("musician"), seed=2))
    assert report.coordination.strategy == "mutual"
    assert report.coordination.xcorr.zero < 0


def test_bot_ignores_partner_hits_far_from_any_partner_note(chart):
    alone = AdaptiveDrummer(chart, Player.P2, parse_spec("ideal"), 0).advance(chart.duration_s + 1)
    bot = AdaptiveDrummer(chart, Player.P2, parse_spec("ideal"), 0)
    bot.hear(-5.0)  # long before any note: no reference, no correction
    assert bot.advance(chart.duration_s + 1) == alone
    assert {e.voice for e in alone} <= set(Voice)
