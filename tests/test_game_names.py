"""The names screen under the dummy drivers: typing, Backspace, switching, refusing what a
name cannot hold, confirming (saved in the settings and loaded back) and cancelling."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pygame
import pytest
from game_support import record_texts

from drumsync.core.generator import generate_chart
from drumsync.core.voices import Player
from drumsync.game.app import GameApp
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.names.characters import refusal
from drumsync.game.screens.names.scene import NamesScene
from drumsync.storage.settings import Settings, load_settings, save_settings


@pytest.fixture(scope="module")
def chart():
    return generate_chart(1, "rock", 100.0, 1, 1)


@pytest.fixture
def app(chart):
    options = GameOptions.build(chart, sound=False, vsync=False, save_replay=False)
    app = GameApp(options, VirtualTimer(5.0))
    yield app
    app.stack.clear()
    app.close()


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "config" / "settings.toml"


def push(app, names=("Player 1", "Player 2"), **kwargs):
    done: list = []
    scene = NamesScene(app.ctx, names, done.append, **kwargs)
    app.stack.push(scene)
    return scene, done


def typed(text):
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def key(code, mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod)


def send(app, scene, *events):
    for event in events:
        scene.handle(event, app.timer.now())
        app.timer.advance(0.05)
        scene.update(app.timer.now())
        scene.draw(app.display.canvas)


def test_typing_backspace_and_switching_edit_the_active_name(app, settings_file):
    scene, done = push(app, ("Ada", "Ben"), settings_path=settings_file)
    send(app, scene, typed("m"), key(pygame.K_BACKSPACE), key(pygame.K_BACKSPACE))
    assert scene.names == ["Ad", "Ben"]
    send(app, scene, typed("ele"), key(pygame.K_TAB), typed("ji"))
    assert scene.names == ["Adele", "Benji"] and scene.active is Player.P2
    send(app, scene, key(pygame.K_BACKSPACE, pygame.KMOD_LCTRL), typed("Zoë Ñ"))
    assert scene.names == ["Adele", "Zoë Ñ"]
    send(app, scene, key(pygame.K_UP))
    assert scene.active is Player.P1
    send(app, scene, key(pygame.K_DOWN), key(pygame.K_RETURN))
    assert done == [("Adele", "Zoë Ñ")] and not app.stack


def test_confirmed_names_are_saved_and_load_back(app, settings_file):
    save_settings(Settings().with_offsets(Player.P2, audio_offset_ms=33.0), settings_file)
    scene, done = push(app, ("Player 1", "Player 2"), settings_path=settings_file)
    send(app, scene, key(pygame.K_BACKSPACE, pygame.KMOD_CTRL), typed("Ada"))
    send(app, scene, key(pygame.K_TAB), key(pygame.K_BACKSPACE, pygame.KMOD_CTRL), typed("Ben"))
    send(app, scene, key(pygame.K_KP_ENTER))
    assert done == [("Ada", "Ben")]
    loaded = load_settings(settings_file)
    assert loaded.warnings == []
    assert [p.name for p in loaded.settings.players] == ["Ada", "Ben"]
    assert loaded.settings.player(Player.P2).audio_offset_ms == 33.0  # the rest is kept


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("\x07", "printable"),
        ("\u200b", "printable"),  # zero-width space
        ("😀", "font has no letter for U+1F600"),
        ("漢", "font has no letter"),
    ],
)
def test_characters_a_name_cannot_hold_are_refused_with_a_message(app, text, why):
    scene, done = push(app, ("Ada", "Ben"))
    send(app, scene, typed(text))
    assert scene.names == ["Ada", "Ben"]
    assert scene.message_error and why in scene.message
    send(app, scene, typed("x"))  # the next good character clears the message
    assert scene.names == ["Adax", "Ben"] and not scene.message
    assert done == []


def test_names_stop_at_16_characters_and_keep_what_fitted(app):
    scene, _ = push(app, ("", "Ben"))
    send(app, scene, typed("Abcdefghijklmno"), typed("pq"))
    assert scene.names[0] == "Abcdefghijklmnop" and len(scene.names[0]) == 16
    assert "at most 16" in scene.message


def test_spaces_cannot_lead_or_double():
    assert refusal("", " ", lambda ch: True)
    assert refusal("Ada ", " ", lambda ch: True)
    assert refusal("Ada", " ", lambda ch: True) == ""


def test_an_empty_or_repeated_name_is_not_confirmed(app, settings_file):
    scene, done = push(app, ("Ada", "Ben"), settings_path=settings_file)
    send(app, scene, key(pygame.K_TAB), key(pygame.K_BACKSPACE, pygame.KMOD_CTRL))
    send(app, scene, key(pygame.K_TAB), key(pygame.K_RETURN))
    assert done == [] and scene.active is Player.P2
    assert scene.message_error and "Player 2" in scene.message
    send(app, scene, typed("ada"), key(pygame.K_RETURN))
    assert done == [] and "different" in scene.message
    assert not settings_file.exists()
    send(app, scene, typed("2"), key(pygame.K_RETURN))
    assert done == [("Ada", "ada2")]


def test_a_failed_save_is_shown_then_enter_goes_on_without_saving(app, tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("not a folder")
    scene, done = push(app, ("Ada", "Ben"), settings_path=blocker / "settings.toml")
    send(app, scene, key(pygame.K_RETURN))
    assert done == [] and scene.message_error and "Could not save" in scene.message
    send(app, scene, key(pygame.K_RETURN))
    assert done == [("Ada", "Ben")]
    assert blocker.read_text() == "not a folder"


def test_remember_false_saves_nothing(app, settings_file):
    scene, done = push(app, ("Ada", "Ben"), settings_path=settings_file, remember=False)
    send(app, scene, key(pygame.K_RETURN))
    assert done == [("Ada", "Ben")] and not settings_file.exists()


def test_esc_and_the_cancel_button_cancel(app, settings_file):
    scene, done = push(app, settings_path=settings_file)
    send(app, scene, typed("x"), key(pygame.K_ESCAPE))
    assert done == [None] and not app.stack and not settings_file.exists()
    scene, done = push(app, settings_path=settings_file)
    send(app, scene, key(pygame.K_RIGHT), key(pygame.K_RETURN))
    assert done == [None] and not settings_file.exists()


def test_one_name_per_player_is_required(app):
    with pytest.raises(ValueError):
        NamesScene(app.ctx, ("Solo",))


def test_solo_asks_only_the_name_of_the_player_beside_the_bot(front, monkeypatch):
    drawn = record_texts(monkeypatch)
    front.names_confirmed = False
    saved_p2 = front.session.settings.players[1].name
    front.on_mode_action("free", {"mode": "solo", "partner": "steady"})
    names = front.stack.top
    assert isinstance(names, NamesScene) and names.players == (Player.P1,)
    names.draw(front.app.display.canvas)
    assert "PLAYER 1" in drawn and "PLAYER 2" not in drawn
    names.switch()  # Tab: there is no other name to type
    assert names.active is Player.P1
    names.backspace(whole=True)
    names.type_text("Lee")
    assert names.confirm()
    assert [p.name for p in front.session.settings.players] == ["Lee", saved_p2]
    assert not isinstance(front.stack.top, NamesScene)
    front.stack.clear()
    front.on_mode_action("tour", {"mode": "solo", "partner": "steady"})  # asked once per run
    assert not isinstance(front.stack.top, NamesScene)
    front.stack.clear()
    front.on_mode_action("free", {"mode": "duet"})  # a duet still asks both names
    assert isinstance(front.stack.top, NamesScene) and front.stack.top.players == (
        Player.P1,
        Player.P2,
    )
