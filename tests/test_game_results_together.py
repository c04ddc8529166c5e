"""The results screen's together view and the way into duet practice."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np
import pygame
import pytest
from test_game_results import build_outcome, press

from drumsync.core import generate_chart
from drumsync.core.pair_words import headline
from drumsync.game.app import GameApp
from drumsync.game.match.plan import PAIR_PRACTICE_RATE
from drumsync.game.runtime.loop import VirtualTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.results.scene import HISTOGRAM_RECT, OFFSET_RECT, ResultsScene


@pytest.fixture(scope="module")
def chart():
    return generate_chart(5, "dance-pop", 120.0, 3, 24)


@pytest.fixture
def app(chart, data_dir):
    app = GameApp(
        GameOptions.build(chart, sound=False, vsync=False, save_replay=False), VirtualTimer(100.0)
    )
    yield app
    app.stack.clear()
    app.close()


def shown(app, outcome, **kwargs) -> ResultsScene:
    scene = ResultsScene(app.ctx, outcome, **kwargs)
    app.stack.push(scene)
    scene.update(app.timer.now())
    return scene


def test_tab_swaps_the_bottom_row_for_the_together_view(app, chart, tmp_path):
    outcome = build_outcome(chart, "musician", "ideal", seed=2)
    scene = shown(app, outcome)
    canvas = app.display.canvas
    scene.draw(canvas)
    timing = pygame.surfarray.array3d(canvas).copy()
    press(app, scene, pygame.K_TAB)
    assert scene.view == "together"
    scene.draw(canvas)
    together = pygame.surfarray.array3d(canvas).copy()
    pygame.image.save(canvas, str(tmp_path / "together.png"))
    row = OFFSET_RECT.union(HISTOGRAM_RECT)
    top = (slice(None), slice(0, row.y - 1))
    assert np.array_equal(timing[top], together[top])  # cards and sync panel unchanged
    assert not np.array_equal(
        timing[row.x : row.right, row.y : row.bottom],
        together[row.x : row.right, row.y : row.bottom],
    )
    words = headline(outcome.report.coordination.strategy, scene.names)
    assert any(key[0] == words for key in app.ctx.text._surfaces)
    press(app, scene, pygame.K_TAB)
    assert scene.view == "timing"


def test_p_starts_duet_practice_on_the_weakest_section_at_the_chosen_speed(app, chart):
    outcome = build_outcome(chart, "nonmusician", "musician", seed=4)
    calls = []
    scene = shown(app, outcome, on_practice=lambda section, rate: calls.append((section, rate)))
    assert scene.practice_rate == PAIR_PRACTICE_RATE
    press(app, scene, pygame.K_LEFT)
    press(app, scene, pygame.K_p)
    [(section, rate)] = calls
    assert section == outcome.report.coordination.weakest_section()
    assert rate < PAIR_PRACTICE_RATE


def test_without_a_practice_offer_p_only_explains(app, chart):
    scene = shown(app, build_outcome(chart, "steady", "ideal"))
    press(app, scene, pygame.K_p)
    assert scene.toast_visible() and "duet" in scene.toast
