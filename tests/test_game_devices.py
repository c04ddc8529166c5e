"""The input layer in the game: MIDI kits (PortMidi-style event lists) and SDL controllers
(events posted to the real pygame queue) through the app's own poll and dispatch, into the
play scene's judge; thresholds, debounce, stamping, hot-plug pause and resume."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame
import pytest

from drumsync.core.generator import generate_chart
from drumsync.core.voices import Player, Voice
from drumsync.devices import DeviceKind, DeviceProfile
from drumsync.game.app import GameApp
from drumsync.game.runtime.input.device_events import DEVICE_FOUND, DEVICE_LOST, DRUM_HIT
from drumsync.game.runtime.input.devices import InputDevices
from drumsync.game.runtime.input.poller import InputPoller
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.play.pause import PauseScene
from drumsync.game.screens.play.scene import READY_S, Phase, PlayScene
from tests.device_fakes import FakePortMidi, FakeSdl

KIT = "TD-17 MIDI 1"
TAIKO = "Taiko Drum Controller"
TAIKO_ID = 7


@pytest.fixture(scope="module")
def chart():
    return generate_chart(3, "rock", 120.0, 4, 4)


@pytest.fixture
def rig(chart, data_dir):
    """A game with P1 on a Roland kit and P2 on a taiko drum (not plugged in yet)."""
    timer = VirtualTimer(100.0)
    profiles = (
        DeviceProfile(name=KIT, kind=DeviceKind.MIDI, player=Player.P1, threshold=12),
        DeviceProfile(name=TAIKO, kind=DeviceKind.CONTROLLER, player=Player.P2),
    )
    options = GameOptions.build(chart, sound=False, vsync=False, save_replay=False)
    app = GameApp(options, timer)
    app.ctx.devices.close()
    midi = FakePortMidi(timer.now, [KIT])
    sdl = FakeSdl({0: (TAIKO_ID, TAIKO, DeviceKind.CONTROLLER)})
    app.ctx.devices = InputDevices(profiles, timer.now, midi_backend=midi, controller_backend=sdl)
    app.ctx.devices.start()
    scene = PlayScene(app.ctx)
    app.stack.push(scene)
    pygame.event.clear()
    poller = InputPoller(app._source, timer.now)
    handed = []  # what the scenes were handed
    hand = app.stack.handle
    app.stack.handle = lambda event, stamp_s: (handed.append(event), hand(event, stamp_s))

    def poll(advance_s: float = 0.001) -> list:
        """One poll of the game's loop; the events it handed to the scenes."""
        timer.advance(advance_s)
        handed.clear()
        for item in poller.poll():
            app._dispatch(item)
        app.stack.update(timer.now())
        return list(handed)

    yield app, scene, timer, midi, poll
    app.stack.clear()
    app.close()


def start_music(scene, timer) -> float:
    timer.advance(READY_S)
    scene.update(timer.now())
    assert scene.phase is Phase.PLAYING
    return timer.now()


def first_note(chart, player):
    part = chart.part(player)
    return float(part.time_s[0]), Voice(int(part.voice[0]))


def note_on(midi, note, velocity, perf_s):
    return [[0x99, note, velocity, 0], midi.device_ms(perf_s)]


def test_kit_hits_are_stamped_by_the_device_clock_mapped_and_filtered(rig, chart):
    app, scene, timer, midi, poll = rig
    profile = app.ctx.devices.router.profile(KIT)
    t0 = start_music(scene, timer)
    note_t, voice = first_note(chart, Player.P1)
    pad = profile.pads_of(voice)[0]
    note = int(pad.split(":")[1])
    timer.advance(note_t - 0.05)
    poll()  # measures the device clock
    struck_s = t0 + note_t - 0.004  # 4 ms early, by the kit's own clock
    midi.ports[KIT].queue += [
        note_on(midi, note, 100, struck_s),
        note_on(midi, note, 90, struck_s + 0.006),  # double trigger, 6 ms later
        note_on(midi, 60, 100, struck_s + 0.010),  # a pad the map does not know
    ]
    events = poll(0.06)  # the game reads them ~60 ms later: the stamps are still the kit's
    assert [e.type for e in events].count(DRUM_HIT) == 1
    [event] = scene.match.events
    assert (event.player, event.voice, event.source, event.velocity) == (
        Player.P1, voice, KIT, 100,
    )  # fmt: skip
    assert event.time_s == pytest.approx(note_t - 0.004, abs=1e-6)
    assert scene.match.judge.records[0].offset_ms == pytest.approx(-4.0, abs=0.01)
    verdicts = [r.verdict.value for r in app.ctx.devices.router.log]
    assert verdicts == ["accepted", "double trigger", "unmapped"]
    assert app.ctx.devices.router.log[1].interval_ms == pytest.approx(6.0, abs=0.01)


