"""Calibration: the pure session (schedule, taps, result, metronome track), the scene under
the dummy drivers on a virtual clock (a tapper 40 ms late measures 40 +- 2 ms; Apply saves
and loads back; the visual test needs no sound; no device offers the visual test), and the
whole window loop with ``drumsync calibrate``'s app and key presses posted to SDL's queue."""

from __future__ import annotations

import argparse
import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np
import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.audio.kit import get_kit
from drumsync.cli.commands import calibrate_cmd
from drumsync.core.calibration import MIN_TAPS, estimate_offset
from drumsync.core.generator import generate_chart
from drumsync.core.voices import Player, Voice
from drumsync.game.app import GameApp
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.calibration.scene import CalibrationScene
from drumsync.game.screens.calibration.session import (
    BeatSchedule,
    Phase,
    TapSession,
    render_metronome,
    used_mask,
)
from drumsync.game.screens.calibration.tap_plot import TapAxis
from drumsync.game.screens.calibration.view import STAGE_RECT, flash_level, offset_text
from drumsync.storage.settings import Settings, load_settings, save_settings

FRAME_S = 1.0 / 60.0
RATE_HZ = 44100


# --- the pure session ----------------------------------------------------------------------------


def late_taps(schedule: BeatSchedule, late_s: float, sd_s: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    beats = schedule.tap_beat_times_s()
    return beats + late_s + rng.normal(0.0, sd_s, len(beats))


def test_the_schedule_has_a_lead_in_then_the_tapping_beats():
    s = BeatSchedule(bpm=120.0, lead_in_beats=4, tap_beats=20, start_s=1.0)
    beats = s.beat_times_s()
    assert len(beats) == 24 and beats[0] == pytest.approx(1.0)
    assert np.allclose(np.diff(beats), 0.5)
    assert s.tap_beat_times_s()[0] == pytest.approx(3.0)
    assert s.opens_s == pytest.approx(2.75) and s.closes_s == pytest.approx(12.75)
    assert s.lead_in_count(1.0) == 1 and s.lead_in_count(2.6) == 4
    assert s.lead_in_count(3.0) is None and s.lead_in_count(0.5) is None
    assert s.beat_at(3.1) == (4, pytest.approx(0.1))
    assert s.accented(0) and s.accented(4) and not s.accented(5)


@pytest.mark.parametrize(
    "kwargs",
    [{"bpm": 0.0}, {"bpm": float("nan")}, {"tap_beats": MIN_TAPS - 1}, {"lead_in_beats": -1}],
)
def test_a_bad_schedule_is_refused(kwargs):
    with pytest.raises(ValueError):
        BeatSchedule(**kwargs)


def test_taps_count_only_between_the_lead_in_and_the_end():
    session = TapSession(BeatSchedule(bpm=120.0, start_s=1.0))
    assert not session.tap(1.5)  # lead-in
    assert session.tap(3.02)
    assert not session.tap(13.0)  # after the last beat
    assert not session.tap(float("nan"))
    assert session.count == 1 and session.early == 1
    assert not session.finished(12.75) and session.finished(12.76)


def test_a_tapper_40_ms_late_measures_40_ms():
    schedule = BeatSchedule()
    session = TapSession(schedule)
    for t in late_taps(schedule, 0.040, 0.002, seed=1):
        assert session.tap(float(t))
    outcome = session.outcome()
    assert outcome.ok and outcome.result.offset_ms == pytest.approx(40.0, abs=2.0)
    assert outcome.result.used == 20 and all(outcome.used)


def test_too_few_taps_give_a_message_instead_of_a_result():
    schedule = BeatSchedule()
    session = TapSession(schedule)
    session.tap(schedule.start_s)  # a lead-in tap
    for t in schedule.tap_beat_times_s()[:3]:
        session.tap(float(t) + 0.02)
    outcome = session.outcome()
    assert not outcome.ok and outcome.taps == 3
    assert "at least" in outcome.message and "lead-in" in outcome.message
    assert "No taps" in TapSession(schedule).outcome().message


def test_error_ms_is_an_honest_uncertainty_for_realistic_tapping():
    """Untrained tappers scatter (SD ~25 ms, guide section 6): over many simulated sessions
    the estimate lands within 2 error_ms of the truth about 95 % of the time."""
    schedule = BeatSchedule()
    inside, errors = 0, []
    for seed in range(200):
        session = TapSession(schedule)
        for t in late_taps(schedule, 0.040, 0.025, seed):
            session.tap(float(t))
        result = session.outcome().result
        errors.append(result.error_ms)
        inside += abs(result.offset_ms - 40.0) <= 2 * result.error_ms
    assert 4.0 < float(np.median(errors)) < 12.0
    assert inside >= 180


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.floats(min_value=-400, max_value=400, allow_nan=False), min_size=MIN_TAPS, max_size=40
    )
)
def test_the_used_mask_matches_the_core_estimate(values):
    try:
        result = estimate_offset(values)
    except ValueError:
        return
    mask = used_mask(values)
    assert int(mask.sum()) == result.used
    assert float(np.median(np.asarray(values)[mask])) == pytest.approx(result.offset_ms)


