"""The settings scene under the dummy video driver: binding keys (conflicts and reserved keys
refused with a message), every other setting from the keyboard, saving on leaving and
loading back, a failed save shown without losing the file, the key test and calibration."""

from __future__ import annotations

import pygame
import pytest
from game_support import dummy_screen, menu_context

from drumsync.core.voices import Player, Voice
from drumsync.game.runtime.scenes import SceneStack
from drumsync.game.screens.settings.key_test import KeyTestScene
from drumsync.game.screens.settings.rows import apply_value, form_values, key_row
from drumsync.game.screens.settings.scene import SettingsScene
from drumsync.storage.settings import Settings, load_settings, save_settings
from drumsync.storage.settings import file as settings_file


@pytest.fixture(scope="module")
def screen():
    with dummy_screen() as surface:
        yield surface


@pytest.fixture
def ctx(screen):
    return menu_context(10.0)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "config" / "settings.toml"


@pytest.fixture
def closed():
    return []


@pytest.fixture
def setup(ctx, path, closed):
    stack = SceneStack(ctx)
    scene = SettingsScene(ctx, on_close=closed.append, path=path)
    stack.push(scene)
    return scene, stack


def press(scene, key: int, mod: int = 0, unicode: str = "") -> None:
    now = scene.ctx.timer.now()
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode), now)
    scene.handle(pygame.event.Event(pygame.KEYUP, key=key, mod=mod), now)


def draw(stack, screen) -> None:
    stack.update(stack.top.ctx.timer.now())
    stack.draw(screen)


def test_renders_every_card(setup, screen):
    scene, stack = setup
    draw(stack, screen)
    assert scene.settings == Settings()
    groups = scene.form.groups()
    assert groups == ["p1", "p2", "game", "more"]
    assert len(scene.form.rows) == 6 + 6 + 6 + 3


def test_bind_a_key_save_on_leaving_and_load_it_back(setup, screen, path, closed):
    scene, stack = setup
    scene.form.select(key_row(Player.P1, Voice.SNARE))
    press(scene, pygame.K_RETURN)
    assert scene.capturing == (Player.P1, Voice.SNARE)
    assert scene.form.text_of(scene.form.selected_row) == "press a key"
    draw(stack, screen)
    press(scene, pygame.K_g)
    assert scene.capturing is None
    assert scene.settings.key_for(Player.P1, Voice.SNARE) == "g"
    assert scene.form.text_of(scene.form.selected_row) == "G"
    assert not path.exists()  # nothing is written before leaving
    press(scene, pygame.K_ESCAPE)
    assert not stack and len(closed) == 1
    assert closed[0].key_for(Player.P1, Voice.SNARE) == "g"
    loaded = load_settings(path)
    assert loaded.warnings == [] and loaded.settings == closed[0]


def test_a_key_bound_elsewhere_is_refused_naming_the_other_drum(setup, screen):
    scene, stack = setup
    scene.form.select(key_row(Player.P1, Voice.SNARE))
    press(scene, pygame.K_RETURN)
    press(scene, pygame.K_j)  # Player 2's kick
    assert scene.settings.key_for(Player.P1, Voice.SNARE) == "s"
    assert scene.status.error and "player 2 kick" in scene.status.text
    assert scene.capturing == (Player.P1, Voice.SNARE)  # still waiting for another key
    draw(stack, screen)
    press(scene, pygame.K_d)  # Player 1's own hi-hat: also taken
    assert "player 1 hi-hat" in scene.status.text
    press(scene, pygame.K_s)  # its own key again: fine, unchanged
    assert scene.capturing is None and scene.settings == Settings()
    assert not scene.dirty


def test_reserved_keys_are_refused_and_esc_cancels(setup):
    scene, stack = setup
    scene.form.select(key_row(Player.P2, Voice.CRASH))
    press(scene, pygame.K_RETURN)
    press(scene, pygame.K_F11)
    assert scene.status.error and "reserved" in scene.status.text
    press(scene, pygame.K_CAPSLOCK)
    assert "cannot be a drum key" in scene.status.text
    press(scene, pygame.K_ESCAPE)  # cancels the capture, does not leave
    assert scene.capturing is None and stack.top is scene
    assert scene.settings.key_for(Player.P2, Voice.CRASH) == ";"


