"""Screenshots of the game's screens: ``python -m drumsync.tools.screenshots OUT_DIR``.

Writes ``play.png`` (mid-song: notes, pads, judgement pop-ups, the sync meter), ``paused.png``
(the pause menu over the match), ``results.png`` (the results scene, when
``drumsync.game.screens.results.scene`` exists) and ``together.png`` (its Tab view: how the
pair played together), then the menus from
:mod:`drumsync.tools.menu_screenshots`: ``title.png``, ``tour.png``, ``free_play.png``,
``scores.png``, ``scores_pair.png``, ``settings.png`` and ``calibration.png``. Each is the
1280x720 logical canvas.

The run is deterministic: a fixed generated chart, two simulated drummers pressing the
default keys (as people would: the pads show the keys and the players' names), and a
virtual clock stepped one 60 Hz frame at a time; the menus are reached by key presses from
the title, with the sound off. It runs in fresh, empty config and data folders (the user's
settings, scores and tour progress are neither read nor written) with the article shipped
with the game. It uses the X display named by ``DISPLAY`` (e.g. under Xvfb) when there is
one, else SDL's dummy video driver; an ``SDL_VIDEODRIVER`` already set wins. Window-system
events (focus, resize) are ignored so the pictures do not depend on the display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pygame

from ..core import generate_chart
from ..core.voices import Player
from ..game.app import GameApp
from ..game.flow import results_scene
from ..game.match.bots import BotKeyboard
from ..game.runtime.input.keyboard import DEFAULT_BINDINGS
from ..game.runtime.loop import VirtualTimer
from ..game.runtime.options import GameOptions
from ..game.screens.play.scene import Phase, PlayScene
from .canvas_shot import save_screen
from .menu_screenshots import private_folders, take_menu_screenshots
from .shot_cast import BOT_SEED, DRUMMERS, FRAME_S, NAMES

CHART_ARGS = {
    "seed": 11,
    "style": "dance-pop",
    "bpm": 120.0,
    "difficulty": 5,
    "bars": 8,
    "parts": "unison",
}
#: play.png shows the frame this long after the first note past this fraction of the song.
PLAY_AT_FRACTION = 0.55
AFTER_NOTE_S = 0.12
RESULTS_SETTLE_S = 1.0


def _choose_video_driver() -> str:
    if "SDL_VIDEODRIVER" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    driver = os.environ.get("SDL_VIDEODRIVER")
    return driver or f"x11 on DISPLAY={os.environ.get('DISPLAY')}"


class Shooter:
    """Drives one match frame by frame on a virtual clock and saves pictures of it."""

    def __init__(self, out_dir: Path) -> None:
        self.pygame = pygame
        self.out_dir = out_dir
        self.chart = generate_chart(**CHART_ARGS)
        options = GameOptions.build(
            self.chart,
            mode="duet",
            names=NAMES,
            sound=False,
            vsync=False,
            save_replay=False,
            fps=60.0,
            bindings=DEFAULT_BINDINGS,
        )
        self.timer = VirtualTimer(100.0)
        self.app = GameApp(options, self.timer)
        self.outcomes: list = []
        self.play = PlayScene(self.app.ctx, on_finished=self.outcomes.append)
        self.app.stack.push(self.play)
        drummers = {Player.P1: DRUMMERS[0], Player.P2: DRUMMERS[1]}
        self.keys = BotKeyboard.for_players(
            self.chart, drummers, DEFAULT_BINDINGS, pygame.key.key_code, self._post, BOT_SEED
        )
        self.written: list[Path] = []

    def _post(self, key: int, source: str, song_time_s: float) -> None:
        pygame = self.pygame
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0))

    def press(self, key: int) -> None:
        """A key press from the person at the keyboard (Esc, Enter...)."""
        self.app.stack.handle(
            self.pygame.event.Event(self.pygame.KEYDOWN, key=key, mod=0), self.timer.now()
        )

    def step(self) -> None:
        """One frame: the drummers' due key presses, input, update (no drawing)."""
        pygame = self.pygame
        self.timer.advance(FRAME_S)
        now = self.timer.now()
        if self.play.phase is Phase.PLAYING and self.app.stack.top is self.play:
            self.keys.post_due(self.play.audio.time_at(now))
        for event in pygame.event.get():
            if event.type in (pygame.KEYDOWN, pygame.KEYUP):
                self.app.stack.handle(event, now)
        self.app.stack.update(now)

    def run_until(self, done, limit_s: float = 600.0) -> None:
        end = self.timer.now() + limit_s
        while not done():
            if self.timer.now() > end:
                raise RuntimeError("the match did not get there on the virtual clock")
            self.step()

    def shoot(self, name: str) -> Path:
        path = save_screen(self.app, self.app.stack, self.out_dir / name)
        self.written.append(path)
        return path

    def play_moment_s(self) -> float:
        """Song time of the play screenshot: just after a note, past the middle of the song."""
        times = self.chart.part(Player.P1).time_s
        target = PLAY_AT_FRACTION * self.chart.duration_s
        later = times[times >= target]
        return float(later[0] if len(later) else target) + AFTER_NOTE_S

    def close(self) -> None:
        self.app.stack.clear()
        self.app.close()


def take_screenshots(out_dir: Path) -> list[Path]:
    """Write the screenshots into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    driver = _choose_video_driver()
    with private_folders():
        written = _match_screenshots(out_dir, driver)
        written += take_menu_screenshots(out_dir)
    return written


def _match_screenshots(out_dir: Path, driver: str) -> list[Path]:
    shooter = Shooter(out_dir)
    pygame = shooter.pygame
    try:
        print(f"video driver: {driver}; chart: {shooter.chart.meta.title!r}")
        moment = shooter.play_moment_s()
        shooter.run_until(lambda: shooter.play.song_time_s >= moment)
        shooter.shoot("play.png")
        shooter.press(pygame.K_ESCAPE)
        shooter.shoot("paused.png")
        shooter.press(pygame.K_ESCAPE)  # resume (after a count-down)
        shooter.run_until(lambda: bool(shooter.outcomes))
        _results(shooter)
    finally:
        shooter.close()
    return shooter.written


def _results(shooter: Shooter) -> None:
    # As after a duet started from the menus, which offers duet practice (the picture only
    # shows its key; nothing is started).
    results = results_scene(shooter.app.ctx, shooter.outcomes[0], on_practice=lambda *_: None)
    shooter.app.stack.push(results)
    end = shooter.timer.now() + RESULTS_SETTLE_S
    shooter.run_until(lambda: shooter.timer.now() >= end)
    shooter.shoot("results.png")
    shooter.press(shooter.pygame.K_TAB)
    end = shooter.timer.now() + RESULTS_SETTLE_S
    shooter.run_until(lambda: shooter.timer.now() >= end)
    shooter.shoot("together.png")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m drumsync.tools.screenshots",
        description=(
            "Render screenshots of the game as PNG: the match (play, pause, results) and the "
            "menus (title, Summit Tour, free play, settings, calibration)."
        ),
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="folder for the PNGs")
    args = parser.parse_args(argv)
    for path in take_screenshots(args.out_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
