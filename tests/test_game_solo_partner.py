"""Solo mode's partner listens: in the running game it hears the person's key presses and
moves toward them (the same adaptive drummer as headless runs)."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np
import pygame
import pytest

from drumsync.core.generator import generate_chart
from drumsync.core.sync import shared_points
from drumsync.core.voices import Player, Voice
from drumsync.game.app import GameApp
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.play.scene import READY_S, Phase, PlayScene

FRAME_S = 1 / 60
LATE_S = 0.030


@pytest.fixture(scope="module")
def chart():
    return generate_chart(3, "rock", 120.0, 3, 12)


def play_solo_late(chart, late_s: float):
    """A person on P1's keys hits every note ``late_s`` late; returns the match's events."""
    timer = VirtualTimer(10.0)
    options = GameOptions.build(chart, mode="solo", sound=False, vsync=False, save_replay=False)
    app = GameApp(options, timer)
    scene = PlayScene(app.ctx)
    app.stack.push(scene)
    try:
        timer.advance(READY_S)
        scene.update(timer.now())
        assert scene.phase is Phase.PLAYING
        t0 = timer.now()
        part = chart.part(Player.P1)
        presses = sorted(
            (float(t) + late_s, Voice(int(v))) for t, v in zip(part.time_s, part.voice, strict=True)
        )
        [post_bot_keys] = app.ctx.pre_poll
        end = chart.duration_s
        while timer.now() - t0 < end:
            now = timer.now()
            post_bot_keys(now)
            while presses and presses[0][0] <= now - t0:
                time_s, voice = presses.pop(0)
                code = pygame.key.key_code(DEFAULT_BINDINGS.key_for(Player.P1, voice))
                scene.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0), t0 + time_s)
            for event in pygame.event.get(pygame.KEYDOWN):
                scene.handle(event, now)
            scene.update(now)  # as the loop does: poll, handle, then update, every frame
            timer.advance(FRAME_S)
        return list(scene.match.events)
    finally:
        app.stack.clear()
        app.close()


def bar_gaps_ms(chart, events):
    points = shared_points(chart).time_s[0]
    hits = {p: np.array(sorted(e.time_s for e in events if e.player == p)) for p in Player}
    bar_s = chart.seconds_per_beat * chart.meta.beats_per_bar
    gaps = {}
    for c in points:
        h1 = hits[Player.P1][np.argmin(np.abs(hits[Player.P1] - c))]
        h2 = hits[Player.P2][np.argmin(np.abs(hits[Player.P2] - c))]
        if abs(h1 - c) < 0.1 and abs(h2 - c) < 0.1:
            gaps.setdefault(int((c - chart.music_start_s) // bar_s), []).append((h2 - h1) * 1000)
    return {bar: float(np.mean(v)) for bar, v in gaps.items()}


def test_solo_partner_pulls_toward_a_steadily_late_player(chart):
    events = play_solo_late(chart, LATE_S)
    first = {p: min(e.time_s for e in events if e.player == p) for p in Player}
    assert (first[Player.P2] - first[Player.P1]) * 1000 < -15  # it starts with the music
    gaps = bar_gaps_ms(chart, events)
    assert abs(gaps[7]) < 10  # by bar 8 it plays with the person
    assert all(abs(gaps[bar]) < 12 for bar in range(7, 12))


def test_the_partner_hears_the_person_not_a_script(chart):
    on_time = play_solo_late(chart, 0.0)
    late = play_solo_late(chart, LATE_S)
    bot = {
        name: [e.time_s for e in ev if e.player == Player.P2]
        for name, ev in (("a", on_time), ("b", late))
    }
    shift = np.mean(np.array(bot["b"][-40:]) - np.array(bot["a"][-40:])) * 1000
    assert shift == pytest.approx(LATE_S * 1000, abs=8)  # it followed the person by ~30 ms


def test_headless_play_runs_the_same_listening_bot(capsys):
    """``play --headless`` drives the game loop with the same adaptive drummer: against a
    steadily late bot the ideal partner ends up with it, and the analysis says who followed."""
    import json

    from drumsync.cli import main

    code = main(
        [
            "play",
            "--headless",
            "--bars",
            "16",
            "--p1-bot",
            "metronome,mean_ms=30",
            "--p2-bot",
            "ideal",
            "--json",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["sync"]["coordination"]["strategy"] == "p1_leads"
    assert abs(report["sync"]["mean_delta_ms"]) < 5
