"""Screenshots of the menus, taken by playing through the game's front door.

Writes ``title.png`` (the drummers mid-groove), ``how_to_play.png`` (before the first
match), ``tour.png`` (the Summit Tour after its first stage was played and cleared),
``scores.png`` and ``scores_pair.png`` (its pair view, after Tab), ``free_play.png`` (a
typed seed, the preview settled), ``settings.png`` and ``calibration.png`` (the result of a
visual test: some twenty taps and a stray one), each the 1280x720 logical canvas.

The run is the game as a player meets it: :class:`~drumsync.game.front.Front` opens on the
title on a virtual clock with the sound off, and every step is a key press through SDL's
event queue, polled every millisecond and stamped as the game's own loop does. The players
name themselves "Ada" and "Ben" when the first match asks; the match (stage 1 of the tour)
is drummed by two simulated players through the same key presses, so the stage is cleared,
scored and filed by the game itself. The calibration taps follow the flashes a little late
with a fixed spread (the audio test needs sound, which is off here).

:func:`private_folders` gives the run empty config and data folders and the article shipped
with the game, so nothing of the user's (settings, scores, tour progress, another article)
shows in the pictures or is written to.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pygame

from ..core.voices import PLAYERS, Voice
from ..game.app import GameApp
from ..game.front import Front, front_options
from ..game.match.bots import BotKeyboard, pygame_poster
from ..game.match.session import Session
from ..game.runtime.loop import VirtualTimer
from ..game.screens.calibration.scene import CalibrationScene
from ..game.screens.calibration.session import Phase as CalibrationPhase
from ..game.screens.how_to_play import HowToPlayScene
from ..game.screens.loading.tip_card import TipCardScene
from ..game.screens.modes.scene import ModeScene
from ..game.screens.names.scene import NamesScene
from ..game.screens.play.scene import Phase as PlayPhase
from ..game.screens.play.scene import PlayScene
from ..game.screens.results.scene import ResultsScene
from ..game.screens.scores import ScoresScene
from ..game.screens.tour.scene import TourScene
from ..game.widgets.drummer_stage import title_timeline
from ..storage.paths import CONFIG_DIR_ENV, DATA_DIR_ENV
from .canvas_shot import save_screen
from .shot_cast import BOT_SEED, DRUMMERS, FRAME_S, NAMES

#: The virtual clock's reading when the window opens.
START_S = 100.0
#: Input is polled this often, as in the game's loop.
POLL_S = 0.001
#: The screen is drawn every this many frames (10 a second: enough for the scenes that wait
#: for their first drawing; a picture is always drawn when it is taken).
DRAW_EVERY = 6
#: A person's key presses are this far apart (the screen answers in between).
PRESS_GAP_S = 0.2
#: title.png: this many beats of the drummers' loop after the title opens (past the middle of
#: a beat: sticks up, the logo's shadows and the two rings drifting apart, the prompt bright).
TITLE_AT_BEATS = 6.6
#: Free play: the mode, and the seed typed in (so no random seed is drawn).
FREE_PLAY_MODE = "versus"
FREE_PLAY_SEED = "482913"
#: Calibration taps: this late on average (ms), this spread, and one stray tap.
TAP_LATE_MS = 38.0
TAP_SPREAD_MS = 9.0
TAP_SEED = 7
STRAY_TAP = (12, 165.0)  # (tapping beat, ms after it)
#: How long a screen is given before its picture (animations settle, results accept keys).
SETTLE_S = 1.0
SEEDS_ENV = "DRUMSYNC_SEEDS"


@contextlib.contextmanager
def private_folders() -> Iterator[Path]:
    """Fresh, empty config and data folders and the shipped article for the run; the
    environment is put back afterwards and the folders deleted."""
    names = (CONFIG_DIR_ENV, DATA_DIR_ENV, SEEDS_ENV)
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="drumsync-screenshots-") as folder:
        home = Path(folder)
        os.environ[CONFIG_DIR_ENV] = str(home / "config")
        os.environ[DATA_DIR_ENV] = str(home / "data")
        os.environ.pop(SEEDS_ENV, None)
        try:
            yield home
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


class FrontPlayer:
    """The game's front door on a virtual clock, and a person at its keyboard."""

    def __init__(self, out_dir: Path) -> None:
        self.pygame = pygame
        self.play_scene = PlayScene
        self.out_dir = out_dir
        self.written: list[Path] = []
        self.timer = VirtualTimer(START_S)
        self.session = Session.open()
        try:
            options = front_options(self.session, sound=False, vsync=False, fps=60.0)
            self.app = GameApp(options, self.timer)
        except BaseException:
            self.session.close()
            raise
        pygame.event.clear()  # nothing left over from an earlier window
        self.front = Front(self.app, self.session)
        self.stack = self.app.stack
        self.frames = 0
        self.last_poll_s = self.timer.now()
        self.stack.push(self.front.title())

    @property
    def top(self):
        return self.stack.top

    # -- the loop -------------------------------------------------------------------------------
    def poll(self, now_s: float) -> None:
        """One input poll at ``now_s``: the pre-poll hooks (which may post key presses), then
        the queued key events, stamped midway since the last poll. Window events are left
        out so the pictures do not depend on the display."""
        pygame = self.pygame
        self.timer.advance(now_s - self.timer.now())
        for hook in tuple(self.front.ctx.pre_poll):
            hook(now_s)
        stamp_s = (self.last_poll_s + now_s) / 2.0
        self.last_poll_s = now_s
        for event in pygame.event.get():
            if event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT):
                self.stack.handle(event, stamp_s)

    def frame(self) -> None:
        """Polls up to the next 60 Hz frame, then update, and now and then draw (the match is
        not drawn: no picture of it is taken here)."""
        self.frames += 1
        due_s = START_S + self.frames * FRAME_S
        while self.timer.now() + POLL_S < due_s:
            self.poll(self.timer.now() + POLL_S)
        self.poll(due_s)
        self.stack.update(due_s)
        drawn = self.frames % DRAW_EVERY == 0 and not isinstance(self.top, self.play_scene)
        if drawn and self.stack:
            self.stack.draw(self.app.display.canvas)

    def wait(self, seconds: float) -> None:
        end = self.timer.now() + seconds
        while self.timer.now() < end - 1e-9:
            self.frame()

    def wait_for(self, done: Callable[[], bool], what: str, limit_s: float = 300.0) -> None:
        end = self.timer.now() + limit_s
        while not done():
            if self.timer.now() > end:
                raise RuntimeError(f"the game did not get to {what} on the virtual clock")
            self.frame()

    def wait_for_screen(self, scene_type, what: str) -> None:
        self.wait_for(lambda: isinstance(self.top, scene_type), what)

    # -- the person at the keyboard -------------------------------------------------------------
    def post(self, kind: int, **attributes) -> None:
        self.pygame.event.post(self.pygame.event.Event(kind, **attributes))

    def press(self, key: int, unicode: str = "", mod: int = 0) -> None:
        """Press and release ``key``, then watch the screen a moment."""
        pygame = self.pygame
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode=unicode)
        self.wait(PRESS_GAP_S)

    def type_text(self, text: str) -> None:
        """Type ``text`` into a name field (text arrives as TEXTINPUT, one per character)."""
        for char in text:
            self.post(self.pygame.TEXTINPUT, text=char)
            self.wait(PRESS_GAP_S / 2)

    def type_number(self, digits: str) -> None:
        """Type digits into a number row (key presses carrying their characters)."""
        for char in digits:
            self.press(self.pygame.key.key_code(char), unicode=char)

    def choose(self, menu, key: str) -> None:
        """Walk a menu (or a form) down to the entry ``key``, as a player reading the screen
        would."""
        for _ in range(len(getattr(menu, "items", None) or menu.rows)):
            selected = getattr(menu, "selected_item", None) or menu.selected_row
            if selected.key == key:
                return
            self.press(self.pygame.K_DOWN)
        raise RuntimeError(f"no {key!r} entry in the menu")

    # -- pictures -------------------------------------------------------------------------------
    def shoot(self, name: str) -> Path:
        path = save_screen(self.app, self.stack, self.out_dir / name)
        self.written.append(path)
        return path

    def close(self) -> None:
        try:
            self.stack.clear()
            self.front.close()
        finally:
            self.session.close()
            self.app.close()


