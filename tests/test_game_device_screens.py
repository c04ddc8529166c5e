"""Kits and controllers in the menus: the devices screen, "hit the pad for ...", and the
input test's strike list, with strikes fed through the real input layer (PortMidi-style
event lists from a stand-in port) under the dummy video driver."""

from __future__ import annotations

import os

import pygame
import pytest
from device_fakes import FakePortMidi, FakeSdl
from game_support import dummy_screen, menu_context, record_texts

from drumsync.core.voices import Player, Voice
from drumsync.devices import DeviceKind, DeviceProfile, RoutedHit
from drumsync.game.runtime.input.device_events import drum_hit_event
from drumsync.game.runtime.input.devices import InputDevices
from drumsync.game.runtime.scenes import SceneStack
from drumsync.game.screens.devices import DevicesScene
from drumsync.game.screens.pad_binding import PadBindingScene
from drumsync.game.screens.settings.key_test import KeyTestScene
from drumsync.storage.settings import Settings

KIT = "TD-17 MIDI 1"
SHOTS = os.environ.get("DRUMSYNC_TEST_SHOTS")  # a folder: save what the screens look like


@pytest.fixture(scope="module")
def screen():
    with dummy_screen() as surface:
        yield surface


@pytest.fixture
def rig(screen):
    ctx = menu_context(10.0)
    midi = FakePortMidi(ctx.timer.now, [KIT])
    ctx.devices = InputDevices((), ctx.timer.now, midi_backend=midi, controller_backend=FakeSdl())
    ctx.devices.start()
    ctx.devices.pre_poll(ctx.timer.now())  # measures the kit's clock
    stack = SceneStack(ctx)

    def strike(note: int, velocity: int = 100, after_s: float = 0.05) -> None:
        ctx.timer.advance(after_s)
        now = ctx.timer.now()
        midi.ports[KIT].queue.append([[0x99, note, velocity, 0], midi.device_ms(now - 0.0005)])
        ctx.devices.pre_poll(now)
        stack.update(now)

    return ctx, stack, strike


def key(scene, code: int) -> None:
    now = scene.ctx.timer.now()
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=""), now)
    scene.handle(pygame.event.Event(pygame.KEYUP, key=code, mod=0), now)


def shot(stack, screen, name: str) -> None:
    stack.draw(screen)
    if SHOTS:
        pygame.image.save(screen, os.path.join(SHOTS, f"{name}.png"))


def test_the_devices_screen_sets_up_a_kit_and_binds_its_pads(rig, screen):
    ctx, stack, strike = rig
    changes: list[Settings] = []
    scene = DevicesScene(ctx, Settings(), changes.append)
    stack.push(scene)
    stack.update(ctx.timer.now())
    assert scene.device == KIT and scene.profile().preset == "roland-td"  # from its name
    key(scene, pygame.K_DOWN)  # Plays for
    key(scene, pygame.K_RIGHT)  # Player 1
    assert ctx.devices.router.profile(KIT).player is Player.P1
    assert changes[-1].device(KIT).player is Player.P1
    scene.form.select("threshold")
    for _ in range(2):
        key(scene, pygame.K_RIGHT)
    assert ctx.devices.router.profile(KIT).threshold == 3
    strike(38, velocity=2)  # under the new threshold
    strike(38, velocity=90)
    strike(40, velocity=80, after_s=0.004)  # the rim 4 ms later: a double trigger
    verdicts = [r.verdict.value for r in ctx.devices.router.log]
    assert verdicts == ["below threshold", "accepted", "double trigger"]
    assert scene.last_pad == "note:40"  # the pad struck last has its own threshold row
    assert "snare rim" in scene.form.row("pad_threshold").label
    scene.form.select("pad_threshold")
    key(scene, pygame.K_RIGHT)
    key(scene, pygame.K_RIGHT)
    assert ctx.devices.router.profile(KIT).threshold_for("note:40") == 5
    assert ctx.devices.router.profile(KIT).threshold_for("note:38") == 3
    shot(stack, screen, "devices")

    scene.form.select("bind")
    key(scene, pygame.K_RETURN)
    binding = stack.top
    assert isinstance(binding, PadBindingScene) and binding.voice is Voice.CRASH
    shot(stack, screen, "bind_pads")
    strike(60)  # an unmapped pad becomes the crash
    strike(38, after_s=0.5)  # snare
    strike(38, after_s=0.01)  # its double trigger does not answer the hi-hat question
    assert binding.voice is Voice.HIHAT
    key(binding, pygame.K_s)  # hi-hat keeps its pads
    strike(35, after_s=0.5)  # kick: a second kick pedal's note
    assert stack.top is scene
    profile = changes[-1].device(KIT)
    assert profile.voice_for("note:60")[0] is Voice.CRASH
    assert profile.voice_for("note:35")[0] is Voice.KICK
    assert profile.voice_for("note:42")[0] is Voice.HIHAT  # skipped: the preset's pads
    assert "pads bound" in scene.status.text