def test_the_metronome_clicks_start_on_their_exact_samples():
    schedule = BeatSchedule()
    track = render_metronome(schedule, RATE_HZ)
    kit = get_kit(RATE_HZ)
    starts = np.rint(schedule.beat_times_s() * RATE_HZ).astype(int)
    assert track.shape[1] == 2 and len(track) > starts[-1]
    assert not track[: starts[0]].any()
    for i, start in enumerate(starts.tolist()):
        name = "click_accent" if schedule.accented(i) else "click"
        sound = kit.layers[name][-1]
        n = min(len(sound), 200)
        assert np.allclose(track[start : start + n, 0], sound[:n], atol=1e-6)


def test_the_tap_axis_is_symmetric_and_fits_the_taps():
    assert TapAxis.fit([12.0, 40.0], 0, 400).limit_ms == 100.0
    axis = TapAxis.fit([-130.0, 40.0, 900.0], 0, 400)
    assert axis.limit_ms == 250.0
    assert float(axis.x_px(0.0)) == 200.0 and float(axis.x_px(900.0)) == 400.0
    assert flash_level(0.0) == 1.0 and flash_level(None) == 0.0 and flash_level(1.0) == 0.0
    assert offset_text(40.04) == "+40.0 ms" and offset_text(-0.01) == "0.0 ms"


# --- the scene -------------------------------------------------------------------------------


class FakeEngine:
    """An opened audio device whose play head follows the virtual clock exactly."""

    available = True
    reason = "fake device"
    rate_hz = RATE_HZ
    buffer_frames = 512

    def __init__(self, timer: VirtualTimer) -> None:
        self.timer = timer
        self.started_at: float | None = None
        self.buffers: list[np.ndarray] = []
        self.closed = False

    @property
    def buffer_s(self) -> float:
        return self.buffer_frames / self.rate_hz

    def start_song(self, buffer) -> None:
        self.buffers.append(buffer)
        self.started_at = self.timer.now()

    def position_s(self):
        if self.started_at is None:
            return None
        return self.timer.now() - self.started_at

    def stop(self) -> None:
        self.started_at = None

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def set_music_volume(self, volume: float) -> None: ...

    def play_hit(self, voice, velocity=0.8, pan=0.0): ...

    def close(self) -> None:
        self.closed = True


class NoDevice(FakeEngine):
    available = False
    reason = "no audio device: dsp: no such audio device"


@pytest.fixture(scope="module")
def chart():
    return generate_chart(1, "rock", 100.0, 1, 1)


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "config" / "settings.toml"


def make_app(chart, sound=True):
    timer = VirtualTimer(50.0)
    options = GameOptions.build(chart, sound=sound, vsync=False, save_replay=False)
    return GameApp(options, timer), timer


@pytest.fixture
def app(chart):
    app, _ = make_app(chart)
    yield app
    app.stack.clear()
    app.close()


def key(code, **extra):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, **extra)


def code_for(player: Player, voice: Voice = Voice.KICK) -> int:
    return pygame.key.key_code(DEFAULT_BINDINGS.key_for(player, voice))


