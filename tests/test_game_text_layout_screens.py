"""The rest of the screens with the longest names, song titles and reasons in Latin, CJK and
emoji: settings and its pages, the input test, devices, pad binding, free play (both sides),
the tour and its ending, calibration, practice and its lap card, pause, the demo, the results'
together view and calibration panel. No text runs off the screen and no two texts overlap
(the recording and the check are those of :mod:`test_game_text_layout`)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import game_support  # noqa: F401  (dummy SDL drivers first)
import pygame
from device_fakes import FakePortMidi, FakeSdl
from test_game_calibration import push as calibration_scene
from test_game_calibration import tap_through
from test_game_text_layout import NAMES, drawn, front, outcome_with, problems  # noqa: F401

from drumsync.core import generate_chart
from drumsync.core.voices import Player
from drumsync.devices import DeviceKind, DeviceProfile
from drumsync.game.match.plan import MatchPlan
from drumsync.game.runtime.input.devices import InputDevices
from drumsync.game.screens.devices.scene import DevicesScene
from drumsync.game.screens.names.scene import NamesScene
from drumsync.game.screens.pad_binding.scene import PadBindingScene
from drumsync.game.screens.play.backdrop import centre_panel_rect
from drumsync.game.screens.play.pause import PauseScene
from drumsync.game.screens.practice.lap import PassResult, PracticeLapScene
from drumsync.game.screens.results.calibrate_panel import MatchCalibrationPanel
from drumsync.game.screens.results.scene import ResultsScene
from drumsync.game.screens.settings.key_test import KeyTestScene
from drumsync.game.screens.tour.ending import TourEndScene
from drumsync.game.widgets.text_fit import clock_text
from drumsync.storage.settings import Settings

SCRIPTS = {"latin": "Wolfgang Amadeus Mozart ", "cjk": "山田太郎の太鼓", "emoji": "🥁🎶"}


def long_text(game, chars: int = 120) -> str:
    """``chars`` characters of the script the players' names are in."""
    first = game.session.settings.players[0].name
    script = next(key for key, (p1, _) in NAMES.items() if p1 == first)
    return (SCRIPTS[script] * chars)[:chars]


def frames(game, seconds: float = 0.2) -> None:
    for _ in range(max(1, round(seconds * 60))):
        game.app.timer.advance(1 / 60)
        game.stack.update(game.app.timer.now())


def look(front, drawn, failures, name, keys=(), seconds=0.2) -> None:  # noqa: F811
    """Draw the top scene now (with the texts of the layers it made when it was opened, since
    ``drawn`` was cleared) and after each key in ``keys``; file any problem under ``name``."""
    for step, key in enumerate((None, *keys)):
        if key is not None:
            event = pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)
            front.stack.top.handle(event, front.app.timer.now())
            drawn.clear()
        frames(front, seconds)
        front.stack.draw(front.app.display.canvas)
        found = problems(drawn)
        if found:
            failures[f"{name} #{step}"] = found


def test_settings_input_test_devices_and_pad_binding(front, drawn):  # noqa: F811
    failures: dict = {}
    drawn.clear()
    front.open_settings()
    every_row = [pygame.K_DOWN] * len(front.stack.top.form.rows)  # each row's hint in turn
    look(front, drawn, failures, "settings", [*every_row, pygame.K_RIGHT, pygame.K_LEFT])
    front.stack.clear()
    drawn.clear()
    front.stack.push(KeyTestScene(front.menu_context()))
    look(front, drawn, failures, "input test", [pygame.K_a, pygame.K_j, pygame.K_SPACE])
    front.stack.clear()
    drawn.clear()
    front.stack.push(DevicesScene(front.menu_context(), Settings(), lambda settings: None))
    look(front, drawn, failures, "devices, none found", [pygame.K_DOWN, pygame.K_RETURN])
    front.stack.clear()
    drawn.clear()
    ctx = front.menu_context()
    midi = FakePortMidi(ctx.timer.now, [long_text(front, 60), long_text(front, 50)])
    ctx.devices = InputDevices((), ctx.timer.now, midi_backend=midi, controller_backend=FakeSdl())
    ctx.devices.start()
    front.stack.push(DevicesScene(ctx, Settings(), lambda settings: None))
    walk = [pygame.K_DOWN, pygame.K_RIGHT] * 5 + [pygame.K_DOWN] * 8
    look(front, drawn, failures, "devices", walk)
    ctx.devices.close()
    front.stack.clear()
    drawn.clear()
    name = long_text(front, 60)
    profile = DeviceProfile(name=name, kind=DeviceKind.MIDI, player=Player.P2)
    front.stack.push(PadBindingScene(front.menu_context(), profile, lambda result: None))
    look(front, drawn, failures, "pad binding", [pygame.K_s, pygame.K_s])
    assert not failures, failures


def put_songs(game) -> None:
    """Songs with long names in the library folder: a MIDI file (title from its name), an
    audio file with no chart yet and a file that cannot be read (its reason shown)."""
    folder = game.session.song_library().folders[0]
    folder.mkdir(parents=True, exist_ok=True)
    data = Path(pygame.__file__).parent / "examples" / "data"
    stem = long_text(game, 50)
    shutil.copy(data / "MIDI_sample.mid", folder / f"{stem}.mid")
    shutil.copy(data / "house_lo.ogg", folder / f"{stem} 2.ogg")
    (folder / f"{stem} 3.tja").write_bytes(b"\xff\xfe not a chart " * 40)