class Drummers:
    """A pre-poll hook: the two simulated players drum whatever match is on top through key
    presses (as ``run_front``'s hooks and the game's own bots do)."""

    def __init__(self, player: FrontPlayer) -> None:
        self.player = player
        self.playing = PlayPhase.PLAYING
        self.play = None
        self.keys = None

    def __call__(self, now_s: float) -> None:
        play = self.player.top
        if not isinstance(play, self.player.play_scene):
            return
        if play is not self.play:
            self.play = play
            self.keys = self._keyboard(play)
        if play.phase is self.playing:
            self.keys.post_due(play.audio.time_at(now_s))

    @staticmethod
    def _keyboard(play):
        models = dict(zip(PLAYERS, DRUMMERS, strict=True))
        bindings = play.ctx.options.players.bindings
        return BotKeyboard.for_players(
            play.chart, models, bindings, pygame.key.key_code, pygame_poster, BOT_SEED
        )


class Taps:
    """A pre-poll hook: one key pressed at given times on the virtual clock."""

    def __init__(self, player: FrontPlayer, key: int, times_s: Sequence[float]) -> None:
        self.player = player
        self.key = key
        self.times_s = sorted(times_s)
        self.next = 0

    def __call__(self, now_s: float) -> None:
        pygame = self.player.pygame
        while self.next < len(self.times_s) and self.times_s[self.next] <= now_s:
            self.player.post(pygame.KEYDOWN, key=self.key, mod=0, unicode="")
            self.player.post(pygame.KEYUP, key=self.key, mod=0, unicode="")
            self.next += 1


