"""Default key bindings: separate keyboard regions, no shared keys, one place to map keys."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame
import pytest

from drumsync.core.events import InputEvent
from drumsync.core.voices import Player, Voice
from drumsync.game.runtime.input.keyboard import (
    DEFAULT_BINDINGS,
    LANE_ORDER,
    BindingConflict,
    Bindings,
    KeyMap,
)

# Physical position of the main block's keys on a US QWERTY keyboard: (row, column).
QWERTY_ROWS = ["1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./"]
POSITION = {key: (row, col) for row, keys in enumerate(QWERTY_ROWS) for col, key in enumerate(keys)}


@pytest.fixture(scope="module")
def video():
    pygame.display.init()
    yield
    pygame.display.quit()


def test_every_player_has_one_key_per_voice_and_no_key_is_shared():
    names = [name for _, _, name in DEFAULT_BINDINGS.items()]
    assert len(names) == 2 * len(Voice)
    assert len(set(names)) == len(names)
    for player in Player:
        assert {DEFAULT_BINDINGS.key_for(player, v) for v in Voice} <= set(names)


def test_players_use_separate_halves_of_the_keyboard():
    p1 = [POSITION[DEFAULT_BINDINGS.key_for(Player.P1, v)] for v in Voice]
    p2 = [POSITION[DEFAULT_BINDINGS.key_for(Player.P2, v)] for v in Voice]
    assert max(col for _, col in p1) < min(col for _, col in p2) - 1  # a gap between them
    assert max(col for _, col in p1) <= 4 and min(col for _, col in p2) >= 6


def test_lanes_run_in_the_same_left_to_right_order_as_the_keys():
    for player in Player:
        cols = [POSITION[DEFAULT_BINDINGS.key_for(player, v)][1] for v in LANE_ORDER[player]]
        assert cols == sorted(cols)


def test_kicks_sit_under_the_index_fingers_mirrored():
    assert DEFAULT_BINDINGS.key_for(Player.P1, Voice.KICK) == "f"
    assert DEFAULT_BINDINGS.key_for(Player.P2, Voice.KICK) == "j"
    assert LANE_ORDER[Player.P2] == tuple(reversed(LANE_ORDER[Player.P1]))


def test_binding_a_taken_key_is_refused_with_a_message():
    with pytest.raises(BindingConflict, match="bound to both"):
        DEFAULT_BINDINGS.with_key(Player.P2, Voice.KICK, "f")
    moved = DEFAULT_BINDINGS.with_key(Player.P2, Voice.KICK, "space")
    assert moved.key_for(Player.P2, Voice.KICK) == "space"
    with pytest.raises(BindingConflict):
        Bindings.from_lanes("a s d", "j k l ;")


def test_key_map_turns_key_codes_into_input_events(video):
    keymap = KeyMap(DEFAULT_BINDINGS)
    assert len(keymap) == 8
    assert keymap.lookup(pygame.K_f) == (Player.P1, Voice.KICK)
    assert keymap.lookup(pygame.K_SEMICOLON) == (Player.P2, Voice.CRASH)
    assert keymap.lookup(pygame.K_g) is None
    assert keymap.event(pygame.K_k, 12.5) == InputEvent(12.5, Player.P2, Voice.HIHAT, "keyboard")
    assert keymap.event(pygame.K_ESCAPE, 1.0) is None
    players = {player for player, _ in keymap.codes().values()}
    assert players == {Player.P1, Player.P2}