def push(app, player=Player.P1, mode="audio", engine="fake", settings_path=None):
    done: list = []
    if engine == "fake":
        engine = FakeEngine(app.timer)
    scene = CalibrationScene(
        app.ctx, player, done.append, mode, engine=engine, settings_path=settings_path
    )
    app.stack.push(scene)
    return scene, done


def tap_through(app, scene, late_s, sd_s, seed=0, code=None, extra_stamps=()):
    """Press Enter, then play the run frame by frame, tapping ``late_s`` after each beat;
    draw every frame. Returns the perf stamps of the taps."""
    timer = app.timer
    code = code_for(scene.player) if code is None else code
    scene.handle(key(pygame.K_RETURN), timer.now())
    assert scene.phase is Phase.RUNNING
    zero = scene.run_started_s
    rng = np.random.default_rng(seed)
    beats = scene.schedule.tap_beat_times_s()
    stamps = sorted(
        [zero + float(b) + late_s + float(rng.normal(0.0, sd_s)) for b in beats]
        + [zero + s for s in extra_stamps]
    )
    pending = list(stamps)
    while scene.phase is Phase.RUNNING:
        timer.advance(FRAME_S)
        while pending and pending[0] <= timer.now():
            scene.handle(key(code), pending.pop(0))
        scene.update(timer.now())
        scene.draw(app.display.canvas)
    return stamps


def test_a_tapper_40_ms_late_to_the_click_measures_40_ms(app):
    scene, done = push(app)
    assert scene.phase is Phase.INTRO
    scene.draw(app.display.canvas)
    tap_through(app, scene, 0.040, 0.002, seed=3)
    assert scene.phase is Phase.RESULT
    result = scene.outcome.result
    assert result.offset_ms == pytest.approx(40.0, abs=2.0)
    assert result.used == scene.schedule.tap_beats
    [buffer] = scene._given_engine.buffers  # the metronome, one sample-aligned buffer
    assert np.array_equal(buffer, render_metronome(scene.schedule, RATE_HZ))
    assert [label for label, _ in scene.buttons()] == ["Apply", "Retry", "Cancel"]
    assert done == []


def test_realistic_tapping_is_reported_with_its_uncertainty(app):
    scene, _ = push(app)
    # SD 25 ms and two slips of the hand (one far off, one during the lead-in)
    slips = (scene.schedule.start_s + 10 * 0.6 + 0.29, scene.schedule.start_s + 0.6)
    tap_through(app, scene, 0.040, 0.025, seed=11, extra_stamps=slips)
    outcome = scene.outcome
    result = outcome.result
    assert outcome.taps == 21 and result.rejected == 1 and outcome.used.count(False) == 1
    assert 3.0 < result.error_ms < 15.0
    assert abs(result.offset_ms - 40.0) <= 3 * result.error_ms
    scene.draw(app.display.canvas)


def test_other_players_keys_do_not_count_but_space_does(app):
    scene, _ = push(app, player=Player.P2)
    tap_through(app, scene, 0.030, 0.002, code=code_for(Player.P1))
    assert scene.outcome.taps == 0 and not scene.outcome.ok
    assert [label for label, _ in scene.buttons()] == ["Retry", "Visual test", "Cancel"]
    scene.draw(app.display.canvas)
    tap_through(app, scene, 0.030, 0.002, code=pygame.K_SPACE)  # Enter = Retry
    assert scene.outcome.ok and scene.outcome.result.offset_ms == pytest.approx(30.0, abs=2.0)


def test_apply_saves_the_offset_and_it_loads_back(app, settings_file):
    save_settings(Settings().with_name(Player.P1, "Ada").replace(scroll_speed=1.5), settings_file)
    scene, done = push(app, settings_path=settings_file)
    tap_through(app, scene, 0.040, 0.002, seed=5)
    scene.handle(key(pygame.K_RETURN), app.timer.now())  # Apply
    [result] = done
    assert result is scene.outcome.result and not app.stack
    loaded = load_settings(settings_file)
    assert loaded.warnings == []
    me = loaded.settings.player(Player.P1)
    assert me.audio_offset_ms == pytest.approx(round(result.offset_ms, 1))
    assert me.audio_offset_ms == pytest.approx(40.0, abs=2.0)
    assert me.video_offset_ms == 0.0 and me.name == "Ada"  # the rest is kept
    assert loaded.settings.scroll_speed == 1.5
    assert loaded.settings.player(Player.P2).audio_offset_ms == 0.0
    assert scene.applied_offset_ms == me.audio_offset_ms