# --- the walk through the menus -----------------------------------------------------------------


def take_menu_screenshots(out_dir: Path) -> list[Path]:
    """Write the menu screenshots into ``out_dir`` (run inside :func:`private_folders`)."""
    player = FrontPlayer(out_dir)
    try:
        _title(player)
        _tour(player)
        _free_play(player)
        _settings(player)
        _calibration(player)
    finally:
        player.close()
    return player.written


def _title(player: FrontPlayer) -> None:
    player.wait(TITLE_AT_BEATS * title_timeline().beat_s)
    player.shoot("title.png")


def _tour(player: FrontPlayer) -> None:
    """Duet on the Summit Tour: names first, then stage 1 played and cleared."""
    pygame = player.pygame
    player.press(pygame.K_RETURN)  # the title: on to the modes
    player.wait_for_screen(ModeScene, "the mode menu")
    player.choose(player.top.menu, "duet")
    player.press(pygame.K_RETURN)  # duet: now where
    player.choose(player.top.where, "tour")
    player.press(pygame.K_RETURN)
    player.wait_for_screen(NamesScene, "the names screen")
    for name in NAMES:
        player.press(pygame.K_BACKSPACE, mod=pygame.KMOD_CTRL)  # clear the name shown
        player.type_text(name)
        player.press(pygame.K_TAB)
    player.press(pygame.K_RETURN)
    player.wait_for_screen(HowToPlayScene, "the how-to-play card")
    player.wait(SETTLE_S)
    player.shoot("how_to_play.png")
    player.press(pygame.K_RETURN)
    player.wait_for_screen(TourScene, "the Summit Tour")
    player.wait(SETTLE_S)
    player.press(pygame.K_RETURN)  # stage 1: its intro card
    player.wait_for_screen(TipCardScene, "the stage's intro card")
    player.wait_for(lambda: player.top.ready, "the stage's intro card, ready")
    player.wait(SETTLE_S)
    drummers = Drummers(player)
    player.front.ctx.pre_poll.append(drummers)
    try:
        player.press(pygame.K_RETURN)
        player.wait_for_screen(PlayScene, "the match")
        player.wait_for_screen(ResultsScene, "the results")
    finally:
        player.front.ctx.pre_poll.remove(drummers)
    player.wait(2 * SETTLE_S)
    player.press(pygame.K_ESCAPE)
    player.wait_for_screen(TourScene, "the Summit Tour again")
    player.wait(SETTLE_S)
    player.shoot("tour.png")
    player.press(pygame.K_ESCAPE)
    player.wait_for_screen(ModeScene, "the mode menu again")
    player.choose(player.top.menu, "scores")
    player.press(pygame.K_RETURN)
    player.wait_for_screen(ScoresScene, "the scores")
    player.wait(SETTLE_S)
    player.shoot("scores.png")
    player.press(pygame.K_TAB)  # the pair view: Ada & Ben's stage
    player.wait(SETTLE_S)
    player.shoot("scores_pair.png")
    player.press(pygame.K_ESCAPE)
    player.wait_for_screen(ModeScene, "the mode menu, back from the scores")


