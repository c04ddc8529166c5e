"""Deterministic timings of the play scene, for the benchmark.

A match runs on a :class:`~drumsync.game.runtime.loop.VirtualTimer` with simulated drummers, through
the real window, input loop and scenes, so every run draws the same frames. Works with any
SDL video driver: set ``DISPLAY`` (Xvfb) for a real X11 window, or ``SDL_VIDEODRIVER=dummy``.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pygame

from ..game.app import GameApp
from ..game.runtime.input.poller import InputPoller
from ..game.runtime.loop import FramePacer, MainLoop, VirtualTimer
from ..game.runtime.options import GameOptions
from ..game.screens.play import PlayScene


def _bot_options(options: GameOptions) -> GameOptions:
    """The same match with a bot on every seat, no sound, no vsync, nothing filed."""
    match = dataclasses.replace(
        options.match,
        p1_bot=options.match.p1_bot or "steady",
        p2_bot=options.match.p2_bot or "partner",
        save_replay=False,
        replay_out=None,
    )
    return dataclasses.replace(
        options,
        match=match,
        window=dataclasses.replace(options.window, headless=False, vsync=False),
        sound=dataclasses.replace(options.sound, enabled=False),
    )


class _Run:
    def __init__(self, options: GameOptions, fps: float = 60.0) -> None:
        self.timer = VirtualTimer()
        self.app = GameApp(_bot_options(options), self.timer)
        self.scene = PlayScene(self.app.ctx, on_finished=lambda outcome: None)
        self.app.stack.push(self.scene)
        poller = InputPoller(self.app._source, self.timer.now)
        self.loop = MainLoop(
            self.timer,
            poller,
            FramePacer(1.0 / fps),
            self.app._dispatch,
            self.app._render,
            self.app.display.flip,
            self.app.running,
        )

    def run_to(self, song_time_s: float) -> None:
        while self.scene.song_time_s < song_time_s and self.loop.step():
            pass

    def close(self) -> None:
        self.app.stack.clear()
        self.app.close()


def play_frame_times_ms(
    options: GameOptions,
    frames: int = 600,
    warmup: int = 60,
    flip: bool = False,
    start_s: float = 0.0,
) -> np.ndarray:
    """Wall-clock cost (ms) of update + draw of the play scene for ``frames`` frames at 60 fps
    song time from ``start_s``, bots playing; with ``flip`` the present and flip of the window
    are included."""
    run = _Run(options)
    costs = []
    try:
        app, timer = run.app, run.timer
        run.run_to(start_s)
        for _ in range(warmup + frames):
            timer.advance(1.0 / 60.0)
            for stamped in run.loop.poller.poll():
                app._dispatch(stamped)
            start = time.perf_counter()
            app.stack.update(timer.now())
            app.stack.draw(app.display.canvas)
            if flip:
                app.display.present()
                app.display.flip()
            costs.append(time.perf_counter() - start)
    finally:
        run.close()
    return np.array(costs[warmup:]) * 1000.0


def floor_frame_times_ms(options: GameOptions, frames: int = 600, warmup: int = 60) -> np.ndarray:
    """The floor of a frame on the same window: clear, one background blit, present, flip."""
    run = _Run(options)
    costs = []
    try:
        display = run.app.display
        background = pygame.Surface(display.canvas.get_size()).convert()
        background.fill((24, 28, 40))
        for _ in range(warmup + frames):
            start = time.perf_counter()
            display.canvas.fill((0, 0, 0))
            display.canvas.blit(background, (0, 0))
            display.present()
            display.flip()
            costs.append(time.perf_counter() - start)
    finally:
        run.close()
    return np.array(costs[warmup:]) * 1000.0