def test_every_other_setting_from_the_keyboard_round_trips(setup, path, closed):
    scene, stack = setup
    scene.form.select("windows")
    press(scene, pygame.K_RIGHT)
    scene.form.select("scroll_speed")
    press(scene, pygame.K_RIGHT)
    press(scene, pygame.K_RIGHT)
    scene.form.select("music_volume")
    press(scene, pygame.K_LEFT, pygame.KMOD_SHIFT)
    scene.form.select("drums_volume")
    press(scene, pygame.K_LEFT)
    scene.form.select("fullscreen")
    press(scene, pygame.K_RETURN)
    scene.form.select("audio_buffer_frames")
    press(scene, pygame.K_LEFT)
    scene.form.select("audio:p2")
    for _ in range(3):
        press(scene, pygame.K_RIGHT, pygame.KMOD_SHIFT)
    scene.form.select("video:p1")
    press(scene, pygame.K_LEFT)
    expected = Settings().replace(
        windows="strict",
        scroll_speed=1.2,
        music_volume=0.75,
        drums_volume=0.95,
        fullscreen=True,
        audio_buffer_frames=256,
    )
    expected = expected.with_offsets(Player.P2, audio_offset_ms=30.0)
    expected = expected.with_offsets(Player.P1, video_offset_ms=-1.0)
    assert scene.settings == expected
    scene.form.select("done")
    press(scene, pygame.K_RETURN)
    assert not stack and closed == [expected]
    assert load_settings(path).settings == expected


def test_leaving_without_changes_writes_nothing(setup, path, closed):
    scene, stack = setup
    scene.form.select("windows")
    press(scene, pygame.K_RIGHT)
    press(scene, pygame.K_LEFT)  # and back again
    press(scene, pygame.K_ESCAPE)
    assert not stack and closed == [Settings()] and not path.exists()


def test_a_failed_save_is_shown_and_the_old_file_kept(ctx, path, closed, screen, monkeypatch):
    before = Settings().replace(scroll_speed=2.0)
    save_settings(before, path)
    original = path.read_bytes()
    stack = SceneStack(ctx)
    scene = SettingsScene(ctx, on_close=closed.append, path=path)
    stack.push(scene)
    assert scene.settings == before

    def disk_full(target, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings_file, "atomic_write", disk_full)
    scene.form.select("scroll_speed")
    press(scene, pygame.K_LEFT)
    press(scene, pygame.K_ESCAPE)
    assert stack.top is scene and closed == []
    assert scene.status.error and "No space left on device" in scene.status.text
    draw(stack, screen)
    assert path.read_bytes() == original
    press(scene, pygame.K_ESCAPE)  # second Esc leaves without saving
    assert not stack and closed[0].scroll_speed == 1.9
    assert path.read_bytes() == original


def test_problems_in_the_file_are_shown_on_entering(ctx, path, closed):
    path.parent.mkdir(parents=True)
    path.write_text('scroll_speed = "fast"\n', encoding="utf-8")
    scene = SettingsScene(ctx, on_close=closed.append, path=path)
    SceneStack(ctx).push(scene)
    assert scene.status.error and "scroll_speed" in scene.status.text
    assert scene.settings.scroll_speed == 1.0


def test_tab_jumps_between_cards(setup):
    scene, _ = setup
    keys = []
    for _ in range(4):
        press(scene, pygame.K_TAB)
        keys.append(scene.form.selected_row.group)
    assert keys == ["p2", "game", "more", "p1"]
    press(scene, pygame.K_TAB, pygame.KMOD_SHIFT)
    assert scene.form.selected_row.group == "more"


def test_key_test_opens_with_the_edited_keys_and_esc_returns(setup, screen):
    scene, stack = setup
    scene.form.select(key_row(Player.P2, Voice.KICK))
    press(scene, pygame.K_RETURN)
    press(scene, pygame.K_h)
    scene.form.select("key_test")
    press(scene, pygame.K_RETURN)
    test = stack.top
    assert isinstance(test, KeyTestScene)
    assert test.bindings.key_for(Player.P2, Voice.KICK) == "h"
    draw(stack, screen)
    press(test, pygame.K_ESCAPE)
    assert stack.top is scene


def test_enter_on_an_offset_opens_the_calibration(setup):
    scene, stack = setup
    scene.form.select("video:p2")
    press(scene, pygame.K_RETURN)
    calibration = stack.top
    assert type(calibration).__name__ == "CalibrationScene"
    assert calibration is not scene
    press(calibration, pygame.K_ESCAPE)
    assert stack.top is scene
    assert scene.settings == Settings()


def test_form_values_and_apply_value_agree():
    settings = Settings().replace(music_volume=0.35).with_offsets(Player.P1, audio_offset_ms=-12)
    values = form_values(settings)
    assert values["music_volume"] == 35 and values["audio:p1"] == -12
    rebuilt = Settings()
    for key in ("music_volume", "audio:p1"):
        rebuilt = apply_value(rebuilt, key, values[key])
    assert rebuilt == settings
    with pytest.raises(ValueError):
        apply_value(settings, "scroll_speed", 9.0)
