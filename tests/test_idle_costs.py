"""Idle screens idle: the title draws only what moves, idle screens sleep to the next frame,
and a match keeps its millisecond polling (issue 10). CPU itself is measured by the bench."""

from __future__ import annotations

import pygame
import pytest

from drumsync.game.runtime.input.poller import InputPoller
from drumsync.game.runtime.loop import FramePacer, MainLoop, VirtualTimer
from drumsync.game.runtime.scenes import Scene, SceneStack
from drumsync.game.screens.play.demo import DemoScene
from drumsync.game.screens.play.scene import PlayScene
from drumsync.game.screens.title.layers import DRUMMER_AREA, POSE_RATE_HZ
from drumsync.game.screens.title.scene import IDLE_FRAME_RATE_HZ, TitleScene
from tests.test_game_title import app, frame, title  # noqa: F401  (the app fixture)


def _run_loop(scene: Scene, seconds: float = 1.0):
    timer = VirtualTimer()
    stack = SceneStack()
    stack.push(scene)
    frames = []
    poller = InputPoller(lambda: [], timer.now)
    pacer = FramePacer(1 / 60)

    def render(now_s):
        frames.append(now_s)
        pacer.scene_interval_s = stack.frame_interval_s()

    loop = MainLoop(
        timer,
        poller,
        pacer,
        lambda stamped: None,
        render,
        lambda: timer.advance(0.001),
        lambda: timer.now() < seconds,
        poll_interval_s=stack.poll_interval_s,
    )
    loop.run()
    return frames, poller.polls


class IdleScreen(Scene):
    poll_interval_s = None
    frame_rate_hz = 24.0


def test_an_idle_screen_sleeps_to_its_frame_deadline():
    frames, polls = _run_loop(IdleScreen())
    assert 23 <= len(frames) <= 25
    assert polls <= 3 * len(frames) + 3  # a poll per frame (and one before each flip)


def test_a_match_keeps_polling_every_millisecond():
    frames, polls = _run_loop(Scene())
    assert 59 <= len(frames) <= 61
    assert polls >= 800


def test_the_title_and_demo_ask_for_few_frames_and_the_match_for_fast_input():
    assert TitleScene.poll_interval_s is None and TitleScene.frame_rate_hz == 24.0
    assert DemoScene.frame_rate_hz == 20.0 and DemoScene.poll_interval_s <= 0.010
    assert PlayScene.poll_interval_s == 0.001 and PlayScene.frame_rate_hz is None


def test_the_title_draws_only_what_moves_and_looks_the_same(app):  # noqa: F811
    scene, _ = title(app)
    for _ in range(int(IDLE_FRAME_RATE_HZ)):  # one second at the title's frame rate
        frame(app, 1 / IDLE_FRAME_RATE_HZ)
    assert scene.full_redraws == 1
    assert scene._layer.redraws == pytest.approx(POSE_RATE_HZ, abs=2)
    partial = pygame.image.tobytes(app.display.canvas, "RGB")
    # the same moment drawn from scratch gives the same picture
    scene._drawn_state = None
    scene.draw(app.display.canvas)
    assert scene.full_redraws == 2
    assert pygame.image.tobytes(app.display.canvas, "RGB") == partial


def test_the_title_draws_everything_again_when_uncovered(app):  # noqa: F811
    scene, _ = title(app)
    frame(app)
    app.display.canvas.fill((255, 0, 255), DRUMMER_AREA.move(0, 200))  # a menu's pixels
    over = Scene()
    app.stack.push(over)
    app.stack.pop()
    frame(app)
    assert scene.full_redraws == 2
    pixels = pygame.PixelArray(app.display.canvas)
    try:
        assert app.display.canvas.map_rgb((255, 0, 255)) not in [pixels[640, 650]]
    finally:
        pixels.close()