def test_binding_needs_a_player_and_esc_changes_nothing(rig):
    ctx, stack, strike = rig
    changes: list[Settings] = []
    scene = DevicesScene(ctx, Settings(), changes.append)
    stack.push(scene)
    scene.bind_pads()
    assert stack.top is scene and "who plays" in scene.status.text
    profile = DeviceProfile(name=KIT, kind=DeviceKind.MIDI, player=Player.P2)
    results = []
    stack.push(PadBindingScene(ctx, profile, results.append))
    strike(60)
    key(stack.top, pygame.K_ESCAPE)
    assert results == [None] and stack.top is scene


def devices_screen(profiles, *ports, **port_options):
    """The devices screen over a stand-in MIDI system with ``ports`` and these remembered
    ``profiles`` (no controllers)."""
    ctx = menu_context(10.0)
    midi = FakePortMidi(ctx.timer.now, *ports, **port_options)
    ctx.devices = InputDevices(
        profiles, ctx.timer.now, midi_backend=midi, controller_backend=FakeSdl()
    )
    ctx.devices.start()
    stack = SceneStack(ctx)
    scene = DevicesScene(ctx, Settings(), lambda settings: None)
    stack.push(scene)
    return stack, scene


def test_without_any_device_the_screen_says_so(screen):
    stack, scene = devices_screen((), reason="no MIDI system")
    assert [row.key for row in scene.form.rows] == ["device", "rescan", "back"]
    key(scene, pygame.K_DOWN)
    key(scene, pygame.K_RETURN)  # look for devices
    assert scene.status.text.startswith("No kit or controller found")
    shot(stack, screen, "devices_none")


def test_the_input_test_shows_pad_hits_and_lights_the_pads(rig, screen):
    ctx, stack, strike = rig
    ctx.devices.set_profile(DeviceProfile(name=KIT, kind=DeviceKind.MIDI, player=Player.P2))
    scene = KeyTestScene(ctx)
    stack.push(scene)
    strike(36, velocity=77)
    strike(36, velocity=50, after_s=0.007)
    records = scene.device_strikes()
    assert [(r.hit.velocity, r.voice, r.verdict.value) for r in records] == [
        (77, Voice.KICK, "accepted"),
        (50, Voice.KICK, "double trigger"),
    ]
    hit = RoutedHit(Player.P2, Voice.KICK, 77, ctx.timer.now(), KIT, "note:36")
    scene.handle(drum_hit_event(hit), ctx.timer.now())
    assert Voice.KICK in scene.held_voices(Player.P2)
    shot(stack, screen, "input_test")


def test_an_unplugged_kit_is_not_asked_for_its_pads(screen):
    """A kit remembered from the settings but not plugged in cannot answer "hit the pad
    for ...": Bind pads says to plug it in instead of waiting for strikes that never come."""
    remembered = DeviceProfile(name="Old Kit", kind=DeviceKind.MIDI, player=Player.P1)
    stack, scene = devices_screen((remembered,), [KIT])
    scene.rebuild("Old Kit")
    scene.bind_pads()
    assert stack.top is scene
    assert scene.status.text == "Plug Old Kit in to bind its pads (it is not plugged in now)."
    shot(stack, screen, "devices_unplugged")


def test_every_row_label_is_capitalised_like_its_neighbours(rig, screen):
    ctx, stack, _strike = rig
    scene = DevicesScene(ctx, Settings(), lambda settings: None)
    stack.push(scene)
    key(scene, pygame.K_DOWN)
    key(scene, pygame.K_RIGHT)  # Player 1 plays on the kit: its rows show
    labels = [row.label for row in scene.form.rows]
    assert any(label.startswith("This pad") for label in labels)
    assert [label for label in labels if not label[0].isupper()] == []


def test_the_bound_pads_list_starts_each_line_with_its_drum(rig, screen, monkeypatch):
    ctx, stack, _strike = rig
    drawn = record_texts(monkeypatch)
    profile = DeviceProfile(name=KIT, kind=DeviceKind.MIDI, player=Player.P1)
    stack.push(PadBindingScene(ctx, profile, lambda result: None))
    stack.draw(screen)
    listed = [line for line in drawn if ":" in line]
    assert any(line.startswith("kick: ") for line in listed), listed
    assert [line for line in listed if line != line.strip()] == []
