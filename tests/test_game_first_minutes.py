"""A newcomer's first screens: the how-to-play card, the Scores screen, and keys the menus
keep for themselves."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import dataclasses
from datetime import UTC, datetime

import pygame
import pytest

from drumsync.core import generate_chart
from drumsync.core.voices import Player
from drumsync.game.app import GameApp
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.how_to_play import HowToPlayScene
from drumsync.game.screens.scores import ScoresScene
from drumsync.game.screens.scores.summary import read_summary
from drumsync.game.widgets.player_keys import keys_line
from drumsync.storage.key_names import RESERVED_KEYS, normalize_key_name
from drumsync.storage.scores_db import MatchRecord, PlayerResult, ScoresDB
from drumsync.storage.settings import Settings, dumps_settings, from_toml_data, load_settings

try:
    import tomllib
except ImportError:  # pragma: no cover
    import tomli as tomllib


@pytest.fixture
def app():
    chart = generate_chart(seed=1, style="rock", bpm=100.0, difficulty=2, bars=4)
    app = GameApp(GameOptions.build(chart, sound=False, vsync=False), VirtualTimer(10.0))
    yield app
    app.stack.clear()
    app.close()


def key(code):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0)


def test_how_to_play_shows_each_players_keys_and_goes_on_with_enter(app):
    settings = Settings().with_name(Player.P1, "Ada")
    calls = []
    scene = HowToPlayScene(
        app.ctx,
        settings,
        on_done=lambda: calls.append("done"),
        on_back=lambda: calls.append("back"),
    )
    app.stack.push(scene)
    scene.draw(app.display.canvas)
    owners = scene.owners()
    assert {name for name, (player, _) in owners.items() if player is Player.P1} == set("asdf")
    assert keys_line(settings.key_for, Player.P1) == "A crash  ·  S snare  ·  D hihat  ·  F kick"
    scene.handle(key(pygame.K_x), 0.0)  # other keys do nothing
    assert calls == []
    scene.handle(key(pygame.K_RETURN), 0.0)
    scene.handle(key(pygame.K_ESCAPE), 0.0)  # already gone
    assert calls == ["done"]


def test_how_to_play_seen_is_remembered_in_the_settings_file():
    settings = Settings().replace(how_to_play_seen=True)
    data = tomllib.loads(dumps_settings(settings))
    assert data["how_to_play_seen"] is True
    loaded, warnings = from_toml_data(data)
    assert loaded.how_to_play_seen and warnings == []
    assert load_settings().settings.how_to_play_seen is False  # a new player sees it


@pytest.mark.parametrize("name", ["return", "enter", "escape", "f3", "f4", "f11", "f12"])
def test_keys_the_menus_need_cannot_be_drum_keys(name):
    assert name in RESERVED_KEYS
    with pytest.raises(ValueError, match="reserved"):
        normalize_key_name(name)


def record(i, strategy=None, mode="duet"):
    args = {"seed": i, "style": "rock", "bpm": 100.0, "difficulty": 2, "bars": 8, "parts": "unison"}
    rec = MatchRecord(
        mode,
        f"{i:02x}" * 32,
        (PlayerResult("Ada", 1000 * i), PlayerResult("Ben", 900 * i)),
        sync_percent=10.0 * i,
        team_percent=9.0 * i,
        generator_args=args,
        played_at=datetime(2026, 12, 1, 12, i, tzinfo=UTC),
    )
    return rec


def test_the_scores_screen_lists_bests_latest_and_the_trend(app, data_dir):
    with ScoresDB() as db:
        for i in range(1, 10):
            db.record_match(record(i))
        summary = read_summary(db)
    assert summary.total == 9
    assert summary.recent[0].sync_percent == 90.0  # newest first
    assert summary.trend == tuple(10.0 * i for i in range(1, 10))  # oldest first
    assert summary.best[0].team_percent == 81.0
    assert all(row.names == "Ada & Ben" for row in summary.recent)
    assert "rock, 100 BPM" in summary.recent[0].title  # a title, not a hash
    assert not summary.has_strategy
    scene = ScoresScene(app.ctx, None, summary)
    app.stack.push(scene)
    scene.draw(app.display.canvas)
    assert "strategy" not in [field for _, _, field in scene.columns()]
    scene.handle(key(pygame.K_ESCAPE), 0.0)
    assert not app.stack


def test_a_strategy_column_appears_when_the_records_carry_one(app, data_dir):
    with ScoresDB() as db:
        db.record_match(record(2))  # played before strategies were measured
        coordination = {"strategy": "p2_leads", "drift_ms_per_bar": -1.0}
        db.record_match(dataclasses.replace(record(3), coordination=coordination))
        summary = read_summary(db)
    assert summary.has_strategy
    assert [row.strategy for row in summary.recent] == ["Ben led", None]  # P2 Ben led
    scene = ScoresScene(app.ctx, None, summary)
    app.stack.push(scene)
    scene.draw(app.display.canvas)
    assert "strategy" in [field for _, _, field in scene.columns()]


def test_without_a_database_the_scores_screen_says_why(app):
    summary = read_summary(None)
    assert summary.problem
    scene = ScoresScene(app.ctx, None, summary)
    app.stack.push(scene)
    scene.draw(app.display.canvas)


def test_menu_memory_survives_a_run_and_a_damaged_file(tmp_path):
    from drumsync.storage.menu_memory import MenuMemory, load_menu_memory, save_menu_memory

    path = tmp_path / "menus.json"
    args = {
        "seed": 42,
        "style": "metal",
        "bpm": 150.0,
        "difficulty": 6,
        "bars": 24,
        "parts": "split",
    }
    save_menu_memory(MenuMemory("free", args), path)
    memory, warnings = load_menu_memory(path)
    assert memory.where == "free" and dict(memory.free_play) == args and warnings == []
    path.write_text("{not json", encoding="utf-8")
    memory, warnings = load_menu_memory(path)
    assert memory == MenuMemory() and len(warnings) == 1
    assert load_menu_memory(tmp_path / "none.json") == (MenuMemory(), [])


def test_menu_memory_that_is_a_pipe_or_huge_is_a_warning_not_a_hang(tmp_path):
    import os

    from drumsync.storage.menu_memory import MAX_MENUS_BYTES, MenuMemory, load_menu_memory

    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    memory, warnings = load_menu_memory(pipe)
    assert memory == MenuMemory() and len(warnings) == 1
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (MAX_MENUS_BYTES + 1))
    memory, warnings = load_menu_memory(huge)
    assert memory == MenuMemory() and len(warnings) == 1 and "larger than" in warnings[0]


def test_settings_show_the_real_fullscreen_state(app):
    from drumsync.game.screens.settings.scene import SettingsScene

    app.ctx.is_fullscreen = lambda: True  # as after F11
    scene = SettingsScene(app.ctx, on_close=lambda settings: None, settings=Settings())
    assert scene.settings.fullscreen is True