def test_a_failed_save_is_shown_and_nothing_is_lost(app, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the settings folder should be")
    scene, done = push(app, settings_path=blocker / "settings.toml")
    tap_through(app, scene, 0.040, 0.002)
    scene.handle(key(pygame.K_RETURN), app.timer.now())  # Apply
    assert done == [] and app.stack.top is scene and scene.phase is Phase.RESULT
    assert scene.message_error and scene.message.startswith("Could not save the offset")
    assert blocker.read_text() == "a file where the settings folder should be"
    scene.draw(app.display.canvas)
    scene.handle(key(pygame.K_ESCAPE), app.timer.now())
    assert done == [None] and not app.stack


def test_the_visual_test_works_without_sound(chart, settings_file):
    app, timer = make_app(chart, sound=False)
    try:
        scene, _ = push(app, mode="video", engine=None, settings_path=settings_file)
        scene.handle(key(pygame.K_RETURN), timer.now())
        # the disc flashes on each beat: full just after it, dark before the next
        beat = scene.schedule.beat_times_s()[5]
        timer.advance(beat + 0.001 - (timer.now() - scene.run_started_s))
        scene.update(timer.now())
        assert scene.schedule.beat_at(scene.song_time_s)[0] == 5
        scene.draw(app.display.canvas)
        centre = (STAGE_RECT.centerx, STAGE_RECT.y + 200)
        lit = app.display.canvas.get_at(centre)[:3]
        timer.advance(0.4)
        scene.update(timer.now())
        scene.draw(app.display.canvas)
        dark = app.display.canvas.get_at(centre)[:3]
        assert sum(lit) > sum(dark) + 300
        scene.handle(key(pygame.K_ESCAPE), timer.now())
        scene, _ = push(app, mode="video", engine=None, settings_path=settings_file)
        tap_through(app, scene, 0.055, 0.002)
        assert scene.engine is None and scene.audio is None
        assert scene.outcome.result.offset_ms == pytest.approx(55.0, abs=2.0)
        scene.press("Apply")
        me = load_settings(settings_file).settings.player(Player.P1)
        assert me.video_offset_ms == pytest.approx(55.0, abs=2.0) and me.audio_offset_ms == 0.0
    finally:
        app.stack.clear()
        app.close()


@pytest.mark.parametrize("sound", [False, True])
def test_without_a_device_the_audio_test_offers_the_visual_one(chart, sound):
    app, timer = make_app(chart, sound=sound)
    try:
        engine = NoDevice(timer) if sound else None
        scene, _ = push(app, engine=engine)
        assert scene.phase is Phase.NO_AUDIO
        expected = "No audio device" if sound else "Sound is turned off"
        assert scene.no_audio_reason.startswith(expected)
        assert scene.buttons()[0][0] == "Visual test"
        scene.draw(app.display.canvas)
        scene.handle(key(pygame.K_RIGHT), timer.now())
        scene.handle(key(pygame.K_RETURN), timer.now())  # Try sound again
        assert scene.phase is Phase.NO_AUDIO and scene.message_error
        assert scene.selected == 0  # back on the suggestion
        scene.handle(key(pygame.K_RETURN), timer.now())  # Visual test
        assert scene.mode == "video" and scene.phase is Phase.INTRO
        tap_through(app, scene, 0.020, 0.002)
        assert scene.outcome.result.offset_ms == pytest.approx(20.0, abs=2.0)
    finally:
        app.stack.clear()
        app.close()


def test_esc_cancels_even_mid_run(app):
    scene, done = push(app)
    scene.handle(key(pygame.K_RETURN), app.timer.now())
    app.timer.advance(3.0)
    scene.update(app.timer.now())
    engine = scene._given_engine
    assert engine.started_at is not None
    scene.handle(key(pygame.K_ESCAPE), app.timer.now())
    assert done == [None] and not app.stack and engine.started_at is None


def test_losing_focus_stops_the_run(app):
    scene, done = push(app)
    scene.handle(key(pygame.K_RETURN), app.timer.now())
    scene.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST), app.timer.now())
    assert scene.phase is Phase.INTRO and scene.message_error and done == []


