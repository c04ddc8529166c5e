"""GameOptions: validation, bots per mode, and the user's saved settings carried into a match."""

from __future__ import annotations

from pathlib import Path

import pytest

from drumsync.core.generator import generate_chart
from drumsync.core.voices import Player, Voice
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS
from drumsync.game.runtime.options import GameOptions, options_from_settings
from drumsync.storage.settings import Settings


@pytest.fixture(scope="module")
def chart():
    return generate_chart(1, "dance-pop", 120.0, 2, 2)


def test_defaults_and_validation(chart):
    options = GameOptions(chart=chart, replay_out="x/r.json")
    assert options.mode == "duet" and options.bots() == {}
    assert options.replay_out == Path("x/r.json")
    with pytest.raises(ValueError, match="mode"):
        GameOptions(chart=chart, mode="battle")
    with pytest.raises(ValueError, match="windows"):
        GameOptions(chart=chart, windows="loose")
    with pytest.raises(ValueError, match="scroll speed"):
        GameOptions(chart=chart, scroll_speed=9.0)
    with pytest.raises(ValueError, match="headless"):
        GameOptions(chart=chart, headless=True, p1_bot="steady")


def test_solo_gets_a_partner_and_bots_are_named(chart):
    solo = GameOptions(chart=chart, mode="solo")
    assert solo.bots() == {Player.P2: "partner"}
    assert solo.player_names() == ("Player 1", "bot-partner")
    both = GameOptions(chart=chart, p1_bot="metronome,mean_ms=30", p2_bot="clumsy")
    assert both.player_names() == ("bot-metronome", "bot-clumsy")


def test_saved_settings_reach_the_match(chart):
    settings = (
        Settings()
        .replace(windows="strict", scroll_speed=1.5, music_volume=0.3)
        .with_offsets(Player.P1, audio_offset_ms=12.0, video_offset_ms=-8.0)
        .with_binding(Player.P2, Voice.CRASH, "p")
        .with_name(Player.P2, "Yoon")
    )
    options = options_from_settings(chart, settings, mode="versus")
    assert options.mode == "versus" and options.windows == "strict"
    assert options.scroll_speed == 1.5 and options.music_volume == 0.3
    assert options.offsets_ms == (12.0, 0.0) and options.video_offsets_ms == (-8.0, 0.0)
    assert options.bindings.key_for(Player.P2, Voice.CRASH) == "p"
    assert options.player_names() == ("Player 1", "Yoon")


def test_default_settings_keys_are_the_game_defaults(chart):
    assert options_from_settings(chart, Settings()).bindings == DEFAULT_BINDINGS