def test_free_play_both_sides(front, drawn):  # noqa: F811
    failures: dict = {}
    drawn.clear()
    put_songs(front)
    front.open_free_play("duet")
    scene = front.stack.top
    look(front, drawn, failures, "free play generator", [pygame.K_DOWN] * 8)
    scene.toggle_view()
    for _ in range(600):  # the scan runs in the background, on the real clock
        time.sleep(0.05)
        frames(front, 0.6)
        if len(scene.songs.list.entries) >= 3 and not scene.songs.library.scanning:
            break
    assert len(scene.songs.list.entries) == 3
    drawn.clear()
    look(front, drawn, failures, "free play songs", [pygame.K_DOWN, pygame.K_DOWN])
    assert not failures, failures


def test_tour_calibration_practice_and_demo(front, drawn):  # noqa: F811
    failures: dict = {}
    drawn.clear()
    front.open_tour("duet")
    look(front, drawn, failures, "tour", [pygame.K_DOWN] * 3)
    front.stack.clear()
    drawn.clear()
    stages = [long_text(front, 40) for _ in range(8)]
    front.stack.push(TourEndScene(front.ctx, long_text(front, 400), stage_names=stages))
    look(front, drawn, failures, "tour ending", seconds=3.0)
    front.stack.clear()
    drawn.clear()
    for mode in ("audio", "video"):
        scene, _ = calibration_scene(front.app, Player.P2, mode)
        look(front, drawn, failures, f"calibration {mode}, before")
        tap_through(front.app, scene, 0.040, 0.002, seed=3)
        assert scene.outcome is not None and scene.outcome.ok
        drawn.clear()
        look(front, drawn, failures, f"calibration {mode}, its result")
        front.stack.clear()
        drawn.clear()
    front.open_practice()
    look(front, drawn, failures, "practice menu", [pygame.K_DOWN] * 8)
    front.stack.clear()
    drawn.clear()
    front.start_demo()
    look(front, drawn, failures, "demo", seconds=3.0)
    front.stack.clear()
    drawn.clear()
    assert not failures, failures


def test_pause_lap_cards_and_results_views(front, drawn):  # noqa: F811
    failures: dict = {}
    drawn.clear()
    names = tuple(p.name for p in front.session.settings.players)
    chart = generate_chart(3, "rock", 120.0, 3, 4)
    outcome = outcome_with(chart, names)
    front.stack.push(
        PauseScene(
            front.ctx.text,
            lambda choice: None,
            reason=long_text(front, 80),
            wait_for=long_text(front, 30),
        )
    )
    look(front, drawn, failures, "pause")
    front.stack.clear()
    drawn.clear()
    front.stack.push(NamesScene(front.ctx, names, remember=False, players=(Player.P1,)))
    look(front, drawn, failures, "solo names")
    front.stack.clear()
    drawn.clear()
    solo = [PassResult.from_outcome(outcome, Player.P1)] * 3
    front.stack.push(PracticeLapScene(front.ctx, solo, lambda: None, lambda: None))
    look(front, drawn, failures, "practice lap")
    front.stack.clear()
    drawn.clear()
    pair = [PassResult.pair_from_outcome(outcome, 80.0)] * 3
    front.stack.push(PracticeLapScene(front.ctx, pair, lambda: None, lambda: None, done=True))
    look(front, drawn, failures, "duet practice lap")
    front.stack.clear()
    drawn.clear()
    results = ResultsScene(front.ctx, outcome)
    front.stack.push(results)
    look(front, drawn, failures, "results, then together", [pygame.K_TAB], seconds=0.7)
    assert results.view == "together"
    front.stack.clear()
    drawn.clear()
    front.stack.push(MatchCalibrationPanel(front.ctx, outcome, names))
    look(front, drawn, failures, "calibrate from this match")
    assert not failures, failures


def test_practice_shows_one_card_the_played_tempo_and_length_and_scroll(front, drawn):  # noqa: F811
    args = {"seed": 3, "style": "rock", "bpm": 120.0, "difficulty": 3, "bars": 4, "parts": "unison"}
    plan = MatchPlan("practice", args, rate=0.75, practice_player=Player.P2)
    drawn.clear()
    front.stack.push(front.flow.build_play(plan, lambda play, outcome: None))
    failures: dict = {}
    look(front, drawn, failures, "practice play", seconds=3.0)
    assert not failures, failures
    texts = [text for text, _, _ in drawn]
    # a card draws its player's accuracy: only the player's card, not the guide's
    cards = [text for text in texts if text.endswith("%") and text[0].isdigit()]
    assert len(cards) == 1, texts
    chart_s = 4 * 4 * 60 / 120.0
    assert any("90 BPM" in text for text in texts), texts
    assert any(text.endswith(clock_text(chart_s / 0.75)) for text in texts), texts
    assert any(text.startswith("scroll ") for text in texts) and not any(
        "speed" in t for t in texts
    )


def test_the_sound_notice_keeps_clear_of_the_centre_panels_edge(front, drawn):  # noqa: F811
    args = {"seed": 3, "style": "rock", "bpm": 120.0, "difficulty": 3, "bars": 4, "parts": "unison"}
    play = front.flow.build_play(MatchPlan("versus", args), lambda play, outcome: None)
    notice = "cannot decode audio /home/player/Music/" + long_text(front, 60) + ".ogg - playing"
    play.audio.notice = notice + " without the song's music"
    drawn.clear()
    front.stack.push(play)
    failures: dict = {}
    look(front, drawn, failures, "a match with a sound notice", seconds=3.0)
    assert not failures, failures
    [box] = [box for text, box, _ in drawn if text.startswith("cannot decode")]
    panel, box = centre_panel_rect(), pygame.Rect(box)
    inside, outside = panel.inflate(-4, -4).contains(box), not panel.colliderect(box)
    assert inside or outside, f"the notice {box} crosses the centre panel's edge {panel}"
