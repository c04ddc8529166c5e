"""The judgement pop-up's offset line ("17 ms early") sits on a dark plate, so it can be read
over a falling note; plate and text are composed once per offset text, never per frame."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"


import numpy as np
import pygame
import pytest

from drumsync.core.generator import generate_chart
from drumsync.core.voices import PLAYERS, Voice
from drumsync.core.windows import Tier
from drumsync.game.app import GameApp
from drumsync.game.runtime import theme
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.play.popups import POPUP_S, JudgementPopup, offset_text
from drumsync.game.screens.play.scene import PlayScene


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DRUMSYNC_DATA_DIR", str(tmp_path / "data"))
    chart = generate_chart(3, "rock", 120.0, 4, 4)
    options = GameOptions.build(chart, sound=False, vsync=False, save_replay=False)
    app = GameApp(options, VirtualTimer(100.0))
    yield app
    app.stack.clear()
    app.close()


def luminance(pixels: np.ndarray) -> np.ndarray:
    return pixels[..., :3].astype(float) @ np.array([0.2126, 0.7152, 0.0722])


def test_the_offset_line_is_on_a_dark_plate_over_a_bright_note(app):
    note = theme.VOICE_COLOURS[Voice.HIHAT]  # the brightest notes
    popup = JudgementPopup(200, theme.HIT_LINE_Y - 120, app.ctx.text)
    popup.show(Tier.GREAT, -17.2, 10.0)
    canvas = pygame.Surface((400, 720))
    canvas.fill(note)
    popup.draw(canvas, 10.05)
    rect = popup.detail_rect(10.05)
    assert rect is not None and popup.detail == "17 ms early"
    region = pygame.surfarray.array3d(canvas.subsurface(rect))
    lum = luminance(region)
    background = float(luminance(np.array(note)))
    # most of the plate is dark, however bright the note under it...
    assert np.median(lum) < 0.35 * background
    # ...and the words on it are bright: high contrast inside the plate
    assert lum.max() > 180 and lum.max() - np.median(lum) > 140
    # the label above is not covered by the plate
    assert rect.top > popup.y


def test_plate_and_words_are_composed_once_per_offset_text(app):
    text = app.ctx.text
    popup = JudgementPopup(200, theme.HIT_LINE_Y - 120, text)
    canvas = pygame.Surface((400, 720))
    offsets = [-17.0, 4.0, -17.0, 4.0, 0.2, -17.0]
    t = 0.0
    popup.show(Tier.PERFECT, offsets[0], t)
    popup.draw(canvas, t + 0.01)
    renders, builds = text.renders, popup.plate_builds
    for frame in range(30):  # the same pop-up frame after frame: nothing new is rendered
        popup.draw(canvas, t + 0.01 + frame / 120)
    assert (text.renders, popup.plate_builds) == (renders, builds)
    for offset in offsets:
        t += 0.3
        popup.show(Tier.GREAT, offset, t)
        for frame in range(10):
            popup.draw(canvas, t + frame / 60)
    assert popup.plate_builds == len({offset_text(o) for o in offsets})


def test_a_miss_has_no_offset_line_and_a_finished_popup_draws_nothing(app):
    popup = JudgementPopup(200, theme.HIT_LINE_Y - 120, app.ctx.text)
    popup.show(Tier.MISS, float("nan"), 1.0)
    assert popup.detail == "" and popup.detail_rect(1.1) is None
    popup.show(Tier.GOOD, 40.0, 2.0)
    assert popup.detail_rect(2.0 + POPUP_S) is None
    canvas = pygame.Surface((400, 720))
    canvas.fill((1, 2, 3))
    popup.draw(canvas, 2.0 + POPUP_S + 0.01)
    assert pygame.transform.average_color(canvas)[:3] == (1, 2, 3)


def test_the_plate_fades_out_with_the_popup(app):
    note = theme.VOICE_COLOURS[Voice.HIHAT]
    popup = JudgementPopup(200, theme.HIT_LINE_Y - 120, app.ctx.text)
    popup.show(Tier.GREAT, 30.0, 0.0)

    def plate_lum(t):
        canvas = pygame.Surface((400, 720))
        canvas.fill(note)
        popup.draw(canvas, t)
        return float(
            np.median(luminance(pygame.surfarray.array3d(canvas.subsurface(popup.detail_rect(t)))))
        )

    early, late = plate_lum(0.1), plate_lum(POPUP_S * 0.9)
    assert early < late < float(luminance(np.array(note)))


def test_in_the_play_scene_the_plate_stays_on_its_highway_above_the_pads(app):
    scene = PlayScene(app.ctx)
    app.stack.push(scene)
    for player in PLAYERS:
        popup = scene.popups[player]
        highway = scene.highways[player].rect
        popup.show(Tier.GREAT, -135.0, 5.0)  # the widest offset text
        for t in (5.0, 5.0 + POPUP_S / 2, 5.0 + POPUP_S - 0.01):
            rect = popup.detail_rect(t)
            assert highway.left < rect.left and rect.right < highway.right
            assert highway.top < rect.top and rect.bottom < theme.HIT_LINE_Y - theme.PAD_SIZE // 2