def _free_play(player: FrontPlayer) -> None:
    """Free play in versus, with a typed seed (a random one would change every run)."""
    pygame = player.pygame
    player.wait_for_screen(ModeScene, "the mode menu")
    player.choose(player.top.menu, FREE_PLAY_MODE)
    player.press(pygame.K_RETURN)
    player.choose(player.top.where, "free")
    player.press(pygame.K_RETURN)
    scene = player.top
    player.choose(scene.form, "seed")
    player.press(pygame.K_RETURN)  # type a seed
    player.type_number(FREE_PLAY_SEED)
    player.press(pygame.K_RETURN)
    player.wait_for(lambda: not scene.preview_pending, "the free play preview")
    player.wait(SETTLE_S)
    player.shoot("free_play.png")


def _settings(player: FrontPlayer) -> None:
    pygame = player.pygame
    player.press(pygame.K_ESCAPE)
    player.wait_for_screen(ModeScene, "the mode menu")
    player.choose(player.top.menu, "settings")
    player.press(pygame.K_RETURN)
    player.wait(SETTLE_S)
    player.shoot("settings.png")


def _calibration(player: FrontPlayer) -> None:
    """Player 1's visual test (the audio test needs sound): taps, then the result."""
    pygame = player.pygame
    player.press(pygame.K_ESCAPE)  # settings: save and back
    player.wait_for_screen(ModeScene, "the mode menu")
    player.choose(player.top.menu, "calibrate")
    player.press(pygame.K_RETURN)
    player.wait_for_screen(CalibrationScene, "the calibration")
    scene = player.top
    if scene.phase is CalibrationPhase.NO_AUDIO:
        player.press(pygame.K_RETURN)  # "Visual test"
    player.press(pygame.K_RETURN)  # "Start"
    if scene.phase is not CalibrationPhase.RUNNING:
        raise RuntimeError(f"the calibration did not start: {scene.message or scene.phase}")
    bindings = scene.ctx.options.players.bindings
    key = pygame.key.key_code(bindings.key_for(scene.player, Voice.KICK))
    taps = Taps(player, key, _tap_times_s(scene.run_started_s, scene.schedule))
    player.front.ctx.pre_poll.append(taps)
    try:
        player.wait_for(lambda: scene.phase is CalibrationPhase.RESULT, "the calibration result")
    finally:
        player.front.ctx.pre_poll.remove(taps)
    player.wait(SETTLE_S)
    player.shoot("calibration.png")


def _tap_times_s(started_s: float, schedule) -> list[float]:
    """A person tapping along: a little late on every beat, spread, and one stray tap."""
    beats = started_s + schedule.tap_beat_times_s()
    late_ms = np.random.default_rng(TAP_SEED).normal(TAP_LATE_MS, TAP_SPREAD_MS, len(beats))
    stray_beat, stray_ms = STRAY_TAP
    times = [*(beats + late_ms / 1000.0), beats[stray_beat] + stray_ms / 1000.0]
    return [float(t) for t in times]


__all__ = ["FrontPlayer", "private_folders", "take_menu_screenshots"]