def test_an_unknown_mode_is_refused(app):
    with pytest.raises(ValueError, match="mode"):
        CalibrationScene(app.ctx, Player.P1, mode="haptic")


# --- the whole window loop, as ``drumsync calibrate --visual`` runs it ---------------------


def test_drumsync_calibrate_runs_the_loop_and_saves(capsys):
    args = argparse.Namespace(player="p2", visual=True)
    timer = VirtualTimer(0.0)
    app, scene, results = calibrate_cmd.build(args, timer)
    code = pygame.key.key_code(DEFAULT_BINDINGS.key_for(Player.P2, Voice.SNARE))
    plan: list[tuple[float, int]] = []

    def post(now_s: float) -> None:
        if scene.phase is Phase.INTRO and not plan:
            plan.append((now_s, pygame.K_RETURN))
            pygame.event.post(key(pygame.K_RETURN))
            return
        if scene.phase is Phase.RUNNING and len(plan) == 1:
            zero = scene.run_started_s
            plan.extend((zero + b + 0.045, code) for b in scene.schedule.tap_beat_times_s())
        if scene.phase is Phase.RESULT and plan[-1][1] != pygame.K_RETURN:
            plan.append((now_s, pygame.K_RETURN))
            pygame.event.post(key(pygame.K_RETURN))  # Apply
            return
        for when, pressed in plan[1:]:
            if pressed == code and when <= now_s and when not in sent:
                sent.add(when)
                pygame.event.post(key(pressed))

    sent: set[float] = set()
    app.ctx.pre_poll.append(post)
    try:
        result = app.run(first_scene=scene)
    finally:
        app.close()
    [measured] = results
    # stamps are the midpoint of the last two polls (1 ms apart): half a ms early at most
    assert measured.offset_ms == pytest.approx(45.0, abs=2.0)
    assert result.frames > 100
    me = load_settings().settings.player(Player.P2)
    assert me.video_offset_ms == pytest.approx(round(measured.offset_ms, 1))
    line = calibrate_cmd.summary(scene, results)
    assert "video offset +4" in line and "saved to" in line


def test_calibrate_summary_when_cancelled(chart):
    args = argparse.Namespace(player="p1", visual=False)
    app, scene, results = calibrate_cmd.build(args, VirtualTimer(0.0))
    try:
        app.stack.push(scene)
        scene.cancel()
    finally:
        app.close()
    assert results == [None]
    assert "cancelled" in calibrate_cmd.summary(scene, results)


def test_scattered_taps_suggest_a_retry(app):
    scene, _ = push(app)
    tap_through(app, scene, 0.0, 0.090, seed=2)
    outcome = scene.outcome
    assert outcome.ok and not outcome.reliable
    assert scene.buttons()[scene.selected][0] == "Retry"
    scene.draw(app.display.canvas)


def test_the_calibrate_command_line():
    from drumsync.cli.parser import OneLineParser

    parser = OneLineParser(prog="drumsync")
    calibrate_cmd.register(parser.add_subparsers(dest="command", parser_class=OneLineParser))
    args = parser.parse_args(["calibrate"])
    assert (args.player, args.visual, args.handler) == ("p1", False, calibrate_cmd.run)
    args = parser.parse_args(["calibrate", "--player", "p2", "--visual"])
    assert (args.player, args.visual) == ("p2", True)
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["calibrate", "--player", "p3"])
    assert exit_info.value.code == 2


def test_space_does_not_tap_when_it_is_the_other_players_drum(chart):
    from drumsync.game.runtime.input.keyboard import Bindings

    bindings = Bindings.from_lanes("a s d f", "j k l space")
    options = GameOptions.build(chart, sound=False, vsync=False, bindings=bindings)
    app = GameApp(options, VirtualTimer(1.0))
    try:
        scene, _ = push(app, mode="video", engine=None)
        assert not scene.space_taps
        tap_through(app, scene, 0.030, 0.002, code=pygame.K_SPACE)
        assert scene.outcome.taps == 0
    finally:
        app.stack.clear()
        app.close()