def test_a_ghost_note_under_the_threshold_is_not_a_hit(rig, chart):
    app, scene, timer, midi, poll = rig
    t0 = start_music(scene, timer)
    poll()
    midi.ports[KIT].queue.append(note_on(midi, 38, 11, t0))  # threshold is 12
    poll()
    assert scene.match.events == []
    assert app.ctx.devices.router.last_strike().verdict.value == "below threshold"


def test_controller_events_from_the_sdl_queue_play_for_player_two(rig, chart):
    app, scene, timer, _midi, poll = rig
    t0 = start_music(scene, timer)
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0))
    events = poll()
    assert [e.device for e in events if e.type == DEVICE_FOUND] == [TAIKO]
    note_t, voice = first_note(chart, Player.P2)
    profile = app.ctx.devices.router.profile(TAIKO)
    button = profile.pads_of(voice)[0]
    names = ("a", "b", "x", "y", "back", "guide", "start", "leftstick", "rightstick",
             "leftshoulder", "rightshoulder", "dpup", "dpdown", "dpleft", "dpright")  # fmt: skip
    number = names.index(button.split(":")[1])
    timer.advance(note_t - 0.003)
    poll()  # at song time note_t - 1 ms
    pygame.event.post(pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=TAIKO_ID, button=0))
    pygame.event.post(
        pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=TAIKO_ID, button=number)
    )
    poll()  # at note_t: stamped at the midpoint of the last two polls, note_t - 0.5 ms
    [event] = scene.match.events  # the joystick echo of a controller is not a second hit
    assert (event.player, event.voice, event.source) == (Player.P2, voice, TAIKO)
    assert event.time_s == pytest.approx(note_t - 0.0005, abs=1e-9)
    assert scene.match.judge.records[0].player is Player.P2 and t0 > 0


def test_a_trigger_axis_strikes_once_per_press(rig):
    app, scene, timer, _midi, poll = rig
    start_music(scene, timer)
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0))
    poll()
    app.ctx.devices.set_profile(
        app.ctx.devices.router.profile(TAIKO).with_binding("axis:righttrigger", Voice.KICK)
    )
    for value in (8000, 20000, 30000, 25000, 5000, 26000):  # press, hold, release, press
        pygame.event.post(
            pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=TAIKO_ID, axis=5,
                               value=value)
        )  # fmt: skip
    poll(0.05)
    strikes = [r for r in app.ctx.devices.router.log if r.hit.pad == "axis:righttrigger"]
    assert len(strikes) == 2


def test_unplugging_a_players_device_pauses_until_it_returns(rig, chart):
    app, scene, timer, _midi, poll = rig
    start_music(scene, timer)
    poll(1.0)
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0))
    poll()
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=TAIKO_ID))
    events = poll()
    assert [e.device for e in events if e.type == DEVICE_LOST] == [TAIKO]
    pause = app.stack.top
    assert isinstance(pause, PauseScene) and scene.phase is Phase.PAUSED
    assert TAIKO in pause.reason and pause.wait_for == TAIKO
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0))
    poll()
    assert app.stack.top is scene and scene.phase is Phase.RESUMING


def test_a_kit_that_stops_answering_pauses_and_is_found_again(rig):
    app, scene, timer, midi, poll = rig
    start_music(scene, timer)
    poll(1.0)
    midi.ports[KIT].broken = True  # unplugged: reading fails, and PortMidi no longer lists it
    midi.names.remove(KIT)
    events = poll()
    assert [e.device for e in events if e.type == DEVICE_LOST] == [KIT]
    assert isinstance(app.stack.top, PauseScene)
    poll(2.0)
    assert isinstance(app.stack.top, PauseScene)  # rescanned: still not there
    starts = midi.starts
    poll(0.5)
    assert midi.starts == starts  # rescans wait a couple of seconds
    midi.names.append(KIT)
    events = poll(2.0)  # PortMidi restarted: the kit is there again
    assert [e.device for e in events if e.type == DEVICE_FOUND] == [KIT]
    assert app.stack.top is scene and scene.phase is Phase.RESUMING


def test_a_device_of_nobody_or_of_a_bot_never_pauses(rig):
    app, scene, timer, _midi, poll = rig
    start_music(scene, timer)
    app.ctx.devices.set_profile(app.ctx.devices.router.profile(TAIKO).with_changes(player=None))
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0))
    poll()
    pygame.event.post(pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=TAIKO_ID))
    poll()
    assert app.stack.top is scene and scene.phase is Phase.PLAYING


def test_no_midi_system_is_a_quiet_fact(capfd):
    devices = InputDevices(midi_backend=FakePortMidi(lambda: 0.0, reason="no MIDI system (x)"),
                           controller_backend=FakeSdl())  # fmt: skip
    devices.start()
    assert devices.pre_poll(1.0) == [] and devices.midi_note == "no MIDI system (x)"
    real = InputDevices(controller_backend=FakeSdl())  # the real PortMidi of this machine
    real.start()
    real.pre_poll(1.0)
    real.close()
    _out, err = capfd.readouterr()
    assert "ALSA" not in err and "Traceback" not in err
