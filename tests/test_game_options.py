"""GameOptions: validation, bots per mode, and the user's saved settings carried into a match."""

from __future__ import annotations

from pathlib import Path

import pytest

from drumsync.core.generator import generate_chart
from drumsync.core.voices import Player, Voice
from drumsync.game.runtime.input.keyboard import DEFAULT_BINDINGS
from drumsync.game.runtime.options import (
    GameOptions,
    PlayerOptions,
    SoundOptions,
    WindowOptions,
    options_from_settings,
)
from drumsync.storage.settings import Settings


@pytest.fixture(scope="module")
def chart():
    return generate_chart(1, "dance-pop", 120.0, 2, 2)


def test_defaults_and_validation(chart):
    options = GameOptions.build(chart, replay_out="x/r.json")
    assert options.match.mode == "duet" and options.match.bots() == {}
    assert options.match.replay_out == Path("x/r.json")
    with pytest.raises(ValueError, match="mode"):
        GameOptions.build(chart, mode="battle")
    with pytest.raises(ValueError, match="windows"):
        GameOptions.build(chart, windows="loose")
    with pytest.raises(ValueError, match="scroll speed"):
        GameOptions.build(chart, scroll_speed=9.0)
    with pytest.raises(ValueError, match="headless"):
        GameOptions.build(chart, headless=True, p1_bot="steady")


def test_solo_gets_a_partner_and_bots_are_named(chart):
    solo = GameOptions.build(chart, mode="solo")
    assert solo.match.bots() == {Player.P2: "partner"}
    assert solo.player_names() == ("Player 1", "bot-partner")
    both = GameOptions.build(chart, p1_bot="metronome,mean_ms=30", p2_bot="clumsy")
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
    assert options.match.mode == "versus" and options.match.windows == "strict"
    assert options.match.scroll_speed == 1.5 and options.sound.music_volume == 0.3
    assert options.players.offsets_ms == (12.0, 0.0)
    assert options.players.video_offsets_ms == (-8.0, 0.0)
    assert options.players.bindings.key_for(Player.P2, Voice.CRASH) == "p"
    assert options.player_names() == ("Player 1", "Yoon")


def test_default_settings_keys_are_the_game_defaults(chart):
    assert options_from_settings(chart, Settings()).players.bindings == DEFAULT_BINDINGS


def test_the_menus_run_without_a_match(chart):
    settings = Settings().with_name(Player.P1, "Ada").replace(music_volume=0.4)
    options = options_from_settings(None, settings, sound=False, fps=60.0)
    assert options.match is None
    assert options.players.names == ("Ada", "Player 2") and options.player_names()[0] == "Ada"
    assert options.sound == SoundOptions(enabled=False, music_volume=0.4)
    assert options.window == WindowOptions(fps=60.0) and not options.plays_sound
    assert GameOptions().players == PlayerOptions()


def test_each_option_lands_in_its_record_and_nothing_else_is_taken(chart):
    options = GameOptions.build(chart, headless=True, p1_bot="steady", p2_bot="steady")
    assert options.window.headless and options.match.p1_bot == "steady"
    assert not options.plays_sound  # headless is silent whatever the sound setting
    with pytest.raises(TypeError, match="unknown option 'colour'"):
        GameOptions.build(chart, colour="red")
    with pytest.raises(TypeError, match="without a chart: mode"):
        GameOptions.build(None, mode="versus")
