"""The play scene with dummy drivers and a virtual clock: judging key presses, pause and
resume with the chart kept aligned, restart, quit, and a headless bot match whose result
equals scoring its saved replay."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame
import pytest

from drumsync.core.generator import generate_chart
from drumsync.core.replay import load_replay
from drumsync.core.report import score_events
from drumsync.core.voices import Player, Voice
from drumsync.core.windows import Tier
from drumsync.game.app import GameApp, play_match
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.play.highway import NOTE_HIT, NOTE_MISSED
from drumsync.game.screens.play.pause import PauseScene
from drumsync.game.screens.play.scene import READY_S, Phase, PlayScene


@pytest.fixture(scope="module")
def chart():
    return generate_chart(3, "rock", 120.0, 4, 4)


@pytest.fixture
def game(chart, data_dir):
    timer = VirtualTimer(100.0)
    options = GameOptions.build(chart, sound=False, vsync=False, save_replay=False)
    app = GameApp(options, timer)
    finished = []
    scene = PlayScene(app.ctx, on_finished=finished.append)
    app.stack.push(scene)
    yield app, scene, timer, finished
    app.stack.clear()
    app.close()


def key(code):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)


def code_for(player, voice):
    return pygame.key.key_code(DEFAULT_BINDINGS.key_for(player, voice))


def start_music(scene, timer):
    timer.advance(READY_S)
    scene.update(timer.now())
    assert scene.phase is Phase.PLAYING
    return timer.now()  # perf time of song time 0


def test_a_press_on_the_note_time_is_perfect_and_shown(game, chart):
    app, scene, timer, _ = game
    t0 = start_music(scene, timer)
    part = chart.part(Player.P1)
    note_t, voice = float(part.time_s[0]), Voice(int(part.voice[0]))
    timer.advance(note_t)
    scene.handle(key(code_for(Player.P1, voice)), t0 + note_t)
    [event] = scene.match.events
    assert event.player is Player.P1 and event.voice is voice and event.source == "keyboard"
    assert event.time_s == pytest.approx(note_t)
    assert scene.highways[Player.P1].state[0] == NOTE_HIT
    assert scene.popups[Player.P1].tier is Tier.PERFECT
    live = scene.match.live(Player.P1)
    assert live.combo == 1 and live.points > 0
    scene.update(timer.now())
    scene.draw(app.display.canvas)


def test_the_press_is_judged_by_its_stamp_not_by_the_frame_time(game, chart):
    _app, scene, timer, _ = game
    t0 = start_music(scene, timer)
    part = chart.part(Player.P2)
    note_t, voice = float(part.time_s[0]), Voice(int(part.voice[0]))
    timer.advance(note_t + 0.030)  # the frame comes 30 ms later
    scene.handle(key(code_for(Player.P2, voice)), t0 + note_t - 0.012)
    scene.update(timer.now())
    assert scene.match.judge.records[0].offset_ms == pytest.approx(-12.0)


def test_unplayed_notes_become_misses_as_the_song_passes_them(game, chart):
    _app, scene, timer, _ = game
    start_music(scene, timer)
    first = float(chart.part(Player.P1).time_s[0])
    timer.advance(first + 0.2)
    scene.update(timer.now())
    assert scene.highways[Player.P1].state[0] == NOTE_MISSED
    assert scene.match.live(Player.P1).counts.miss >= 1


def test_keys_before_the_music_flash_the_pad_but_are_not_judged(game):
    _app, scene, timer, _ = game
    scene.handle(key(pygame.K_f), timer.now())
    assert scene.phase is Phase.READY
    assert scene.match.events == []


def test_escape_pauses_and_the_chart_stays_aligned_across_the_pause(game, chart):
    app, scene, timer, _ = game
    start_music(scene, timer)
    timer.advance(2.0)
    app.stack.update(timer.now())
    paused_at = scene.song_time_s
    assert paused_at == pytest.approx(2.0)
    scene.handle(key(pygame.K_ESCAPE), timer.now())
    assert isinstance(app.stack.top, PauseScene) and scene.phase is Phase.PAUSED
    timer.advance(30.0)  # a long pause: the song does not move
    app.stack.update(timer.now())
    assert scene.audio.tick(timer.now()) == paused_at
    app.stack.handle(key(pygame.K_RETURN), timer.now())  # "Resume" is selected
    assert app.stack.top is scene and scene.phase is Phase.RESUMING
    countdown = scene.resume_at_s - timer.now()
    assert 3 * 0.4 <= countdown <= 3 * 1.0
    timer.advance(countdown / 2)
    app.stack.update(timer.now())
    assert scene.song_time_s == paused_at  # still counting down
    app.stack.draw(app.display.canvas)
    timer.advance(countdown / 2)
    app.stack.update(timer.now())
    assert scene.phase is Phase.PLAYING
    timer.advance(0.5)
    app.stack.update(timer.now())
    assert scene.song_time_s == pytest.approx(paused_at + 0.5)


def test_losing_focus_pauses(game):
    app, scene, timer, _ = game
    start_music(scene, timer)
    scene.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST), timer.now())
    assert isinstance(app.stack.top, PauseScene)
    assert app.stack.top.reason
    app.stack.draw(app.display.canvas)


def test_restart_from_the_pause_menu_starts_over(game, chart):
    app, scene, timer, _ = game
    t0 = start_music(scene, timer)
    note_t = float(chart.part(Player.P1).time_s[0])
    timer.advance(note_t)
    scene.handle(key(code_for(Player.P1, Voice(int(chart.part(Player.P1).voice[0])))), t0 + note_t)
    scene.handle(key(pygame.K_ESCAPE), timer.now())
    app.stack.handle(key(pygame.K_r), timer.now())
    assert app.stack.top is scene and scene.phase is Phase.READY
    assert scene.match.events == [] and not scene.highways[Player.P1].state.any()
    start_music(scene, timer)
    assert scene.song_time_s == 0.0


def test_quit_from_the_pause_menu_leaves_the_match(game):
    app, scene, timer, _ = game
    start_music(scene, timer)
    scene.handle(key(pygame.K_ESCAPE), timer.now())
    app.stack.handle(key(pygame.K_DOWN), timer.now())
    app.stack.handle(key(pygame.K_DOWN), timer.now())
    app.stack.handle(key(pygame.K_RETURN), timer.now())
    assert not app.stack


def test_scroll_speed_keys(game):
    _app, scene, timer, _ = game
    scene.handle(key(pygame.K_F4), timer.now())
    assert scene.scroll_speed == pytest.approx(1.1)
    assert scene.highways[Player.P2].speed_px_per_s == pytest.approx(1.1 * 700)
    for _ in range(40):
        scene.handle(key(pygame.K_F3), timer.now())
    assert scene.scroll_speed == pytest.approx(0.5)


def test_the_song_ends_with_an_outcome(game, chart):
    _app, scene, timer, finished = game
    start_music(scene, timer)
    timer.advance(scene.end_s + 0.01)
    scene.update(timer.now())
    assert scene.phase is Phase.FINISHED
    [outcome] = finished
    assert outcome.report.player(Player.P1).counts.miss == len(chart.part(Player.P1))


def test_headless_bot_match_equals_scoring_its_saved_replay(chart, data_dir, tmp_path):
    out = tmp_path / "match.json"
    options = GameOptions.build(
        chart, p1_bot="steady", p2_bot="clumsy", headless=True, replay_out=out
    )
    result = play_match(options)
    assert result.finished and result.frames > 0
    replay = load_replay(out, chart=chart)
    assert len(replay.events) > 0
    assert {e.source for e in replay.events} == {"bot:steady", "bot:clumsy"}
    rescored = score_events(chart, replay.events, replay.header.windows, replay.header.offsets_ms)
    assert rescored.to_json() == result.outcome.report.to_json()
    filed = list((data_dir / "replays").glob("*.json"))
    assert len(filed) == 1 and filed[0].read_text() == out.read_text()


def _sound_game(chart):
    timer = VirtualTimer(50.0)
    app = GameApp(GameOptions.build(chart, vsync=False, save_replay=False), timer)
    scene = PlayScene(app.ctx)
    app.stack.push(scene)
    return app, scene, timer


def test_with_sound_the_backing_plays_pauses_and_hits_sound(chart, data_dir):
    app, scene, timer = _sound_game(chart)
    try:
        engine = scene.audio.engine
        if engine is None:
            pytest.skip(f"no audio device under the dummy driver: {scene.audio.notice}")
        start_music(scene, timer)
        assert pygame.mixer.music.get_busy()
        scene.handle(key(pygame.K_f), timer.now())
        assert scene.audio.hits_played == 1
        assert any(ch.get_busy() for ch in engine._channels)
        scene.handle(key(pygame.K_ESCAPE), timer.now())
        assert engine.paused
        app.stack.handle(key(pygame.K_ESCAPE), timer.now())
        timer.advance(3.0)
        app.stack.update(timer.now())
        assert scene.phase is Phase.PLAYING and not engine.paused
    finally:
        app.stack.clear()
        app.close()
    assert not pygame.mixer.get_init()  # the scene released the device


def test_without_an_audio_device_the_match_runs_silently_with_a_notice(chart, monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    app, scene, timer = _sound_game(chart)
    try:
        assert scene.audio.engine is None
        assert "silently" in scene.audio.notice
        start_music(scene, timer)
        timer.advance(1.0)
        scene.update(timer.now())
        assert scene.song_time_s == pytest.approx(1.0)  # the clock runs on the timer
        scene.draw(app.display.canvas)
    finally:
        app.stack.clear()
        app.close()


def test_solo_mode_gives_player_two_to_a_bot_that_presses_keys(chart, data_dir):
    timer = VirtualTimer(10.0)
    options = GameOptions.build(chart, mode="solo", sound=False, vsync=False, save_replay=False)
    assert options.match.p2_bot == "partner"
    app = GameApp(options, timer)
    scene = PlayScene(app.ctx)
    app.stack.push(scene)
    try:
        t0 = start_music(scene, timer)
        scene.handle(key(code_for(Player.P2, Voice.KICK)), timer.now())  # a person on P2's keys
        assert scene.match.events == []
        first = float(chart.part(Player.P2).time_s[0])
        # the bot posts its key presses before each poll, once their song time has come
        [post_bot_keys] = app.ctx.pre_poll
        post_bot_keys(timer.now())
        assert pygame.event.get(pygame.KEYDOWN) == []
        timer.advance(first + 0.1)
        post_bot_keys(timer.now())
        presses = pygame.event.get(pygame.KEYDOWN)
        assert presses and all(e.drumsync_source == "bot:partner" for e in presses)
        for event in presses:
            scene.handle(event, t0 + first)
        assert {e.player for e in scene.match.events} == {Player.P2}
    finally:
        app.stack.clear()
        app.close()


def test_headless_bot_presses_land_within_a_poll_of_their_intended_times(chart, data_dir):
    from drumsync.core.drummers import parse_spec
    from drumsync.core.simulate import bot_events

    options = GameOptions.build(chart, p1_bot="steady", p2_bot="metal", headless=True)
    result = play_match(options)
    played = result.outcome.replay.events
    intended = sorted(
        bot_events(chart, Player.P1, parse_spec("steady"))
        + bot_events(chart, Player.P2, parse_spec("metal")),
        key=lambda e: e.time_s,
    )
    assert len(played) == len(intended)
    for player in Player:
        mine = [e.time_s for e in played if e.player is player]
        want = [e.time_s for e in intended if e.player is player]
        assert max(abs(a - b) for a, b in zip(mine, want, strict=True)) <= 0.0011


def test_a_focus_loss_undone_at_once_does_not_pause_but_a_lasting_one_does(game):
    from drumsync.game.app import FOCUS_GRACE_S
    from drumsync.game.runtime.input.poller import Stamped

    app, scene, timer, _ = game
    start_music(scene, timer)
    # switching to fullscreen: the window system reports a loss and a gain at once
    app._dispatch(Stamped(timer.now(), pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F11)))
    assert app.display.fullscreen
    app._dispatch(Stamped(timer.now(), pygame.event.Event(pygame.WINDOWFOCUSLOST)))
    app._dispatch(Stamped(timer.now(), pygame.event.Event(pygame.WINDOWFOCUSGAINED)))
    timer.advance(1.0)
    app._render(timer.now())
    assert app.stack.top is scene
    # the player switches to another window
    app._dispatch(Stamped(timer.now(), pygame.event.Event(pygame.WINDOWFOCUSLOST)))
    app._render(timer.now())
    assert app.stack.top is scene  # not yet: it might come straight back
    timer.advance(FOCUS_GRACE_S)
    app._render(timer.now())
    assert isinstance(app.stack.top, PauseScene)


def test_practice_rate_slows_song_time(chart, data_dir):
    timer = VirtualTimer(0.0)
    app = GameApp(GameOptions.build(chart, rate=0.5, sound=False, vsync=False), timer)
    scene = PlayScene(app.ctx)
    app.stack.push(scene)
    try:
        start_music(scene, timer)
        timer.advance(2.0)
        scene.update(timer.now())
        assert scene.song_time_s == pytest.approx(1.0)
    finally:
        app.stack.clear()
        app.close()
