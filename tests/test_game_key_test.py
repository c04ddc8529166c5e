"""The key test under the dummy video driver: held keys counted from KEYDOWN/KEYUP, drum keys
told apart per player, focus loss, Esc; and the keyboard picture's data."""

from __future__ import annotations

import itertools

import pygame
import pytest
from game_support import dummy_screen, menu_context

from drumsync.core.voices import Player, Voice
from drumsync.game.runtime import theme
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS, Bindings
from drumsync.game.runtime.scenes import SceneStack
from drumsync.game.screens.settings.key_test import KeyTestScene, spot_rect
from drumsync.game.widgets.keyboard_picture import KEYBOARD, spot_for
from drumsync.storage.key_names import BINDABLE_KEYS


@pytest.fixture(scope="module")
def screen():
    with dummy_screen() as surface:
        yield surface


@pytest.fixture
def ctx(screen):
    return menu_context(10.0)


@pytest.fixture
def setup(ctx):
    stack = SceneStack(ctx)
    scene = KeyTestScene(ctx)
    stack.push(scene)
    return scene, stack


def down(scene, key: int) -> None:
    scene.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""), 10.0)


def up(scene, key: int) -> None:
    scene.handle(pygame.event.Event(pygame.KEYUP, key=key, mod=0), 10.0)


def test_held_keys_are_counted_and_told_apart(setup, screen):
    scene, stack = setup
    for key in (pygame.K_f, pygame.K_s, pygame.K_j, pygame.K_SPACE):
        down(scene, key)
    assert scene.count == 4 and scene.most_at_once == 4
    assert scene.held_names() == ["f", "s", "j", "space"]
    assert scene.held_voices(Player.P1) == {Voice.KICK, Voice.SNARE}
    assert scene.held_voices(Player.P2) == {Voice.KICK}
    stack.draw(screen)
    # the held F key is filled in Player 1's colour, the idle G key is not
    f_rect = scene._rects[spot_for("f")]
    g_rect = scene._rects[spot_for("g")]
    assert screen.get_at((f_rect.x + 6, f_rect.bottom - 6))[:3] == theme.PLAYER_COLOURS[Player.P1]
    assert screen.get_at((g_rect.x + 6, g_rect.bottom - 6))[:3] == theme.PANEL
    up(scene, pygame.K_f)
    up(scene, pygame.K_SPACE)
    assert scene.count == 2 and scene.most_at_once == 4
    assert scene.held_voices(Player.P1) == {Voice.SNARE}
    down(scene, pygame.K_s)  # a repeated press of a held key is still one key
    assert scene.count == 2


def test_keys_off_the_picture_are_still_counted(setup, screen):
    scene, stack = setup
    down(scene, pygame.K_F13)
    down(scene, pygame.K_a)
    assert scene.count == 2 and scene.off_picture() == ["f13"]
    stack.draw(screen)
    up(scene, pygame.K_F13)
    assert scene.off_picture() == []


def test_focus_loss_clears_and_esc_leaves(setup):
    scene, stack = setup
    down(scene, pygame.K_k)
    scene.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST), 10.0)
    assert scene.count == 0
    down(scene, pygame.K_ESCAPE)
    assert not stack


def test_bindings_given_are_the_ones_shown(ctx):
    bindings = Bindings.from_lanes("q w e r", "u i o p")
    scene = KeyTestScene(ctx, bindings)
    down(scene, pygame.K_r)
    down(scene, pygame.K_f)  # no longer a drum key
    assert scene.held_voices(Player.P1) == {Voice.KICK}
    assert scene.owner["u"] == (Player.P2, Voice.KICK)


def test_the_keyboard_picture_is_sound(screen):
    names = [name for spot in KEYBOARD for name in spot.names]
    assert len(names) == len(set(names))
    for name in names:  # every name is one pygame knows
        assert pygame.key.name(pygame.key.key_code(name)) in (name, "alt gr", "right alt")
    for _, _, name in DEFAULT_BINDINGS.items():
        assert spot_for(name) is not None
    rects = [spot_rect(spot) for spot in KEYBOARD]
    letters_and_digits = [k for k in BINDABLE_KEYS if len(k) == 1 and k.isalnum()]
    assert all(spot_for(k) is not None for k in letters_and_digits)
    left, right = min(r.left for r in rects), max(r.right for r in rects)
    assert abs(left - (theme.CANVAS_W - right)) <= 2  # centred
    assert left >= 20
    for a, b in itertools.combinations(rects, 2):
        assert not a.colliderect(b)
